import { lineRange } from '../shared/location.js';
import type { Evidence, GateFile, Phase, TaskStatus, TraceRelation } from './events.js';

/** The record's tables: projections of the event log, one row type per table. */

export interface Requirement {
  id: string;
  text: string;
  priority: 'must' | 'should' | 'could';
  source?: string;
  status: 'active' | 'changed';
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface Decision {
  id: string;
  title: string;
  context: string;
  choice: string;
  rationale: string;
  supersedes?: string;
  supersededBy?: string;
  judgmentId?: string;
  status: 'active' | 'superseded';
  actor: string;
  createdAt: string;
}

export interface TaskHistoryEntry {
  seq: number;
  ts: string;
  actor: string;
  from: TaskStatus | null;
  to: TaskStatus;
  note?: string;
}

export interface Task {
  id: string;
  title: string;
  description: string;
  role: string;
  phase?: Phase;
  deps: string[];
  /** Tasks that list this one in their deps; kept so unblocking never scans every task. */
  dependents: string[];
  acceptance: string[];
  requirements: string[];
  decisions: string[];
  proposalId?: string;
  reviewRequired: boolean;
  phaseOrder: boolean;
  loopGuard: boolean;
  /** Gate commands added to the configured ones. */
  gate?: string[];
  /** Set only by the human: the configured gate commands do not run for this task. */
  ungated?: boolean;
  /** The gate-defining files when work first started (`seq` of that start), kept across releases and restarts. */
  gateBaseline?: { seq: number; files: GateFile[] };
  /** The gate-defining files as this task's last passing gate recorded them (`seq` of that event). */
  gateChecked?: { seq: number; files: GateFile[] };
  status: TaskStatus;
  assignee?: string;
  evidence: Evidence[];
  history: TaskHistoryEntry[];
  completions: number;
  createdAt: string;
  updatedAt: string;
}

export interface DocumentRow {
  path: string;
  hash: string;
  chunks: number;
  bytes?: number;
  ingestedAt: string;
}

export interface Memory {
  id: string;
  scope: string;
  key?: string;
  text: string;
  actor: string;
  createdAt: string;
}

/** The parts of a proposal's text the auditor agent may rewrite. */
export const REFINABLE_FIELDS = ['title', 'why', 'fix', 'acceptance', 'size', 'risk'] as const;
export type RefinableField = (typeof REFINABLE_FIELDS)[number];

export interface Proposal {
  id: string;
  title: string;
  why: string;
  evidence: string[];
  size: 'S' | 'M' | 'L';
  risk: 'low' | 'medium' | 'high';
  acceptance: string[];
  fingerprint: string;
  source: string;
  /** The suggested change (static proposals), see `proposal.created`. */
  fix?: string;
  /** Fingerprints of related proposals. Absent on rows projected before it existed. */
  related?: string[];
  /** Fields the auditor agent rewrote (`proposal.refined`); a later audit's refresh leaves them as the agent wrote them. */
  refined?: RefinableField[];
  /** Who refined them. */
  refinedBy?: string;
  status: 'open' | 'approved' | 'rejected' | 'closed';
  /** Where it is, in terms that survive edits (`path#function` per place); absent on rows from before anchors existed. */
  anchors?: string[];
  /** Declined for good (`proposal.declined`): a rejection that also covers later findings within its anchors. */
  declined?: boolean;
  taskIds: string[];
  resolution?: string;
  createdAt: string;
  updatedAt: string;
}

export interface Judgment {
  id: string;
  question: string;
  options: { label: string; tradeoffs: string }[];
  context: string;
  taskId?: string;
  askedBy: string;
  status: 'pending' | 'answered';
  answer?: string;
  answeredBy?: string;
  decisionId?: string;
  askedAt: string;
  answeredAt?: string;
}

/** A place in the code as the record names it: `path:start-end`, or the path alone for a whole file. */
export const codeNode = (path: string, range?: { start: number; end: number } | null): string =>
  range ? lineRange(path, range.start, range.end) : path;

export interface CodeLink {
  id: string;
  entity: string;
  path: string;
  range?: { start: number; end: number };
  rel: 'implements' | 'verifies';
  hash?: string;
  commit?: string;
  /** The task the linking agent held when it linked the file. */
  taskId?: string;
  actor: string;
  createdAt: string;
  verifiedAt?: string;
}

/** The progress ledger of one task: what its agents read, tried and asked, so a resumed agent need not repeat it. */
export interface LedgerRow {
  taskId: string;
  reads: Record<string, string>;
  tried: string[];
  questions: string[];
  /** The last external agent session (Claude Code) per agent name, for `run --resume`. */
  sessions?: Record<string, string>;
}

export interface TraceEdge {
  from: string;
  rel: TraceRelation;
  to: string;
}

/** A message between agents (or from a human), kept for the recipient's next context. */
export interface InboxMessage {
  id: string;
  to: string;
  from: string;
  text: string;
  taskId?: string;
  sentAt: string;
}

/** A task's git worktree while it exists: made for the task, kept after a failed merge or an interrupted run. */
export interface WorktreeRow {
  taskId: string;
  path: string;
  branch: string;
  base: string;
  /** `conflicted`: the last merge conflicted in `files` (the markers wait in the worktree). */
  state: 'open' | 'conflicted';
  files?: string[];
  createdAt: string;
  updatedAt: string;
}

/** Counters for assigned ids and the head of the log. */
export interface Counter {
  name: string;
  value: number;
}

export interface RowTypes {
  requirements: Requirement;
  decisions: Decision;
  tasks: Task;
  documents: DocumentRow;
  memories: Memory;
  proposals: Proposal;
  judgments: Judgment;
  links: CodeLink;
  edges: TraceEdge;
  ledger: LedgerRow;
  inbox: InboxMessage;
  worktrees: WorktreeRow;
  counters: Counter;
}

export type TableName = keyof RowTypes;
export const TABLE_NAMES: readonly TableName[] = [
  'requirements',
  'decisions',
  'tasks',
  'documents',
  'memories',
  'proposals',
  'judgments',
  'links',
  'edges',
  'ledger',
  'inbox',
  'worktrees',
  'counters',
];

export type Tables = { [T in TableName]: Map<string, RowTypes[T]> };

export const emptyTables = (): Tables => ({
  requirements: new Map(),
  decisions: new Map(),
  tasks: new Map(),
  documents: new Map(),
  memories: new Map(),
  proposals: new Map(),
  judgments: new Map(),
  links: new Map(),
  edges: new Map(),
  ledger: new Map(),
  inbox: new Map(),
  worktrees: new Map(),
  counters: new Map(),
});

export const edgeKey = (edge: TraceEdge): string => `${edge.from}|${edge.rel}|${edge.to}`;

/** One row written or deleted by an append; the writer turns these into LevelDB batch operations. */
export type Change = { [T in TableName]: { table: T; key: string; row: RowTypes[T] | null } }[TableName];
