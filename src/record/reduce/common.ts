import type { RecordEvent } from '../events.js';
import { kindOfId } from '../ids.js';
import { refuse } from '../refusal.js';
import type { TableName, TraceEdge } from '../tables.js';
import { edgeKey } from '../tables.js';
import type { Tx } from '../tx.js';

export type Handler<E extends RecordEvent = RecordEvent> = (tx: Tx, event: E) => void;

const TABLE_OF_KIND = {
  requirement: 'requirements',
  decision: 'decisions',
  task: 'tasks',
  memory: 'memories',
  proposal: 'proposals',
  judgment: 'judgments',
  link: 'links',
} as const satisfies Record<string, TableName>;

export function entityExists(tx: Tx, id: string): boolean {
  const kind = kindOfId(id);
  return kind !== undefined && tx.get(TABLE_OF_KIND[kind], id) !== undefined;
}

export function requireEntity(tx: Tx, id: string, what: string): void {
  if (!entityExists(tx, id)) {
    refuse(
      'unknown-id',
      `${what} ${id} does not exist in the record`,
      'list what exists with `crucible req list`, `crucible task list` or `crucible trace <id>`',
    );
  }
}

export function requireNew(tx: Tx, table: TableName, id: string): void {
  if (tx.get(table, id) !== undefined)
    refuse('duplicate-id', `${id} already exists in the record`, 'leave the id out and the record assigns the next one');
}

export function addEdge(tx: Tx, edge: TraceEdge): void {
  tx.put('edges', edgeKey(edge), edge);
}

/** Keeps id counters at least as high as any id seen, so replay assigns the same ids. */
export function bumpIdCounter(tx: Tx, id: string): void {
  const dash = id.indexOf('-');
  const value = Number(id.slice(dash + 1));
  const name = `id.${id.slice(0, dash)}`;
  const current = tx.get('counters', name)?.value ?? 0;
  if (value > current) tx.put('counters', name, { name, value });
}

export function addToCounter(tx: Tx, name: string, delta: number): void {
  const current = tx.get('counters', name)?.value ?? 0;
  tx.put('counters', name, { name, value: current + delta });
}
