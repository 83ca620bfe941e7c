import type { RecordEvent } from '../../record/events.js';
import type { Color } from './text.js';
import type { AgentState, AgentStatus, LogEntry, RunInfo } from './types.js';
import { codeNode } from '../../record/tables.js';

/** One-line wording shared by the views: events, run states, agent glyphs. */
const first = (text: string | undefined, max = 160): string => (text ?? '').split('\n')[0]!.slice(0, max);

export function eventText(event: RecordEvent): string {
  switch (event.type) {
    case 'requirement.added':
    case 'requirement.changed':
      return `${event.data.id} ${first(event.data.text)}`;
    case 'decision.recorded':
      return `${event.data.id} ${first(event.data.title)}`;
    case 'task.created':
      return `${event.data.id} ${first(event.data.title)} (${event.data.role})`;
    case 'task.claimed':
      return `${event.data.id} by ${event.data.assignee}`;
    case 'task.failed':
    case 'task.changes_requested':
    case 'task.reopened':
      return `${event.data.id}: ${first(event.data.reason)}`;
    case 'task.released':
      return `${event.data.id}${event.data.reason ? `: ${first(event.data.reason)}` : ''}`;
    case 'judgment.asked':
      return `${event.data.id} ${first(event.data.question)}`;
    case 'judgment.answered':
      return `${event.data.id} = ${first(event.data.answer)} (${event.data.decisionId})`;
    case 'link.added':
      return `${event.data.entity} ${event.data.rel} ${codeNode(event.data.path, event.data.range)}`;
    case 'gate.checked':
      return (
        `${event.data.gate} ${event.data.taskId ?? ''} ` +
        `${event.data.ok ? 'passed' : `REFUSED [${event.data.code ?? ''}] ${first(event.data.reason, 100)}`}`
      );
    case 'model.usage':
      return (
        `${event.data.agent} ${event.data.inputTokens}→${event.data.outputTokens} tokens` +
        `${event.data.costUsd === null ? ' (cost unknown)' : ` $${event.data.costUsd.toFixed(4)}`}`
      );
    case 'run.started':
      return `${event.data.resumed ? 'resumed' : 'started'}: ${first(event.data.goal, 100)}`;
    case 'run.stopped':
      return `${event.data.state}: ${first(event.data.reason)}`;
    case 'message.sent':
      return `to ${event.data.to}: ${first(event.data.text)}`;
    case 'proposal.created':
    case 'proposal.refreshed':
      return `${event.data.id} ${first(event.data.title)}`;
    case 'proposal.refined':
      return `${event.data.id}: ${Object.keys(event.data)
        .filter((key) => key !== 'id')
        .join(', ')}`;
    case 'worktree.created':
      return `${event.data.taskId} at ${event.data.path} on ${event.data.branch}`;
    case 'worktree.removed':
      return event.data.taskId;
    case 'merge.succeeded':
      return `${event.data.branch} into ${event.data.into} at ${event.data.commit.slice(0, 10)}`;
    case 'merge.conflicted':
      return `${event.data.branch} conflicts in ${first(event.data.files.join(', '), 120)}`;
    default:
      return first(JSON.stringify(event.data), 160);
  }
}

export function logEntry(event: RecordEvent): LogEntry {
  return {
    seq: event.seq,
    ts: event.ts,
    type: event.type,
    actor: event.actor,
    text: eventText(event),
    detail: JSON.stringify(event.data, null, 2).slice(0, 4000),
  };
}

export const AGENT_GLYPH: Record<AgentState, { glyph: string; color: Color; label: string }> = {
  idle: { glyph: '○', color: 'gray', label: 'idle' },
  claiming: { glyph: '◔', color: 'cyan', label: 'claiming' },
  thinking: { glyph: '●', color: 'green', label: 'working' },
  waitingForJudgment: { glyph: '⚑', color: 'yellow', label: 'waiting for you' },
  submitting: { glyph: '◑', color: 'cyan', label: 'running the gate' },
  failed: { glyph: '✗', color: 'red', label: 'failed, backing off' },
  blocked: { glyph: '■', color: 'red', label: 'blocked' },
};

export function runLabel(run: RunInfo): { text: string; color: Color } {
  if (run.kind === 'browse') return { text: '○ browsing (no run)', color: 'gray' };
  if (run.kind === 'ended') {
    const color: Color = run.state === 'done' ? 'green' : run.state === 'failed' ? 'red' : 'yellow';
    return { text: `${run.state === 'done' ? '✓' : '■'} run ${run.state}`, color };
  }
  const labels: Record<typeof run.phase, [string, Color]> = {
    starting: ['◌ starting', 'gray'],
    idle: ['○ idle', 'gray'],
    planning: ['● planning', 'cyan'],
    running: ['● running', 'green'],
    paused: ['⏸ paused', 'yellow'],
    waitingForHuman: ['⚑ waiting for you', 'yellow'],
    budgetStop: ['■ budget reached', 'red'],
    stopping: ['◌ stopping', 'yellow'],
  };
  const [text, color] = labels[run.phase];
  return { text, color };
}

/** A job in a few characters: `plan`, `audit`, `T-3`, `review T-3`. */
export function jobLabel(job: AgentStatus['job']): string {
  if (!job) return '';
  if (job.kind === 'plan' || job.kind === 'audit') return job.kind;
  return `${job.kind === 'review' ? 'review ' : ''}${job.taskId ?? ''}`;
}
