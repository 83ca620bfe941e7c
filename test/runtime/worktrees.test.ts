import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashLines } from '../../src/shared/hash.js';
import { complete, git, gitProject, runTasks, write } from './worktree-support.js';

// A git worktree per task, merged through the gates (docs/worktrees.md): real git, real LevelDB, the
// real run loop with the scripted model. Each gate is a node script that looks at the tree it runs in.
const CHECK_A = "import { existsSync } from 'node:fs';\nprocess.exit(existsSync('src/a.js') && !existsSync('src/b.js') ? 0 : 1);\n";
const CHECK_B = "import { existsSync } from 'node:fs';\nprocess.exit(existsSync('src/b.js') && !existsSync('src/a.js') ? 0 : 1);\n";

test('one task: written in its worktree, gated there, merged into main; worktree and branch removed, links hashed from the merged code', async () => {
  const p = await gitProject({ 'check-a.mjs': CHECK_A, 'README.md': '# p\n' });
  try {
    const script = {
      tasks: {
        'T-1': {
          implementer: [
            write({ 'src/a.js': 'export const a = 1;\n' }),
            { tools: [{ name: 'link_code', input: { path: 'src/a.js', entity: 'T-1' } }] },
            complete('T-1'),
            { text: 'Done.' },
          ],
        },
      },
    };
    const { summary, events } = await runTasks(p.root, [{ title: 'Add a', gate: ['node check-a.mjs'] }], script, 1);
    assert.equal(summary.state, 'done', summary.reason);
    const created = events.find((e) => e.type === 'worktree.created');
    assert.ok(created && created.type === 'worktree.created');
    assert.equal(created.data.path, '.crucible/worktrees/T-1');
    assert.equal(created.data.branch, 'crucible/T-1');
    const merged = events.find((e) => e.type === 'merge.succeeded');
    assert.ok(merged && merged.type === 'merge.succeeded');
    assert.equal(git(p.root, 'rev-parse', 'main'), merged.data.commit, 'main points at the merge commit');
    // Checked out at the root, main was fast-forwarded there: the file is in the root now, committed.
    assert.equal(readFileSync(join(p.root, 'src/a.js'), 'utf8'), 'export const a = 1;\n');
    assert.equal(git(p.root, 'status', '--porcelain', '--untracked-files=no'), '');
    assert.match(git(p.root, 'log', '--format=%an %s', '-2'), /implementer.*Merge crucible\/T-1/);
    assert.equal(existsSync(join(p.root, '.crucible/worktrees/T-1')), false, 'the worktree is removed');
    assert.equal(git(p.root, 'branch', '--list', 'crucible/*'), '', 'the branch is deleted');
    const order = events.map((e) => e.type);
    assert.ok(order.indexOf('merge.succeeded') < order.indexOf('task.completed'), 'merged before done');
    const gate = events.find((e) => e.type === 'gate.checked' && e.data.gate === 'complete' && e.data.ok);
    assert.ok(gate, 'the gate passed in the worktree');
    const link = events.find((e) => e.type === 'link.added');
    assert.ok(link && link.type === 'link.added');
    const verified = events.filter((e) => e.type === 'link.verified');
    const last = verified.at(-1);
    const hash = last && last.type === 'link.verified' ? last.data.hash : link.data.hash;
    assert.equal(hash, hashLines(readFileSync(join(p.root, 'src/a.js'), 'utf8'), undefined));
  } finally {
    await p.cleanup();
  }
});
