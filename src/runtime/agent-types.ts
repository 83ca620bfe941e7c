// The agent machine's types: its job, context, events, the messages it sends its parent, and the
// inputs and outputs of the actors the runtime provides.
import type { ToolContext, GateRunOptions } from '../tools/types.js';
import type { Message } from '../model/types.js';
import type { GateResult } from '../gates/task-gates.js';
import type { LoopDetector } from './loop-detector.js';
import type { AgentJob, AgentOutcome, ToolsInput } from './agent-loop.js';

export type JobSpec =
  { kind: 'work' | 'review'; taskId: string } | { kind: 'plan'; goal: string } | { kind: 'audit'; findings: string; proposals?: string };

export interface AgentMachineInput {
  name: string;
  role: string;
}

export type GateRun = Awaited<ReturnType<NonNullable<ToolContext['runGate']>>>;
export interface Reply<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}
export interface GateRequest {
  commands: readonly string[];
  signal?: AbortSignal;
  options?: GateRunOptions;
  /** The tool call that asked: a run that outlives its stopped machine answers it directly. */
  reply?: Reply<GateRun>;
}
/** A question a tool call put to the machine: it answers by invoking the judgment or gate actor. */
export type Request =
  { kind: 'judgment'; judgmentId: string; reply: Reply<string> } | ({ kind: 'gate'; reply: Reply<GateRun> } & GateRequest);

export interface AgentContext extends AgentMachineInput {
  job: JobSpec | undefined;
  waitingFor: string | undefined;
  lastOutcome: AgentOutcome | { kind: 'refused'; gate: GateResult } | undefined;
  failures: number;
  /** Aborted when the agent leaves `working` (or is stopped): every step of the job takes its signal. */
  controller: AbortController | undefined;
  /** The prepared job (its services and guards) and the conversation the turns carry. */
  work: AgentJob | undefined;
  messages: Message[];
  /** The newest inbox message this job has seen (in its brief or delivered before a turn): later ones are delivered. */
  inboxSeen: string;
  turns: number;
  /** Times the current turn was run again after a retryable model error; reset by a turn that succeeds. */
  turnRetries: number;
  nudges: number;
  loops: LoopDetector | undefined;
  /** The last turn's tool calls, for the tools actor. */
  calls: Pick<ToolsInput, 'uses' | 'inputErrors'>;
  loopReason: string | undefined;
  request: Request | undefined;
}

export type AgentEvent =
  | { type: 'agent.assign'; job: JobSpec }
  | { type: 'agent.waiting'; judgmentId: string; reply: Reply<string> }
  | ({ type: 'agent.submitting'; reply: Reply<GateRun> } & GateRequest);

/** Where tool calls send their judgment waits and gate runs: the agent machine's actor. */
export interface Mailbox {
  send: (event: AgentEvent) => void;
}

/** What the agent tells the coordinator when it becomes free again. */
export type AgentIdleEvent = { type: 'agent.idle'; name: string; job: JobSpec | undefined; outcome: AgentContext['lastOutcome'] };

/** What the agent tells the coordinator when it starts and stops waiting on a judgment, so a headless run can tell it is stuck on the human. */
export type AgentWaitEvent = { type: 'agent.onJudgment'; name: string; judgmentId: string } | { type: 'agent.offJudgment'; name: string };

export interface WorkInput {
  name: string;
  role: string;
  job: JobSpec;
}

export interface PrepareInput extends WorkInput {
  signal: AbortSignal;
  mailbox: Mailbox;
}
export type Prepared = { ok: true; job: AgentJob } | { ok: false; outcome: AgentOutcome };
