// A record opened to read a few of its projections: a short read command (`crucible status`,
// `task list`, `log`) loads only the tables it reads instead of every one. Reading any other
// table throws, so a command that reads more than it declared fails loudly in its tests instead
// of answering from an empty table; and the store refuses appends (see LevelEventStore).
// Its tasks parse their history and evidence when first read: `task list` and `status` print
// neither, and a task's entries outnumber its two other rows once it has been worked on.
import { loadTable } from './codec.js';
import { textPagesOf, type Keyspaces } from './level-db.js';
import { emptyTables, type TableName, type Tables, type Task } from './tables.js';
import type { TableReader } from './tx.js';

/** The named tables read from LevelDB side by side; the others stay empty (and unreadable through `partialReader`). */
export async function loadSomeTables(ks: Keyspaces, names: readonly TableName[]): Promise<Tables> {
  const tables = emptyTables();
  await Promise.all(
    [...new Set(names)].map(async (name) => {
      (tables as Record<TableName, Map<string, unknown>>)[name] = name === 'tasks' ? await loadTasksLazily(ks) : await loadTable(ks, name);
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
 * `T-1#e#000000` in order), each task the object codec's loadTasks makes, with `history` and `evidence` parsed on
 * first read. The record is read-only here, so the texts read at open are what those fields would have held.
 */
async function loadTasksLazily(ks: Keyspaces): Promise<Map<string, Task>> {
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
    const { historyCount, evidenceCount, ...state } = JSON.parse(own.state) as Record<string, unknown> & {
      historyCount: number;
      evidenceCount: number;
    };
    const task = { ...(JSON.parse(own.core) as object), ...state, history: [], evidence: [] } as unknown as Task;
    parsedOnRead(task, 'history', own.history.slice(0, historyCount));
    parsedOnRead(task, 'evidence', own.evidence.slice(0, evidenceCount));
    tasks.set(id, task);
  }
  return tasks;
}

/** Makes `task[field]` the parsed entries when first read (or set): from then on a plain property, as loadTasks makes it. */
function parsedOnRead(task: Task, field: 'history' | 'evidence', texts: string[]): void {
  const settle = (value: unknown) => Object.defineProperty(task, field, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(task, field, {
    enumerable: true,
    configurable: true,
    get: () => {
      const value = texts.map((text) => JSON.parse(text) as unknown);
      settle(value);
      return value;
    },
    set: settle,
  });
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
