// Every change to a project's state is one of these events. The log stores
// them in order; the record's tables are projections of the log.
import { z } from 'zod';
import { lazyProperties } from '../shared/lazy.js';
import { anyEntityId, commitId, decisionId, judgmentId, linkId, memoryId, proposalId, requirementId, taskId } from './ids.js';
import { TASK_EDIT_EVENTS } from './task-edit-events.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const actor = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[\w.:@/-]+$/, 'actor: letters, digits and . _ : @ / - only');

export const TASK_STATUSES = ['blocked', 'ready', 'claimed', 'in_progress', 'review', 'done', 'failed', 'cancelled'] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

export const PHASES = ['requirements', 'architecture', 'implementation', 'testing', 'review'] as const;
export const phaseSchema = z.enum(PHASES);
export type Phase = z.infer<typeof phaseSchema>;

export const TRACE_RELATIONS = ['implements', 'depends_on', 'verifies', 'satisfies', 'supersedes'] as const;
export const traceRelationSchema = z.enum(TRACE_RELATIONS);
export type TraceRelation = z.infer<typeof traceRelationSchema>;

/**
 * One gate-defining file (or package.json key, e.g. `package.json#scripts`) as hashed into the gate evidence.
 * `text` keeps small canonical content (package.json keys) so a change can be shown line by line.
 */
export const gateFileSchema = z.object({ path: text(1000), hash: z.string().min(1).max(128), text: z.string().max(4000).optional() });
export type GateFile = z.infer<typeof gateFileSchema>;

export const evidenceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('command'),
    command: text(2000),
    exitCode: z.number().int(),
    outputTail: z.string().max(8000).default(''),
    durationMs: z.number().nonnegative().optional(),
  }),
  z.object({ kind: z.literal('acceptance'), criterion: text(2000), how: text(4000) }),
  z.object({
    kind: z.literal('review'),
    reviewer: actor,
    verdict: z.enum(['approved', 'changes_requested']),
    notes: z.string().max(4000).optional(),
  }),
  z.object({ kind: z.literal('note'), text: text(4000) }),
  /** What the gate meant when it passed: hashes of the files that define it (test scripts, runner config, finished tests). */
  z.object({ kind: z.literal('gate-files'), files: z.array(gateFileSchema).max(1000) }),
]);
export type Evidence = z.infer<typeof evidenceSchema>;

export const lineRangeSchema = z
  .object({ start: z.number().int().min(1), end: z.number().int().min(1) })
  .refine((r) => r.end >= r.start, 'end line must not be before start line');

const proposalSize = z.enum(['S', 'M', 'L']).default('M');
const proposalRisk = z.enum(['low', 'medium', 'high']).default('low');

export const judgmentOptionSchema = z.object({ label: text(200), tradeoffs: z.string().max(2000).default('') });

/**
 * Data schemas, one per event type. Ids are filled in by the writer when a draft omits them. Each is built on its
 * first use: a command that validates a few events of one or two types does not build the forty others.
 */
/** What an audit drafts for a proposal, as `proposal.created` and `proposal.refreshed` carry it. */
const proposalDraft = () => ({
  title: text(300),
  why: text(4000),
  evidence: z.array(text(1200)).max(50).default([]),
  size: proposalSize,
  risk: proposalRisk,
  acceptance: z.array(text(2000)).max(20).default([]),
});
const proposalFixAndLinks = () => ({
  /** The suggested change, drawn from the code: what to extract, merge or replace, and under what name. */
  fix: z.string().max(4000).optional(),
  /** Fingerprints of proposals about the same code, best read together. */
  related: z.array(text(200)).max(20).default([]),
  /** Where the proposal is, in terms that survive edits (`path#function` per place): what a decline covers. */
  anchors: z.array(text(600)).max(50).optional(),
});

