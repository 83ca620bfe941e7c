import { fitLine, seg, textWidth, truncate, wrap, type Line } from '../text.js';
import type { Modal, TuiState } from '../types.js';
import { detailContent } from './detail.js';
import { diffModalContent } from './diff.js';

/** Modal boxes drawn over the body: the judgment prompt, help, quit, a proposal, a detail view. */
export function boxLines(title: string, body: Line[], width: number, accent: 'cyan' | 'yellow' | 'red' = 'cyan'): Line[] {
  const inner = width - 4;
  const t = truncate(` ${title} `, inner);
  const top: Line = [
    seg('┌─', { color: accent }),
    seg(t, { color: accent, bold: true }),
    seg(`${'─'.repeat(Math.max(0, width - 3 - textWidth(t)))}┐`, { color: accent }),
  ];
  const rows = body.map((line): Line => [seg('│ ', { color: accent }), ...fitLine(line, inner), seg(' │', { color: accent })]);
  return [fitLine(top, width), ...rows, [seg(`└${'─'.repeat(width - 2)}┘`, { color: accent })]];
}

const HELP: [string, string][] = [
  ['Tab / Shift-Tab', 'move between the agents, the live pane and the tabs'],
  ['1-9', 'jump to an agent'],
  ['↑↓ or j k', 'select an agent, scroll the pane, or move in a tab'],
  ['← → or h l', 'switch tabs (in the tabs); agents ↔ pane'],
  ['PgUp PgDn Home End', 'page; top; bottom (End makes the pane follow again)'],
  ['Enter', 'open the selected task, judgment, requirement, proposal or event'],
  ['d', 'what the selected task changed (its diff); in a judgment about a task, that task'],
  ['/', 'search the index (documents and code) and the record'],
  ['i', 'talk to the team: @agent or @role message, /req requirement, /goal new goal, plain text to the shown agent'],
  ['a', 'answer the oldest judgment waiting for you'],
  ['p', 'pause or resume the run (agents finish their current step)'],
  ['r', 'browsing: start the run (the open work in the record, resumed)'],
  ['s', 'stats: tokens and cost over time per agent, the burndown, the open tasks by dependency'],
  ['q', 'quit (asks first while agents are working); Ctrl-C quits at once; attached, both detach and the run goes on'],
  ['Tabs', 'Tasks: board by status · Judgments · Record: requirements, decisions, trace'],
  ['', 'Search · Audit: proposals (approve/reject) · Log: every event · Stats: charts'],
];

/** How the help box closes, said the same in the box and in the footer. */
export const HELP_CLOSE = '↑↓ PgUp/PgDn scroll · any other key closes';

const KEY_COLUMN = 20;

/** Every key and what it does, the description wrapped beside its key so nothing is cut at the box's edge. */
export function helpLines(inner: number): Line[] {
  const room = Math.max(10, inner - KEY_COLUMN);
  return HELP.flatMap(([key, what]) =>
    wrap(what, room).map((row, i): Line => [seg((i === 0 ? key : '').padEnd(KEY_COLUMN), { color: 'cyan', bold: true }), seg(row)]),
  );
}

function judgmentBody(state: TuiState, modal: Extract<Modal, { kind: 'judgment' }>, inner: number): { title: string; body: Line[] } {
  const j = state.record.judgments.find((x) => x.id === modal.id);
  if (!j) return { title: modal.id, body: [[seg('(gone)')]] };
  const body: Line[] = [...wrap(j.question, inner).map((r): Line => [seg(r, { bold: true })])];
  if (j.context)
    body.push(
      ...wrap(j.context, inner)
        .slice(0, 3)
        .map((r): Line => [seg(r, { dim: true })]),
    );
  body.push([]);
  j.options.forEach((o, i) => {
    const on = modal.choice === i;
    body.push([
      seg(on ? '▸ ' : '  ', { color: 'cyan', bold: true }),
      seg(`${i + 1}. ${o.label}`, on ? { inverse: true, bold: true } : { bold: true }),
    ]);
    if (o.tradeoffs) body.push(...wrap(o.tradeoffs, inner - 5).map((r): Line => [seg(`     ${r}`, { dim: !on })]));
  });
  const onText = modal.choice >= j.options.length;
  body.push([
    seg(onText ? '▸ ' : '  ', { color: 'cyan', bold: true }),
    seg('✎ your own answer: ', onText ? { inverse: true, bold: true } : { bold: true }),
    seg(modal.text || (onText ? '' : '(select, then type)'), { dim: !modal.text }),
    seg(onText ? '▍' : '', { color: 'cyan' }),
  ]);
  body.push([]);
  body.push([
    seg(`↑↓ choose · Enter answer · Esc defer (answer later with a)${j.taskId ? ` · d what ${j.taskId} changed` : ''}`, { dim: true }),
  ]);
  return { title: `Judgment ${j.id} · asked by ${j.askedBy}${j.taskId ? ` for ${j.taskId}` : ''}`, body };
}

