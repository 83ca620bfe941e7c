import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../../src/cli/program.js';
import { cli, cliJson } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';

/** A small record: a requirement, a task linked to code and a test, a superseded decision. */
async function smallProject(dir: string): Promise<void> {
  await cliJson(dir, 'init');
  await cliJson(dir, 'req', 'add', 'Slugify titles');
  await cliJson(dir, 'task', 'add', 'Write slugify', '--role', 'implementer', '--req', 'R-1');
  await cliJson(dir, 'decide', 'Pure function', '--because', 'easy to test');
  await cliJson(dir, 'decide', 'Pure function without regex', '--because', 'faster', '--supersedes', 'D-1');
  await mkdir(join(dir, 'src'));
  await mkdir(join(dir, 'test'));
  await writeFile(join(dir, 'src/slugify.js'), 'export function slugify(s) {\n  return s;\n}\n');
  await writeFile(join(dir, 'test/slugify.test.js'), 'import "../src/slugify.js";\n// checks\n');
  await cliJson(dir, 'link', 'T-1', 'src/slugify.js:1-3');
  await cliJson(dir, 'link', 'R-1', 'test/slugify.test.js:1-2', '--rel', 'verifies');
}

interface ReportJson {
  path: string;
  bytes: number;
  counts: Record<string, number>;
  opened?: { launched: boolean; with?: string; reason?: string };
}

test('crucible report --html DIR --json writes one page with the trail, and marks a link stale once its lines change', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await smallProject(dir);
    const first = await cliJson<ReportJson>(dir, 'report', '--html', 'site/report');
    assert.equal(first.path, join(dir, 'site/report/index.html'));
    assert.deepEqual(
      {
        requirements: first.counts.requirements,
        tasks: first.counts.tasks,
        decisions: first.counts.decisions,
        stale: first.counts.staleLinks,
      },
      { requirements: 1, tasks: 1, decisions: 2, stale: 0 },
    );
    const page = await readFile(first.path, 'utf8');
    assert.equal(Buffer.byteLength(page), first.bytes);
    assert.match(page, /<code>src\/slugify\.js:1-3<\/code>/);
    assert.match(page, /<code>test\/slugify\.test\.js:1-2<\/code>/);
    assert.match(page, /<del>D-1: Pure function<\/del>/);

    await writeFile(join(dir, 'src/slugify.js'), 'export function slugify(s) {\n  return s.toLowerCase();\n}\n');
    const second = await cliJson<ReportJson>(dir, 'report', '--html', 'site/report');
    assert.equal(second.counts.staleLinks, 1);
    assert.match(await readFile(second.path, 'utf8'), /<li class="stale">\s*<code>src\/slugify\.js:1-3<\/code>/);

    const human = await cli(dir, 'report', '--html', 'site/report');
    assert.equal(human.code, 0);
    assert.match(human.stdout, /^Wrote .*index\.html \(\d+ KB\): 1 requirements, 1 tasks, 2 decisions, 0 gate refusals, 1 stale links/);
  } finally {
    await cleanup();
  }
});

test('crucible report without --html, or with a file for DIR, exits 2 with one line saying how to fix it', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await cliJson(dir, 'init');
    const missing = await cli(dir, 'report');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /needs --html DIR.*crucible report --html report\//);
    await writeFile(join(dir, 'taken'), 'a file');
    const file = await cli(dir, 'report', '--html', 'taken');
    assert.equal(file.code, 2);
    assert.match(file.stderr, /--html taken is a file, not a directory/);
  } finally {
    await cleanup();
  }
});

/** The CLI in-process with this PATH, so `--open` finds (or misses) the opener we put there. */
async function reportWithPath(dir: string, path: string): Promise<ReportJson> {
  let stdout = '';
  const io = { out: (s: string) => void (stdout += s), err: () => undefined };
  const code = await runCli(['report', '--html', 'out', '--open', '--json'], { io, cwd: dir, env: { ...process.env, PATH: path } });
  assert.equal(code, 0);
  return JSON.parse(stdout) as ReportJson;
}

test(
  '--open launches the system opener with the page, and without one says so and still succeeds',
  { skip: process.platform !== 'linux' },
  async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await smallProject(dir);
      const bin = join(dir, 'bin');
      await mkdir(bin);
      const seen = join(dir, 'opened.txt');
      await writeFile(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${seen}'\n`);
      await chmod(join(bin, 'xdg-open'), 0o755);
      const opened = await reportWithPath(dir, bin);
      assert.deepEqual(opened.opened, { launched: true, with: 'xdg-open' });
      for (let i = 0; i < 200 && (await readFile(seen, 'utf8').catch(() => '')) === ''; i++) await new Promise((r) => setTimeout(r, 25));
      assert.equal(await readFile(seen, 'utf8'), join(dir, 'out/index.html'));

      const none = await reportWithPath(dir, join(dir, 'empty-path'));
      assert.equal(none.opened?.launched, false);
      assert.match(none.opened?.reason ?? '', /no xdg-open on PATH: open .*index\.html in a browser yourself/);
    } finally {
      await cleanup();
    }
  },
);
