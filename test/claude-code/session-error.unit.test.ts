// What Claude Code's own error texts (as its binary words them) mean for the run, and that no secret
// in them survives into the message Crucible records and shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionError } from '../../src/runtime/claude-code/session-error.js';

// The process's redactor reads the environment once, on first use: this secret is set before any.
const ENV_SECRET = 'opaque-gateway-credential-0123456789abcdef';
process.env.CRUCIBLE_TEST_GATEWAY_TOKEN = ENV_SECRET;

const CASES: [string, string, boolean][] = [
  ['Invalid API key · Please run /login', 'auth', false],
  ['API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}', 'auth', false],
  ['Not logged in · Please run /login', 'auth', false],
  ['OAuth token revoked · Please run /login', 'auth', false],
  ['Credit balance is too low', 'auth', false],
  ['API Error: 404 {"type":"error","error":{"type":"not_found_error","message":"model: claude-nope"}}', 'not_found', false],
  [
    "There's an issue with the selected model (claude-nope). It may not exist or you may not have access to it. Run --model to pick a different model.",
    'not_found',
    false,
  ],
  ['API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', 'overloaded', true],
  ['Repeated 529 Overloaded errors', 'overloaded', true],
  [
    'API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Number of requests has exceeded your rate limit"}}',
    'rate_limited',
    true,
  ],
  ['API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}', 'server_error', true],
  ['Unable to connect to API (ConnectionRefused)', 'connection', true],
  ['connect ECONNREFUSED 127.0.0.1:9', 'connection', true],
  ['Request timed out.', 'timeout', true],
  ['API Error: 400 orphaned tool_result in conversation history.', 'unknown', false],
  ['Claude Code process exited with code 1', 'unknown', false],
];

test("Claude Code's error texts map to the kinds the agent machine treats: run-ending, retryable or a failed job", () => {
  for (const [text, kind, retryable] of CASES) {
    const error = sessionError(text);
    assert.equal(error.kind, kind, text);
    assert.equal(error.retryable, retryable, text);
    assert.equal(error.attempts, 1);
    assert.ok(error.message.startsWith('Claude Code: '), error.message);
  }
});

test('a run-ending error names its fix; others say only what happened', () => {
  assert.match(
    sessionError('Invalid API key · Please run /login').message,
    /fix: log in with `claude`.*ANTHROPIC_API_KEY.*crucible doctor/,
  );
  assert.match(sessionError('API Error: 404 not_found_error').message, /fix: check the model name for this role/);
  assert.doesNotMatch(sessionError('Repeated 529 Overloaded errors').message, /fix:/);
  assert.equal(sessionError('  \n ').message, 'Claude Code: the Claude Code session ended with an error');
  assert.equal(sessionError('line one\n\n  line two').message, 'Claude Code: line one line two');
});

test('no secret in the text survives: key shapes, auth headers and secret environment values', () => {
  const key = 'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEf';
  const error = sessionError(`API Error: 401 invalid x-api-key ${key} (x-api-key: ${key}) via ${ENV_SECRET}`);
  assert.equal(error.kind, 'auth');
  assert.doesNotMatch(error.message, /sk-ant-api03|AbCdEfGh/);
  assert.ok(!error.message.includes(ENV_SECRET), error.message);
  assert.match(error.message, /\[redacted\]/);
});

test('a secret cut by the length cap leaks no part of itself', () => {
  // The secret straddles the 500th character: cutting first and redacting after would leave its head.
  const text = `${'x'.repeat(480)} ${ENV_SECRET} and more`;
  const error = sessionError(text);
  assert.ok(!error.message.includes(ENV_SECRET.slice(0, 12)), error.message);
  const key = 'sk-ant-api03-QwErTyUiOpAsDfGhJkLzXcVbNm0123456789';
  assert.ok(!sessionError(`${'y'.repeat(485)} ${key}`).message.includes('QwErTy'));
});
