import type { RecordEvent } from '../record/events.js';
import { gateFilesLine } from '../record/evidence-text.js';
import type { TraceResult } from '../record/queries.js';
import type { Decision, Requirement, Task } from '../record/tables.js';

/** Human-readable renderings for the CLI. Pure: data in, text out. */

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
  if (task.ungated || task.gate?.length) lines.push(`gate       ${task.ungated ? 'no configured commands (the human\'s choice)' : 'the configured commands'}${task.gate?.length ? `, plus ${task.gate.map((c) => `\`${c}\``).join(', ')}` : ''}`);
  if (task.acceptance.length) lines.push('acceptance', ...task.acceptance.map((a) => `  - ${a}`));
  if (task.evidence.length) {
    lines.push('evidence');
    for (const e of task.evidence) {
      if (e.kind === 'command') lines.push(`  - \`${e.command}\` exited ${e.exitCode}`);
      else if (e.kind === 'acceptance') lines.push(`  - ${e.criterion}: ${e.how}`);
      else if (e.kind === 'review') lines.push(`  - review by ${e.reviewer}: ${e.verdict}`);
      else if (e.kind === 'gate-files') lines.push(`  - ${gateFilesLine(e.files)}`);
      else lines.push(`  - ${e.text}`);
    }
  }
  lines.push('history');
  for (const h of task.history) lines.push(`  #${h.seq} ${h.ts}  ${h.from ?? 'new'} -> ${h.to}  by ${h.actor}${h.note ? `  (${h.note})` : ''}`);
  return lines.join('\n');
}

export const requirementLine = (r: Requirement): string => `${pad(r.id, 6)} ${pad(r.priority, 6)} ${r.text}${r.revision > 1 ? `  (rev ${r.revision})` : ''}`;

export const decisionLine = (d: Decision): string =>
  `${pad(d.id, 6)} ${d.title}${d.status === 'superseded' ? `  (superseded by ${d.supersededBy ?? '?'})` : ''}`;

export function traceText(result: TraceResult): string {
  const lines = [`${result.root.id}  ${result.root.label}`];
  const section = (title: string, items: TraceResult['outgoing'], arrow: string) => {
    if (items.length === 0) return;
    lines.push(title);
    for (const item of items) lines.push(`${'  '.repeat(item.depth)}${arrow} ${item.rel} ${item.node.id}${item.node.kind === 'code' ? '' : `  ${item.node.label}`}`);
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
