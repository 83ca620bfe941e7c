// The check on open reads only the log's tail when the record's files are as its last clean close
// sealed them, and every key otherwise; damage far from the tail is still found on every command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { tempDir, tempStore } from '../../support/helpers/temp.js';
import { openWorkspace } from '../../src/workspace/open.js';
import { seal, SEAL_FILE } from '../../src/record/seal.js';

test('a cleanly closed record opens with the tail check; a touched file or a missing seal (a crash) reads every key', async () => {
  const t = await tempStore();
  try {
    assert.equal(t.store.openCheck, 'full', 'a new record has no seal');
    for (let i = 1; i <= 5; i++) await t.store.append({ type: 'requirement.added', actor: 'planner', data: { text: `Requirement ${i}` } });
    assert.equal((await t.reopen()).openCheck, 'tail');
    let store = await t.reopen();
    assert.equal(store.openCheck, 'tail');
    await store.close();
    const db = join(t.dir, 'db');
    const table = (await readdir(db)).find((f) => /^\d+\.(ldb|log)$/.test(f));
    assert.ok(table);
    await utimes(join(db, table), new Date(), new Date(Date.now() + 5000));
    store = await t.reopen();
    assert.equal(store.openCheck, 'full', 'a file changed since the seal');
    assert.equal(store.head(), 5);
    assert.equal((await t.reopen()).openCheck, 'tail');
    await (await t.reopen()).close();
    await rm(join(db, SEAL_FILE));
    assert.equal((await t.reopen()).openCheck, 'full', 'no seal');
  } finally {
    await t.cleanup();
  }
});

const EVENTS = 300;

for (const silent of [false, true])
  test(`bytes changed early in a long log (far from the tail)${silent ? ', under a seal that still matches' : ''}: every command stops`, async () => {
    const { dir, cleanup } = await tempDir();
    try {
      assert.equal((await cli(dir, 'init')).code, 0);
      const ws = await openWorkspace({ cwd: dir });
      for (let i = 1; i <= EVENTS; i++)
        await ws.store.append({ type: 'requirement.added', actor: 'tester', data: { text: `Requirement number ${i} of a long log` } });
      await ws.close();
      const db = join(dir, '.crucible', 'db');
      const log = join(
        db,
        (await readdir(db)).find((f) => f.endsWith('.log'))!,
      );
      const content = await readFile(log);
      const at = Math.floor(content.length * 0.1);
      content.fill(0x58, at, at + 48);
      await writeFile(log, content);
      // Sealed again as if nothing had changed: only LevelDB's own report of what it skipped can tell then.
      if (silent) seal(db);
      for (const argv of [['status'], ['log'], ['task', 'add', 'After the damage', '--role', 'implementer']]) {
        const run = await cli(dir, ...argv);
        assert.equal(run.code, 1, `crucible ${argv.join(' ')}: ${run.stdout}`);
        assert.match(run.stderr, /^crucible: the record at .* is damaged: event #\d+ is missing from the log; nothing was read or written/);
        const missing = Number(/event #(\d+)/.exec(run.stderr)?.[1]);
        assert.ok(missing < EVENTS - 32, `the damage (#${missing}) lies before the tail the open chains`);
      }
    } finally {
      await cleanup();
    }
  });
