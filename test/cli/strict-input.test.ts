// Mistyped input is refused with one line that says what was meant: unknown
// config keys at any depth, unknown task roles; and --version answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, cliJson } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';

const oneLine = (stderr: string) => assert.equal(stderr.trim().split('\n').length, 1, stderr);

test('unknown config keys are refused at every level, naming the file, the key path and the key meant', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await cli(dir, 'init');
    const file = join(dir, '.crucible/config.json');
    const initial = JSON.parse(await readFile(file, 'utf8')) as Record<string, Record<string, unknown>>;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...initial, concurency: 8 }, /config\.json: concurency: unknown key \(did you mean "concurrency"\?\)/],
      [
        { ...initial, retrieval: { ...initial.retrieval, embeder: { kind: 'hash' } } },
        /config\.json: retrieval\.embeder: unknown key \(did you mean "embedder"\?\)/,
      ],
      [
        { ...initial, commands: { ...initial.commands, alow: ['node'] } },
        /config\.json: commands\.alow: unknown key \(did you mean "allow"\?\)/,
      ],
      [
        { ...initial, audit: { ...initial.audit, size: { maxFileLine: 10 } } },
        /config\.json: audit\.size\.maxFileLine: unknown key \(did you mean "maxFileLines"\?\)/,
      ],
      [{ ...initial, zzz: 1 }, /config\.json: zzz: unknown key \(known keys: version, gate, commands, concurrency/],
    ];
    for (const [config, pattern] of cases) {
      await writeFile(file, JSON.stringify(config));
      const result = await cli(dir, 'status');
      assert.notEqual(result.code, 0, result.stdout);
      assert.match(result.stderr, pattern);
      oneLine(result.stderr);
    }
    await writeFile(file, JSON.stringify(initial));
    assert.equal((await cli(dir, 'status')).code, 0, 'the config init wrote, version key included, still validates');
  } finally {
    await cleanup();
  }
});

test('the demo config validates under the strict schema', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const { prepareDemoProject } = await import('../../src/runtime/demo.js');
    await prepareDemoProject(dir);
    const result = await cli(dir, 'status');
    assert.equal(result.code, 0, result.stderr);
  } finally {
    await cleanup();
  }
});

test('crucible --version prints the package version', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const result = await cli(dir, '--version');
    assert.equal(result.code, 0);
    assert.equal(result.stdout, `${version}\n`);
  } finally {
    await cleanup();
  }
});

test('task add --role refuses an unknown role with the known ones and a did-you-mean, and writes nothing', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await cli(dir, 'init');
    const result = await cli(dir, 'task', 'add', 'Build it', '--role', 'implementor');
    assert.equal(result.code, 2);
    const unknownRole = String.raw`--role: "implementor" is not a known role \(did you mean "implementer"\?\); `;
    const knownRoles = 'known roles: architect, auditor, implementer, planner, requirements, reviewer, tester';
    assert.match(result.stderr, new RegExp(unknownRole + knownRoles));
    oneLine(result.stderr);
    const status = await cli(dir, 'status', '--json');
    assert.equal(JSON.parse(status.stdout).head, 0, 'nothing was written');
    assert.equal((await cli(dir, 'task', 'add', 'Build it', '--role', 'implementer')).code, 0);
  } finally {
    await cleanup();
  }
});

test('rebuild --truncate-at refuses 0 and non-numbers in one line, and touches nothing', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await cli(dir, 'init');
    assert.equal((await cli(dir, 'task', 'add', 'Keep me', '--role', 'implementer')).code, 0);
    for (const [value, message] of [
      ['0', /^crucible: --truncate-at: events are numbered from 1 \(fix: pass the number of the first damaged event/],
      ['x', /^crucible: --truncate-at: "x" is not a whole number/],
    ] as const) {
      const result = await cli(dir, 'rebuild', '--truncate-at', value, '--yes');
      assert.equal(result.code, 2, result.stdout);
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trim().split('\n').length, 1);
    }
    const tasks = await cliJson<unknown[]>(dir, 'task', 'list');
    assert.equal(tasks.length, 1, 'the record is as it was');
  } finally {
    await cleanup();
  }
});
