// Which record a workspace opens: CRUCIBLE_RECORD_URL over the config's record.url, both validated
// where they enter, with one line that names where the bad URL came from and never its password.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema, defaultConfig } from '../../src/workspace/config.js';
import { workspacePaths } from '../../src/workspace/paths.js';
import { recordUrlOf } from '../../src/workspace/record-store.js';

const paths = workspacePaths('/project');

test('LevelDB by default; the config’s record.url, or CRUCIBLE_RECORD_URL over it, selects PostgreSQL', () => {
  assert.equal(recordUrlOf(defaultConfig(), paths, {}), undefined);
  const config = configSchema.parse({ record: { url: 'postgres://team@db:5432/record' } });
  assert.equal(recordUrlOf(config, paths, {}), 'postgres://team@db:5432/record');
  assert.equal(recordUrlOf(config, paths, { CRUCIBLE_RECORD_URL: 'postgresql://me@other/r' }), 'postgresql://me@other/r');
});

test('a bad URL is refused where it enters, naming the place, with the password hidden', () => {
  assert.throws(
    () => recordUrlOf(defaultConfig(), paths, { CRUCIBLE_RECORD_URL: 'mysql://me:hunter22@db/r' }),
    (error: Error) => /^CRUCIBLE_RECORD_URL: "mysql:\/\/me:\*\*\*@db\/r" must start with postgres:\/\//.test(error.message),
  );
  assert.throws(() => recordUrlOf(defaultConfig(), paths, { CRUCIBLE_RECORD_URL: 'postgres://me@db' }), /names no database/);
  const noHost = configSchema.safeParse({ record: { url: 'postgres:///r' } });
  assert.match(noHost.error?.issues[0]?.message ?? '', /names no host/);
  const notUrl = configSchema.safeParse({ record: { url: 'postgres://me:hunter22@/r' } });
  assert.match(notUrl.error?.issues[0]?.message ?? '', /not a URL/);
  assert.doesNotMatch(JSON.stringify(notUrl.error?.issues), /hunter22/);
  assert.equal(configSchema.safeParse({ record: { url: 'postgres://db/r', extra: 1 } }).success, false);
});

test('record.embedded pins the workspace to its LevelDB over CRUCIBLE_RECORD_URL, and contradicts record.url', () => {
  const embedded = configSchema.parse({ record: { embedded: true } });
  assert.equal(recordUrlOf(embedded, paths, { CRUCIBLE_RECORD_URL: 'postgres://team@db:5432/record' }), undefined);
  const both = configSchema.safeParse({ record: { embedded: true, url: 'postgres://team@db:5432/record' } });
  assert.match(both.error?.issues[0]?.message ?? '', /contradict/);
});
