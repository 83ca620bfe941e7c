/**
 * Keeps API keys out of the log, the record, the screen and error messages.
 * Everything the model layer says about a failure goes through `redactSecrets`.
 */

const KEY_PATTERNS: readonly RegExp[] = [
  // Anthropic API and admin keys.
  /sk-ant-[A-Za-z0-9_-]{6,}/g,
  // Credentials in headers as printed by HTTP libraries.
  /(authorization["']?\s*[:=]\s*["']?bearer\s+)[^\s"',}]+/gi,
  /(x-api-key["']?\s*[:=]\s*["']?)[^\s"',}]+/gi,
];

const REDACTED = '[redacted]';

/** The secrets in `env` that must never be shown (the values of ANTHROPIC_API_KEY and ANTHROPIC_AUTH_TOKEN). */
export function secretsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return [env['ANTHROPIC_API_KEY'], env['ANTHROPIC_AUTH_TOKEN']].filter(
    (value): value is string => typeof value === 'string' && value.length >= 4,
  );
}

/** Replaces every known secret and anything shaped like an API key or auth header value. */
export function redactSecrets(text: string, secrets: readonly string[] = secretsFromEnv()): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  for (const pattern of KEY_PATTERNS) {
    out = out.replace(pattern, (match: string, prefix?: string) =>
      typeof prefix === 'string' ? `${prefix}${REDACTED}` : REDACTED,
    );
  }
  return out;
}
