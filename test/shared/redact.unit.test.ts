import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSecretName, redactorFor, redactSecrets, secretsFromEnv } from '../../src/shared/redact.js';

test('the configured key and anything shaped like a key or auth header is redacted', () => {
  const key = 'sk-ant-api03-AbCdEf0123456789_xyz';
  const text = `failed with key ${key}; headers {"authorization":"Bearer tok_abcdef123"} x-api-key: other-secret-value and sk-ant-admin01-ZZZZZZZZ`;
  const out = redactSecrets(text, [key]);
  assert.ok(!out.includes(key));
  assert.ok(!out.includes('tok_abcdef123'));
  assert.ok(!out.includes('other-secret-value'));
  assert.ok(!out.includes('ZZZZZZZZ'));
  assert.match(out, /failed with key \[redacted\]/);
  assert.match(out, /"authorization":"Bearer \[redacted\]"/);
});

test('a custom key that does not look like one is still redacted when it is in the environment', () => {
  const env = { ANTHROPIC_API_KEY: 'proxy-token-42', ANTHROPIC_AUTH_TOKEN: '' };
  assert.deepEqual(secretsFromEnv(env), ['proxy-token-42']);
  assert.equal(redactSecrets('token proxy-token-42 rejected', secretsFromEnv(env)), 'token [redacted] rejected');
  assert.equal(redactSecrets('nothing secret here', []), 'nothing secret here');
});

test('secret-looking variable names give their values; short values and look-alike names do not', () => {
  const env = {
    GITHUB_TOKEN: 'ghs_valueOfTheTokenXYZ',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY',
    DB_PASSWORD: 'correct horse battery',
    npm_config__authToken: 'npm-auth-token-value',
    MY_CREDENTIALS: 'user:pa55word!',
    SSO_AUTH: 'short',
    GIT_AUTHOR_NAME: 'Crucible Bot',
    MONKEY_BUSINESS: 'not matched',
    PATH: '/usr/local/bin:/usr/bin',
    HOME: '/home/someone',
  };
  assert.deepEqual(
    new Set(secretsFromEnv(env)),
    new Set([
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCY',
      'correct horse battery',
      'ghs_valueOfTheTokenXYZ',
      'npm-auth-token-value',
      'user:pa55word!',
    ]),
  );
  for (const name of [
    'ANTHROPIC_API_KEY',
    'GITHUB_TOKEN',
    'SLACK_BOT_TOKEN',
    'DB_PASSWORD',
    'CLIENT_SECRET',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'X_AUTH',
    'OPENAI_APIKEY',
  ])
    assert.ok(isSecretName(name), name);
  for (const name of ['GIT_AUTHOR_NAME', 'AUTHOR', 'KEYBOARD', 'PATH', 'TOKENIZER_MODE', 'PWD']) assert.ok(!isSecretName(name), name);
});

test('known key shapes are redacted; ordinary words, slugs and hashes are not', () => {
  const r = redactorFor([]);
  const keys = [
    `sk-ant-api03-${'A1b2'.repeat(10)}`,
    'sk-proj-Abc123def456ghi789jkl012',
    'sk-1234567890abcdefghijABCD',
    `ghp_${'a1B2'.repeat(9)}`,
    `gho_${'Z9y8'.repeat(9)}`,
    `ghs_${'x'.repeat(36)}`,
    `ghu_${'1'.repeat(36)}`,
    `github_pat_11ABCDEFG0${'q'.repeat(60)}`,
    'AKIAIOSFODNN7EXAMPLE',
    'xoxb-1234567890-0987654321-AbCdEfGhIjKl',
    'xoxp-abcdefghijkl',
    '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----',
  ];
  for (const key of keys) assert.equal(r.text(`before ${key} after`), 'before [redacted] after', key);
  const innocent =
    'task-ant-eater sk-learn-compatible-estimator-wrapper risk-assessment-for-the-whole-thing AKIA ghp_short deadbeefcafe0123456789abcdef';
  assert.equal(r.text(innocent), innocent);
  assert.equal(r.text('Authorization: Basic dXNlcjpwYXNz'), 'Authorization: Basic [redacted]');
});

test('deep redaction reaches every string in nested objects and arrays and keeps untouched values as they are', () => {
  const r = redactorFor(['env-secret-value-1']);
  const clean = { a: 1, b: ['x', { c: 'nothing here' }], d: null };
  assert.equal(r.deep(clean), clean);
  const out = r.deep({
    id: 'T-1',
    evidence: [{ command: 'npm test', outputTail: 'leaked env-secret-value-1 and sk-ant-api03-abcdefgh' }],
    n: 3,
    ok: true,
  });
  assert.deepEqual(out, { id: 'T-1', evidence: [{ command: 'npm test', outputTail: 'leaked [redacted] and [redacted]' }], n: 3, ok: true });
});

test('a large text with many environment secrets is redacted in one pass, matches anywhere in it', () => {
  const env: Record<string, string> = {};
  for (let i = 0; i < 40; i++) env[`SERVICE_${i}_TOKEN`] = `token-value-${i}-${'x'.repeat(24)}`;
  const r = redactorFor(secretsFromEnv(env));
  const line = 'PASS test/tools/file-tools.test.ts > write_file refuses a dangling symlink (12 ms)\n';
  const text = `${line.repeat(5_000)}${env['SERVICE_39_TOKEN']}${line.repeat(5_000)}${env['SERVICE_7_TOKEN']}`;
  const out = r.text(text);
  assert.equal(out.split('[redacted]').length, 3);
  assert.ok(!out.includes('token-value-'));
});

test('ordinary words are left alone: a weak env value (PGPASSWORD=postgres) is no secret, values match in their own case, shapes are case-exact', () => {
  const r = redactorFor(secretsFromEnv({ PGPASSWORD: 'postgres', DB_TOKEN: 'Tok3nValue99' }));
  assert.equal(r.text("import postgres from 'postgres'; // PostgreSQL"), "import postgres from 'postgres'; // PostgreSQL");
  assert.equal(r.text('token Tok3nValue99 and tok3nvalue99'), 'token [redacted] and tok3nvalue99');
  assert.equal(r.text('asiaPacificRegion01x and sk-ANT-not-a-key-at-all'), 'asiaPacificRegion01x and sk-ANT-not-a-key-at-all');
  assert.equal(r.text('Authorization: Bearer abc.def'), 'Authorization: Bearer [redacted]');
});
