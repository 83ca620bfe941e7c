import type { Change, RowTypes, TableName, Tables } from './tables.js';

/** Read access to the tables, shared by the live state and a transaction layered over it. */
export interface TableReader {
  get<T extends TableName>(table: T, key: string): RowTypes[T] | undefined;
  rows<T extends TableName>(table: T): Iterable<RowTypes[T]>;
}

export const readerOf = (tables: Tables): TableReader => ({
  get: (table, key) => tables[table].get(key),
  rows: (table) => tables[table].values(),
});

/**
 * Changes staged over a reader. Reducers write here; nothing reaches the base
 * until `commitInto` runs, so a refused event leaves no trace.
 */
export class Tx implements TableReader {
  private readonly staged = new Map<TableName, Map<string, unknown>>();

  constructor(private readonly base: TableReader) {}

  get<T extends TableName>(table: T, key: string): RowTypes[T] | undefined {
    const layer = this.staged.get(table);
    if (layer?.has(key)) return (layer.get(key) ?? undefined) as RowTypes[T] | undefined;
    return this.base.get(table, key);
  }

  *rows<T extends TableName>(table: T): Iterable<RowTypes[T]> {
    const layer = this.staged.get(table);
    for (const row of this.base.rows(table)) {
      const key = keyOfRow(table, row);
      if (layer?.has(key)) continue;
      yield row;
    }
    if (layer) for (const row of layer.values()) if (row !== null) yield row as RowTypes[T];
  }

  put<T extends TableName>(table: T, key: string, row: RowTypes[T]): void {
    this.layer(table).set(key, row);
  }

  delete(table: TableName, key: string): void {
    this.layer(table).set(key, null);
  }

  changes(): Change[] {
    const out: Change[] = [];
    for (const [table, layer] of this.staged) {
      for (const [key, row] of layer) out.push({ table, key, row } as Change);
    }
    return out;
  }

  /** Applies the staged changes to another transaction (group commit) or to live tables. */
  commitInto(target: Tx | Tables): void {
    for (const change of this.changes()) {
      if (target instanceof Tx) {
        if (change.row === null) target.delete(change.table, change.key);
        else target.put(change.table, change.key, change.row);
      } else {
        applyChange(target, change);
      }
    }
  }

  private layer(table: TableName): Map<string, unknown> {
    let layer = this.staged.get(table);
    if (!layer) {
      layer = new Map();
      this.staged.set(table, layer);
    }
    return layer;
  }
}

/**
 * Writes straight into live tables, for replaying events the log already accepted: there is no
 * refusal to undo (a refused replay is thrown away whole), so staging each event would only cost.
 * The reducers still copy a row they change rather than change it in place: measured (session 20),
 * changing replayed rows in place was no faster, since a copy that dies young costs the scavenger
 * nothing while a change to an old row costs a write barrier and a remembered-set entry.
 */
export class DirectTx extends Tx {
  constructor(private readonly tables: Tables) {
    super(readerOf(tables));
  }

  override get<T extends TableName>(table: T, key: string): RowTypes[T] | undefined {
    return this.tables[table].get(key) as RowTypes[T] | undefined;
  }

  override rows<T extends TableName>(table: T): Iterable<RowTypes[T]> {
    return this.tables[table].values() as Iterable<RowTypes[T]>;
  }

  override put<T extends TableName>(table: T, key: string, row: RowTypes[T]): void {
    (this.tables[table] as Map<string, unknown>).set(key, row);
  }

  override delete(table: TableName, key: string): void {
    this.tables[table].delete(key);
  }

  override changes(): Change[] {
    return [];
  }
}

export function applyChange(tables: Tables, change: Change): void {
  const table = tables[change.table] as Map<string, unknown>;
  if (change.row === null) table.delete(change.key);
  else table.set(change.key, change.row);
}

/** The key a row is stored under; must agree with the reducers' `put` keys. */
export function keyOfRow(table: TableName, row: unknown): string {
  const r = row as Record<string, unknown>;
  switch (table) {
    case 'documents':
      return String(r.path);
    case 'edges':
      return `${String(r.from)}|${String(r.rel)}|${String(r.to)}`;
    case 'counters':
      return String(r.name);
    case 'ledger':
      return String(r.taskId);
    default:
      return String(r.id);
  }
}
