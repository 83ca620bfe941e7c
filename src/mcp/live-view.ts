// What a live session looks like from outside, as plain data: the record's
// tables, each agent machine's state, the run phase and the usage. The TUI
// builds its frames from these in-process; a holder sends the same data to a
// TUI attached over the socket (operations-live.ts), so both see one picture.
// The zod schemas are the wire's boundary: whatever arrives is checked here.
import { z } from 'zod';
import type { RunBudget } from '../app/model.js';
import type { RecordEvent } from '../record/events.js';
import { compareIds } from '../record/queries.js';
import type { CodeLink, Decision, Judgment, Proposal, Requirement, Task, TraceEdge } from '../record/tables.js';
import type { TableReader } from '../record/tx.js';
import { agentStatus, type AgentSnapshot } from '../runtime/agent-status.js';
import type { CoordinatorActor } from '../runtime/runtime.js';

const text = (max: number) => z.string().max(max);

export const liveAgentSchema = z
  .object({
    name: text(200),
    role: text(100),
    state: z.enum(['idle', 'claiming', 'thinking', 'waitingForJudgment', 'submitting', 'failed', 'blocked']),
    job: z
      .object({ kind: z.enum(['plan', 'work', 'review', 'audit']), taskId: text(40).optional() })
      .strict()
      .optional(),
    waitingFor: text(200).optional(),
    lastOutcome: text(4000).optional(),
  })
  .strict();
export type LiveAgent = z.infer<typeof liveAgentSchema>;

export const livePhaseSchema = z.enum(['starting', 'idle', 'planning', 'running', 'paused', 'waitingForHuman', 'budgetStop', 'stopping']);
export type LivePhase = z.infer<typeof livePhaseSchema>;

export const liveRunSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('browse') }).strict(),
  z.object({ kind: z.literal('live'), phase: livePhaseSchema }).strict(),
  z.object({ kind: z.literal('ended'), state: z.enum(['done', 'waiting', 'budget', 'failed', 'cancelled']), reason: text(8000) }).strict(),
]);
export type LiveRun = z.infer<typeof liveRunSchema>;

export const liveUsageSchema = z
  .object({
    turns: z.number().int().min(0),
    tokens: z.number().min(0),
    costUsd: z.number().min(0),
    unknownCostTurns: z.number().int().min(0),
    budgetUsd: z.number().nullable(),
    budgetTokens: z.number().nullable(),
  })
  .strict();
export type LiveUsage = z.infer<typeof liveUsageSchema>;

/** A row's shape checked at the boundary and typed as the record's own row (the holder built it with the same code). */
const rows = <T>(what: string, shape: z.ZodType) => z.array(z.custom<T>((v) => shape.safeParse(v).success, `not ${what}`));
const idRow = (more: Record<string, z.ZodType> = {}) => z.looseObject({ id: z.string().max(200), ...more });

export const staleMarkSchema = z
  .object({ link: text(200), where: text(4000), tasks: z.array(text(40)), requirements: z.array(text(40)) })
  .strict();

export const liveRecordSchema = z
  .object({
    tasks: rows<Task>('a task', idRow({ title: z.string(), status: z.string(), role: z.string(), deps: z.array(z.string()) })),
    judgments: rows<Judgment>(
      'a judgment',
      idRow({ question: z.string(), status: z.string(), options: z.array(z.looseObject({ label: z.string() })) }),
    ),
    requirements: rows<Requirement>('a requirement', idRow({ text: z.string() })),
    decisions: rows<Decision>('a decision', idRow({ title: z.string() })),
    proposals: rows<Proposal>('a proposal', idRow({ title: z.string(), status: z.string() })),
    edges: rows<TraceEdge>('an edge', z.looseObject({ from: z.string(), to: z.string(), rel: z.string() })),
    links: rows<CodeLink>('a link', idRow()),
    stale: z.array(staleMarkSchema),
  })
  .strict();
export type LiveRecord = z.infer<typeof liveRecordSchema>;
export type StaleMark = z.infer<typeof staleMarkSchema>;

