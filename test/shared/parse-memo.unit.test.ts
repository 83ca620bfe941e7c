// Remembered parses (src/shared/parse-memo.ts): off unless configured; once on, a parse is kept per
// text and read back equal, a failed one is not kept; the config and agent files read through it
// are what the plain parsers give, and a config naming a URL is never written to the memo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { configureParseMemo, memoParse } from '../../src/shared/parse-memo.js';
import { loadConfigRemembered } from '../../src/workspace/config-memo.js';
import { defaultConfig, loadConfig } from '../../src/workspace/config.js';
import { loadAgentsRemembered } from '../../src/app/agents-memo.js';
import { loadAgents } from '../../src/runtime/agent-definitions.js';
import { PACKAGE_ROOT } from '../../src/shared/package.js';
import { tempDir } from '../../support/helpers/temp.js';

test('a parse is remembered per text once configured, a failure is not', async () => {
  const { dir, cleanup } = await tempDir();
  let calls = 0;
  const parse = () => ({ n: ++calls });
  try {
    assert.deepEqual(await memoParse('k', 'a', parse), { n: 1 }, 'unconfigured: parsed');
    assert.deepEqual(await memoParse('k', 'a', parse), { n: 2 }, 'unconfigured: parsed again');
    configureParseMemo({ dir: join(dir, 'memo') });
    assert.deepEqual(await memoParse('k', 'a', parse), { n: 3 });
    assert.deepEqual(await memoParse('k', 'a', parse), { n: 3 }, 'remembered');
    assert.deepEqual(await memoParse('k', 'b', parse), { n: 4 }, 'another text is parsed');
    await assert.rejects(
      memoParse('k', 'c', () => {
        throw new Error('bad file');
      }),
      /bad file/,
    );
    assert.deepEqual(await memoParse('k', 'c', parse), { n: 5 }, 'a failure was not kept');
    assert.equal((await readdir(join(dir, 'memo'))).length, 3);
  } finally {
    configureParseMemo(undefined);
    await cleanup();
  }
});

test('the config and the agent files read through the memo equal the plain parses', async () => {
  const { dir, cleanup } = await tempDir();
  const memo = join(dir, 'memo');
  try {
    configureParseMemo({ dir: memo });
    const path = join(dir, 'config.json');
    assert.deepEqual(await loadConfigRemembered(path), defaultConfig(), 'no file: the defaults');
    await writeFile(path, JSON.stringify({ gate: { commands: ['npm run check'] }, record: { sync: false } }));
    for (let i = 0; i < 2; i++) assert.deepEqual(await loadConfigRemembered(path), loadConfig(path));
    await writeFile(path, JSON.stringify({ gate: { commands: [] }, record: { url: 'postgres://me:secret@db/crucible' } }));
    assert.deepEqual(await loadConfigRemembered(path), loadConfig(path));
    // The same URL with JSON's escaped slashes is still a URL: never written to the memo either.
    await writeFile(path, '{"gate": {"commands": []}, "record": {"url": "postgres:\\/\\/me:secret@db\\/crucible"}}');
    assert.deepEqual(await loadConfigRemembered(path), loadConfig(path));
    for (const name of await readdir(memo)) assert.doesNotMatch(await readFile(join(memo, name), 'utf8'), /secret/);
    await writeFile(path, '{"gate": 3}');
    await assert.rejects(loadConfigRemembered(path), /gate/);

    const dirs = [join(PACKAGE_ROOT, 'agents'), join(dir, 'agents')];
    const plain = await loadAgents(dirs, dir);
    for (let i = 0; i < 2; i++) assert.deepEqual(await loadAgentsRemembered(dirs, dir), plain);
  } finally {
    configureParseMemo(undefined);
    await cleanup();
  }
});
