// The diff view's lines: what a task changed as a box over the body, the files
// with their added and removed lines, then the unified diff coloured by line
// kind. Every text passes `seg` (made inert: a file's escape sequences are shown,
// never acted on), and every line is cut to the box, never wrapped.
import type { TaskDiff } from '../../../app/diff/schema.js';
import type { DiffModal } from './diff-modal.js';
import { seg, wrap, type Line, type Segment } from '../text.js';

type Style = Omit<Segment, 'text'>;

function patchStyle(line: string): Style {
  if (line.startsWith('diff --git ')) return { bold: true };
  if (line.startsWith('+++ ') || line.startsWith('--- ') || line.startsWith('index ')) return { dim: true };
  if (line.startsWith('@@')) return { color: 'cyan' };
  if (line.startsWith('+')) return { color: 'green' };
  if (line.startsWith('-')) return { color: 'red' };
  return {};
}

/** The files, the totals, the patch: the scrollable body of the view. */
export function diffBody(diff: TaskDiff): Line[] {
  const width = Math.min(50, Math.max(0, ...diff.files.map((f) => f.path.length)));
  const files = diff.files.map((f): Line => {
    const what = f.note ?? (f.status === 'modified' ? '' : f.status);
    return [
      seg(` ${f.path.padEnd(width)} `),
      seg(`+${f.additions}`, { color: 'green' }),
      seg(' '),
      seg(`-${f.deletions}`, { color: 'red' }),
      seg(what ? `  ${what}` : '', { dim: true }),
    ];
  });
  const n = diff.files.length;
  const total: Line = [seg(`${n} file${n === 1 ? '' : 's'}, +${diff.additions} -${diff.deletions}`, { bold: true })];
  const compared: Line = [seg(diff.compared, { dim: true })];
  if (n === 0) return [compared, [seg('No differences.')]];
  const patch = diff.patch
    .replace(/\n$/, '')
    .split('\n')
    .map((l): Line => [seg(l, patchStyle(l))]);
  const cut: Line[] = diff.truncated
    ? [[seg('(the diff is cut here: `crucible task diff --json` has the rest)', { color: 'yellow' })]]
    : [];
  return [compared, ...files, total, ...(patch.length ? [[] as Line, ...patch] : []), ...cut];
}

/** The box's title, rows and accent (modal.ts draws the box). */
export function diffModalContent(
  modal: DiffModal,
  maxHeight: number,
  inner: number,
): { title: string; body: Line[]; accent: 'cyan' | 'red' } {
  const back = modal.then?.kind === 'judgment' ? `Esc: on to ${modal.then.id}` : 'Esc: close';
  const hint: Line = [seg(`↑↓ PgUp PgDn scroll · ${back}`, { dim: true })];
  const body: Line[] = modal.diff
    ? diffBody(modal.diff)
    : modal.error
      ? wrap(modal.error, inner).map((row): Line => [seg(row, { color: 'red' })])
      : [[seg(`Reading what ${modal.task} changed…`, { dim: true })]];
  const room = Math.max(1, maxHeight - 3);
  const start = Math.max(0, Math.min(modal.scroll, body.length - room));
  const more = body.length > room ? ` (${start + 1}-${Math.min(body.length, start + room)}/${body.length})` : '';
  const title = `Diff ${modal.task}${modal.diff ? ` ${modal.diff.title}` : ''}${more}`;
  return { title, body: [...body.slice(start, start + room), hint], accent: modal.error ? 'red' : 'cyan' };
}
