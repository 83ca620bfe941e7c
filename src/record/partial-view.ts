// A record opened to read a few of its projections: a short read command (`crucible status`,
// `task list`, `log`) loads only the tables it reads instead of every one. Reading any other
// table throws, so a command that reads more than it declared fails loudly in its tests instead
// of answering from an empty table; and the store refuses appends (see LevelEventStore).
// Its tasks are assembled from their stored rows without object spreads, which cost a cold process
// several times the parsing itself.
import { loadTable } from './codec.js';
import { textPagesOf, type Keyspaces } from './level-db.js';
import { emptyTables, type TableName, type Tables, type Task } from './tables.js';
import type { TableReader } from './tx.js';

/** The named tables read from LevelDB side by side; the others stay empty (and unreadable through `partialReader`). */
export async function loadSomeTables(ks: Keyspaces, names: readonly TableName[]): Promise<Tables> {
  const tables = emptyTables();
  await Promise.all(
    [...new Set(names)].map(async (name) => {
      (tables as Record<TableName, Map<string, unknown>>)[name] = name === 'tasks' ? await loadTasksFast(ks) : await loadTable(ks, name);
    }),
  );
  return tables;
}

interface TaskTexts {
  core?: string;
  state?: string;
  history: string[];
  evidence: string[];
}

/**
 * The tasks as codec.ts stores them (a core row `T-1`, a state row `T-1#s`, write-once entries `T-1#h#000000` and
 * `T-1#e#000000` in order), each the object codec's loadTasks makes: the same fields in the same order.
 */
async function loadTasksFast(ks: Keyspaces): Promise<Map<string, Task>> {
  const texts = new Map<string, TaskTexts>();
  const textsOf = (id: string) => texts.get(id) ?? texts.set(id, { history: [], evidence: [] }).get(id)!;
  for await (const page of textPagesOf(ks.tables.tasks))
    for (const [key, text] of page) {
      const hash = key.indexOf('#');
      if (hash < 0) textsOf(key).core = text;
      else if (hash > 0) {
        const kind = key.slice(hash + 1, hash + 2);
        const own = textsOf(key.slice(0, hash));
        if (kind === 's') own.state = text;
        else if (kind === 'h') own.history.push(text);
        else if (kind === 'e') own.evidence.push(text);
      }
    }
  const tasks = new Map<string, Task>();
  for (const [id, own] of texts) {
    if (own.core === undefined || own.state === undefined) continue;
    const state = JSON.parse(own.state) as Record<string, unknown> & { historyCount: number; evidenceCount: number };
    const task = JSON.parse(own.core) as Record<string, unknown>;
    for (const field in state) if (field !== 'historyCount' && field !== 'evidenceCount') task[field] = state[field];
    task.history = JSON.parse(`[${own.history.slice(0, state.historyCount).join(',')}]`);
    task.evidence = JSON.parse(`[${own.evidence.slice(0, state.evidenceCount).join(',')}]`);
    tasks.set(id, task as unknown as Task);
  }
  return tasks;
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
