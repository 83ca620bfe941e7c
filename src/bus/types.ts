// The bus seam: the live side of the record's log. Nothing publishes to it directly; an event
// is published by being committed to the EventStore. RecordBus (bus.ts) is the in-process one;
// another (over PostgreSQL's LISTEN/NOTIFY, say) must guarantee what it does:
// - durability before publish: a subscriber sees an event only after the batch holding it is
//   durable, and never sees a refused append;
// - log order: each subscriber receives events in sequence order;
// - publishing never waits on a subscriber: each has its own queue, drained at its own pace,
//   and one that falls more than `maxBuffer` behind skips ahead, counting what it missed.
// Subscriptions are live only, deliberately: every consumer that must not miss an event reads
// durable state instead — a judgment's answer from the judgments table (checked again after
// subscribing), the post-run re-audit from the proposals table, `log --follow` from the log
// after the last sequence number it printed. So there are no stored cursors to keep.
import type { EventType, RecordEvent } from '../record/events.js';

export interface Bus {
  subscribe(handler: Handler, options?: SubscribeOptions): Subscription;
}

export type Handler = (event: RecordEvent) => void | Promise<void>;

export interface SubscribeOptions {
  /** Exact event types, e.g. `task.completed`. */
  types?: readonly EventType[];
  /** Topics are the part before the dot: `task`, `judgment`, `model`, ... */
  topics?: readonly string[];
  /** Past this many queued events the oldest are dropped and counted. */
  maxBuffer?: number;
  onError?: (error: unknown, event: RecordEvent) => void;
}

export interface Subscription {
  /** How many events this subscriber missed by falling more than `maxBuffer` behind. */
  readonly dropped: number;
  close(): void;
  /** Resolves when everything queued so far has been handled (for tests and shutdown). */
  idle(): Promise<void>;
}