export const eventDataSchemas = lazyProperties({
  'requirement.added': () =>
    z.object({
      id: requirementId,
      text: text(4000),
      priority: z.enum(['must', 'should', 'could']).default('must'),
      source: z.string().max(500).optional(),
    }),
  'requirement.changed': () => z.object({ id: requirementId, text: text(4000), reason: z.string().max(2000).optional() }),
  'decision.recorded': () =>
    z.object({
      id: decisionId,
      title: text(300),
      context: z.string().max(4000).default(''),
      choice: z.string().max(4000).default(''),
      rationale: text(4000),
      supersedes: decisionId.optional(),
      judgmentId: judgmentId.optional(),
    }),
  'task.created': () =>
    z.object({
      id: taskId,
      title: text(300),
      description: z.string().max(8000).default(''),
      role: text(60),
      phase: phaseSchema.optional(),
      deps: z.array(taskId).max(100).default([]),
      acceptance: z.array(text(2000)).max(50).default([]),
      requirements: z.array(requirementId).max(50).default([]),
      decisions: z.array(decisionId).max(50).default([]),
      proposalId: proposalId.optional(),
      reviewRequired: z.boolean().default(false),
      /** Phases run in order unless a task opts out (e.g. tests written first). */
      phaseOrder: z.boolean().default(true),
      /** The loop detector watches this task's agent unless switched off (legitimately repetitive work). */
      loopGuard: z.boolean().default(true),
      /** Commands run in addition to the role's or the project's gate commands (they never replace them). */
      gate: z.array(text(1000)).max(10).optional(),
      /** The human (never an agent) recorded that this task completes without the configured gate commands. */
      ungated: z.boolean().optional(),
    }),
  /** `base`: the git commit at the claim, where the task's work starts (`task diff`); absent outside git and in older logs. */
  'task.claimed': () => z.object({ id: taskId, assignee: actor, base: commitId.optional() }),
  /** `gateFiles`: the gate-defining files when work starts, the baseline a completion is checked against. */
  'task.started': () => z.object({ id: taskId, gateFiles: z.array(gateFileSchema).max(1000).optional() }),
  'task.submitted': () => z.object({ id: taskId, evidence: z.array(evidenceSchema).default([]) }),
  'task.completed': () => z.object({ id: taskId, evidence: z.array(evidenceSchema).default([]) }),
  'task.changes_requested': () => z.object({ id: taskId, reason: text(4000) }),
  'task.failed': () => z.object({ id: taskId, reason: text(4000) }),
  'task.released': () => z.object({ id: taskId, reason: z.string().max(2000).optional() }),
  'task.reopened': () => z.object({ id: taskId, reason: text(2000) }),
  ...TASK_EDIT_EVENTS,
  'document.ingested': () =>
    z.object({
      path: text(1000),
      hash: text(128),
      chunks: z.number().int().nonnegative(),
      bytes: z.number().int().nonnegative().optional(),
    }),
  'document.removed': () => z.object({ path: text(1000) }),
  'memory.remembered': () => z.object({ id: memoryId, scope: text(120), key: z.string().max(200).optional(), text: text(8000) }),
  'memory.forgotten': () => z.object({ id: memoryId }),
  'proposal.created': () =>
    z.object({
      id: proposalId,
      ...proposalDraft(),
      fingerprint: text(200),
      source: z.string().max(120).default('static'),
      ...proposalFixAndLinks(),
    }),
  /** A later audit saw the same finding with other lines or text: the static draft as it reads today (fields a model refined are kept). */
  'proposal.refreshed': () => z.object({ id: proposalId, ...proposalDraft(), ...proposalFixAndLinks() }),
  /** The auditor agent rewrote part of a static proposal's text from the code; later audits keep these fields. */
  'proposal.refined': () =>
    z.object({
      id: proposalId,
      title: text(300).optional(),
      why: text(4000).optional(),
      fix: text(4000).optional(),
      acceptance: z.array(text(2000)).min(1).max(20).optional(),
      size: z.enum(['S', 'M', 'L']).optional(),
      risk: z.enum(['low', 'medium', 'high']).optional(),
    }),
  'proposal.approved': () => z.object({ id: proposalId, taskIds: z.array(taskId).default([]) }),
  'proposal.rejected': () => z.object({ id: proposalId, reason: z.string().max(2000).default('') }),
  'proposal.closed': () => z.object({ id: proposalId, reason: text(2000) }),
  /** Declined for good: the audit never proposes it again, nor anything whose places all lie within its anchors. */
  'proposal.declined': () => z.object({ id: proposalId, reason: text(2000) }),
  'judgment.asked': () =>
    z.object({
      id: judgmentId,
      question: text(2000),
      options: z.array(judgmentOptionSchema).max(10).default([]),
      context: z.string().max(8000).default(''),
      taskId: taskId.optional(),
      askedBy: actor,
    }),
  'judgment.answered': () => z.object({ id: judgmentId, answer: text(4000), decisionId: decisionId }),
  'link.added': () =>
    z.object({
      id: linkId,
      entity: anyEntityId,
      path: text(1000),
      range: lineRangeSchema.optional(),
      rel: z.enum(['implements', 'verifies']).default('implements'),
      hash: z.string().max(128).optional(),
      commit: z.string().max(64).optional(),
      /** The task the linking agent held: a test file belongs to it and is protected once it is done. */
      taskId: taskId.optional(),
    }),
  /** The linked lines were checked again (gates green after a change): the link now vouches for this content. */
  'link.verified': () => z.object({ id: linkId, hash: z.string().max(128), commit: z.string().max(64).optional() }),
  /** What an agent did on a task that matters for continuing it: files read, attempts, questions. */
  'ledger.noted': () =>
    z.object({
      taskId: taskId,
      agent: actor,
      kind: z.enum(['read', 'tried', 'question']),
      text: text(2000),
      hash: z.string().max(128).optional(),
    }),
  'edge.added': () => z.object({ from: text(1100), rel: traceRelationSchema, to: text(1100) }),
  'message.sent': () => z.object({ to: text(120), text: text(8000), taskId: taskId.optional() }),
  'model.usage': () =>
    z.object({
      agent: text(120),
      taskId: taskId.optional(),
      model: text(120),
      inputTokens: z.number().int().nonnegative(),
      outputTokens: z.number().int().nonnegative(),
      cacheCreationTokens: z.number().int().nonnegative().default(0),
      cacheReadTokens: z.number().int().nonnegative().default(0),
      costUsd: z.number().nonnegative().nullable(),
    }),
  /** An external agent session (Claude Code) started or resumed for a job: its id lets a later run resume it. */
  'agent.session': () =>
    z.object({
      agent: actor,
      taskId: taskId.optional(),
      backend: z.enum(['claude-code']),
      sessionId: z.string().regex(/^[A-Za-z0-9-]{1,100}$/, 'a session id'),
    }),
  'gate.checked': () =>
    z.object({
      gate: text(60),
      taskId: taskId.optional(),
      ok: z.boolean(),
      code: z.string().max(80).optional(),
      reason: z.string().max(4000).optional(),
      fix: z.string().max(4000).optional(),
    }),
  /** A task's git worktree (docs/worktrees.md): made on a branch `crucible/<task>` from the integration branch's `base` commit. */
  'worktree.created': () => z.object({ taskId: taskId, path: text(1000), branch: text(300), base: z.string().max(64) }),
  /** The worktree and its branch were removed (after its merge). */
  'worktree.removed': () => z.object({ taskId: taskId }),
  /** The task's branch was merged into the integration branch, which now points at `commit`. */
  'merge.succeeded': () => z.object({ taskId: taskId, branch: text(300), into: text(300), commit: z.string().max(64) }),
  /** Merging the task's branch conflicted in `files`; the integration branch was merged into its worktree to resolve there. */
  'merge.conflicted': () => z.object({ taskId: taskId, branch: text(300), files: z.array(text(1000)).max(200) }),
  'run.started': () =>
    z.object({
      goal: z.string().max(4000).default(''),
      model: z.string().max(120).default('scripted'),
      resumed: z.boolean().default(false),
    }),
  'run.stopped': () => z.object({ reason: text(2000), state: z.enum(['done', 'waiting', 'paused', 'budget', 'failed', 'cancelled']) }),
});

