// What every store keeps in front of its writer, whatever the backend: the queue of pending
// appends (each accepted or refused whole, see stageBatch), the commit listeners, refusing
// appends once closed, and replacing the in-memory tables after a rebuild repaired them.
import type { EventDraft, EventDraftOf, EventType, RecordEvent, RecordEventOf } from './events.js';
import type { CommitListener } from './event-store.js';
import type { PendingAppend } from './prepare.js';
import { TABLE_NAMES, type Tables } from './tables.js';

export abstract class QueuedStore {
  protected readonly queue: PendingAppend[] = [];
  private readonly listeners = new Set<CommitListener>();
  protected closed = false;

  async append<T extends EventType>(draft: EventDraftOf<T>): Promise<RecordEventOf<T>> {
    const [event] = await this.appendAll([draft as EventDraft]);
    return event as RecordEventOf<T>;
  }

  appendAll(drafts: EventDraft[]): Promise<RecordEvent[]> {
    if (this.closed) return Promise.reject(new Error('the record is closed'));
    if (drafts.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ drafts, resolve, reject });
      this.startWriter();
    });
  }

  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts the writer unless it is running; it takes the queue in batches (group commit). */
  protected abstract startWriter(): void;

  /** Hands committed events to the listeners; callers make sure they are durable first. */
  protected publish(events: readonly RecordEvent[]): void {
    if (events.length === 0) return;
    for (const listener of this.listeners) listener(events);
  }
}

/** Every table of `target` becomes exactly the rows of `source` (what a repairing rebuild produced). */
export function replaceTables(target: Tables, source: Tables): void {
  for (const name of TABLE_NAMES) {
    const rows = target[name] as Map<string, unknown>;
    rows.clear();
    for (const [key, row] of source[name] as Map<string, unknown>) rows.set(key, row);
  }
}
