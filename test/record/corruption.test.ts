// Each kind of damage a LevelDB record can suffer, done to real files: every command, reads
// included, stops with one line naming the damage and the recovery; no write is accepted and
// no id handed out; `crucible rebuild --truncate-at` keeps what came before and the record works again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, cliJson } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';
import { openWorkspace } from '../../src/workspace/open.js';

const TASKS = 49;

/** A workspace whose 49 tasks were appended by one process, so the write-ahead log (.log) still holds them. */
async function fixture(root: string, flushed: boolean): Promise<void> {
  assert.equal((await cli(root, 'init')).code, 0);
  const ws = await openWorkspace({ cwd: root });
  for (let i = 1; i <= TASKS; i++)
    await ws.store.append({
      type: 'task.created',
      actor: 'tester',
      data: { title: `Task number ${i} of the fixture`, role: 'implementer' },
    });
  await ws.close();
  // Reopening turns the write-ahead log into a table file (.ldb).
  if (flushed) await (await openWorkspace({ cwd: root })).close();
}

const dbOf = (root: string) => join(root, '.crucible', 'db');
async function fileEnding(root: string, suffix: string): Promise<string> {
  const name = (await readdir(dbOf(root))).find((f) => f.endsWith(suffix) && !f.startsWith('crucible'));
  assert.ok(name, `a ${suffix} file in the record`);
  return join(dbOf(root), name);
}
async function overwrite(file: string, at: number, bytes: number): Promise<void> {
  const content = await readFile(file);
  const offset = Math.floor(content.length * at);
  content.fill(0x58, offset, Math.min(content.length, offset + bytes));
  await writeFile(file, content);
}

const DAMAGE: Record<string, { flushed: boolean; damage: (root: string) => Promise<void>; pattern: RegExp }> = {
  'truncated log': {
    flushed: false,
    damage: async (root) => {
      const log = await fileEnding(root, '.log');
      await truncate(log, Math.floor((await stat(log)).size / 2));
    },
    pattern: /the log ends at #\d+ but events up to #49 were committed/,
  },
  'bytes flipped mid-log': {
    flushed: false,
    damage: async (root) => overwrite(await fileEnding(root, '.log'), 0.5, 48),
    // LevelDB drops the batches whose checksum fails: a gap, or the tail when the damage reaches it.
    pattern: /event #\d+ is missing from the log|the log ends at #\d+ but events up to #49 were committed/,
  },
  'damaged table file': {
    flushed: true,
    damage: async (root) => overwrite(await fileEnding(root, '.ldb'), 0.33, 48),
    // Blocks are compressed: the damage decodes as garbage (unreadable) or, rarely, as a changed event.
    pattern: /a database file is damaged \(".+"\), and the first event lost is #\d+|event #\d+ (is missing|does not match|cannot be read)/,
  },
  'removed table file': {
    flushed: true,
    damage: async (root) => rm(await fileEnding(root, '.ldb')),
    pattern: /a database file is damaged \("Corruption: 1 missing files.*"\), and the first event lost is #1;/,
  },
  'garbled manifest': {
    flushed: true,
    damage: async (root) => overwrite(await manifestOf(root), 0.5, 16),
    pattern: /a database file is damaged \("Corruption: .+"\), though all 49 events of its log survive/,
  },
};

async function manifestOf(root: string): Promise<string> {
  const name = (await readdir(dbOf(root))).find((f) => f.startsWith('MANIFEST-'));
  assert.ok(name);
  return join(dbOf(root), name);
}

