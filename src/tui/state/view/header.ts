import { runLabel } from '../format.js';
import { pendingJudgments } from '../lists.js';
import { compact, seg, usd, type Line, type Segment } from '../text.js';
import type { TuiState } from '../types.js';

/** Two lines: project and goal; run state, tasks done, tokens, cost against budget, a vector fill running, judgments waiting. */
export function headerLines(state: TuiState): Line[] {
  const { project, usage, record, run } = state;
  const title: Line = [
    seg(' Crucible ', { inverse: true, bold: true, color: 'cyan' }),
    seg(` ${project.name} `, { bold: true }),
    seg(project.goal ? `▸ ${project.goal}` : '▸ (no goal)', { dim: !project.goal }),
  ];
  const done = record.tasks.filter((t) => t.status === 'done').length;
  const label = runLabel(run);
  const sep = seg(' │ ', { dim: true });
  const cost = usage.unknownCostTurns > 0 ? `${usd(usage.costUsd)} + ${usage.unknownCostTurns} turns unpriced` : usd(usage.costUsd);
  const overBudget = usage.budgetUsd !== null && usage.costUsd >= usage.budgetUsd * 0.8;
  const pending = pendingJudgments(record).length;
  const stats: Segment[] = [
    seg(' '),
    seg(label.text, { color: label.color, bold: true }),
    ...(run.kind === 'ended' ? [seg(`: ${run.reason}`, { color: label.color })] : []),
    sep,
    seg(`tasks ${done}/${record.tasks.length} done`),
    sep,
    seg(`tokens ${compact(usage.tokens)}`),
    sep,
    seg(`cost ${cost} / ${usage.budgetUsd !== null ? usd(usage.budgetUsd) : 'no limit'}`, overBudget ? { color: 'red', bold: true } : {}),
    ...(state.vectorFill
      ? [
          sep,
          seg(`vectors ${state.vectorFill.total < 0 ? 'starting' : `${state.vectorFill.done}/${state.vectorFill.total}`}`, {
            color: 'cyan',
          }),
        ]
      : []),
    ...(pending > 0
      ? [sep, seg(`⚑ ${pending} judgment${pending === 1 ? '' : 's'} waiting: press a`, { color: 'yellow', bold: true })]
      : []),
  ];
  return [title, stats];
}
