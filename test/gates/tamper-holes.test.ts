// Red-team attacks on the tamper check: ways to a green gate that the first version of gate-files did not hash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ToolAgent } from '../../src/tools/types.js';
import { ADD_TEST, PACKAGE_JSON, ROLES, code, done, explain, gateWorld, planAdd } from './helpers.js';

const BROKEN = 'export const add = () => 0;\n';
const ADD_OK = 'export const add = (a, b) => a + b;\n';
const implementer: ToolAgent = { ...ROLES.implementer, tools: [...ROLES.implementer.tools, 'run_command'] };

test('an implementer that writes a root .npmrc with `script-shell=/bin/true` (npm test then runs nothing) is refused gate-tampered', async () => {
  const w = await gateWorld({ 'package.json': PACKAGE_JSON, 'test/add.test.js': ADD_TEST, 'src/add.js': BROKEN });
  try {
    await w.call(ROLES.planner, undefined, 'create_task', { title: 'Make add work', role: 'implementer', acceptance: ['add adds'] });
    await w.call(implementer, 'T-1', 'claim_task', { task_id: 'T-1' });
    // Not in its write_paths, but any allowed `node -e` writes inside the tree.
    const wrote = await w.call(implementer, 'T-1', 'run_command', {
      command: `node -e "require('fs').writeFileSync('.npmrc', 'script-shell=/bin/true\\n')"`,
    });
    assert.match(explain(wrote), /^exit 0/);
    const rigged = await w.call(implementer, 'T-1', 'complete_task', done('add adds'));
    assert.equal(code(rigged), 'gate-tampered', explain(rigged));
    assert.match(explain(rigged), /\.npmrc added/);
    assert.equal(w.store.view.get('tasks', 'T-1')?.status, 'in_progress');
  } finally {
    await w.cleanup();
  }
});

test('an implementer that neuters an unlinked helper the done tester wrote (test/check.js) is refused gate-tampered', async () => {
  const w = await gateWorld({ 'package.json': PACKAGE_JSON }, ['node --test']);
  try {
    await planAdd(w);
    const tester = ROLES.testsFirstTester;
    await w.call(tester, 'T-1', 'claim_task', { task_id: 'T-1' });
    const helper = "import assert from 'node:assert/strict';\nexport const check = (actual, expected) => assert.equal(actual, expected);\n";
    const usesHelper = ADD_TEST.replace("import assert from 'node:assert/strict';", "import { check } from './check.js';").replace(
      'assert.equal(add(1, 2), 3)',
      'check(add(1, 2), 3)',
    );
    await w.call(tester, 'T-1', 'write_file', { path: 'test/check.js', content: helper });
    await w.call(tester, 'T-1', 'write_file', { path: 'test/add.test.js', content: usesHelper });
    // Only the test itself is linked, to the requirement; the helper it imports is not.
    await w.call(tester, 'T-1', 'link_code', { path: 'test/add.test.js', entity: 'R-1', rel: 'verifies' });
    assert.equal(code(await w.call(tester, 'T-1', 'complete_task', done('add is tested'))), 'ok');

    await w.call(implementer, 'T-2', 'claim_task', { task_id: 'T-2' });
    await w.call(implementer, 'T-2', 'write_file', { path: 'src/add.js', content: BROKEN });
    await writeFile(join(w.root, 'test/check.js'), 'export const check = () => {};\n');
    const rigged = await w.call(implementer, 'T-2', 'complete_task', done('add adds'));
    assert.equal(code(rigged), 'gate-tampered', explain(rigged));
    assert.match(explain(rigged), /test\/check\.js changed/);

    // Restored, the helper holds the implementer to the behaviour again.
    await writeFile(join(w.root, 'test/check.js'), helper);
    assert.equal(code(await w.call(implementer, 'T-2', 'complete_task', done('add adds'))), 'gate-failed');
    await writeFile(join(w.root, 'src/add.js'), ADD_OK);
    assert.equal(code(await w.call(implementer, 'T-2', 'complete_task', done('add adds'))), 'ok');
    assert.equal(await readFile(join(w.root, 'test/check.js'), 'utf8'), helper);
  } finally {
    await w.cleanup();
  }
});

test('a rigged package.json is not laundered by another task claimed after it, before any gate has passed', async () => {
  const w = await gateWorld({ 'package.json': PACKAGE_JSON, 'test/add.test.js': ADD_TEST, 'src/add.js': BROKEN });
  try {
    await w.call(ROLES.planner, undefined, 'create_task', { title: 'Make add work', role: 'implementer', acceptance: ['add adds'] });
    await w.call(ROLES.planner, undefined, 'create_task', { title: 'Make sub work', role: 'implementer', acceptance: ['sub subs'] });
    const first = { ...implementer, name: 'implementer-1' };
    const second = { ...implementer, name: 'implementer-2' };
    await w.call(first, 'T-1', 'claim_task', { task_id: 'T-1' });
    await w.call(first, 'T-1', 'write_file', { path: 'package.json', content: PACKAGE_JSON.replace('"node --test"', '"exit 0"') });
    // The second agent's claim snapshots the rigged file as its baseline; that must not make it the gate.
    await w.call(second, 'T-2', 'claim_task', { task_id: 'T-2' });
    const other = await w.call(second, 'T-2', 'complete_task', done('sub subs'));
    assert.equal(code(other), 'gate-tampered', explain(other));
    const rigger = await w.call(first, 'T-1', 'complete_task', done('add adds'));
    assert.equal(code(rigger), 'gate-tampered', explain(rigger));
    assert.deepEqual(await w.gateCodes(), ['T-2:gate-tampered', 'T-1:gate-tampered']);
  } finally {
    await w.cleanup();
  }
});

