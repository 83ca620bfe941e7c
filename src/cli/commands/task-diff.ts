// `crucible task diff <id> [--stat]`: what a task changed, from its worktree,
// branch or merge, or its linked files against the commits recorded with them.
import type { Command } from 'commander';
import type { TaskDiff } from '../../app/diff/schema.js';
import { taskDiffOp } from '../../app/operations/index.js';
import { callWorkspaceOrSession, contextOf, emit } from '../context.js';
import { parseEntityId } from '../parse.js';
import type { CliBase } from './types.js';

/** The numbers per file, as `git diff --stat` shows them, with why a file could not be compared. */
export function diffStatText(diff: TaskDiff): string[] {
  const width = Math.min(60, Math.max(0, ...diff.files.map((f) => f.path.length)));
  const rows = diff.files.map((f) => {
    const what = f.note ?? (f.status === 'modified' ? '' : f.status);
    return ` ${f.path.padEnd(width)} | +${f.additions} -${f.deletions}${what ? `  ${what}` : ''}`;
  });
  const n = diff.files.length;
  return [...rows, `${n} file${n === 1 ? '' : 's'}, +${diff.additions} -${diff.deletions}`];
}

export function diffText(diff: TaskDiff, stat: boolean): string {
  const head = `${diff.task} ${diff.title}: ${diff.compared}`;
  if (diff.files.length === 0) return `${head}\nNo differences.`;
  const patch = stat || !diff.patch ? [] : ['', diff.patch.replace(/\n$/, '')];
  const cut = diff.truncated ? ['', '(the diff is cut here: see `--json`, or git itself, for the rest)'] : [];
  return [head, ...diffStatText(diff), ...patch, ...cut].join('\n');
}

export function registerTaskDiff(task: Command, base: CliBase): void {
  task
    .command('diff')
    .description('what a task changed: its worktree, branch or merge, else its linked files against the commit recorded with each link')
    .argument('<id>', 'a task id, e.g. T-1')
    .option('--stat', 'only the files and their added and removed lines')
    .action(async (id: string, opts: { stat?: boolean }, command) => {
      const ctx = contextOf(command, base);
      parseEntityId('task id', id);
      const diff = await callWorkspaceOrSession(ctx, taskDiffOp, { id, stat: opts.stat === true });
      emit(ctx, diff, () => diffText(diff, opts.stat === true));
    });
}
