import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { legacyWorktreesDir, worktreePath, worktreesDir } from '../../src/runtime/worktrees/location.js';
import { hashLines } from '../../src/shared/hash.js';
import { writeFiles } from '../../support/helpers/temp.js';
import { cli, cliJson } from '../helpers/cli.js';
import { complete, git, gitProject, runTasks, write } from './worktree-support.js';

// A git worktree per task, merged through the gates (docs/worktrees.md): real git, real LevelDB, the
// real run loop with the scripted model. Each gate is a node script that looks at the tree it runs in.
const CHECK_A = "import { existsSync } from 'node:fs';\nprocess.exit(existsSync('src/a.js') && !existsSync('src/b.js') ? 0 : 1);\n";
test('one task: written in its worktree, gated there, merged into main; worktree and branch removed, links hashed from the merged code', async () => {
  // node_modules is ignored at the root: the worktree gets it as a link (the gate needs it), never as committed work.
  const deps =
    "import { readFileSync } from 'node:fs';\nprocess.exit(readFileSync('node_modules/dep.txt', 'utf8') === 'dep\\n' ? 0 : 1);\n";
  const p = await gitProject({
    'check-a.mjs': CHECK_A,
    'check-deps.mjs': deps,
    '.gitignore': 'node_modules/\n',
    'node_modules/dep.txt': 'dep\n',
    'README.md': '# p\n',
  });
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
    const { summary, events } = await runTasks(p.root, [{ title: 'Add a', gate: ['node check-a.mjs', 'node check-deps.mjs'] }], script, 1);
    assert.equal(summary.state, 'done', summary.reason);
    const created = events.find((e) => e.type === 'worktree.created');
    assert.ok(created && created.type === 'worktree.created');
    assert.equal(created.data.path, worktreePath(p.root, 'T-1'), 'outside the project, where nothing walking it finds a copy');
    assert.equal(created.data.branch, 'crucible/T-1');
    const merged = events.find((e) => e.type === 'merge.succeeded');
    assert.ok(merged && merged.type === 'merge.succeeded');
    assert.equal(git(p.root, 'rev-parse', 'main'), merged.data.commit, 'main points at the merge commit');
    // Checked out at the root, main was fast-forwarded there: the file is in the root now, committed.
    assert.equal(readFileSync(join(p.root, 'src/a.js'), 'utf8'), 'export const a = 1;\n');
    assert.equal(git(p.root, 'status', '--porcelain', '--untracked-files=no'), '');
    assert.match(git(p.root, 'log', '--format=%an %s', '-2'), /implementer.*Merge crucible\/T-1/);
    assert.equal(existsSync(worktreePath(p.root, 'T-1')), false, 'the worktree is removed');
    assert.doesNotMatch(git(p.root, 'ls-tree', '-r', '--name-only', 'main'), /node_modules/, 'the linked node_modules is not committed');
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

test('link hashes come from the merge commit, not from files the gate on the merged result rewrote', async () => {
  // The gate passes everywhere, but in the merge worktree it also rewrites the linked file.
  const stamp =
    "import { writeFileSync } from 'node:fs';\n" +
    "if (process.cwd().includes('_merge')) writeFileSync('src/a.js', 'export const a = 2; // rewritten by the gate\\n');\n";
  const p = await gitProject({ 'stamp.mjs': stamp });
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
    const { summary, events } = await runTasks(p.root, [{ title: 'Add a', gate: ['node stamp.mjs'] }], script, 1);
    assert.equal(summary.state, 'done', summary.reason);
    const link = events.find((e) => e.type === 'link.added');
    assert.ok(link && link.type === 'link.added');
    const last = events.filter((e) => e.type === 'link.verified').at(-1);
    const hash = last && last.type === 'link.verified' ? last.data.hash : link.data.hash;
    assert.equal(git(p.root, 'show', 'main:src/a.js'), 'export const a = 1;');
    assert.equal(hash, hashLines('export const a = 1;\n', link.data.range), 'the link vouches for the merged lines');
  } finally {
    await p.cleanup();
  }
});

// Prints what the gate's tree holds in src/, and passes when the task's own file is there.
const listing = (own: string) =>
  "import { existsSync, readdirSync } from 'node:fs';\n" +
  "console.log('saw', readdirSync('src').sort().join(','));\n" +
  `process.exit(existsSync('src/${own}') ? 0 : 1);\n`;

test('two tasks in parallel: each gate sees only its own work, both are merged', async () => {
  const p = await gitProject({ 'see-a.mjs': listing('a.js'), 'see-b.mjs': listing('b.js'), 'src/keep.js': '// kept\n' });
  try {
    const script = {
      tasks: {
        'T-1': { implementer: [write({ 'src/a.js': 'export const a = 1;\n' }), complete('T-1'), { text: 'Done.' }] },
        'T-2': { implementer: [write({ 'src/b.js': 'export const b = 2;\n' }), complete('T-2'), { text: 'Done.' }] },
      },
    };
    const tasks = [
      { title: 'Add a', gate: ['node see-a.mjs'] },
      { title: 'Add b', gate: ['node see-b.mjs'] },
    ];
    const { summary, events } = await runTasks(p.root, tasks, script, 2);
    assert.equal(summary.state, 'done', summary.reason);
    const seen = (id: string) => {
      const done = events.find((e) => e.type === 'task.completed' && e.data.id === id);
      const command = done?.type === 'task.completed' ? done.data.evidence.find((e) => e.kind === 'command') : undefined;
      return command?.kind === 'command' ? command.outputTail.trim() : '';
    };
    assert.equal(seen('T-1'), 'saw a.js,keep.js', 'T-1 gate saw only its own tree');
    assert.equal(seen('T-2'), 'saw b.js,keep.js', 'T-2 gate saw only its own tree');
    assert.equal(events.filter((e) => e.type === 'merge.succeeded').length, 2);
    assert.equal(events.filter((e) => e.type === 'worktree.created').length, 2);
    assert.ok(existsSync(join(p.root, 'src/a.js')) && existsSync(join(p.root, 'src/b.js')), 'both merged into main at the root');
    assert.equal(git(p.root, 'branch', '--list', 'crucible/*'), '');
  } finally {
    await p.cleanup();
  }
});

test('a merge conflict: the second task is refused merge-conflict naming the file, resolves the markers, completes again, merged', async () => {
  const p = await gitProject({ 'src/shared.js': 'export const value = 0;\n', 'ok.mjs': 'process.exit(0);\n' });
  try {
    const resolveThenComplete = (id: string) => ({
      text: 'Done.',
      alternatives: [
        {
          when: { toolResultContains: 'merge-conflict' },
          tools: [
            { name: 'read_file', input: { path: 'src/shared.js' } },
            { name: 'write_file', input: { path: 'src/shared.js', content: 'export const value = 1;\nexport const other = 2;\n' } },
            { name: 'complete_task', input: { task_id: id, acceptance: [{ criterion: 'works', how: 'resolved' }] } },
          ],
        },
      ],
    });
    const script = {
      tasks: {
        'T-1': {
          implementer: [
            write({ 'src/shared.js': 'export const value = 1;\n' }),
            complete('T-1'),
            resolveThenComplete('T-1'),
            { text: 'Done.' },
          ],
        },
        'T-2': {
          implementer: [
            write({ 'src/shared.js': 'export const value = 2;\n' }),
            complete('T-2'),
            resolveThenComplete('T-2'),
            { text: 'Done.' },
          ],
        },
      },
    };
    const tasks = [
      { title: 'Set one', gate: ['node ok.mjs'] },
      { title: 'Set two', gate: ['node ok.mjs'] },
    ];
    const { summary, events } = await runTasks(p.root, tasks, script, 2);
    assert.equal(summary.state, 'done', summary.reason);
    const conflicts = events.filter((e) => e.type === 'merge.conflicted');
    assert.equal(conflicts.length, 1, 'exactly the second merge conflicted');
    const conflict = conflicts[0]!;
    assert.ok(conflict.type === 'merge.conflicted');
    assert.deepEqual(conflict.data.files, ['src/shared.js']);
    const refused = events.find((e) => e.type === 'gate.checked' && e.data.code === 'merge-conflict');
    assert.ok(refused?.type === 'gate.checked');
    assert.match(refused.data.reason ?? '', /conflicts in src\/shared\.js/);
    assert.match(refused.data.fix ?? '', /resolve the conflict markers .* in src\/shared\.js/);
    assert.equal(events.filter((e) => e.type === 'merge.succeeded').length, 2);
    assert.equal(readFileSync(join(p.root, 'src/shared.js'), 'utf8'), 'export const value = 1;\nexport const other = 2;\n');
    assert.equal(git(p.root, 'branch', '--list', 'crucible/*'), '');
  } finally {
    await p.cleanup();
  }
});

/**
 * A worktree kept from an earlier run of T-1, made before `main` moved on (so its merge brings something new), where
 * versions before this one kept worktrees: inside the project, in `.crucible/worktrees/`.
 */
function keptWorktree(root: string): void {
  git(root, 'worktree', 'add', '-q', '-b', 'crucible/T-1', legacyWorktreesDir(root) + '/T-1', 'main');
}

const GIVE_UP = { text: 'I cannot finish this; the refusal says why.' };

test('gate red after the merge: refused gate-failed-after-merge, main unchanged, the worktree kept and named by status', async () => {
  const p = await gitProject({ 'alone.mjs': "import { existsSync } from 'node:fs';\nprocess.exit(existsSync('src/other.js') ? 1 : 0);\n" });
  try {
    keptWorktree(p.root);
    // main moves on after the worktree was made: the merge brings src/other.js, which this task's gate rejects.
    await writeFiles(p.root, { 'src/other.js': 'export const other = 1;\n' });
    git(p.root, 'add', '-A');
    git(p.root, 'commit', '-qm', 'other');
    const mainBefore = git(p.root, 'rev-parse', 'main');
    const script = {
      tasks: { 'T-1': { implementer: [write({ 'src/a.js': 'export const a = 1;\n' }), complete('T-1'), GIVE_UP] } },
    };
    const { events } = await runTasks(p.root, [{ title: 'Add a', gate: ['node alone.mjs'] }], script, 1);
    const refused = events.find((e) => e.type === 'gate.checked' && e.data.code === 'gate-failed-after-merge');
    assert.ok(refused?.type === 'gate.checked', 'refused after the merge');
    assert.match(refused.data.reason ?? '', /merged with main `node alone\.mjs` exits 1/);
    assert.equal(git(p.root, 'rev-parse', 'main'), mainBefore, 'main is untouched');
    assert.equal(events.filter((e) => e.type === 'merge.succeeded').length, 0);
    assert.ok(
      events.some((e) => e.type === 'worktree.created'),
      'the kept worktree was reused and recorded',
    );
    assert.ok(existsSync(join(worktreePath(p.root, 'T-1'), 'src/a.js')), 'the work stays in the worktree, moved out of the project');
    assert.equal(existsSync(legacyWorktreesDir(p.root)), false, 'nothing is left in .crucible/worktrees/');
    assert.notEqual(git(p.root, 'branch', '--list', 'crucible/T-1'), '', 'the branch is kept');
    const status = await cliJson<{ worktrees: { taskId: string; path: string; branch: string }[] }>(p.root, 'status');
    assert.deepEqual(
      status.worktrees.map((w) => [w.taskId, w.path, w.branch]),
      [['T-1', worktreePath(p.root, 'T-1'), 'crucible/T-1']],
    );
    const text = await cli(p.root, 'status');
    assert.ok(text.stdout.includes(`worktree   T-1 ${worktreePath(p.root, 'T-1')} (branch crucible/T-1)`), text.stdout);
  } finally {
    await p.cleanup();
  }
});

test('main checked out at the root with uncommitted changes: refused dirty-integration-branch with the fix, nothing merged', async () => {
  const p = await gitProject({ 'ok.mjs': 'process.exit(0);\n', 'notes.md': 'mine\n' });
  try {
    await writeFiles(p.root, { 'notes.md': 'mine, edited and not committed\n' });
    const mainBefore = git(p.root, 'rev-parse', 'main');
    const script = { tasks: { 'T-1': { implementer: [write({ 'src/a.js': 'export const a = 1;\n' }), complete('T-1'), GIVE_UP] } } };
    const { events } = await runTasks(p.root, [{ title: 'Add a', gate: ['node ok.mjs'] }], script, 1);
    const refused = events.find((e) => e.type === 'gate.checked' && e.data.code === 'dirty-integration-branch');
    assert.ok(refused?.type === 'gate.checked');
    assert.match(refused.data.reason ?? '', /notes\.md/);
    assert.match(refused.data.fix ?? '', /commits or stashes the changes in .*then you call complete_task again/);
    assert.equal(git(p.root, 'rev-parse', 'main'), mainBefore);
    assert.equal(readFileSync(join(p.root, 'notes.md'), 'utf8'), 'mine, edited and not committed\n', 'the human’s edit is untouched');
  } finally {
    await p.cleanup();
  }
});

test('not a git repository: the shared tree as before, with one notice when agents would share it', async () => {
  const p = await gitProject({ 'ok.mjs': 'process.exit(0);\n' }, {}, { git: false });
  try {
    const script = {
      tasks: { 'T-1': { implementer: [write({ 'src/a.js': 'export const a = 1;\n' }), complete('T-1'), { text: 'Done.' }] } },
    };
    const { summary, events, notices } = await runTasks(p.root, [{ title: 'Add a', gate: ['node ok.mjs'] }], script, 2);
    assert.equal(summary.state, 'done', summary.reason);
    assert.ok(existsSync(join(p.root, 'src/a.js')), 'written in the root');
    assert.equal(events.filter((e) => e.type.startsWith('worktree.') || e.type.startsWith('merge.')).length, 0);
    assert.equal(notices.length, 1);
    assert.match(notices[0]!, /2 agents share one working tree \(the project is not a git repository\).*git init/);
  } finally {
    await p.cleanup();
  }
});

test('a worktree that cannot be made fails its task with the reason, instead of leaving it started', async () => {
  const p = await gitProject({ 'ok.mjs': 'process.exit(0);\n' });
  try {
    // A file where T-1's worktree would go: `git worktree add` refuses the path.
    await mkdir(worktreesDir(p.root), { recursive: true });
    await writeFile(worktreePath(p.root, 'T-1'), 'in the way\n');
    const script = {
      tasks: { 'T-1': { implementer: [write({ 'src/a.js': 'export const a = 1;\n' }), complete('T-1'), { text: 'Done.' }] } },
    };
    const { summary, events } = await runTasks(p.root, [{ title: 'Add a', gate: ['node ok.mjs'] }], script, 1);
    assert.notEqual(summary.state, 'done');
    const failed = events.find((e) => e.type === 'task.failed');
    assert.ok(failed?.type === 'task.failed', summary.reason);
    assert.match(failed.data.reason, /no worktree for T-1/);
  } finally {
    await p.cleanup();
  }
});