/** T-1 (the tester's, done) owns test/add.test.js; T-2 is claimed by the implementer with a broken add. */
async function finishedTestAndBrokenCode(testContent = ADD_TEST) {
  const w = await gateWorld({ 'package.json': PACKAGE_JSON }, ['npm test']);
  await planAdd(w);
  const tester = ROLES.testsFirstTester;
  await w.call(tester, 'T-1', 'claim_task', { task_id: 'T-1' });
  await w.call(tester, 'T-1', 'write_file', { path: 'test/add.test.js', content: testContent });
  await w.call(tester, 'T-1', 'link_code', { path: 'test/add.test.js', rel: 'verifies' });
  assert.equal(code(await w.call(tester, 'T-1', 'complete_task', done('add is tested'))), 'ok');
  await w.call(implementer, 'T-2', 'claim_task', { task_id: 'T-2' });
  await w.call(implementer, 'T-2', 'write_file', { path: 'src/add.js', content: BROKEN });
  return w;
}

const NEUTERED = "import { test } from 'node:test';\ntest('adds', () => {});\n";

test('a test file the implementer adds (src/aaa.test.js) cannot rewrite a finished test while the gate runs: the file is read-only there', async () => {
  const w = await finishedTestAndBrokenCode();
  try {
    // Inside its write_paths; `node --test` finds it and runs it first, before the finished test.
    const rewriter = `import { writeFileSync } from 'node:fs';\nwriteFileSync('test/add.test.js', ${JSON.stringify(NEUTERED)});\n`;
    await w.call(implementer, 'T-2', 'write_file', { path: 'src/aaa.test.js', content: rewriter });
    const rigged = await w.call(implementer, 'T-2', 'complete_task', done('add adds'));
    assert.notEqual(code(rigged), 'ok', explain(rigged));
    assert.equal(await readFile(join(w.root, 'test/add.test.js'), 'utf8'), ADD_TEST);
    assert.equal(w.store.view.get('tasks', 'T-2')?.status, 'in_progress');
  } finally {
    await w.cleanup();
  }
});

test(
  'a rewrite that puts the finished test back afterwards (aaa neuters it, zzz restores it, both around it in run order) ' +
    'still meets the real test: gate-failed',
  async () => {
    const w = await gateWorld({ 'package.json': PACKAGE_JSON }, ['npm test']);
    try {
      // The tester keeps its test beside the code, so the implementer's files run before and after it.
      const tester: ToolAgent = { ...ROLES.testsFirstTester, writePaths: ['src/**/*.test.js'] };
      const realTest = ADD_TEST.replace('../src/add.js', './add.js');
      await planAdd(w, 'node --check src/add.test.js');
      await w.call(tester, 'T-1', 'claim_task', { task_id: 'T-1' });
      await w.call(tester, 'T-1', 'write_file', { path: 'src/add.test.js', content: realTest });
      await w.call(tester, 'T-1', 'link_code', { path: 'src/add.test.js', rel: 'verifies' });
      assert.equal(code(await w.call(tester, 'T-1', 'complete_task', done('add is tested'))), 'ok');
      await w.call(implementer, 'T-2', 'claim_task', { task_id: 'T-2' });
      await w.call(implementer, 'T-2', 'write_file', { path: 'src/add.js', content: BROKEN });
      const quietly = (content: string) =>
        `import { writeFileSync } from 'node:fs';\ntry { writeFileSync('src/add.test.js', ${JSON.stringify(content)}); } catch {}\n`;
      await w.call(implementer, 'T-2', 'write_file', { path: 'src/aaa.test.js', content: quietly(NEUTERED) });
      await w.call(implementer, 'T-2', 'write_file', { path: 'src/zzz.test.js', content: quietly(realTest) });
      const rigged = await w.call(implementer, 'T-2', 'complete_task', done('add adds'));
      assert.equal(code(rigged), 'gate-failed', explain(rigged));
      assert.match(explain(rigged), /src\/add\.test\.js:6/);
    } finally {
      await w.cleanup();
    }
  },
);

test('code under test that exits the process when imported (node --test then counts the file as one pass) is refused tests-vanished', async () => {
  const twoTests = `${ADD_TEST}\ntest('adds negatives', () => {\n  assert.equal(add(-1, -2), -3);\n});\n`;
  const w = await finishedTestAndBrokenCode(twoTests);
  try {
    await w.call(implementer, 'T-2', 'write_file', { path: 'src/add.js', content: ADD_OK });
    assert.equal(code(await w.call(implementer, 'T-2', 'complete_task', done('add adds'))), 'ok');
    await w.call(ROLES.planner, undefined, 'create_task', {
      title: 'Make add faster',
      role: 'implementer',
      requirements: ['R-1'],
      deps: ['T-2'],
      acceptance: ['add is fast'],
    });
    await w.call(implementer, 'T-3', 'claim_task', { task_id: 'T-3' });
    await w.call(implementer, 'T-3', 'write_file', {
      path: 'src/add.js',
      content: `export const add = () => 0;\nif (process.argv.some((a) => a.includes('test'))) process.exit(0);\n`,
    });
    const rigged = await w.call(implementer, 'T-3', 'complete_task', done('add is fast'));
    assert.equal(code(rigged), 'tests-vanished', explain(rigged));
    assert.match(explain(rigged), /passed 1 test; its last green run \(T-2\) passed 2/);
    await w.call(implementer, 'T-3', 'write_file', { path: 'src/add.js', content: ADD_OK });
    assert.equal(code(await w.call(implementer, 'T-3', 'complete_task', done('add is fast'))), 'ok');
  } finally {
    await w.cleanup();
  }
});