const byId = <T extends { id: string }>(list: Iterable<T>): T[] => [...list].sort((a, b) => compareIds(a.id, b.id));

export function recordSnapshot(view: TableReader, stale: StaleMark[] = []): LiveRecord {
  return {
    tasks: byId(view.rows('tasks')),
    judgments: byId(view.rows('judgments')),
    requirements: byId(view.rows('requirements')),
    decisions: byId(view.rows('decisions')),
    proposals: byId(view.rows('proposals')),
    edges: [...view.rows('edges')],
    links: byId(view.rows('links')),
    stale,
  };
}

function outcomeText(o: AgentSnapshot['context']['lastOutcome']): string | undefined {
  if (!o) return undefined;
  if (o.kind === 'finished') return `finished${o.turns ? ` in ${o.turns} turns` : ''}`;
  if (o.kind === 'refused') return o.gate.ok ? 'refused:' : `refused: ${o.gate.code} ${o.gate.reason.split('\n')[0]}`.trim();
  return 'reason' in o && o.reason ? `${o.kind}: ${o.reason.split('\n')[0]}` : o.kind;
}

/** Agents in the order work flows through them, so 1-9 mean the same in every project. */
const ROLE_ORDER = ['planner', 'requirements', 'architect', 'tester', 'implementer', 'reviewer', 'auditor'];
const roleRank = (role: string) => (ROLE_ORDER.includes(role) ? ROLE_ORDER.indexOf(role) : ROLE_ORDER.length);

export function agentStatuses(coordinator: CoordinatorActor): LiveAgent[] {
  const refs = coordinator.getSnapshot().context.agents;
  const statuses = Object.values(refs).map((ref): LiveAgent => {
    const snap = ref.getSnapshot();
    const c = snap.context;
    const lastOutcome = outcomeText(c.lastOutcome);
    return {
      name: c.name,
      role: c.role,
      state: agentStatus(snap),
      ...(c.job ? { job: { kind: c.job.kind, ...('taskId' in c.job ? { taskId: c.job.taskId } : {}) } } : {}),
      ...(c.waitingFor ? { waitingFor: c.waitingFor } : {}),
      ...(lastOutcome ? { lastOutcome } : {}),
    };
  });
  return statuses.sort((a, b) => roleRank(a.role) - roleRank(b.role) || a.name.localeCompare(b.name, 'en', { numeric: true }));
}

const PHASES = ['planning', 'running', 'paused', 'waitingForHuman', 'budgetStop'] as const satisfies readonly LivePhase[];

export function livePhase(coordinator: CoordinatorActor): LivePhase {
  const snapshot = coordinator.getSnapshot();
  if (snapshot.status !== 'active') return 'stopping';
  // The coordinator is idle only before the run starts it.
  if (snapshot.matches('idle')) return 'starting';
  return PHASES.find((p) => snapshot.matches(p)) ?? 'stopping';
}

export function usageInfo(budget: RunBudget): LiveUsage {
  const run = budget.ledger.run();
  const limits = budget.limits;
  return {
    turns: run.turns,
    tokens: run.totalTokens,
    costUsd: run.knownCostUsd,
    unknownCostTurns: run.unknownCostTurns,
    budgetUsd: limits.usd,
    budgetTokens: limits.tokens,
  };
}

export const gateRefusalSchema = z
  .object({ agent: text(200), taskId: text(40).optional(), code: text(200), reason: text(64_000), fix: text(64_000) })
  .strict();
export type GateRefusal = z.infer<typeof gateRefusalSchema>;

/** A failed gate check, as the refused agent's pane shows it (under the tool call it answers). */
export function refusalOf(view: TableReader, event: RecordEvent): GateRefusal | undefined {
  if (event.type !== 'gate.checked' || event.data.ok) return undefined;
  const task = event.data.taskId ? view.get('tasks', event.data.taskId) : undefined;
  return {
    agent: task?.assignee ?? event.actor,
    code: event.data.code ?? 'refused',
    reason: event.data.reason ?? '',
    fix: event.data.fix ?? '',
    ...(event.data.taskId ? { taskId: event.data.taskId } : {}),
  };
}