export function modalLines(state: TuiState, modal: Modal, width: number, maxHeight: number): Line[] {
  const inner = width - 4;
  const clip = (title: string, body: Line[], accent?: 'cyan' | 'yellow' | 'red') =>
    boxLines(title, body.slice(0, Math.max(1, maxHeight - 2)), width, accent);
  switch (modal.kind) {
    case 'judgment': {
      const { title, body } = judgmentBody(state, modal, inner);
      return clip(title, body, 'yellow');
    }
    case 'help': {
      const lines = helpLines(inner);
      const room = Math.max(1, maxHeight - 3);
      const start = Math.max(0, Math.min(modal.scroll ?? 0, lines.length - room));
      const more = lines.length > room ? ` (${start + 1}-${Math.min(lines.length, start + room)}/${lines.length})` : '';
      return boxLines(`Keys${more}`, [...lines.slice(start, start + room), [seg(HELP_CLOSE, { dim: true })]], width);
    }
    case 'quit':
      // Attached, quitting stops nothing: this view detaches and the holder's agents go on.
      if (state.attachedTo)
        return clip(
          'Detach?',
          [
            ...wrap(`Agents are working in ${state.attachedTo}. Quitting only closes this view: that run and its agents go on.`, inner).map(
              (r): Line => [seg(r)],
            ),
            [seg('crucible-tui in this project attaches to it again.', { dim: true })],
            [],
            [seg('y', { bold: true, color: 'cyan' }), seg(' detach   '), seg('n', { bold: true, color: 'cyan' }), seg(' stay')],
          ],
          'yellow',
        );
      return clip(
        'Quit?',
        [
          [seg('Agents are working. Quitting stops them; their tasks go back to the queue')],
          [seg('and `crucible run --resume` picks them up later.')],
          [],
          [seg('y', { bold: true, color: 'cyan' }), seg(' quit   '), seg('n', { bold: true, color: 'cyan' }), seg(' keep working')],
        ],
        'red',
      );
    case 'proposal': {
      const { title, lines } = detailContent(state, { type: 'proposal', id: modal.id }, inner);
      const choices = ['approve (creates an implementation and a test task)', 'reject (never proposed again)', 'cancel'];
      const buttons = choices.map((c, i): Line => [
        seg(modal.choice === i ? '▸ ' : '  ', { color: 'cyan' }),
        seg(c, modal.choice === i ? { inverse: true, bold: true } : {}),
      ]);
      const room = Math.max(1, maxHeight - 2 - buttons.length - 1);
      return boxLines(title, [...lines.slice(0, room), [], ...buttons], width);
    }
    case 'diff': {
      const { title, body, accent } = diffModalContent(modal, maxHeight, inner);
      return boxLines(title, body, width, accent);
    }
    case 'detail': {
      const { title, lines } = detailContent(state, modal.ref, inner);
      const room = Math.max(1, maxHeight - 2);
      const start = Math.max(0, Math.min(modal.scroll, lines.length - room));
      const more = lines.length > room ? ` (${start + 1}-${Math.min(lines.length, start + room)}/${lines.length})` : '';
      return boxLines(`${title}${more}`, lines.slice(start, start + room), width);
    }
  }
}
