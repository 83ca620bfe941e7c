import type { EventType, RecordEvent } from '../record/events.js';
import type { LevelEventStore } from '../record/store.js';
import { CursorStore } from './cursors.js';

/**
 * The live side of the log. An event reaches subscribers only after the batch
 * holding it is durable. Publishing never waits on a subscriber: each one has
 * its own queue and drains it at its own pace.
 */
export interface Bus {
  subscribe(handler: Handler, options?: SubscribeOptions): Subscription;
  subscribeDurable(name: string, handler: Handler, options?: SubscribeOptions): Promise<DurableSubscription>;
}

export type Handler = (event: RecordEvent) => void | Promise<void>;

export interface SubscribeOptions {
  /** Exact event types, e.g. `task.completed`. */
  types?: readonly EventType[];
  /** Topics are the part before the dot: `task`, `judgment`, `model`, ... */
  topics?: readonly string[];
  /** Live subscribers only: past this many queued events the oldest are dropped and counted. */
  maxBuffer?: number;
  onError?: (error: unknown, event: RecordEvent) => void;
}

export interface Subscription {
  readonly dropped: number;
  close(): void;
  /** Resolves when everything queued so far has been handled (for tests and shutdown). */
  idle(): Promise<void>;
}

export interface DurableSubscription extends Subscription {
  /** Highest sequence number handled and acknowledged. */
  readonly cursor: number;
}

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

export class RecordBus implements Bus {
  private readonly cursors: CursorStore;

  constructor(private readonly store: LevelEventStore) {
    this.cursors = new CursorStore(store.keyspaces.meta);
  }

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

  async subscribeDurable(name: string, handler: Handler, options: SubscribeOptions = {}): Promise<DurableSubscription> {
    let cursor = await this.cursors.get(name);
    const queue = new Queue(options.maxBuffer ?? 10_000);
    const unlisten = this.store.onCommit((events) => {
      for (const event of events) queue.push(event);
    });
    queue.overflowed = true; // start by catching up from the log
    const stop = () => {
      unlisten();
      queue.close();
    };
    const handle = async (event: RecordEvent) => {
      if (event.seq <= cursor) return;
      if (matches(event, options)) {
        const ok = await deliver(handler, event, options);
        // A handler that fails has not acknowledged: stop here, so a new subscription
        // under the same name resumes from this event rather than skipping it.
        if (!ok) return stop();
      }
      if (queue.closed) return;
      cursor = event.seq;
      await this.cursors.set(name, cursor);
    };
    const run = async () => {
      queue.busy = true;
      while (!queue.closed) {
        await queue.next();
        if (queue.overflowed) {
          // Durable subscribers never lose events: when behind, they re-read from the log.
          queue.overflowed = false;
          queue.items = [];
          for await (const event of this.store.read({ since: cursor })) {
            if (queue.closed) break;
            await handle(event);
          }
          continue;
        }
        const event = queue.items.shift();
        if (event) await handle(event);
      }
    };
    void run();
    return {
      get dropped() {
        return 0;
      },
      get cursor() {
        return cursor;
      },
      close: stop,
      idle: () => queue.idle(),
    };
  }
}

async function deliver(handler: Handler, event: RecordEvent, options: SubscribeOptions): Promise<boolean> {
  try {
    await handler(event);
    return true;
  } catch (error) {
    options.onError?.(error, event);
    return false;
  }
}
