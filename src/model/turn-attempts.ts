// One model turn as every HTTP provider runs it: the caller's cancel and a turn-wide timeout folded
// into one signal, then attempts until one completes or its failure may not be retried (content
// already reached the caller, the turn was stopped, or the retry policy says no), with a `retry`
// event before each wait and secrets redacted from every error. What an attempt is (which client,
// which stream) is the provider's; this never throws.
import { redactSecrets } from '../shared/redact.js';
import { modelError } from './model-error.js';
import { DEFAULT_RETRY_POLICY, DEFAULT_TURN_TIMEOUT_MS, retryDelay, sleep as realSleep, type RetryPolicy, type Sleep } from './retry.js';
import type { AssistantMessage, ContentBlock, ModelError, ModelEvent, TurnRequest } from './types.js';
import type { TokenUsage } from './usage.js';

export type AbortWhy = 'cancelled' | 'timeout';

export const abortWhy = (signal: AbortSignal): AbortWhy => (signal.reason === 'timeout' ? 'timeout' : 'cancelled');

/** What an attempt has streamed so far. */
export interface AttemptState {
  readonly usage: TokenUsage;
  /** Some content reached the caller: a retry would show it twice. */
  readonly emittedContent: boolean;
  message(): AssistantMessage;
  content(): ContentBlock[];
}

/** How a provider bounds and retries its turns, and what it keeps out of errors. */
export interface TurnSettings {
  timeoutMs: number;
  retry: RetryPolicy;
  sleep: Sleep;
  random: () => number;
  secrets: readonly string[];
}

export interface TurnOptions {
  retry?: Partial<RetryPolicy>;
  /** Bound on a whole turn, retries and waits included. */
  turnTimeoutMs?: number;
  /** Replaceable wait between retries (tests record delays instead of waiting). */
  sleep?: Sleep;
  /** Jitter source, [0, 1). */
  random?: () => number;
}

export const turnSettings = (options: TurnOptions, secrets: readonly string[]): TurnSettings => ({
  timeoutMs: options.turnTimeoutMs ?? DEFAULT_TURN_TIMEOUT_MS,
  retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
  sleep: options.sleep ?? realSleep,
  random: options.random ?? Math.random,
  secrets,
});

export interface TurnAttempts<A extends AttemptState> extends TurnSettings {
  /** Named on failures when more than one provider is in use. */
  provider?: string;
  /** The error of a turn stopped before or between attempts. */
  stopped(attempt: number, why: AbortWhy): ModelError;
  fresh(): A;
  /** One attempt: streams into `state`, yielding events as they come; returns its failure, if it failed. */
  attempt(state: A, attempt: number, signal: AbortSignal): AsyncGenerator<ModelEvent, ModelError | undefined, undefined>;
}

export async function* runTurn<A extends AttemptState>(
  request: TurnRequest,
  turn: TurnAttempts<A>,
): AsyncGenerator<ModelEvent, void, undefined> {
  const controller = new AbortController();
  const onCancel = (): void => controller.abort('cancelled' satisfies AbortWhy);
  request.signal?.addEventListener('abort', onCancel, { once: true });
  const timer = setTimeout(() => controller.abort('timeout' satisfies AbortWhy), turn.timeoutMs);
  timer.unref();
  try {
    if (request.signal?.aborted) onCancel();
    yield* attempts(turn, controller.signal);
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onCancel);
    controller.abort('cancelled' satisfies AbortWhy);
  }
}

async function* attempts<A extends AttemptState>(turn: TurnAttempts<A>, signal: AbortSignal): AsyncGenerator<ModelEvent, void, undefined> {
  for (let attempt = 1; ; attempt += 1) {
    const state = turn.fresh();
    let failure = signal.aborted ? turn.stopped(attempt - 1, abortWhy(signal)) : yield* turn.attempt(state, attempt, signal);
    if (!failure) {
      yield { type: 'turn.completed', message: state.message() };
      return;
    }
    failure = { ...failure, message: redactSecrets(failure.message, turn.secrets), ...(turn.provider ? { provider: turn.provider } : {}) };
    // Once content reached the caller the turn cannot be replayed silently: the runtime decides.
    const delayMs = state.emittedContent || signal.aborted ? null : retryDelay(failure, attempt, turn.retry, turn.random);
    if (delayMs === null) {
      yield { type: 'turn.failed', error: failure, usage: state.usage, partial: state.content() };
      return;
    }
    yield { type: 'retry', attempt, delayMs, error: failure };
    try {
      await turn.sleep(delayMs, signal);
    } catch {
      yield { type: 'turn.failed', error: turn.stopped(attempt, abortWhy(signal)), usage: state.usage, partial: [] };
      return;
    }
  }
}

/** One attempt as both SDKs stream it: open the stream, push each raw event into the attempt's state. */
export interface StreamedAttempt<Raw> {
  open(signal: AbortSignal): Promise<AsyncIterable<Raw>>;
  state: { push(raw: Raw): ModelEvent[]; readonly complete: boolean };
  classify(err: unknown, attempt: number, why?: AbortWhy): ModelError;
  /** The failure of a stream that ended without its closing event. */
  cutMessage: string;
  /** A connection lost once the answer is complete costs nothing that matters (OpenAI's trailing usage chunk). */
  wholeOnceComplete?: boolean;
}

export async function* streamAttempt<Raw>(
  streamed: StreamedAttempt<Raw>,
  attempt: number,
  signal: AbortSignal,
): AsyncGenerator<ModelEvent, ModelError | undefined, undefined> {
  const { state, classify } = streamed;
  try {
    const stream = await streamed.open(signal);
    for await (const raw of stream) {
      // Events already buffered when the signal fired are dropped, not delivered late.
      if (signal.aborted) break;
      yield* state.push(raw);
    }
    // The SDKs end an aborted stream quietly; a stream that never finished was cut.
    if (signal.aborted) return classify(undefined, attempt, abortWhy(signal));
    if (!state.complete) return modelError('stream_cut', streamed.cutMessage, attempt);
    return undefined;
  } catch (err) {
    if (streamed.wholeOnceComplete && state.complete && !signal.aborted) return undefined;
    return classify(err, attempt, signal.aborted ? abortWhy(signal) : undefined);
  }
}
