// Reads the TUI's copy of the record through the record's own reader
// interface, so its pure queries (trace) work on the copy unchanged.
import { trace, type TraceResult } from '../../record/queries.js';
import { edgeKey, type RowTypes, type TableName } from '../../record/tables.js';
import type { TableReader } from '../../record/tx.js';
import type { RecordSnapshot } from './types.js';

const cache = new WeakMap<RecordSnapshot, TableReader>();

export function snapshotReader(snapshot: RecordSnapshot): TableReader {
  const cached = cache.get(snapshot);
  if (cached) return cached;
  const tables = new Map<TableName, Map<string, unknown>>();
  const index = <T>(name: TableName, rows: readonly T[], key: (row: T) => string) =>
    tables.set(name, new Map(rows.map((r) => [key(r), r])));
  index('tasks', snapshot.tasks, (r) => r.id);
  index('judgments', snapshot.judgments, (r) => r.id);
  index('requirements', snapshot.requirements, (r) => r.id);
  index('decisions', snapshot.decisions, (r) => r.id);
  index('proposals', snapshot.proposals, (r) => r.id);
  index('links', snapshot.links, (r) => r.id);
  index('edges', snapshot.edges, edgeKey);
  const reader: TableReader = {
    get: <T extends TableName>(table: T, key: string) => tables.get(table)?.get(key) as RowTypes[T] | undefined,
    rows: <T extends TableName>(table: T) => (tables.get(table)?.values() ?? []) as Iterable<RowTypes[T]>,
  };
  cache.set(snapshot, reader);
  return reader;
}

export const traceOf = (snapshot: RecordSnapshot, id: string): TraceResult => trace(snapshotReader(snapshot), id);
