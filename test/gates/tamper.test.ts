import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rebuild } from '../../src/record/rebuild.js';
import { formatToolResult } from '../../src/tools/registry.js';
import { ADD_TEST, PACKAGE_JSON, ROLES, code, done, explain, claimedAddWorld, gateWorld, planAdd } from './helpers.js';

const ADD_OK = 'export const add = (a, b) => a + b;\n';

test(
  'an implementer that rigs package.json ("test": "exit 0") is refused gate-tampered, ' +
    'shown the script change; the human approves exactly that change',
  async () => {
    const w = await claimedAddWorld();
    try {
      const rigged = PACKAGE_JSON.replace('"node --test"', '"exit 0"');
      assert.equal(code(await w.call(ROLES.implementer, 'T-1', 'write_file', { path: 'package.json', content: rigged })), 'ok');

      const refusal = await w.call(ROLES.implementer, 'T-1', 'complete_task', done('add adds'));
      assert.equal(code(refusal), 'gate-tampered', explain(refusal));
      const shown = formatToolResult(refusal);
      assert.match(shown, /package\.json#scripts changed/);
      assert.match(shown, /- "test": "node --test"\n\s*\+ "test": "exit 0"/);
      assert.match(shown, /ask_human/);
      assert.equal(w.store.view.get('tasks', 'T-1')?.status, 'in_progress');
      assert.deepEqual(await w.gateCodes(), ['T-1:gate-tampered']);

      // The coordinator opened the judgment with the true change; the agent's ask_human waits on it, not on a text of its own.
      const judgment = [...w.store.view.rows('judgments')][0]!;
      assert.equal(judgment.askedBy, 'coordinator');
      assert.match(judgment.context, /\+ "test": "exit 0"/);
      const asked = await w.call(ROLES.implementer, 'T-1', 'ask_human', {
        question: judgment.question,
        options: [{ label: 'yes' }, { label: 'no' }],
        context: 'harmless, trust me',
      });
      assert.match(explain(asked), new RegExp(`asked as ${judgment.id}`));
      assert.equal([...w.store.view.rows('judgments')].length, 1);

      // An automatic answer never approves a gate change.
      await w.store.append({
        type: 'judgment.answered',
        actor: 'auto-answer',
        data: { id: judgment.id, answer: 'approve this gate change' },
      });
      const auto = await w.call(ROLES.implementer, 'T-1', 'complete_task', done('add adds'));
      assert.equal(code(auto), 'gate-tampered');
      assert.match(auto.ok ? '' : auto.fix, /^restore package\.json/);

      // A fresh change, approved by the human: recorded as a decision, after which the gate accepts exactly it.
      await writeFile(join(w.root, 'package.json'), PACKAGE_JSON.replace('"node --test"', '"node --test --test-reporter=tap"'));
      const again = await w.call(ROLES.implementer, 'T-1', 'complete_task', done('add adds'));
      assert.equal(code(again), 'gate-tampered');
      const second = [...w.store.view.rows('judgments')].find((j) => j.status === 'pending')!;
      assert.deepEqual(
        second.options.map((o) => o.label),
        ['keep the gate as it was', 'approve this gate change'],
      );
      await w.store.append({ type: 'judgment.answered', actor: 'human', data: { id: second.id, answer: 'approve this gate change' } });
      const decision = w.store.view.get('decisions', w.store.view.get('judgments', second.id)!.decisionId!)!;
      assert.equal(decision.judgmentId, second.id);

      // The approved change passes the tamper check; the real gate then runs the (real) failing test.
      const red = await w.call(ROLES.implementer, 'T-1', 'complete_task', done('add adds'));
      assert.equal(code(red), 'gate-failed', explain(red));
      await writeFile(join(w.root, 'src/add.js'), ADD_OK);
      const green = await w.call(ROLES.implementer, 'T-1', 'complete_task', done('add adds'));
      assert.equal(code(green), 'ok', explain(green));
      const evidence = w.store.view.get('tasks', 'T-1')!.evidence.find((e) => e.kind === 'gate-files');
      assert.ok(
        evidence &&
          evidence.kind === 'gate-files' &&
          evidence.files.some((f) => f.path === 'package.json#scripts' && /--test-reporter=tap/.test(f.text ?? '')),
      );

      // The next task is checked against the approved state, not the first one.
      await w.call(ROLES.planner, undefined, 'create_task', { title: 'Add subtract', role: 'implementer', acceptance: ['it subtracts'] });
      await w.call(ROLES.implementer, 'T-2', 'claim_task', { task_id: 'T-2' });
      assert.equal(code(await w.call(ROLES.implementer, 'T-2', 'complete_task', done('it subtracts'))), 'ok');

      // The log with the new evidence, baselines and links replays into the same projections.
      assert.equal((await rebuild(w.store.keyspaces)).equal, true);
    } finally {
      await w.cleanup();
    }
  },
);

test("an implementer that weakens a done tester task's test is refused gate-tampered; the tester may change its own task's tests", async () => {
  const w = await gateWorld({ 'package.json': PACKAGE_JSON }, ['node --test']);
  try {
    await planAdd(w);

    // Tests first: the tester's own test changes freely until its task is done (a syntax error, then the fix).
    const tester = ROLES.testsFirstTester;
    await w.call(tester, 'T-1', 'claim_task', { task_id: 'T-1' });
    await w.call(tester, 'T-1', 'write_file', { path: 'test/add.test.js', content: ADD_TEST.replace('test(', 'test((') });
    assert.equal(code(await w.call(tester, 'T-1', 'link_code', { path: 'test/add.test.js', entity: 'T-1', rel: 'verifies' })), 'ok');
    assert.equal(code(await w.call(tester, 'T-1', 'complete_task', done('add is tested'))), 'gate-failed');
    await w.call(tester, 'T-1', 'write_file', { path: 'test/add.test.js', content: ADD_TEST });
    const testerDone = await w.call(tester, 'T-1', 'complete_task', done('add is tested'));
    assert.equal(code(testerDone), 'ok', explain(testerDone));

    // The implementer cannot make its gate green by weakening the finished test.
    await w.call(ROLES.implementer, 'T-2', 'claim_task', { task_id: 'T-2' });
    await w.call(ROLES.implementer, 'T-2', 'write_file', { path: 'src/add.js', content: 'export const add = () => 0;\n' });
    await writeFile(join(w.root, 'test/add.test.js'), ADD_TEST.replace('assert.equal(add(1, 2), 3);', 'assert.ok(true);'));
    const weakened = await w.call(ROLES.implementer, 'T-2', 'complete_task', done('add adds'));
    assert.equal(code(weakened), 'gate-tampered', explain(weakened));
    assert.match(explain(weakened), /test\/add\.test\.js changed \(sha256 [0-9a-f]{12} -> [0-9a-f]{12}\)/);
    // Restoring the test is the fix; the real test then holds the implementer to the behaviour.
    await writeFile(join(w.root, 'test/add.test.js'), ADD_TEST);
    assert.equal(code(await w.call(ROLES.implementer, 'T-2', 'complete_task', done('add adds'))), 'gate-failed');
    await writeFile(join(w.root, 'src/add.js'), ADD_OK);
    assert.equal(code(await w.call(ROLES.implementer, 'T-2', 'complete_task', done('add adds'))), 'ok');

    // A later tester task may not rewrite the finished tests of another task either; deleting them is a change too.
    await w.call(ROLES.planner, undefined, 'create_task', {
      title: 'More tests for add',
      role: 'tester',
      deps: ['T-1'],
      acceptance: ['edge cases'],
    });
    await w.call(tester, 'T-3', 'claim_task', { task_id: 'T-3' });
    await writeFile(join(w.root, 'test/add.test.js'), '');
    const other = await w.call(tester, 'T-3', 'complete_task', done('edge cases'));
    assert.equal(code(other), 'gate-tampered');
    assert.deepEqual(await w.gateCodes(), [
      'T-1:gate-failed',
      'T-1:ok',
      'T-2:gate-tampered',
      'T-2:gate-failed',
      'T-2:ok',
      'T-3:gate-tampered',
    ]);
    assert.equal(await readFile(join(w.root, 'test/add.test.js'), 'utf8'), '');
  } finally {
    await w.cleanup();
  }
});

test('a runner config file added by an implementer (.mocharc.json) is a gate change', async () => {
  const w = await gateWorld({ 'package.json': PACKAGE_JSON }, ['node --version']);
  try {
    await w.call(ROLES.planner, undefined, 'create_task', { title: 'Anything', role: 'implementer', acceptance: ['done'] });
    await w.call(ROLES.implementer, 'T-1', 'claim_task', { task_id: 'T-1' });
    await writeFile(join(w.root, '.mocharc.json'), '{"spec": []}\n');
    const result = await w.call(ROLES.implementer, 'T-1', 'complete_task', done('done'));
    assert.equal(code(result), 'gate-tampered');
    assert.match(explain(result), /\.mocharc\.json added/);
  } finally {
    await w.cleanup();
  }
});
