// Export and import round-trip a real demo's record: the file verifies, an empty workspace takes
// it, and the imported record replays equal with the same counts. What import refuses, it refuses in one line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, cliJson } from '../helpers/cli.js';
import { runCli } from '../../src/cli/program.js';
import { tempDir } from '../../support/helpers/temp.js';

interface Status {
  head: number;
}

test('export a demo record, import it into a fresh workspace: same events, same hashes, projections equal', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const source = join(dir, 'strkit');
    await cliJson(dir, 'demo', '--dir', source);
    const exported = await cli(source, 'export');
    assert.equal(exported.code, 0, exported.stderr);
    const lines = exported.stdout.trim().split('\n');
    const header = JSON.parse(lines[0]!) as { schema: string; version: number; head: number; headHash: string; redacted: number };
    assert.deepEqual([header.schema, header.version, header.redacted], ['crucible.record', 1, 0]);
    assert.equal(lines.length - 1, header.head, 'one line per event after the header');
    assert.ok(header.head > 20, `a demo records many events (${header.head})`);
    const file = join(dir, 'record.jsonl');
    await writeFile(file, exported.stdout);

    const target = join(dir, 'copy');
    await mkdir(target);
    await cliJson(target, 'init');
    const imported = await cliJson<{ imported: number; equal: boolean; headHash: string }>(target, 'import', file);
    assert.deepEqual([imported.imported, imported.equal], [header.head, true]);
    const check = await cliJson<{ equal: boolean; events: number; chain: { verified: boolean } }>(target, 'rebuild', '--check');
    assert.deepEqual([check.equal, check.events, check.chain.verified], [true, header.head, true]);
    const statusOf = async (at: string) => {
      const s = await cliJson<Record<string, unknown>>(at, 'status');
      delete s.dir;
      delete s.root;
      return s;
    };
    assert.deepEqual(await statusOf(target), await statusOf(source), 'the same counts in both workspaces');
    assert.equal((await cli(target, 'export')).stdout.split('\n').slice(1).join('\n'), exported.stdout.split('\n').slice(1).join('\n'));

    const again = await cli(target, 'import', file);
    assert.equal(again.code, 1);
    assert.match(
      again.stderr,
      /already holds \d+ events; an import only starts an empty record \(fix: run `crucible init` in an empty directory/,
    );

    const partial = await cli(source, 'export', '--since', '10');
    const partialHeader = JSON.parse(partial.stdout.split('\n')[0]!) as { since: number; previousHash: string };
    assert.equal(partialHeader.since, 10);
    assert.equal(JSON.parse(partial.stdout.split('\n')[1]!).seq, 11);
    assert.equal(partialHeader.previousHash, (JSON.parse(lines[10]!) as { hash: string }).hash, 'the chain hash of #10');
  } finally {
    await cleanup();
  }
});

test('import refuses an altered, truncated, partial or foreign file with one line and writes nothing', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await cliJson(dir, 'init');
    for (const title of ['One', 'Two', 'Three']) await cliJson(dir, 'task', 'add', title, '--role', 'implementer');
    const text = (await cli(dir, 'export')).stdout;
    const target = join(dir, 'empty');
    await mkdir(target);
    await cliJson(target, 'init');
    const cases: [string, string, RegExp][] = [
      ['altered', text.replace('"Two"', '"Deux"'), /altered\.jsonl:3: event #2 does not match its hash/],
      ['truncated', text.split('\n').slice(0, 3).join('\n'), /ends at event #2, but its header says #3/],
      [
        'gap',
        text
          .split('\n')
          .filter((_, i) => i !== 2)
          .join('\n'),
        /event #2 is missing/,
      ],
      ['partial', (await cli(dir, 'export', '--since', '1')).stdout, /a partial export \(events after #1\) cannot start a record/],
      ['foreign', '{"hello": 1}\n', /not a Crucible export header/],
      ['future', text.replace('"version":1', '"version":9'), /export version 9 is not supported/],
    ];
    for (const [name, content, pattern] of cases) {
      const file = join(dir, `${name}.jsonl`);
      await writeFile(file, content);
      const run = await cli(target, 'import', file);
      assert.equal(run.code, 1, `${name}: ${run.stderr}`);
      assert.equal(run.stderr.trim().split('\n').length, 1);
      assert.match(run.stderr, pattern, name);
    }
    assert.match((await cli(target, 'import', 'missing.jsonl')).stderr, /missing\.jsonl: no such file/);
    assert.match((await cli(target, 'status')).stdout, /\(0 events\)/);
    assert.ok((await readFile(join(dir, 'altered.jsonl'), 'utf8')).includes('Deux'));
  } finally {
    await cleanup();
  }
});

test('export redacts again: a secret the environment holds now is not printed, and the file still imports', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const secret = 'Zq8vN3kP1xW7rT5yLm2';
    await cliJson(dir, 'init');
    await cliJson(dir, 'task', 'add', `Rotate the key ${secret}`, '--role', 'implementer');
    let out = '';
    const io = { out: (s: string) => void (out += s), err: () => undefined };
    assert.equal(await runCli(['export'], { io, cwd: dir, env: { ...process.env, DEPLOY_API_TOKEN: secret } }), 0);
    assert.ok(!out.includes(secret), 'the secret is not in the export');
    assert.match(out, /Rotate the key \[redacted\]/);
    assert.equal((JSON.parse(out.split('\n')[0]!) as { redacted: number }).redacted, 1);
    const file = join(dir, 'record.jsonl');
    await writeFile(file, out);
    const target = join(dir, 'copy');
    await mkdir(target);
    await cliJson(target, 'init');
    assert.equal((await cliJson<{ imported: number }>(target, 'import', file)).imported, 1);
  } finally {
    await cleanup();
  }
});
