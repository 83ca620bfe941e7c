// The TUI's whole state, its actions and the effects it asks for. Everything
// here is plain data: the reducer is pure and the session carries out effects.
import type { CodeLink, Decision, Judgment, Proposal, Requirement, Task, TraceEdge } from '../../record/tables.js';
import type { TaskDiff } from '../../app/diff/schema.js';
import type { UsageSample } from '../../app/stats.js';
import type { AgentActivity } from '../../runtime/agent-loop.js';
import type { DiffModal } from './view/diff-modal.js';
import type { PromptState } from './prompt.js';
import type { Transcript } from './transcript.js';

export const TABS = ['tasks', 'judgments', 'record', 'search', 'audit', 'log', 'stats'] as const;
export type TabId = (typeof TABS)[number];

export const FOCUS_ORDER = ['agents', 'pane', 'tabs'] as const;
export type FocusArea = (typeof FOCUS_ORDER)[number];

export type Tone = 'info' | 'ok' | 'warn' | 'error';

export type AgentState = 'idle' | 'claiming' | 'thinking' | 'waitingForJudgment' | 'submitting' | 'failed' | 'blocked';

/** What an agent is doing: planning the goal, a task, a review, or reading audit findings. */
export type JobKind = 'plan' | 'work' | 'review' | 'audit';

export interface AgentStatus {
  name: string;
  role: string;
  state: AgentState;
  job?: { kind: JobKind; taskId?: string };
  waitingFor?: string;
  /** How the last job ended, one line (e.g. `refused: deps-not-done`). */
  lastOutcome?: string;
}

export type LivePhase = 'starting' | 'idle' | 'planning' | 'running' | 'paused' | 'waitingForHuman' | 'budgetStop' | 'stopping';
export type EndState = 'done' | 'waiting' | 'budget' | 'failed' | 'cancelled';
export type RunInfo = { kind: 'browse' } | { kind: 'live'; phase: LivePhase } | { kind: 'ended'; state: EndState; reason: string };

export interface UsageInfo {
  turns: number;
  tokens: number;
  costUsd: number;
  unknownCostTurns: number;
  budgetUsd: number | null;
  budgetTokens: number | null;
}

/** A copy of the record's tables as the TUI last saw them (sorted by id). */
export interface RecordSnapshot {
  tasks: Task[];
  judgments: Judgment[];
  requirements: Requirement[];
  decisions: Decision[];
  proposals: Proposal[];
  edges: TraceEdge[];
  links: CodeLink[];
  /** Links whose code changed since they were linked or verified (filled in by the session from disk). */
  stale: StaleMark[];
}

export interface StaleMark {
  link: string;
  where: string;
  tasks: string[];
  requirements: string[];
}

/**
 * The Stats tab's data: every model turn's usage, read from the whole log the first time the tab is shown
 * (`stats.usage`, here or from the holder over the socket), then kept up with each batch's model.usage events.
 */
export interface StatsState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** In log order (by seq), at most MAX_SAMPLES of the latest. */
  samples: UsageSample[];
  message?: string;
}

export interface LogEntry {
  seq: number;
  ts: string;
  type: string;
  actor: string;
  text: string;
  detail: string;
}

export interface SearchHit {
  /** `path:start-end` for the index, an id (T-3, R-1, ...) for the record. */
  ref: string;
  title: string;
  snippet: string;
  source: 'index' | 'record';
  score?: number;
}

export interface SearchState {
  query: string;
  editing: boolean;
  status: 'idle' | 'running' | 'done' | 'error';
  hits: SearchHit[];
  message?: string;
}

export type DetailRef =
  | { type: 'task' | 'requirement' | 'decision' | 'judgment' | 'proposal'; id: string }
  | { type: 'event'; seq: number }
  | { type: 'hit'; index: number };

export type Modal =
  /** `scroll`: the first help row shown when the keys do not fit the box. */
  | { kind: 'help'; scroll?: number }
  | { kind: 'quit' }
  /** `choice` equal to the number of options is the free-text row. */
  | { kind: 'judgment'; id: string; choice: number; text: string }
  | { kind: 'proposal'; id: string; choice: number }
  | { kind: 'detail'; ref: DetailRef; scroll: number }
  | DiffModal;

