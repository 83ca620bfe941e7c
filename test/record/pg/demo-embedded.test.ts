// The demo never writes into a team's PostgreSQL record: with CRUCIBLE_RECORD_URL naming a real
// database, `crucible demo` (a real child process) keeps its record in the temp project's own
// LevelDB, and the team's database stays untouched (no crucible table is even created).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { collect, crucibleBin, spawnTs } from '../../../support/helpers/child.js';
import { startPostgres } from '../../../support/helpers/postgres.js';
import { tempDir } from '../../../support/helpers/temp.js';

const cluster = await startPostgres();

if ('skip' in cluster) {
  test('the demo keeps its own record', { skip: cluster.skip }, () => undefined);
} else {
  after(() => cluster.stop());

  test('crucible demo with CRUCIBLE_RECORD_URL set writes its own LevelDB record, never the team’s database', async (t) => {
    const url = await cluster.createDatabase();
    const { dir, cleanup } = await tempDir();
    t.after(cleanup);
    const project = join(dir, 'strkit');
    const env = { CRUCIBLE_RECORD_URL: url, CRUCIBLE_ACTOR: 'tester' };
    const demo = await collect(spawnTs(crucibleBin, ['demo', '--dir', project, '--json'], { env, cwd: dir }));
    assert.equal(demo.code, 0, demo.stderr);
    assert.equal((JSON.parse(demo.stdout) as { summary: { state: string } }).summary.state, 'done');
    assert.ok(existsSync(join(project, '.crucible/db/CURRENT')), 'the demo record is the project’s LevelDB');

    // A later command in the demo project, with the variable still set, reads the same embedded record.
    const log = await collect(spawnTs(crucibleBin, ['log', '--limit', '1000', '--json'], { env, cwd: project }));
    assert.equal(log.code, 0, log.stderr);
    const types = log.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { type: string }).type);
    assert.ok(types.filter((type) => type === 'task.created').length >= 3, types.join(' '));

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const tables = await client.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_name LIKE 'crucible%'",
      );
      assert.deepEqual(tables.rows, [], 'the team’s database was never opened as a record');
    } finally {
      await client.end();
    }
  });
}
