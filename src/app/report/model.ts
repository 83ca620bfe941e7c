// What the HTML report shows, as plain data: built from the record's projections and log
// (collect.ts), drawn by the page builder (page.ts). Every string here is record text, untrusted.
import type { Evidence, TaskStatus } from '../../record/events.js';
import type { Proposal } from '../../record/tables.js';

export interface ReportModel {
  project: string;
  generatedAt: string;
  /** Events in the log (its head). */
  events: number;
  matrix: MatrixRow[];
  decisions: DecisionEntry[];
  /** Judgments not yet answered (answered ones appear with the decision they produced). */
  pendingJudgments: JudgmentEntry[];
  tasks: TaskEntry[];
  drift: DriftStatus;
  proposals: Proposal[];
  usage: UsagePoint[];
  burndown: BurndownPoint[];
}

/** A code or test location as the record links it, and whether it still matches its lines. */
export interface LinkCell {
  link: string;
  /** `path:start-end`, or the path alone for a whole file. */
  where: string;
  /** The requirement or task the link was made for. */
  entity: string;
  stale?: 'changed' | 'missing';
}

export interface MatrixRow {
  id: string;
  text: string;
  priority: string;
  status: string;
  tasks: { id: string; title: string; status: TaskStatus }[];
  code: LinkCell[];
  tests: LinkCell[];
}

export interface JudgmentEntry {
  id: string;
  question: string;
  options: { label: string; tradeoffs: string }[];
  askedBy: string;
  taskId?: string;
  answer?: string;
  answeredBy?: string;
  answeredAt?: string;
}

export interface DecisionEntry {
  id: string;
  title: string;
  context: string;
  choice: string;
  rationale: string;
  status: 'active' | 'superseded';
  supersedes?: string;
  supersededBy?: string;
  actor: string;
  createdAt: string;
  judgment?: JudgmentEntry;
}

/** One gate verdict on a task; a refusal carries the sequence number of the pass that fixed it, if any. */
export interface GateEntry {
  seq: number;
  ts: string;
  gate: string;
  ok: boolean;
  code?: string;
  reason?: string;
  fix?: string;
  fixedAt?: number;
}

export interface TaskEntry {
  id: string;
  title: string;
  role: string;
  status: TaskStatus;
  assignee?: string;
  requirements: string[];
  decisions: string[];
  deps: string[];
  evidence: Evidence[];
  gates: GateEntry[];
  history: { seq: number; ts: string; actor: string; to: TaskStatus; note?: string }[];
}

export interface DriftStatus {
  links: number;
  stale: { link: string; where: string; reason: 'changed' | 'missing'; entity: string; tasks: string[]; requirements: string[] }[];
}

export interface UsagePoint {
  ts: string;
  agent: string;
  tokens: number;
  /** Null when the model's price is unknown. */
  costUsd: number | null;
}

export interface BurndownPoint {
  ts: string;
  open: number;
  done: number;
}