export interface UiState {
  focus: FocusArea;
  agent: number;
  /** Once the person picks an agent, the selection stops following whoever started work last. */
  pinned: boolean;
  /** First wrapped row shown in each agent's pane; absent means following the end. */
  paneTop: Record<string, number>;
  tab: TabId;
  cursor: Record<TabId, number>;
  top: Record<TabId, number>;
  logFollow: boolean;
  modal: Modal | null;
  notice?: { text: string; tone: Tone };
}

export interface TuiState {
  size: { cols: number; rows: number };
  project: { name: string; root: string; goal: string };
  /** Set when the agents run in another process this TUI is attached to (e.g. `crucible run (process 42)`). */
  attachedTo?: string;
  run: RunInfo;
  usage: UsageInfo;
  agents: AgentStatus[];
  record: RecordSnapshot;
  transcripts: Record<string, Transcript>;
  log: LogEntry[];
  stats: StatsState;
  search: SearchState;
  /** The prompt line: messages to agents, requirements, a new goal. */
  prompt: PromptState;
  ui: UiState;
  /** The background vector fill's progress while it runs (`crucible ingest` starts it). */
  vectorFill?: { done: number; total: number };
}

export type KeyAction =
  | { type: 'key.focus'; delta: 1 | -1 }
  | { type: 'key.digit'; n: number }
  | { type: 'key.move'; delta: number }
  | { type: 'key.side'; delta: 1 | -1 }
  | { type: 'key.page'; delta: 1 | -1 }
  | { type: 'key.edge'; to: 'start' | 'end' }
  | { type: 'key.enter' }
  | { type: 'key.escape' }
  | { type: 'key.search' }
  | { type: 'key.prompt' }
  | { type: 'key.stats' }
  | { type: 'key.answer' }
  | { type: 'key.pause' }
  | { type: 'key.run' }
  | { type: 'key.help' }
  | { type: 'key.quit' }
  | { type: 'key.interrupt' }
  | { type: 'key.char'; char: string }
  | { type: 'key.text'; text: string }
  | { type: 'key.backspace' };

export interface GateRefusal {
  agent: string;
  taskId?: string;
  code: string;
  reason: string;
  fix: string;
}

/** What the session gathered since the last frame, applied in one step. */
export interface EngineBatch {
  activities: { agent: string; activity: AgentActivity }[];
  refusals: GateRefusal[];
  events: LogEntry[];
  /** The model.usage events among them, for the Stats tab. */
  samples?: UsageSample[];
  record?: RecordSnapshot;
  agents?: AgentStatus[];
  run?: RunInfo;
  usage?: UsageInfo;
}

export type TuiAction =
  | KeyAction
  | { type: 'engine.batch'; batch: EngineBatch }
  | { type: 'search.results'; query: string; hits: SearchHit[]; message?: string }
  | { type: 'search.failed'; query: string; message: string }
  | { type: 'notice'; text: string; tone: Tone }
  | { type: 'diff.loaded'; id: string; diff: TaskDiff }
  | { type: 'diff.failed'; id: string; message: string }
  | { type: 'stats.loaded'; head: number; samples: UsageSample[] }
  | { type: 'stats.failed'; message: string }
  | { type: 'vectors.fill'; progress: { done: number; total: number } | null }
  /** The project is open (the first frame is drawn before it is). */
  /** `attachedTo`: this TUI watches another process's run (quitting detaches; the run goes on). */
  | { type: 'session.opened'; project: TuiState['project']; browse: boolean; attachedTo?: string }
  | { type: 'resize'; cols: number; rows: number };

export type Effect =
  | { type: 'answer'; id: string; answer: string }
  | { type: 'pause' }
  /** Start the run (browsing: the open work in the record, resumed). */
  | { type: 'run' }
  | { type: 'resume' }
  | { type: 'search'; query: string }
  | { type: 'proposal'; id: string; verdict: 'approve' | 'reject' }
  /** Load what a task changed for the diff view. */
  | { type: 'diff'; id: string }
  /** Read the usage of every model turn so far for the Stats tab. */
  | { type: 'stats' }
  /** From the prompt line: a message to an agent or role, a requirement, a new goal for the planner. */
  | { type: 'message'; to: string; text: string }
  | { type: 'requirement'; text: string }
  | { type: 'goal'; text: string }
  | { type: 'quit' };

export interface Update {
  state: TuiState;
  effects: Effect[];
}
