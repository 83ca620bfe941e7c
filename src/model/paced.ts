// Slows a model's stream down to reading speed: the scripted demo otherwise
// finishes before a person can see it. A pause before each turn, one after
// each streamed chunk; cancellation still goes straight through.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ModelClient, ModelEvent, TurnRequest } from './types.js';

export interface Pace {
  turnMs: number;
  chunkMs: number;
}

export const demoPace = (chunkMs: number): Pace => ({ turnMs: chunkMs * 12, chunkMs });

export class PacedModel implements ModelClient {
  readonly provider: string;
  readonly defaultModel: string;

  constructor(
    private readonly inner: ModelClient,
    private readonly pace: Pace,
  ) {
    this.provider = inner.provider;
    this.defaultModel = inner.defaultModel;
  }

  async *stream(request: TurnRequest): AsyncIterable<ModelEvent> {
    await this.wait(this.pace.turnMs, request.signal);
    for await (const event of this.inner.stream(request)) {
      yield event;
      if (event.type === 'text.delta') await this.wait(this.pace.chunkMs, request.signal);
    }
  }

  private async wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
    if (ms <= 0 || signal?.aborted) return;
    // An abort ends the wait early; the inner stream then reports the cancellation.
    await sleep(ms, undefined, signal ? { signal } : {}).catch(() => undefined);
  }
}
