// Drains one turn's event stream into its outcome: the one place a turn is drained (the agent's turn
// actor, doctor's probe, tests). `onEvent` sees every event as it arrives (text deltas, retries).
import type { AssistantMessage, ModelClient, ModelError, ModelEvent, TurnRequest } from './types.js';
import { emptyUsage, type TokenUsage } from './usage.js';

export type TurnOutcome =
  | { ok: true; message: AssistantMessage; events: ModelEvent[]; text: string }
  | { ok: false; error: ModelError; usage: TokenUsage; events: ModelEvent[]; text: string };

export async function collectTurn(events: AsyncIterable<ModelEvent>, onEvent?: (event: ModelEvent) => void): Promise<TurnOutcome> {
  const seen: ModelEvent[] = [];
  let text = '';
  for await (const event of events) {
    seen.push(event);
    onEvent?.(event);
    if (event.type === 'text.delta') text += event.text;
    if (event.type === 'turn.completed') return { ok: true, message: event.message, events: seen, text };
    if (event.type === 'turn.failed') return { ok: false, error: event.error, usage: event.usage, events: seen, text };
  }
  // A well-behaved client always ends with one of the two; say so plainly if one did not.
  const error: ModelError = { kind: 'protocol', message: 'the model stream ended without a final event', retryable: true, attempts: 1 };
  return { ok: false, error, usage: emptyUsage(), events: seen, text };
}

export const runTurn = (client: ModelClient, request: TurnRequest): Promise<TurnOutcome> => collectTurn(client.stream(request));
