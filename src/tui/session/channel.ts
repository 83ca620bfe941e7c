// The throttled in-memory channel between the engine and the screen. Tokens,
// tool calls and record events are pushed as they happen (O(1), never
// blocking the engine); at most once per `intervalMs` the whole backlog is
// handed over in one batch, so the screen renders at most 1000/intervalMs
// frames a second however fast agents stream. A frame drawn outside the channel
// (a key) counts against the same budget: the next batch waits a full interval
// after it, yet never more than two intervals after its oldest item arrived
// (held keys must not starve the stream). Idle, it sets no timer.
export interface ChannelClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: ChannelClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class FrameChannel<T> {
  private items: T[] = [];
  private dirty = false;
  private timer: unknown;
  private last = -Infinity;
  /** When the oldest undelivered item (or mark) arrived. */
  private pendingSince: number | undefined;
  private closed = false;
  flushes = 0;

  constructor(
    private readonly onFlush: (items: T[], dirty: boolean) => void,
    readonly intervalMs = 50,
    private readonly clock: ChannelClock = realClock,
  ) {}

  push(item: T): void {
    if (this.closed) return;
    this.items.push(item);
    this.schedule();
  }

  /** Something changed that the flush should re-read (a machine's state), with nothing to carry. */
  mark(): void {
    if (this.closed) return;
    this.dirty = true;
    this.schedule();
  }

  /** A frame was drawn outside the channel (a key): the backlog can wait a full interval from now. */
  drawn(): void {
    if (this.closed) return;
    this.last = this.clock.now();
    if (this.timer === undefined) return;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.schedule();
  }

  /** Delivers the backlog now (shutdown, tests). */
  flush(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.run();
  }

  close(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.closed = true;
    this.items = [];
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    const now = this.clock.now();
    this.pendingSince ??= now;
    const due = Math.min(this.last + this.intervalMs, this.pendingSince + 2 * this.intervalMs);
    const wait = Math.max(0, due - now);
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, wait);
  }

  private run(): void {
    if (this.items.length === 0 && !this.dirty) return;
    this.last = this.clock.now();
    this.pendingSince = undefined;
    const items = this.items;
    const dirty = this.dirty;
    this.items = [];
    this.dirty = false;
    this.flushes += 1;
    this.onFlush(items, dirty);
  }
}
