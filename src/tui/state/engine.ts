// Applies what the engine did since the last frame: streamed activity into
// transcripts, refusals with their fix, new log lines, and fresh copies of
// the record, the agents, the run state and the usage.
import { layout, tabListHeight } from './layout.js';
import { tabItemCount } from './lists.js';
import { notice, setCursor, withUi } from './navigate.js';
import { addSamples } from './stats.js';
import { activityInput, applyToTranscript, emptyTranscript, entryInput, type Entry, type TranscriptInput } from './transcript.js';
import { TABS, type AgentStatus, type EngineBatch, type RecordSnapshot, type TuiState } from './types.js';

export const MAX_LOG = 1000;

type Inputs = Map<string, TranscriptInput[]>;

function jobText(agent: AgentStatus, record: RecordSnapshot, goal: string): string | undefined {
  const job = agent.job;
  if (!job) return undefined;
  if (job.kind === 'plan') return `plan: ${goal || 'the goal'}`;
  if (job.kind === 'audit') return "audit: reading the analyzers' findings";
  const task = record.tasks.find((t) => t.id === job.taskId);
  return `${job.kind === 'review' ? 'review ' : ''}${job.taskId ?? ''} ${task?.title ?? ''}`.trim();
}

/** The marker where an agent takes a new job (and a refused claim's note); returns who most recently started work or began waiting on the human. */
function jobMarkers(
  prev: readonly AgentStatus[],
  next: readonly AgentStatus[],
  record: RecordSnapshot,
  goal: string,
  markers: Inputs,
): string | undefined {
  let newest: string | undefined;
  for (const agent of next) {
    const before = prev.find((a) => a.name === agent.name);
    const started = before?.state === 'idle' && agent.state !== 'idle';
    const changed = agent.job && (started || before?.job?.kind !== agent.job.kind || before?.job?.taskId !== agent.job.taskId);
    const text = changed ? jobText(agent, record, goal) : undefined;
    if (text) add(markers, agent.name, entryInput({ kind: 'job', text }));
    if (text || (agent.state === 'waitingForJudgment' && before?.state !== 'waitingForJudgment')) newest = agent.name;
    if (
      before?.state !== 'idle' &&
      agent.state === 'idle' &&
      agent.lastOutcome &&
      before?.lastOutcome !== agent.lastOutcome &&
      agent.lastOutcome.startsWith('refused')
    ) {
      add(markers, agent.name, entryInput({ kind: 'note', text: agent.lastOutcome }));
    }
  }
  return newest;
}

/**
 * The agents' statuses are as of the end of the batch, its activities in the order they happened: a new job's
 * marker goes where that job's first turn begins (the batch may still hold the end of the previous job), or after
 * everything the batch brought when the new job has not started a turn yet.
 */
export function placeMarkers(list: readonly TranscriptInput[], marker: readonly TranscriptInput[]): TranscriptInput[] {
  const [job, ...rest] = marker;
  if (!job || job.type !== 'entry' || job.entry.kind !== 'job') return [...list, ...marker];
  let at = list.length;
  for (let i = list.length - 1; i >= 0; i--) {
    const input = list[i]!;
    if (input.type === 'activity' && input.activity.type === 'turn' && input.activity.turn === 1) {
      at = i;
      break;
    }
  }
  return [...list.slice(0, at), job, ...list.slice(at), ...rest];
}

function add(inputs: Inputs, agent: string, input: TranscriptInput): void {
  const list = inputs.get(agent) ?? [];
  list.push(input);
  inputs.set(agent, list);
}

function newlyPending(prev: RecordSnapshot, next: RecordSnapshot): string[] {
  const before = new Set(prev.judgments.filter((j) => j.status === 'pending').map((j) => j.id));
  return next.judgments.filter((j) => j.status === 'pending' && !before.has(j.id)).map((j) => j.id);
}

export function applyBatch(state: TuiState, batch: EngineBatch): TuiState {
  const record = batch.record ?? state.record;
  const agents = batch.agents ?? state.agents;
  const inputs: Inputs = new Map();
  const markers: Inputs = new Map();
  const newest = batch.agents ? jobMarkers(state.agents, batch.agents, record, state.project.goal, markers) : undefined;
  for (const { agent, activity } of batch.activities) add(inputs, agent, activityInput(activity));
  for (const r of batch.refusals) {
    const entry: Entry = { kind: 'gate', code: r.code, reason: r.reason, fix: r.fix, ...(r.taskId ? { taskId: r.taskId } : {}) };
    add(inputs, r.agent, entryInput(entry));
  }
  for (const [agent, marker] of markers) inputs.set(agent, placeMarkers(inputs.get(agent) ?? [], marker));
  let transcripts = state.transcripts;
  if (inputs.size > 0) {
    transcripts = { ...state.transcripts };
    for (const [agent, list] of inputs) transcripts[agent] = applyToTranscript(transcripts[agent] ?? emptyTranscript(), list);
  }
  const log = batch.events.length === 0 ? state.log : [...state.log, ...batch.events].slice(-MAX_LOG);
  let next: TuiState = {
    ...state,
    record,
    agents,
    transcripts,
    log,
    stats: batch.samples?.length ? addSamples(state.stats, batch.samples) : state.stats,
    run: batch.run ?? state.run,
    usage: batch.usage ?? state.usage,
  };
  const follow = !state.ui.pinned && newest ? agents.findIndex((a) => a.name === newest) : -1;
  next = withUi(next, { agent: follow >= 0 ? follow : Math.max(0, Math.min(state.ui.agent, agents.length - 1)) });
  for (const tab of TABS) {
    if (tab === 'log' && next.ui.logFollow) continue;
    if (next.ui.cursor[tab] >= tabItemCount(next, tab) && tabItemCount(next, tab) > 0) next = setCursor(next, tab, Infinity);
  }
  if (next.ui.logFollow && log !== state.log) {
    const count = log.length;
    const top = Math.max(0, count - tabListHeight('log', layout(next.size)));
    next = withUi(next, { cursor: { ...next.ui.cursor, log: Math.max(0, count - 1) }, top: { ...next.ui.top, log: top } });
  }
  if (batch.record) {
    const fresh = newlyPending(state.record, record);
    if (fresh.length > 0 && !next.ui.modal) next = notice(next, `${fresh.join(', ')} needs your judgment: press a to answer.`, 'warn');
  }
  return next;
}
