// The projections each short read command reads: such a command opens the record with only
// those tables loaded (LevelEventStore's `tables`), not all thirteen. Reading an undeclared
// table throws, so a command that starts reading another one fails its tests until it is
// listed here. A command not listed (every write among them) loads every table.
import type { Command } from 'commander';
import type { TableName } from '../record/tables.js';

/** What trace and task show read: the edges and every table an edge's end may name. */
const TRACED: readonly TableName[] = ['edges', 'requirements', 'decisions', 'tasks', 'proposals', 'judgments', 'memories', 'links'];

export const READ_TABLES: Readonly<Record<string, readonly TableName[]>> = {
  status: ['tasks', 'requirements', 'decisions', 'documents', 'proposals', 'judgments', 'worktrees', 'counters'],
  'task list': ['tasks'],
  'task show': TRACED,
  trace: TRACED,
  'req list': ['requirements'],
  'judgments list': ['judgments'],
  log: [],
};

/** The command's words under the program (`task list`), from the command commander is running. */
export function commandPathOf(command: Command): string {
  const words: string[] = [];
  for (let at: Command | null = command; at?.parent; at = at.parent) words.unshift(at.name());
  return words.join(' ');
}

/** The tables the running command reads, or undefined for all of them. */
export const tablesReadBy = (command: Command): readonly TableName[] | undefined => READ_TABLES[commandPathOf(command)];
