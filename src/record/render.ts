// Human-readable renderings of the record's rows, shared by the CLI, MCP and
// the TUI. Pure: data in, text out. A task has two forms: the full one the CLI
// and MCP print, and the compact card the TUI shows (its lines carry a tone the
// screen styles); each piece of either is written here once.

import type { Evidence, RecordEvent } from './events.js';
import { gateFilesLine } from './evidence-text.js';
import type { TraceResult } from './queries.js';
import type { Decision, Requirement, Task, TaskHistoryEntry } from './tables.js';

const pad = (text: string, width: number) => (text.length >= width ? text : text + ' '.repeat(width - text.length));

export function taskLine(task: Task): string {
  const deps = task.deps.length ? `  deps ${task.deps.join(',')}` : '';
  const who = task.assignee ? `  @${task.assignee}` : '';
  return `${pad(task.id, 6)} ${pad(task.status, 11)} ${pad(task.role, 12)} ${task.title}${deps}${who}`;
}

export function taskDetail(task: Task): string {
  const lines = [
    `${task.id}  ${task.title}`,
    `status     ${task.status}${task.assignee ? ` (assigned to ${task.assignee})` : ''}`,
    `role       ${task.role}${task.phase ? `, phase ${task.phase}` : ''}`,
  ];
  if (task.description) lines.push(`about      ${task.description}`);
  if (task.deps.length) lines.push(`deps       ${task.deps.join(', ')}`);
  if (task.requirements.length) lines.push(`satisfies  ${task.requirements.join(', ')}`);
  if (task.decisions.length) lines.push(`decisions  ${task.decisions.join(', ')}`);
  if (task.ungated || task.gate?.length)
    lines.push(
      `gate       ${task.ungated ? "no configured commands (the human's choice)" : 'the configured commands'}` +
        `${task.gate?.length ? `, plus ${task.gate.map((c) => `\`${c}\``).join(', ')}` : ''}`,
    );
  if (task.acceptance.length) lines.push('acceptance', ...task.acceptance.map((a) => `  - ${a}`));
  if (task.evidence.length) lines.push('evidence', ...task.evidence.map((e) => `  - ${evidenceLine(e, 'full').text}`));
  lines.push('history', ...task.history.map((h) => `  ${historyLine(h, 'full')}`));
  return lines.join('\n');
}

/** A line of a rendering and what it is, so a screen can style it (plain text prints it as it is). */
export interface RenderedLine {
  text: string;
  tone?: 'heading' | 'ok' | 'bad' | 'warn' | 'dim';
  /** Long prose the screen wraps to its width (other lines are cut). */
  wrap?: boolean;
}

type Form = 'full' | 'compact';

function evidenceLine(e: Evidence, form: Form): RenderedLine {
  switch (e.kind) {
    case 'command':
      return form === 'full'
        ? { text: `\`${e.command}\` exited ${e.exitCode}` }
        : { text: `$ ${e.command} → exit ${e.exitCode}`, tone: e.exitCode === 0 ? 'ok' : 'bad' };
    case 'acceptance':
      return { text: `${form === 'full' ? '' : '✓ '}${e.criterion}: ${e.how}`, wrap: true };
    case 'review':
      return { text: `review by ${e.reviewer}: ${e.verdict}`, tone: e.verdict === 'approved' ? 'ok' : 'warn' };
    case 'gate-files':
      return { text: gateFilesLine(e.files), wrap: true };
    case 'note':
      return { text: e.text, wrap: true };
  }
}

const historyLine = (h: TaskHistoryEntry, form: Form): string =>
  form === 'full'
    ? `#${h.seq} ${h.ts}  ${h.from ?? 'new'} -> ${h.to}  by ${h.actor}${h.note ? `  (${h.note})` : ''}`
    : `#${h.seq} ${h.from ?? '∅'} → ${h.to} by ${h.actor}${h.note ? `: ${h.note.split('\n')[0]}` : ''}`;

/**
 * The compact form of a task (the TUI's detail view), below its status line:
 * dependencies with their status (`statusOf`), links, description, acceptance
 * criteria, evidence and history.
 */
export function taskCard(task: Task, statusOf: (id: string) => string | undefined): RenderedLine[] {
  const lines: RenderedLine[] = [];
  if (task.deps.length) lines.push({ text: `deps: ${task.deps.map((d) => `${d} [${statusOf(d) ?? '?'}]`).join(', ')}` });
  if (task.requirements.length || task.decisions.length)
    lines.push({ text: `requirements: ${task.requirements.join(', ') || '-'}   decisions: ${task.decisions.join(', ') || '-'}` });
  if (task.description) lines.push({ text: task.description, wrap: true });
  lines.push({ text: 'acceptance', tone: 'heading' }, ...task.acceptance.map((a): RenderedLine => ({ text: `- ${a}`, wrap: true })));
  if (task.evidence.length) lines.push({ text: 'evidence', tone: 'heading' }, ...task.evidence.map((e) => evidenceLine(e, 'compact')));
  lines.push(
    { text: 'history', tone: 'heading' },
    ...task.history.map((h): RenderedLine => ({ text: historyLine(h, 'compact'), tone: 'dim' })),
  );
  return lines;
}

export const requirementLine = (r: Requirement): string =>
  `${pad(r.id, 6)} ${pad(r.priority, 6)} ${r.text}${r.revision > 1 ? `  (rev ${r.revision})` : ''}`;

export const decisionLine = (d: Decision): string =>
  `${pad(d.id, 6)} ${d.title}${d.status === 'superseded' ? `  (superseded by ${d.supersededBy ?? '?'})` : ''}`;

export function traceText(result: TraceResult): string {
  const lines = [`${result.root.id}  ${result.root.label}`];
  const section = (title: string, items: TraceResult['outgoing'], arrow: string) => {
    if (items.length === 0) return;
    lines.push(title);
    for (const item of items)
      lines.push(
        `${'  '.repeat(item.depth)}${arrow} ${item.rel} ${item.node.id}${item.node.kind === 'code' ? '' : `  ${item.node.label}`}`,
      );
  };
  section('points to:', result.outgoing, '->');
  section('pointed to by:', result.incoming, '<-');
  if (result.outgoing.length === 0 && result.incoming.length === 0) lines.push('(nothing is linked to it yet)');
  return lines.join('\n');
}

export function eventLine(event: RecordEvent): string {
  const data = event.data as Record<string, unknown>;
  const subject = ['id', 'path', 'title', 'text', 'reason', 'to']
    .map((k) => data[k])
    .filter((v): v is string => typeof v === 'string')
    .slice(0, 2)
    .join(' ');
  return `${pad(`#${event.seq}`, 7)} ${event.ts}  ${pad(event.type, 22)} ${pad(event.actor, 16)} ${subject.slice(0, 100)}`;
}
