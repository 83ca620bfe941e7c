// How a run's end is put into words: a model that could not be used, a planner
// that failed or planned nothing, a stop by signal. Each is one cause and one fix.
import type { ModelError } from '../model/types.js';
import type { AgentOutcome } from './agent-loop.js';
import { CLAUDE_CODE_ERROR } from './claude-code/session-error.js';

export interface RunFailure {
  cause: string;
  fix: string;
}

/** The model's own message without the fix the model layer appended (the run states its own). */
function detail(error: ModelError): string {
  return error.message.replace(/\s*\(fix: .*\)\s*$/, '');
}

const RETRY_FIX =
  'check the network, ANTHROPIC_BASE_URL and https://status.anthropic.com, then `crucible run --resume` ' +
  '(model.retries in .crucible/config.json sets how hard to retry)';

const OPENAI_RETRY_FIX =
  'check that the server at model.baseUrl (or OPENAI_BASE_URL) is up and serves the model, then `crucible run --resume` ' +
  '(model.retries in .crucible/config.json sets how hard to retry)';

/** Why a run could not use its model, and what the person should do about it. */
export function modelFailure(error: ModelError, model: string): RunFailure {
  // A Claude Code session's error names its own cause and fix (its login, not ANTHROPIC_API_KEY alone).
  if (error.message.startsWith(CLAUDE_CODE_ERROR)) {
    const fix = /\(fix: (.*)\)\s*$/.exec(error.message)?.[1];
    return { cause: detail(error), fix: fix ?? 'check the claude-code line of `crucible doctor`, then `crucible run --resume`' };
  }
  const status = error.status !== undefined ? ` (${error.status})` : '';
  const openai = error.provider === 'openai';
  const keyVar = openai ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY';
  const retryFix = openai ? OPENAI_RETRY_FIX : RETRY_FIX;
  switch (error.kind) {
    case 'auth':
      return error.status === 403
        ? {
            cause: `the model API denied this key access${status}: ${detail(error)}`,
            fix: `use a key whose workspace may call the model, in ${keyVar} (crucible doctor checks it)`,
          }
        : { cause: `the model API refused the key${status}`, fix: `set ${keyVar} to a valid key (crucible doctor checks it)` };
    case 'not_found':
      return {
        cause: `the model API has no model "${model}"${status}`,
        fix: 'set model.defaultModel (or model.agents.<role>) in .crucible/config.json to a model your key can use (crucible doctor checks it)',
      };
    case 'connection':
      return { cause: `could not reach the model API, through every retry: ${detail(error)}`, fix: retryFix };
    default:
      return { cause: `the model API kept failing through every retry${status}: ${detail(error)}`, fix: retryFix };
  }
}

/** A planner job that did not leave a plan behind: why, or undefined when it planned. */
export function plannerFailure(outcome: AgentOutcome | { kind: 'refused' } | undefined, tasksAfter: number): RunFailure | undefined {
  if (outcome?.kind === 'model_failed') return modelFailure(outcome.error, outcome.model);
  if (outcome?.kind === 'failed' || outcome?.kind === 'incomplete')
    return {
      cause: `the planner failed: ${outcome.reason}`,
      fix: 'check the goal and the planner agent (agents/planner.md), then run again',
    };
  if (outcome?.kind === 'finished' && tasksAfter === 0) {
    return {
      cause: 'the planner created no tasks for the goal',
      fix: 'state the goal more concretely, or add tasks yourself with `crucible task add`, then run again',
    };
  }
  return undefined;
}

/** Words for why a run was stopped from outside, from its AbortSignal's reason. */
export function stopCause(reason: unknown): string {
  if (reason === 'SIGINT') return 'stopped by you (Ctrl-C)';
  if (typeof reason === 'string' && reason.startsWith('SIG')) return reason;
  return 'stopped by the human';
}
