import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { collect } from '../../support/helpers/child.js';

/** The demo judgment's two options and what each makes truncate('hello wonderful world', 12) return. */
export const WORD = { label: 'at a word boundary', truncated: 'hello…' } as const;
export const EXACT = { label: 'at exactly max characters', truncated: 'hello wonde…' } as const;
export type Branch = typeof WORD | typeof EXACT;

/** Without the test runner's context, so the child `node --test` runs as a user would run it. */
function plainEnv(): NodeJS.ProcessEnv {
  const { NODE_TEST_CONTEXT: _ours, ...env } = process.env;
  return env;
}

/** Imports the produced src/strings.js in a fresh node and calls its truncate. */
export async function producedTruncate(dir: string, text: string, max: number): Promise<string> {
  const url = pathToFileURL(join(dir, 'src', 'strings.js')).href;
  const script = `const { truncate } = await import(${JSON.stringify(url)}); process.stdout.write(JSON.stringify(truncate(${JSON.stringify(text)}, ${max})));`;
  const run = await collect(
    spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, env: plainEnv(), stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as string;
}

/** The produced library behaves as the branch chose, and its own `node --test` passes. */
export async function assertLibraryFollows(dir: string, branch: Branch): Promise<void> {
  assert.equal(await producedTruncate(dir, 'hello wonderful world', 12), branch.truncated, `truncate cuts ${branch.label}`);
  assert.equal(await producedTruncate(dir, 'short', 10), 'short');
  const own = await collect(spawn(process.execPath, ['--test'], { cwd: dir, env: plainEnv(), stdio: ['ignore', 'pipe', 'pipe'] }));
  assert.equal(own.code, 0, own.stdout + own.stderr);
  assert.match(own.stdout, /# pass 3/);
  assert.match(own.stdout, new RegExp(`truncate cuts ${branch.label}, as decided in D-2`), 'the tests encode the chosen behaviour');
}

/** The reviewer's sign-off names the recorded decision and its behaviour, and not the other one. */
export function assertSignOffNames(notes: string, decisionId: string, branch: Branch): void {
  const other = branch === WORD ? EXACT : WORD;
  assert.ok(
    notes.includes(`${decisionId} (truncate cuts ${branch.label}`),
    `the sign-off names ${decisionId} and "${branch.label}": ${notes}`,
  );
  assert.ok(!notes.includes(other.label), `the sign-off does not claim "${other.label}": ${notes}`);
}
