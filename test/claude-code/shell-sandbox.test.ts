// The line a Claude Code Bash call is rewritten to, run as Claude Code runs it (`/bin/sh -c LINE`):
// it is inside bubblewrap (the tree writable, /etc and HOME not), sees no secret, and keeps the command intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sandboxedShellLine } from '../../src/tools/shell-sandbox.js';
import { chooseSandbox } from '../../src/tools/os-sandbox.js';
import { defaultConfig } from '../../src/workspace/config.js';
import { tempDir } from '../../support/helpers/temp.js';

const config = defaultConfig();
const choice = await chooseSandbox(config.commands);
const skip = choice.ok ? false : `no sandbox here: ${choice.reason}`;

/** Runs the line the way Claude Code's Bash does, with the parent's whole environment (secrets too). */
function sh(line: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', line], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test(
  'a wrapped Bash line runs in the sandbox: the tree writable, /etc and HOME untouched, no secret seen, quoting intact',
  { skip },
  async () => {
    const t = await tempDir('crucible-cc-shell-');
    try {
      const root = join(t.dir, 'project');
      const home = join(t.dir, 'home');
      await mkdir(root);
      await mkdir(home);
      const env = { ...process.env, HOME: home, FOO_TOKEN: 'secret-foo-token-value', CRUCIBLE_CC_MARK: 'visible' };
      const run = async (command: string) => {
        const wrapped = await sandboxedShellLine(command, { root, config, env });
        assert.ok(wrapped.ok, JSON.stringify(wrapped));
        assert.match(wrapped.line, /^env -i /);
        return sh(wrapped.line, env);
      };

      const written = await run('mkdir -p src && echo made > src/out.txt && pwd');
      assert.equal(written.code, 0, written.stderr);
      assert.equal(await readFile(join(root, 'src', 'out.txt'), 'utf8'), 'made\n');
      assert.equal(written.stdout.trim(), root);

      const etc = await run('touch /etc/crucible-cc-probe');
      assert.notEqual(etc.code, 0);
      assert.equal(existsSync('/etc/crucible-cc-probe'), false);

      const inHome = await run('echo x > "$HOME/crucible-cc-probe" && echo "$HOME"');
      // HOME is an empty scratch folder at the same path inside: the write succeeds there and never reaches the real one.
      assert.equal(inHome.code, 0, inHome.stderr);
      assert.equal(existsSync(join(home, 'crucible-cc-probe')), false, 'a write to HOME stays inside the sandbox');

      const seen = await run('env; cat /proc/self/environ | tr "\\0" "\\n"');
      assert.equal(seen.code, 0, seen.stderr);
      assert.doesNotMatch(seen.stdout, /FOO_TOKEN|secret-foo-token-value/);
      assert.doesNotMatch(seen.stdout, /CRUCIBLE_CC_MARK/, 'only the variables the sandbox passes reach the command');
      assert.match(seen.stdout, /^PATH=/m);

      const quoted = await run(`A='a b'; printf '%s|' "$A" '$A' "it's" \`echo tick\` $((2+3)) "\\$HOME"; echo`);
      assert.equal(quoted.code, 0, quoted.stderr);
      assert.equal(quoted.stdout, "a b|$A|it's|tick|5|$HOME|\n");
    } finally {
      await t.cleanup();
    }
  },
);

test('with "sandbox": "off" said in the config, the command runs as it is, but still sees no secret', async () => {
  const off = { commands: { ...config.commands, sandbox: 'off' as const } };
  const wrapped = await sandboxedShellLine('echo \'x\' "$PLAIN" "$FOO_TOKEN"', {
    root: '/nowhere',
    config: off,
    env: { ...process.env, PLAIN: 'shown', FOO_TOKEN: 'hidden-value' },
  });
  assert.ok(wrapped.ok);
  const output = await new Promise<string>((resolve) => {
    let out = '';
    const child = spawn('/bin/sh', ['-c', wrapped.line], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', () => resolve(out));
  });
  assert.equal(output, 'x shown \n');
});
