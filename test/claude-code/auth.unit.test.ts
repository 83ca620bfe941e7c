// Which credential a Claude Code session would use, in Claude Code's order, named but never shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { claudeAuth, claudeCredentialsFile } from '../../src/runtime/claude-code/auth.js';
import { tempDir } from '../../support/helpers/temp.js';

const SECRET = 'sk-ant-oat01-do-not-print-me-0123456789';
const LOGIN = JSON.stringify({ claudeAiOauth: { accessToken: SECRET, refreshToken: SECRET, expiresAt: 1, subscriptionType: 'max' } });
const files =
  (contents: Record<string, string>) =>
  (path: string): string | undefined =>
    contents[path];

const linux = { platform: 'linux' as const };

test('the credentials file is under CLAUDE_CONFIG_DIR when set, else ~/.claude', () => {
  assert.equal(claudeCredentialsFile({ HOME: '/home/ada' }), '/home/ada/.claude/.credentials.json');
  assert.equal(claudeCredentialsFile({ HOME: '/home/ada', CLAUDE_CONFIG_DIR: '/cfg' }), '/cfg/.credentials.json');
});

test("Claude Code's order: a cloud provider, then ANTHROPIC_AUTH_TOKEN, ANTHROPIC_API_KEY, CLAUDE_CODE_OAUTH_TOKEN, then the login", () => {
  const read = files({ '/h/.claude/.credentials.json': LOGIN });
  const all = {
    HOME: '/h',
    ANTHROPIC_AUTH_TOKEN: SECRET,
    ANTHROPIC_API_KEY: SECRET,
    CLAUDE_CODE_OAUTH_TOKEN: SECRET,
    CLAUDE_CODE_USE_BEDROCK: '1',
  };
  const sources: string[] = [];
  const env: NodeJS.ProcessEnv = { ...all };
  for (const name of ['CLAUDE_CODE_USE_BEDROCK', 'ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY', 'CLAUDE_CODE_OAUTH_TOKEN', 'none']) {
    const auth = claudeAuth(env, { ...linux, readText: read });
    assert.ok(auth.ok);
    sources.push(auth.source);
    assert.ok(!auth.detail.includes(SECRET), auth.detail);
    delete env[name];
  }
  assert.deepEqual(sources, ['CLAUDE_CODE_USE_BEDROCK', 'ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY', 'CLAUDE_CODE_OAUTH_TOKEN', 'login']);
});

test('a key set beside a subscription login says the key wins; the login names its plan and file', () => {
  const read = files({ '/h/.claude/.credentials.json': LOGIN });
  const keyed = claudeAuth({ HOME: '/h', ANTHROPIC_API_KEY: SECRET }, { ...linux, readText: read });
  assert.ok(keyed.ok);
  assert.match(keyed.detail, /^an API key \(ANTHROPIC_API_KEY\), used instead of the subscription login in \/h\/\.claude/);
  const login = claudeAuth({ HOME: '/h', ANTHROPIC_API_KEY: '  ', CLAUDE_CODE_USE_VERTEX: '0' }, { ...linux, readText: read });
  assert.deepEqual(login, { ok: true, source: 'login', detail: 'the subscription login (max plan) in /h/.claude/.credentials.json' });
});

test('no login and no key is a failure with the fix; a file without a login says so', () => {
  const none = claudeAuth({ HOME: '/h' }, { ...linux, readText: files({}) });
  assert.equal(none.ok, false);
  if (!none.ok) {
    assert.match(none.reason, /not logged in and no key set \(no \/h\/\.claude\/\.credentials\.json/);
    assert.match(none.fix, /`claude`.*\/login.*ANTHROPIC_API_KEY.*CLAUDE_CODE_OAUTH_TOKEN/);
  }
  for (const text of ['{}', 'not json', JSON.stringify({ claudeAiOauth: { expiresAt: 1 } })]) {
    const empty = claudeAuth({ HOME: '/h' }, { ...linux, readText: files({ '/h/.claude/.credentials.json': text }) });
    assert.equal(empty.ok, false, text);
    if (!empty.ok) assert.match(empty.reason, /holds no Claude login/);
  }
  const mac = claudeAuth({ HOME: '/h' }, { platform: 'darwin', readText: files({}) });
  assert.equal(mac.ok && mac.source, 'keychain');
});

test('the real file is read from CLAUDE_CONFIG_DIR', async () => {
  const t = await tempDir();
  try {
    await mkdir(join(t.dir, 'cfg'));
    await writeFile(join(t.dir, 'cfg', '.credentials.json'), LOGIN);
    const auth = claudeAuth({ HOME: '/nonexistent', CLAUDE_CONFIG_DIR: join(t.dir, 'cfg') }, linux);
    assert.ok(auth.ok && auth.source === 'login', JSON.stringify(auth));
    assert.ok(!JSON.stringify(auth).includes(SECRET));
  } finally {
    await t.cleanup();
  }
});
