// The built crucible-tui (scripts/bundle-tui.mjs bundles it with Ink and React, the
// engine left in tsc's output) starts in a real terminal, loads the engine behind the
// first frame and quits cleanly. Skipped, with the reason, where dist/ is missing or
// older than the TUI's sources (`npm run build`; `npm install` builds it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/helpers/child.js';
import { tempDir } from '../../support/helpers/temp.js';
import { hasTmux, NO_TMUX, tmuxServer, waitForScreen } from './tmux.js';

const bin = join(repoRoot, 'dist/cli/crucible-tui.js');

function builtSkipReason(): string | false {
  if (!existsSync(bin)) return 'dist/ is not built (npm run build)';
  const sources = readdirSync(join(repoRoot, 'src/tui'), { recursive: true, withFileTypes: false })
    .map((f) => join(repoRoot, 'src/tui', String(f)))
    .concat(join(repoRoot, 'src/cli/crucible-tui.ts'));
  const newest = Math.max(...sources.map((f) => statSync(f).mtimeMs));
  return statSync(bin).mtimeMs < newest ? 'dist/ is older than src/tui (npm run build)' : false;
}

const skip = hasTmux ? builtSkipReason() : NO_TMUX;

test('the built crucible-tui imports Ink, React and the TUI from its bundle, not from node_modules or dist/tui', { skip }, () => {
  const files = readdirSync(join(repoRoot, 'dist/cli')).filter((f) => f === 'crucible-tui.js' || /^tui-\w+\.js$/.test(f));
  assert.ok(files.length > 1, 'the entry and its chunks');
  const imports = files.flatMap((f) => [
    ...readFileSync(join(repoRoot, 'dist/cli', f), 'utf8').matchAll(/\bfrom\s*"([^"]+)"|import\("([^"]+)"\)/g),
  ]);
  const specifiers = imports.map((m) => m[1] ?? m[2]!);
  assert.deepEqual(
    specifiers.filter((s) => !s.startsWith('node:') && !s.startsWith('./') && !s.startsWith('../')),
    [],
    'no package is resolved at run time',
  );
  assert.deepEqual(
    specifiers.filter((s) => s.startsWith('../tui/')),
    [],
    'the TUI itself is inside',
  );
  assert.ok(
    specifiers.some((s) => s === '../app/session.js'),
    'the engine stays in tsc output',
  );
});

test(
  'the built crucible-tui --demo draws, runs the agents behind the first frame, and quits on q y',
  { skip, timeout: 90_000 },
  async () => {
    const server = tmuxServer('crucible-bundle');
    const screen = () => server.run('capture-pane', '-p', '-t', 'b');
    const { dir, cleanup } = await tempDir('crucible-tui-bundle-');
    try {
      server.run('new-session', '-d', '-s', 'b', '-x', '100', '-y', '30', 'bash --norc --noprofile');
      server.run('send-keys', '-t', 'b', '-l', `node ${bin} --demo --pace 0 --dir ${join(dir, 'demo')}; echo "exit=$?"`);
      server.run('send-keys', '-t', 'b', 'Enter');
      await waitForScreen(() => /⚑ 1 judgment waiting/.test(screen()), 'the demo to reach its judgment (the engine loaded)', 60_000);
      server.run('send-keys', '-t', 'b', 'q');
      await waitForScreen(() => /Quit\?/.test(screen()), 'the quit question (agents are working)');
      server.run('send-keys', '-t', 'b', 'y');
      await waitForScreen(() => /exit=\d+/.test(screen()), 'crucible-tui to exit', 20_000).catch((error: Error) => {
        throw new Error(`${error.message}\n--- screen ---\n${screen()}`);
      });
      assert.match(screen(), /crucible-tui: run cancelled \(stopped by the human[^]*exit=0/);
    } finally {
      server.kill();
      await cleanup();
    }
  },
);