for (const [name, { flushed, damage, pattern }] of Object.entries(DAMAGE)) {
  test(`${name}: every command stops with one line and the recovery, and --truncate-at recovers`, async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await fixture(dir, flushed);
      await damage(dir);
      let cut = 0;
      for (const argv of [
        ['status'],
        ['log'],
        ['task', 'list'],
        ['task', 'add', 'After the damage', '--role', 'implementer'],
        ['rebuild', '--check'],
      ]) {
        const run = await cli(dir, ...argv);
        assert.equal(run.code, 1, `crucible ${argv.join(' ')}: ${run.stderr}`);
        assert.equal(run.stdout, '', `crucible ${argv.join(' ')} printed nothing`);
        assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
        assert.match(run.stderr, /^crucible: the record at .* is damaged: /);
        assert.match(run.stderr, pattern);
        assert.match(run.stderr, /restore it from an export .* or run `crucible rebuild --truncate-at \d+`/);
        assert.doesNotMatch(run.stderr, /unexpected error|please report|writable/);
        cut = Number(/--truncate-at (\d+)/.exec(run.stderr)?.[1]);
      }
      assert.ok(cut >= 1 && cut <= TASKS + 1, `a cut point: ${cut}`);

      const unconfirmed = await cli(dir, 'rebuild', '--truncate-at', String(cut));
      assert.equal(unconfirmed.code, 2);
      assert.match(unconfirmed.stderr, /needs a confirmation .* pass --yes/);
      assert.equal((await cli(dir, 'status')).code, 1, 'refusing changed nothing');
      if (cut > 1) {
        const past = await cli(dir, 'rebuild', '--truncate-at', String(cut + 1), '--yes');
        if (cut <= TASKS) assert.match(past.stderr, new RegExp(`event #${cut} is damaged, so the events up to #${cut} cannot all be kept`));
      }

      const recovered = await cliJson<{ kept: number; aside: string }>(dir, 'rebuild', '--truncate-at', String(cut), '--yes');
      assert.equal(recovered.kept, cut - 1);
      assert.ok((await stat(recovered.aside)).isDirectory(), 'the damaged files are kept aside');
      const status = await cli(dir, 'status');
      assert.equal(status.code, 0, status.stderr);
      assert.match(status.stdout, new RegExp(`\\(${cut - 1} events\\)`));
      const tasks = await cliJson<{ id: string }[]>(dir, 'task', 'list');
      assert.deepEqual(
        tasks.map((t) => t.id),
        Array.from({ length: cut - 1 }, (_, i) => `T-${i + 1}`),
      );
      assert.deepEqual(await cliJson(dir, 'task', 'add', 'After the recovery', '--role', 'implementer'), {
        id: `T-${cut}`,
        seq: cut,
        status: 'ready',
      });
      const check = await cliJson<{ equal: boolean; events: number; chain: { verified: boolean } }>(dir, 'rebuild', '--check');
      assert.deepEqual([check.equal, check.events, check.chain.verified], [true, cut, true]);
    } finally {
      await cleanup();
    }
  });
}

test('a copy of the record restored from before the damage opens again (the damage lives only in the files)', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await fixture(dir, true);
    await cp(dbOf(dir), `${dbOf(dir)}.backup`, { recursive: true });
    await rm(await fileEnding(dir, '.ldb'));
    assert.equal((await cli(dir, 'status')).code, 1);
    await rm(dbOf(dir), { recursive: true });
    await cp(`${dbOf(dir)}.backup`, dbOf(dir), { recursive: true });
    assert.match((await cli(dir, 'status')).stdout, /\(49 events\)/);
  } finally {
    await cleanup();
  }
});

test('--truncate-at past the head of a whole record, or on a PostgreSQL record, is refused with one line', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await fixture(dir, true);
    const past = await cli(dir, 'rebuild', '--truncate-at', '60', '--yes');
    assert.equal(past.code, 1);
    assert.match(past.stderr, /whole and ends at event #49, so --truncate-at 60 would cut nothing; nothing was changed/);
    assert.match((await cli(dir, 'status')).stdout, /\(49 events\)/);
    const before = process.env.CRUCIBLE_RECORD_URL;
    process.env.CRUCIBLE_RECORD_URL = 'postgres://crucible@127.0.0.1:1/team';
    try {
      const pg = await cli(dir, 'rebuild', '--truncate-at', '3', '--yes');
      assert.equal(pg.code, 1);
      assert.match(pg.stderr, /--truncate-at cuts a LevelDB record; this workspace's record is the PostgreSQL database at/);
    } finally {
      if (before === undefined) delete process.env.CRUCIBLE_RECORD_URL;
      else process.env.CRUCIBLE_RECORD_URL = before;
    }
  } finally {
    await cleanup();
  }
});
