// Keeps secrets out of everything Crucible stores or shows: the record (every
// appended event), the tool results a model reads, the CLI, the TUI and MCP.
//
// Two kinds of secret are replaced by `[redacted]`: the values of environment
// variables whose names say they are secret (ANTHROPIC_API_KEY, GITHUB_TOKEN,
// AWS_SECRET_ACCESS_KEY, ...), and anything shaped like a known credential
// (Anthropic, OpenAI, GitHub, AWS access key ids, Slack, auth header values,
// PEM private keys). Environment values are matched in their exact case, and
// only when they look like secrets, so `PGPASSWORD=postgres` does not
// turn every "PostgreSQL" into noise; header names match in any case. The
// patterns are compiled once per secret list: this runs on every append and
// printed line.

export const REDACTED = '[redacted]';

/** Shorter environment values are not treated as secrets: `AUTH=1` must not redact every "1". */
export const MIN_SECRET_LENGTH = 8;

/** A secret a caller names explicitly (a configured key) may be shorter, but not this short. */
const MIN_EXPLICIT_SECRET_LENGTH = 4;

/** The shortest text any key or header shape can match. */
const MIN_SHAPE_LENGTH = 12;

/** One part of a variable's name (split at `_`, `-`, `.`, ...) that marks its value as secret. */
const SECRET_NAME_PARTS: readonly string[] = [
  '(?:API|ACCESS|PRIVATE|SECRET|SIGNING|MASTER|ENCRYPTION|LICENSE)?KEYS?',
  '[A-Z0-9]*(?:TOKENS?|SECRETS?|PASSWORDS?|PASSWD|PASSPHRASE|CREDENTIALS?)',
  'AUTH',
  'AUTHORIZATION',
];
const SECRET_NAME_PART = new RegExp(`^(?:${SECRET_NAME_PARTS.join('|')})$`);

// Each shape needs enough length that ordinary words and slugs do not match.
const KEY_SHAPES: readonly string[] = [
  // Anthropic API and admin keys.
  String.raw`\bsk-ant-[A-Za-z0-9_-]{6,}`,
  // OpenAI style (sk-..., sk-proj-...): long, and with a digit, so a kebab-case slug is left alone.
  String.raw`\bsk-(?=[A-Za-z_-]*[0-9])[A-Za-z0-9_-]{20,}`,
  // GitHub personal, OAuth, user-to-server, server-to-server and refresh tokens; fine-grained PATs.
  String.raw`\bgh[pousr]_[A-Za-z0-9]{20,}`,
  String.raw`\bgithub_pat_[A-Za-z0-9_]{20,}`,
  // AWS access key ids (long-term and temporary).
  String.raw`\b(?:AKIA|ASIA)[A-Z0-9]{16}\b`,
  // Slack bot, user, app, refresh and legacy tokens.
  String.raw`\bxox[abposr]-[A-Za-z0-9-]{10,}`,
  // npm access tokens (a project's .npmrc is a gate-defining file, so its diff can be shown).
  String.raw`\bnpm_[A-Za-z0-9]{36}\b`,
  // PEM private keys, whole.
  String.raw`-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----`,
];

// Header values as HTTP libraries print them; the captured name is kept, the value redacted.
const HEADER_SHAPES: readonly string[] = [
  String.raw`(\bauthorization["']?\s*[:=]\s*["']?(?:bearer|basic|token)\s+)[^\s"',}]+`,
  String.raw`(\bx-api-key["']?\s*[:=]\s*["']?)[^\s"',}]+`,
  // .npmrc credentials: `//registry.example/:_authToken=...`, or `_auth=...` at a line's start (never `my_auth = x` in code).
  String.raw`((?:\/\/[^\s:]*:|(?<![^\n]))_(?:authToken|auth|password)\s*=\s*)[^\s"']+`,
];

export interface Redactor {
  /** The environment values this redactor replaces (longest first). */
  readonly secrets: readonly string[];
  text(text: string): string;
  /** Every string inside plain objects and arrays; returns `value` itself when nothing changed. */
  deep<T>(value: T): T;
}

/** Whether an environment variable's name says its value is secret (`GIT_AUTHOR_NAME` does not). */
export function isSecretName(name: string): boolean {
  return name
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .some((part) => SECRET_NAME_PART.test(part));
}

/** A value that could be a real secret: long, or at least MIN_SECRET_LENGTH with letters and digits (`postgres`, `changeme` are not). */
const looksLikeSecret = (value: string): boolean =>
  value.length >= 16 || (value.length >= MIN_SECRET_LENGTH && /[0-9]/.test(value) && /[A-Za-z]/.test(value));

/** The values in `env` that must never be stored or shown: those of secret-named variables that look like secrets. */
export function secretsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (typeof value !== 'string' || !isSecretName(name)) continue;
    const trimmed = value.trim();
    if (looksLikeSecret(trimmed)) values.add(trimmed);
  }
  return [...values].sort((a, b) => b.length - a.length);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A redactor for these literal secrets plus the known key and header shapes. */
export function redactorFor(secrets: readonly string[]): Redactor {
  const literal = [...new Set(secrets.filter((s) => s.length >= MIN_EXPLICIT_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
  const shortest = Math.min(MIN_SHAPE_LENGTH, ...literal.map((s) => s.length));
  // Literal secrets first, so a secret that also has a key shape is replaced whole; each in its own case.
  const exact = new RegExp([...literal.map(escapeRegExp), ...KEY_SHAPES].join('|'), 'g');
  const headers = new RegExp(HEADER_SHAPES.join('|'), 'gi');
  const replaceHeader = (_match: string, authPrefix?: string, apiKeyPrefix?: string, npmrcPrefix?: string) =>
    `${authPrefix ?? apiKeyPrefix ?? npmrcPrefix ?? ''}${REDACTED}`;
  const text = (input: string): string =>
    input.length < shortest ? input : input.replace(exact, REDACTED).replace(headers, replaceHeader);
  const deep = <T>(value: T): T => deepMap(value, text) as T;
  return { secrets: literal, text, deep };
}

function deepMap(value: unknown, text: (s: string) => string): unknown {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const next = deepMap(item, text);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? out : value;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let out: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const next = deepMap(item, text);
      if (next !== item) (out ??= { ...(value as Record<string, unknown>) })[key] = next;
    }
    return out ?? value;
  }
  return value;
}

let processRedactor: Redactor | undefined;

/** The redactor for this process's environment, computed on first use and kept. */
export function envRedactor(): Redactor {
  return (processRedactor ??= redactorFor(secretsFromEnv(process.env)));
}

/** Replaces every secret of the environment (or of `secrets`) and anything shaped like an API key or auth header value. */
export function redactSecrets(text: string, secrets?: readonly string[]): string {
  return (secrets === undefined ? envRedactor() : redactorFor(secrets)).text(text);
}

/** `redactSecrets` over every string inside plain objects and arrays. */
export function redactDeep<T>(value: T): T {
  return envRedactor().deep(value);
}
