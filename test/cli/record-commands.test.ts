import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, cliJson } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';

test('init, requirements, tasks with deps, decisions, links, trace and log work end to end with --json', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    assert.equal((await cliJson<{ created: boolean }>(dir, 'init')).created, true);
    assert.equal((await cliJson<{ created: boolean }>(dir, 'init')).created, false);
    assert.deepEqual(await cliJson(dir, 'req', 'add', 'Slugify titles'), { id: 'R-1', seq: 1 });
    assert.deepEqual(
      await cliJson(
        dir,
        'task',
        'add',
        'Write slugify',
        '--role',
        'implementer',
        '--req',
        'R-1',
        '--accept',
        'handles unicode',
        '--accept',
        'no regex',
      ),
      { id: 'T-1', seq: 2, status: 'ready' },
    );
    assert.equal(
      (await cliJson<{ status: string }>(dir, 'task', 'add', 'Test slugify', '--role', 'tester', '--deps', 'T-1')).status,
      'blocked',
    );
    const blocked = await cliJson<{ id: string }[]>(dir, 'task', 'list', '--status', 'blocked');
    assert.deepEqual(
      blocked.map((t) => t.id),
      ['T-2'],
    );
    const shown = await cliJson<{ task: { acceptance: string[] } }>(dir, 'task', 'show', 'T-1');
    assert.deepEqual(shown.task.acceptance, ['handles unicode', 'no regex']);
    await cliJson(dir, 'decide', 'Pure function', '--because', 'easy to test');
    assert.deepEqual(await cliJson(dir, 'decide', 'Pure function without regex', '--because', 'faster', '--supersedes', 'D-1'), {
      id: 'D-2',
      seq: 5,
      supersedes: 'D-1',
    });
    await mkdir(join(dir, 'src'));
    await writeFile(join(dir, 'src/slugify.js'), 'export function slugify(s) {\n  return s;\n}\n');
    const link = await cliJson<{ location: string }>(dir, 'link', 'T-1', 'src/slugify.js:1-3');
    assert.equal(link.location, 'src/slugify.js:1-3');
    const trace = await cliJson<{ incoming: { node: { id: string } }[]; impact: { code: string[] } }>(dir, 'trace', 'R-1');
    assert.ok(trace.incoming.some((i) => i.node.id === 'src/slugify.js:1-3'));
    assert.deepEqual(trace.impact.code, ['src/slugify.js:1-3']);
    const back = await cliJson<{ outgoing: { node: { id: string } }[] }>(dir, 'trace', 'src/slugify.js:1-3');
    assert.ok(back.outgoing.some((o) => o.node.id === 'R-1'));
    const inside = await cliJson<{ outgoing: { node: { id: string } }[]; matched: string[] }>(dir, 'trace', 'src/slugify.js:2');
    assert.deepEqual(inside.matched, ['src/slugify.js:1-3'], 'a line inside a linked range reaches that link');
    assert.ok(inside.outgoing.some((o) => o.node.id === 'T-1') && inside.outgoing.some((o) => o.node.id === 'R-1'));
    const outside = await cli(dir, 'trace', 'src/slugify.js:4');
    assert.equal(outside.code, 4, `a line outside every linked range is not found: ${outside.stderr}`);

    const log = await cli(dir, 'log', '--json', '--since', '4');
    const lines = log.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; type: string });
    assert.deepEqual(
      lines.map((e) => e.seq),
      [5, 6],
    );
    assert.equal(lines[1]?.type, 'link.added');
    const rebuild = await cliJson<{ equal: boolean; events: number }>(dir, 'rebuild');
    assert.deepEqual([rebuild.equal, rebuild.events], [true, 6]);
  } finally {
    await cleanup();
  }
});

test('bad input gets one clear line, exit 2 for usage, 4 for not found and 5 for refusals, and writes nothing', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const missing = await cli(dir, 'task', 'list');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no Crucible workspace in .* or any parent directory \(fix: run `crucible init`/);
    await cli(dir, 'init');
    await cli(dir, 'task', 'add', 'A', '--role', 'implementer');
    const cases: [string[], number, RegExp][] = [
      [['task', 'add', 'B', '--role', 'tester', '--deps', 'T-x'], 2, /--deps: "T-x" is not a valid id/],
      [['task', 'add', 'B', '--role', 'tester', '--deps', 'T-9'], 4, /refused: dependency T-9 does not exist/],
      [['task', 'add', 'B'], 2, /required option '--role <role>'/],
      [['task', 'add', '', '--role', 'tester'], 2, /invalid input: task.created: data.title/],
      [['task', 'show', 'T-42'], 4, /task T-42 does not exist/],
      [['task', 'list', '--status', 'nope'], 2, /--status: "nope" is not one of/],
      [['decide', 'X', '--because', 'y', '--supersedes', 'D-7'], 4, /refused: decision D-7 does not exist/],
      [['link', 'T-1', '../outside.js'], 2, /leaves the project directory/],
      [['link', 'T-1', 'missing.js'], 4, /no such file in the project/],
      [['link', 'T-1', 'src.js:5-2'], 2, /line range/],
      [['trace', 'Q-1'], 4, /nothing in the record is linked to Q-1/],
      [['log', '--since', 'abc'], 2, /--since: "abc" is not a whole number/],
      [['frobnicate'], 2, /unknown command 'frobnicate'/],
    ];
    for (const [argv, code, pattern] of cases) {
      const result = await cli(dir, ...argv);
      assert.equal(result.code, code, `${argv.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, pattern, argv.join(' '));
      assert.equal(result.stderr.trim().split('\n').length, 1, `one line for ${argv.join(' ')}: ${result.stderr}`);
    }
    const asJson = await cli(dir, 'task', 'show', 'T-42', '--json');
    assert.equal(asJson.stdout, '');
    assert.deepEqual(JSON.parse(asJson.stderr), {
      error: {
        code: 'unknown-id',
        kind: 'not-found',
        message: 'task T-42 does not exist',
        fix: 'list tasks with `crucible task list`',
        exitCode: 4,
      },
    });
    const badFlag = await cli(dir, 'frobnicate', '--json');
    assert.equal(badFlag.code, 2);
    assert.equal((JSON.parse(badFlag.stderr) as { error: { kind: string } }).error.kind, 'usage', `one JSON object: ${badFlag.stderr}`);
    const status = await cliJson<{ head: number }>(dir, 'status');
    assert.equal(status.head, 1, 'nothing was written by the refused commands');
  } finally {
    await cleanup();
  }
});

test('a symlink that leaves the project cannot be linked, and a corrupt config is named', async () => {
  const { dir, cleanup } = await tempDir();
  const outside = await tempDir();
  try {
    await cli(dir, 'init');
    await cli(dir, 'task', 'add', 'A', '--role', 'implementer');
    await writeFile(join(outside.dir, 'secret.txt'), 'secret\n');
    await symlink(join(outside.dir, 'secret.txt'), join(dir, 'escape.txt'));
    const escaped = await cli(dir, 'link', 'T-1', 'escape.txt');
    assert.equal(escaped.code, 2);
    assert.match(escaped.stderr, /symlink .* outside the project/);

    await writeFile(join(dir, '.crucible/config.json'), '{ "concurrency": "lots" }');
    const bad = await cli(dir, 'status');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /config\.json: concurrency: .*number/);
    await writeFile(join(dir, '.crucible/config.json'), '{ not json');
    assert.match((await cli(dir, 'status')).stderr, /config\.json: not valid JSON/);
  } finally {
    await cleanup();
    await outside.cleanup();
  }
});
