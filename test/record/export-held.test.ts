// `crucible export` while another process holds the record (the TUI, `crucible run`): the holder's
// socket serves the log, the file is the one an export gives when nobody holds it, an event the
// holder appends meanwhile appears in the next export, and the file imports whole elsewhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, cliJson } from '../helpers/cli.js';
import { startHolder } from '../server/holder.js';
import { tempDir } from '../../support/helpers/temp.js';

/** The export without its header's time, which differs from run to run. */
async function exported(dir: string, ...args: string[]): Promise<string[]> {
  const result = await cli(dir, 'export', ...args);
  assert.equal(result.code, 0, result.stderr);
  const [header, ...events] = result.stdout.trim().split('\n');
  const { exportedAt: _at, ...rest } = JSON.parse(header!) as Record<string, unknown>;
  return [JSON.stringify(rest), ...events];
}

test('export while a process holds the record is served over its socket, and equals an export with nobody holding it', async (t) => {
  const { dir, cleanup } = await tempDir();
  const other = await tempDir();
  t.after(() => Promise.all([cleanup(), other.cleanup()]));
  await cliJson(dir, 'init');
  await cliJson(dir, 'req', 'add', 'Exports survive a busy record');
  for (let i = 1; i <= 3; i++) await cliJson(dir, 'task', 'add', `Task ${i}`, '--role', 'implementer');
  const alone = await exported(dir);
  const aloneSince2 = await exported(dir, '--since', '2');

  const holder = await startHolder(dir);
  t.after(() => holder.stop());
  assert.deepEqual(await exported(dir), alone, 'the same file, served by the holder');
  assert.deepEqual(await exported(dir, '--since', '2'), aloneSince2, 'a partial export is served too');

  holder.send('remember written while exporting');
  await holder.until(/^appended 5$/);
  const after = await exported(dir);
  assert.equal(after.length, alone.length + 1);
  assert.match(after.at(-1)!, /written while exporting/);
  const partial = await exported(dir, '--since', '4');
  assert.equal(partial.length, 2);
  assert.equal(JSON.parse(partial[0]!).previousHash, JSON.parse(after[4]!).hash, 'a partial export chains from the event before it');

  const file = join(other.dir, 'record.jsonl');
  const served = await cli(dir, 'export');
  await writeFile(file, served.stdout);
  await cliJson(other.dir, 'init');
  const imported = await cliJson<{ imported: number; equal: boolean }>(other.dir, 'import', file);
  assert.deepEqual([imported.imported, imported.equal], [5, true]);
});
