import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { runArgv } from '../../src/tools/command-runner.js';
import { bwrapPlan } from '../../src/tools/os-sandbox.js';
import { defaultConfig } from '../../src/workspace/config.js';
import { tempDir, writeFiles } from '../../support/helpers/temp.js';

// A worktree's node_modules is a symlink to the root's: `shared` makes exactly that readable in the
// sandbox (read-only), and nothing that would show the tree's own parents.
test('shared paths: readable through the worktree link, not writable; an ancestor of the tree is never bound', async () => {
  const t = await tempDir();
  try {
    const root = join(t.dir, 'project');
    const tree = join(root, '.crucible/worktrees/T-1');
    await writeFiles(root, { 'node_modules/dep.txt': 'dep\n', 'secret.txt': 'root only\n' });
    await mkdir(tree, { recursive: true });
    await symlink(join(root, 'node_modules'), join(tree, 'node_modules'));
    const sandbox = defaultConfig().commands;
    const run = (argv: string[], shared?: string[]) =>
      runArgv(argv, { cwd: tree, sandbox, timeoutMs: 20_000, maxOutputBytes: 4000, ...(shared ? { shared } : {}) });
    const read = ['node', '-e', "process.stdout.write(require('fs').readFileSync('node_modules/dep.txt', 'utf8'))"];
    assert.notEqual((await run(read)).exitCode, 0, 'without shared, the link dangles in the sandbox');
    const shared = [join(root, 'node_modules')];
    const ok = await run(read, shared);
    assert.equal(ok.exitCode, 0, ok.outputTail);
    assert.equal(ok.outputTail, 'dep\n');
    const write = await run(['node', '-e', "require('fs').writeFileSync('node_modules/dep.txt', 'changed')"], shared);
    assert.notEqual(write.exitCode, 0, 'the shared copy is read-only');
    const secret = await run(['node', '-e', "require('fs').readFileSync(process.argv[1])", join(root, 'secret.txt')], shared);
    assert.notEqual(secret.exitCode, 0, 'the rest of the root stays out of sight');
    const plan = bwrapPlan({ tree, cwd: tree, env: process.env, shared: [root, join(tree, 'node_modules'), '/nonexistent'] });
    assert.equal(plan.args.includes(root), false, 'the root (an ancestor of the tree) is not bound');
  } finally {
    await t.cleanup();
  }
});
