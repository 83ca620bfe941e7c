import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactSecrets, secretsFromEnv } from '../../src/model/redact.js';

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
