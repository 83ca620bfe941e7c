import type { Task } from '../record/tables.js';
import type { TableReader } from '../record/tx.js';
import { refusal, type CommandOutcome, type Refusal } from './result.js';

// Tests that stop running are a cheap way to a green gate: code under test that
// calls process.exit(0) when imported makes node's runner count a whole file as
// one passing test. A green gate that ran fewer tests than the last green run of
// the same command is refused until the human agrees the tests went away.

/** How many tests passed, as the common runners summarise it; undefined when the output says nothing recognisable. */
export function passedTests(output: string): number | undefined {
  const patterns = [
    /^# pass (\d+)$/m, // node --test (TAP)
    /^ℹ pass (\d+)$/m, // node --test (spec reporter)
    /^Tests:\s+(?:\d+ \w+, )*(\d+) passed/m, // jest
    /^\s*Tests\s+(\d+) passed/m, // vitest
    /^\s*(\d+) passing/m, // mocha
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(output);
    if (match) return Number(match[1]);
  }
  return undefined;
}

/** When a task last passed its gate: the newest move to review or done in its history. */
const finishedAt = (task: Task): number =>
  Math.max(-1, ...task.history.filter((h) => h.to === 'done' || h.to === 'review').map((h) => h.seq));

/**
 * The pass count of each gate command's most recent green run in a finished task's evidence
 * (not the highest ever: tests removed with approval stay removed).
 */
export function lastPassCounts(view: TableReader, except: Pick<Task, 'id'>): Map<string, { count: number; taskId: string }> {
  const last = new Map<string, { count: number; taskId: string; at: number }>();
  for (const task of view.rows('tasks')) {
    if (task.id === except.id || (task.status !== 'done' && task.status !== 'review')) continue;
    const at = finishedAt(task);
    for (const e of task.evidence) {
      if (e.kind !== 'command' || e.exitCode !== 0) continue;
      const count = passedTests(e.outputTail);
      if (count !== undefined && at > (last.get(e.command)?.at ?? -2)) last.set(e.command, { count, taskId: task.id, at });
    }
  }
  return last;
}

export function canKeepTestCount(
  view: TableReader,
  task: Pick<Task, 'id'>,
  commands: readonly CommandOutcome[],
  approved: boolean,
): Refusal | undefined {
  if (approved) return undefined;
  const best = lastPassCounts(view, task);
  for (const outcome of commands) {
    if (outcome.exitCode !== 0) continue;
    const now = passedTests(outcome.outputTail);
    const before = best.get(outcome.command);
    if (now === undefined || !before || now >= before.count) continue;
    return refusal(
      'tests-vanished',
      `\`${outcome.command}\` passed ${now} test${now === 1 ? '' : 's'}; ` +
        `its last green run (${before.taskId}) passed ${before.count}. Tests that stop running are not evidence`,
      'find why the tests no longer run (code that exits the process, a skipped or deleted test) and restore them; ' +
        "removing finished tests on purpose needs the human's approval of that gate change (the gate-tampered judgment)",
    );
  }
  return undefined;
}