export type EventType = keyof typeof eventDataSchemas;

export type EventData<T extends EventType> = z.output<(typeof eventDataSchemas)[T]>;
/** What callers may pass: zod input types, so defaults may be omitted. */
export type EventDataInput<T extends EventType> = z.input<(typeof eventDataSchemas)[T]>;

/** One event of the given type(s); distributes over a union so `switch (event.type)` narrows `data`. */
export type RecordEventOf<T extends EventType> = T extends EventType
  ? { seq: number; ts: string; type: T; actor: string; data: EventData<T> }
  : never;
export type RecordEvent = RecordEventOf<EventType>;

/** Creation events whose id the writer assigns when the draft leaves it out. */
export const ASSIGNED_IDS = {
  'requirement.added': { field: 'id', prefix: 'R' },
  'decision.recorded': { field: 'id', prefix: 'D' },
  'task.created': { field: 'id', prefix: 'T' },
  'memory.remembered': { field: 'id', prefix: 'M' },
  'proposal.created': { field: 'id', prefix: 'P' },
  'judgment.asked': { field: 'id', prefix: 'J' },
  'judgment.answered': { field: 'decisionId', prefix: 'D' },
  'link.added': { field: 'id', prefix: 'L' },
} as const satisfies Partial<Record<EventType, { field: string; prefix: string }>>;
type Assigned = typeof ASSIGNED_IDS;

type DraftData<T extends EventType> = T extends keyof Assigned
  ? Omit<EventDataInput<T>, Assigned[T]['field']> & Partial<Pick<EventDataInput<T>, Assigned[T]['field'] & keyof EventDataInput<T>>>
  : EventDataInput<T>;

export type EventDraftOf<T extends EventType> = { type: T; actor: string; data: DraftData<T> };
export type EventDraft = { [T in EventType]: EventDraftOf<T> }[EventType];

export const envelopeSchema = z.object({ seq: z.number().int().min(1), ts: z.iso.datetime(), type: z.string(), actor, data: z.unknown() });

export const actorSchema = actor;

export const isEventType = (type: string): type is EventType => Object.hasOwn(eventDataSchemas, type);

// The revision of what validation outputs for the events above. Replay trusts a verified entry only under its own
// revision: bump it when an event's validated output changes (a field, a default), so older entries are validated again.
export const EVENT_SCHEMA_REVISION = 4;
