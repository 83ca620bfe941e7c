// Issue 17's "done when" for a shared record: two crucible processes on two workspace directories
// (each joined with `crucible init --record URL`) add 30 tasks each at once through the real CLI,
// and get 60 distinct ids with none lost; two agents in two processes race to claim one task and
// exactly one wins. Runs against a real PostgreSQL started for the test.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, cliJson, loggedEvents } from '../../helpers/cli.js';
import { collect, repoRoot, tsArgv } from '../../../support/helpers/child.js';
import { startPostgres } from '../../../support/helpers/postgres.js';
import { tempDir } from '../../../support/helpers/temp.js';

const child = join(repoRoot, 'support/helpers/shared-record-child.ts');
const spawnChild = (args: string[]) => spawn(process.execPath, [...tsArgv(child), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });

const cluster = await startPostgres();

if ('skip' in cluster) {
  test('a PostgreSQL record shared by two workspaces', { skip: cluster.skip }, () => undefined);
} else {
  after(() => cluster.stop());

  test('two processes on two checkouts share one record: 60 concurrent adds give 60 ids, and one of two claims wins', async (t) => {
    const url = await cluster.createDatabase();
    const a = await tempDir();
    const b = await tempDir();
    t.after(() => Promise.all([a.cleanup(), b.cleanup()]));
    type Init = { record: { backend: string; url: string; events: number } };
    assert.deepEqual((await cliJson<Init>(a.dir, 'init', '--record', url)).record, { backend: 'postgres', url, events: 0 });
    await cliJson(a.dir, 'req', 'add', 'Shared by the team');
    const joined = await cliJson<Init>(b.dir, 'init', '--record', url);
    assert.equal(joined.record.events, 1, 'the second checkout joined the existing record');
    assert.equal(JSON.parse(await readFile(join(b.dir, '.crucible/config.json'), 'utf8')).record.url, url);

    const runs = await Promise.all([a.dir, b.dir].map((dir) => collect(spawnChild(['add', dir, '30']))));
    for (const run of runs) assert.equal(run.code, 0, run.stderr);
    const ids = runs.flatMap((run) => JSON.parse(run.stdout) as string[]);
    assert.equal(ids.length, 60);
    assert.deepEqual(
      [...ids].sort((x, y) => Number(x.slice(2)) - Number(y.slice(2))),
      Array.from({ length: 60 }, (_, i) => `T-${i + 1}`),
      'every id handed out once, none skipped',
    );
    const events = await loggedEvents(b.dir);
    assert.equal(events.filter((e) => e.type === 'task.created').length, 60, 'no add lost');

    const { id } = await cliJson<{ id: string }>(b.dir, 'task', 'add', 'Only one may have this', '--role', 'implementer');
    const claimers = [spawnChild(['claim', a.dir, 'implementer-1', id]), spawnChild(['claim', b.dir, 'implementer-2', id])];
    const done = claimers.map((c) => collect(c));
    await Promise.all(claimers.map((c) => new Promise<void>((resolve) => c.stdout!.once('data', () => resolve()))));
    for (const c of claimers) c.stdin!.end('go\n');
    const results = (await Promise.all(done)).map((run) => {
      assert.equal(run.code, 0, run.stderr);
      return JSON.parse(run.stdout.split('\n').filter(Boolean).at(-1)!) as { ok: boolean; code?: string };
    });
    assert.equal(results.filter((r) => r.ok).length, 1, JSON.stringify(results));
    assert.ok(
      results.some((r) => !r.ok && r.code),
      'the loser got a refusal with a code',
    );
    const claims = (await loggedEvents(a.dir)).filter((e) => e.type === 'task.claimed' && e.data.id === id);
    assert.equal(claims.length, 1);
    const { task } = await cliJson<{ task: { status: string; assignee: string } }>(a.dir, 'task', 'show', id);
    assert.equal(task.status, 'in_progress');
    assert.equal(task.assignee, claims[0]?.actor);
  });

  test('a bad or unreachable record URL is one line naming it and the fix, never the password', async (t) => {
    const { dir, cleanup } = await tempDir();
    t.after(cleanup);
    const bad = await cli(dir, 'init', '--record', 'mysql://team@db/record');
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr.trim(), /^crucible: --record: "mysql:\/\/team@db\/record" must start with postgres:\/\//);
    const down = await cli(dir, 'init', '--record', 'postgres://team:s3cret@127.0.0.1:1/record');
    assert.equal(down.code, 1);
    const lines = down.stderr.trim().split('\n');
    assert.equal(lines.length, 1, down.stderr);
    assert.match(
      lines[0]!,
      /cannot open the PostgreSQL record at postgres:\/\/team:\*\*\*@127\.0\.0\.1:1\/record: .*ECONNREFUSED.*fix: check the server/,
    );
    assert.doesNotMatch(down.stderr + down.stdout, /s3cret/);
  });
}
