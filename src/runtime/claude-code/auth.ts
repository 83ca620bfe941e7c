// How a Claude Code session started from this environment would authenticate, in Claude Code's own
// order: a cloud provider, ANTHROPIC_AUTH_TOKEN, ANTHROPIC_API_KEY, CLAUDE_CODE_OAUTH_TOKEN, then the
// subscription login `claude` keeps in its credentials file. Names where the credential is, never its value.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type ClaudeAuthSource =
  | 'CLAUDE_CODE_USE_BEDROCK'
  | 'CLAUDE_CODE_USE_VERTEX'
  | 'CLAUDE_CODE_USE_FOUNDRY'
  | 'ANTHROPIC_AUTH_TOKEN'
  | 'ANTHROPIC_API_KEY'
  | 'CLAUDE_CODE_OAUTH_TOKEN'
  | 'login'
  | 'keychain';

export type ClaudeAuth = { ok: true; source: ClaudeAuthSource; detail: string } | { ok: false; reason: string; fix: string };

export interface ClaudeAuthOptions {
  platform?: NodeJS.Platform;
  /** A file's text, or undefined when it cannot be read. */
  readText?: (path: string) => string | undefined;
}

const readOrUndefined = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

const isSet = (value: string | undefined): boolean => value !== undefined && value.trim() !== '';
const isOn = (value: string | undefined): boolean => isSet(value) && !/^(0|false|no|off)$/i.test(value!.trim());

const CLOUD: ReadonlyArray<[ClaudeAuthSource, string]> = [
  ['CLAUDE_CODE_USE_BEDROCK', 'Amazon Bedrock'],
  ['CLAUDE_CODE_USE_VERTEX', 'Google Vertex AI'],
  ['CLAUDE_CODE_USE_FOUNDRY', 'Microsoft Foundry'],
];

const KEYS: ReadonlyArray<[ClaudeAuthSource, string]> = [
  ['ANTHROPIC_AUTH_TOKEN', 'an auth token (ANTHROPIC_AUTH_TOKEN)'],
  ['ANTHROPIC_API_KEY', 'an API key (ANTHROPIC_API_KEY)'],
  ['CLAUDE_CODE_OAUTH_TOKEN', 'a subscription token (CLAUDE_CODE_OAUTH_TOKEN, from `claude setup-token`)'],
];

/** Where `claude` keeps its login: $CLAUDE_CONFIG_DIR, else ~/.claude. */
export function claudeCredentialsFile(env: NodeJS.ProcessEnv): string {
  const dir = isSet(env.CLAUDE_CONFIG_DIR) ? env.CLAUDE_CONFIG_DIR!.trim() : join(isSet(env.HOME) ? env.HOME! : homedir(), '.claude');
  return join(dir, '.credentials.json');
}

/** The subscription login in the credentials file: its plan name when it holds one, else why not. */
function loginIn(text: string): { ok: true; plan?: string } | { ok: false } {
  try {
    const parsed = JSON.parse(text) as { claudeAiOauth?: { accessToken?: unknown; refreshToken?: unknown; subscriptionType?: unknown } };
    const oauth = parsed.claudeAiOauth;
    if (typeof oauth !== 'object' || oauth === null) return { ok: false };
    if (typeof oauth.accessToken !== 'string' && typeof oauth.refreshToken !== 'string') return { ok: false };
    const plan =
      typeof oauth.subscriptionType === 'string' && /^[a-z_]{1,20}$/.test(oauth.subscriptionType) ? oauth.subscriptionType : undefined;
    return plan ? { ok: true, plan } : { ok: true };
  } catch {
    return { ok: false };
  }
}

const LOGIN_FIX =
  'log in once with `claude` (a Claude subscription: run it and follow /login), or set ANTHROPIC_API_KEY (an API key), ' +
  'or CLAUDE_CODE_OAUTH_TOKEN (from `claude setup-token`)';

export function claudeAuth(env: NodeJS.ProcessEnv, options: ClaudeAuthOptions = {}): ClaudeAuth {
  const cloud = CLOUD.find(([name]) => isOn(env[name]));
  if (cloud) return { ok: true, source: cloud[0], detail: `${cloud[1]} (${cloud[0]}; its credentials are not checked here)` };
  const file = claudeCredentialsFile(env);
  const text = (options.readText ?? readOrUndefined)(file);
  const login = text === undefined ? undefined : loginIn(text);
  const key = KEYS.find(([name]) => isSet(env[name]));
  if (key) {
    const overrides = login?.ok ? `, used instead of the subscription login in ${file}` : '';
    return { ok: true, source: key[0], detail: `${key[1]}${overrides}` };
  }
  if (login?.ok)
    return { ok: true, source: 'login', detail: `the subscription login${login.plan ? ` (${login.plan} plan)` : ''} in ${file}` };
  if (login && !login.ok)
    return { ok: false, reason: `${file} holds no Claude login (logged out, or not Claude Code's file)`, fix: LOGIN_FIX };
  // On macOS `claude` keeps its login in the Keychain, which is not read here.
  if ((options.platform ?? process.platform) === 'darwin')
    return {
      ok: true,
      source: 'keychain',
      detail: 'the login in the macOS Keychain, if there is one (no key is set; run `claude` once to see)',
    };
  return { ok: false, reason: `not logged in and no key set (no ${file}, no ANTHROPIC_API_KEY)`, fix: LOGIN_FIX };
}
