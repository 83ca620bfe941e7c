// A record opened to read a few of its projections: a short read command (`crucible status`,
// `task list`, `log`) loads only the tables it reads instead of every one. Reading any other
// table throws, so a command that reads more than it declared fails loudly in its tests instead
// of answering from an empty table; and the store refuses appends (see LevelEventStore).
import { loadTable } from './codec.js';
import type { Keyspaces } from './level-db.js';
import { emptyTables, type TableName, type Tables } from './tables.js';
import type { TableReader } from './tx.js';

/** The named tables read from LevelDB side by side; the others stay empty (and unreadable through `partialReader`). */
export async function loadSomeTables(ks: Keyspaces, names: readonly TableName[]): Promise<Tables> {
  const tables = emptyTables();
  await Promise.all(
    [...new Set(names)].map(async (name) => {
      (tables as Record<TableName, Map<string, unknown>>)[name] = await loadTable(ks, name);
    }),
  );
  return tables;
}

/** A reader of the loaded tables only. */
export function partialReader(tables: Tables, loaded: readonly TableName[]): TableReader {
  const check = (table: TableName) => {
    if (!loaded.includes(table))
      throw new Error(`the record was opened to read ${loaded.join(', ') || 'no tables'}, not ${table}: declare it for this command`);
  };
  return {
    get: (table, key) => {
      check(table);
      return tables[table].get(key);
    },
    rows: (table) => {
      check(table);
      return tables[table].values();
    },
  };
}
