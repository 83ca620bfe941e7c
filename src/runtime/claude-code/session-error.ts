// What a Claude Code session that ended in error means for the run, as the ModelError the agent
// machine already knows how to treat: a bad login or an unknown model ends the run (as the built-in
// loop's do); an overloaded or unreachable API is retryable; anything else fails the job.
import { RETRYABLE_KINDS } from '../../model/model-error.js';
import { redactSecrets } from '../../shared/redact.js';
import type { ModelError, ModelErrorKind } from '../../model/types.js';

const KINDS: ReadonlyArray<[RegExp, ModelErrorKind]> = [
  [/\b401\b|invalid (x-)?api[ _-]?key|authentication|not logged in|please run \/login|oauth token|credit balance/i, 'auth'],
  [/\b404\b|not_found_error|issue with the selected model|model .*(not found|does not exist|is not available)/i, 'not_found'],
  [/\b429\b|rate[ _-]?limit|usage limit|hit your limit/i, 'rate_limited'],
  [/\b529\b|overloaded/i, 'overloaded'],
  [/\b50[0-4]\b|api_error|internal server error/i, 'server_error'],
  [/econnrefused|econnreset|enotfound|fetch failed|connection (error|refused)|unable to connect|socket hang up/i, 'connection'],
  [/timed? ?out|timeout/i, 'timeout'],
];

/** Every error of a Claude Code session starts so; the run's failure line keeps its own cause and fix. */
export const CLAUDE_CODE_ERROR = 'Claude Code: ';

export function sessionError(text: string): ModelError {
  // Redacted before the cut: a secret cut in two would no longer be recognised, and its head would show.
  const line =
    redactSecrets(text)
      .replace(/\s+/g, ' ')
      .replace(/^Claude Code returned an error result:\s*/i, '')
      .trim()
      .slice(0, 500) || 'the Claude Code session ended with an error';
  const kind = KINDS.find(([pattern]) => pattern.test(line))?.[1] ?? 'unknown';
  const fix =
    kind === 'auth'
      ? ' (fix: log in with `claude` (a subscription) or set ANTHROPIC_API_KEY; `crucible doctor` checks it)'
      : kind === 'not_found'
        ? ' (fix: check the model name for this role in .crucible/config.json or the agent file)'
        : /usage limit|hit your limit/i.test(line)
          ? " (fix: wait until your plan's limit resets, then `crucible run --resume`)"
          : '';
  return { kind, message: redactSecrets(`${CLAUDE_CODE_ERROR}${line}${fix}`), retryable: RETRYABLE_KINDS.has(kind), attempts: 1 };
}
