// How projection rows are laid out in LevelDB. Most tables store one value per
// row. A task's history and evidence only ever grow, so they are stored as
// write-once entries beside the task (`T-1#h#000003`), and a transition writes
// the small core row plus the new entries instead of the whole growing task.
import { pagesOf, type Keyspaces } from './level-db.js';
import type { Change, Task, Tables, TableName } from './tables.js';
import { emptyTables, TABLE_NAMES } from './tables.js';

const STATE_FIELDS = ['status', 'assignee', 'completions', 'updatedAt'] as const;
type TaskState = Pick<Task, 'status' | 'assignee' | 'completions' | 'updatedAt'> & { historyCount: number; evidenceCount: number };
const NON_CORE = new Set<string>(['history', 'evidence', ...STATE_FIELDS]);
type TaskCore = Omit<Task, 'history' | 'evidence' | (typeof STATE_FIELDS)[number]>;

const entryKey = (id: string, kind: 'h' | 'e', index: number) => `${id}#${kind}#${String(index).padStart(6, '0')}`;

export type BatchOp =
  { type: 'put'; sublevel: Keyspaces['log']; key: string; value: unknown } | { type: 'del'; sublevel: Keyspaces['log']; key: string };

/**
 * Writes a batch through the root database with each key prefixed here: the same bytes as through the
 * sublevels, but abstract-level does less per operation (measured ~10% of the batch's CPU on appends).
 */
export async function writeOps(ks: Keyspaces, ops: readonly BatchOp[], options: { sync?: boolean } = {}): Promise<void> {
  const flat = ops.map((op) =>
    op.type === 'put'
      ? { type: 'put' as const, key: op.sublevel.prefix + op.key, value: op.value }
      : { type: 'del' as const, key: op.sublevel.prefix + op.key },
  );
  await ks.db.batch(flat, options);
}

export function encodeChange(ks: Keyspaces, change: Change, previous: unknown): BatchOp[] {
  const sublevel = ks.tables[change.table];
  if (change.row === null) return [{ type: 'del', sublevel, key: change.key }];
  if (change.table !== 'tasks') return [{ type: 'put', sublevel, key: change.key, value: change.row }];
  const task = change.row;
  const before = previous as Task | undefined;
  const { history, evidence, status, assignee, completions, updatedAt, ...core } = task;
  const state: TaskState = {
    status,
    ...(assignee ? { assignee } : {}),
    completions,
    updatedAt,
    historyCount: history.length,
    evidenceCount: evidence.length,
  };
  const ops: BatchOp[] = [{ type: 'put', sublevel, key: `${change.key}#s`, value: state }];
  // Transitions leave the core fields untouched (same references), so it is rewritten only when it changed.
  const coreKeys = Object.keys(core) as (keyof TaskCore)[];
  const beforeCoreKeys = before ? Object.keys(before).filter((k) => !NON_CORE.has(k)) : [];
  const coreChanged = !before || beforeCoreKeys.length !== coreKeys.length || coreKeys.some((k) => core[k] !== before[k]);
  if (coreChanged) ops.push({ type: 'put', sublevel, key: change.key, value: core });
  const appendOnly = (a: readonly unknown[], b: readonly unknown[] | undefined) =>
    b && b.length <= a.length && b.every((x, i) => x === a[i]) ? b.length : 0;
  const fromH = appendOnly(history, before?.history);
  const fromE = appendOnly(evidence, before?.evidence);
  for (let i = fromH; i < history.length; i++) ops.push({ type: 'put', sublevel, key: entryKey(task.id, 'h', i), value: history[i] });
  for (let i = fromE; i < evidence.length; i++) ops.push({ type: 'put', sublevel, key: entryKey(task.id, 'e', i), value: evidence[i] });
  return ops;
}

/**
 * Reads every table back, reassembling tasks from their core row and entries. The tables are read
 * side by side: LevelDB reads a page of one on its threads while this thread decodes a page of another.
 */
export async function loadTables(ks: Keyspaces): Promise<Tables> {
  const tables = emptyTables();
  await Promise.all(
    TABLE_NAMES.map(async (name) => {
      if (name === 'tasks') tables.tasks = await loadTasks(ks);
      else {
        const target = tables[name] as Map<string, unknown>;
        for await (const page of pagesOf(ks.tables[name])) for (const [key, value] of page) target.set(key, value);
      }
    }),
  );
  return tables;
}

export async function loadTable(ks: Keyspaces, name: TableName): Promise<Map<string, unknown>> {
  if (name === 'tasks') return loadTasks(ks);
  const rows = new Map<string, unknown>();
  for await (const page of pagesOf(ks.tables[name])) for (const [key, value] of page) rows.set(key, value);
  return rows;
}

async function loadTasks(ks: Keyspaces): Promise<Map<string, Task>> {
  const cores = new Map<string, TaskCore>();
  const states = new Map<string, TaskState>();
  const entries = new Map<string, { h: unknown[]; e: unknown[] }>();
  for await (const page of pagesOf(ks.tables.tasks))
    for (const [key, value] of page) {
      const [id, kind, index] = key.split('#');
      if (!id) continue;
      if (kind === undefined) cores.set(id, value as TaskCore);
      else if (kind === 's') states.set(id, value as TaskState);
      else {
        const bucket = entries.get(id) ?? entries.set(id, { h: [], e: [] }).get(id)!;
        (kind === 'h' ? bucket.h : bucket.e)[Number(index)] = value;
      }
    }
  const tasks = new Map<string, Task>();
  for (const [id, core] of cores) {
    const state = states.get(id);
    if (!state) continue;
    const { historyCount, evidenceCount, ...fields } = state;
    const bucket = entries.get(id);
    tasks.set(id, {
      ...core,
      ...fields,
      history: (bucket?.h ?? []).slice(0, historyCount) as Task['history'],
      evidence: (bucket?.e ?? []).slice(0, evidenceCount) as Task['evidence'],
    });
  }
  return tasks;
}

/** All stored keys of a table, for rewriting it from scratch. */
export async function storedKeys(ks: Keyspaces, name: TableName): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of ks.tables[name].keys()) keys.push(key);
  return keys;
}
