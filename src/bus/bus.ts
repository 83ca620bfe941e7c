import type { EventStore } from '../record/event-store.js';
import type { RecordEvent } from '../record/events.js';
import type { Bus, Handler, SubscribeOptions, Subscription } from './types.js';

export const topicOf = (type: string): string => type.split('.')[0] ?? type;

export function matches(event: RecordEvent, options: SubscribeOptions): boolean {
  if (options.types && !options.types.includes(event.type)) return false;
  if (options.topics && !options.topics.includes(topicOf(event.type))) return false;
  return true;
}

class Queue {
  items: RecordEvent[] = [];
  dropped = 0;
  overflowed = false;
  closed = false;
  private wake: (() => void) | undefined;
  private idleWaiters: (() => void)[] = [];
  busy = false;

  constructor(private readonly maxBuffer: number) {}

  push(event: RecordEvent): void {
    if (this.closed) return;
    this.items.push(event);
    if (this.items.length > this.maxBuffer) {
      this.overflowed = true;
      this.dropped += this.items.length;
      this.items = [];
    }
    this.wake?.();
  }

  async next(): Promise<void> {
    if (this.items.length > 0 || this.overflowed || this.closed) return;
    this.busy = false;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
    await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = undefined;
    this.busy = true;
  }

  idle(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (!this.busy && this.items.length === 0 && !this.overflowed) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    this.wake?.();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}

/**
 * The in-process bus over a store's commits. An event reaches subscribers only
 * after the batch holding it is durable. Publishing never waits on a subscriber:
 * each one has its own queue and drains it at its own pace.
 */
export class RecordBus implements Bus {
  constructor(private readonly store: Pick<EventStore, 'onCommit'>) {}

  subscribe(handler: Handler, options: SubscribeOptions = {}): Subscription {
    const queue = new Queue(options.maxBuffer ?? 10_000);
    const unlisten = this.store.onCommit((events) => {
      for (const event of events) if (matches(event, options)) queue.push(event);
    });
    const run = async () => {
      queue.busy = true;
      while (!queue.closed) {
        await queue.next();
        // A live subscriber that fell too far behind skips ahead; `dropped` says how much it missed.
        queue.overflowed = false;
        const event = queue.items.shift();
        if (event) await deliver(handler, event, options);
      }
    };
    void run();
    return {
      get dropped() {
        return queue.dropped;
      },
      close: () => {
        unlisten();
        queue.close();
      },
      idle: () => queue.idle(),
    };
  }
}

async function deliver(handler: Handler, event: RecordEvent, options: SubscribeOptions): Promise<void> {
  try {
    await handler(event);
  } catch (error) {
    options.onError?.(error, event);
  }
}
