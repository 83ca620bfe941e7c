// Copies of the engine's state as plain data for the view models: the
// record's tables, each agent machine's state, the run phase and the usage.
import { compareIds } from '../../record/queries.js';
import type { TableReader } from '../../record/tx.js';
import type { RunBudget } from '../../app/model.js';
import type { CoordinatorActor } from '../../runtime/runtime.js';
import { agentStatus, type AgentSnapshot } from '../../runtime/agent-status.js';
import type { AgentStatus, JobKind, LivePhase, RecordSnapshot, StaleMark, UsageInfo } from '../state/types.js';

const byId = <T extends { id: string }>(rows: Iterable<T>): T[] => [...rows].sort((a, b) => compareIds(a.id, b.id));

export function recordSnapshot(view: TableReader, stale: StaleMark[] = []): RecordSnapshot {
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

export function agentStatuses(coordinator: CoordinatorActor): AgentStatus[] {
  const refs = coordinator.getSnapshot().context.agents;
  const statuses = Object.values(refs).map((ref): AgentStatus => {
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

export function usageInfo(budget: RunBudget): UsageInfo {
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
