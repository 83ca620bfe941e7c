// The report's model from the record: the projections (requirements, tasks, decisions, links,
// judgments, proposals), the log's timeline and the stale links drift found. Pure.
import { sortById } from '../../record/queries.js';
import { codeNode, type CodeLink, type Judgment } from '../../record/tables.js';
import type { TableReader } from '../../record/tx.js';
import type { RecordEvent } from '../../record/events.js';
import type { StaleLink } from '../../runtime/drift.js';
import type { DecisionEntry, DriftStatus, JudgmentEntry, LinkCell, MatrixRow, ReportModel, TaskEntry } from './model.js';
import { timelineOf, type Timeline } from './timeline.js';

export interface ReportInput {
  view: TableReader;
  /** The log's events the timeline reads (TIMELINE_EVENTS), in log order. */
  events: Iterable<RecordEvent>;
  stale: readonly StaleLink[];
  project: string;
  generatedAt: string;
  head: number;
}

export function reportModel(input: ReportInput): ReportModel {
  const { view } = input;
  const timeline = timelineOf(input.events);
  const staleById = new Map(input.stale.map((s) => [s.link, s.reason]));
  return {
    project: input.project,
    generatedAt: input.generatedAt,
    events: input.head,
    matrix: matrixOf(view, staleById),
    decisions: sortById(view.rows('decisions'), (d) => d.id).map((d): DecisionEntry => {
      const judgment = d.judgmentId ? view.get('judgments', d.judgmentId) : undefined;
      return { ...d, ...(judgment ? { judgment: judgmentEntry(judgment) } : {}) };
    }),
    pendingJudgments: sortById(view.rows('judgments'), (j) => j.id)
      .filter((j) => j.status === 'pending')
      .map(judgmentEntry),
    tasks: tasksOf(view, timeline),
    drift: driftOf(view, input.stale),
    proposals: sortById(view.rows('proposals'), (p) => p.id),
    usage: timeline.usage,
    burndown: timeline.burndown,
  };
}

function judgmentEntry(j: Judgment): JudgmentEntry {
  return {
    id: j.id,
    question: j.question,
    options: j.options,
    askedBy: j.askedBy,
    ...(j.taskId ? { taskId: j.taskId } : {}),
    ...(j.answer === undefined ? {} : { answer: j.answer }),
    ...(j.answeredBy === undefined ? {} : { answeredBy: j.answeredBy }),
    ...(j.answeredAt === undefined ? {} : { answeredAt: j.answeredAt }),
  };
}

/** Each requirement, its tasks, and the code and tests linked to it or to one of them. */
function matrixOf(view: TableReader, staleById: ReadonlyMap<string, 'changed' | 'missing'>): MatrixRow[] {
  const linksByEntity = new Map<string, CodeLink[]>();
  for (const link of view.rows('links')) pushTo(linksByEntity, link.entity, link);
  const tasksByRequirement = new Map<string, string[]>();
  for (const task of view.rows('tasks')) for (const r of task.requirements) pushTo(tasksByRequirement, r, task.id);
  return sortById(view.rows('requirements'), (r) => r.id).map((req) => {
    const taskIds = sortById(tasksByRequirement.get(req.id) ?? [], (id) => id);
    const links = [req.id, ...taskIds].flatMap((entity) => linksByEntity.get(entity) ?? []);
    const cell = (link: CodeLink): LinkCell => {
      const stale = staleById.get(link.id);
      return { link: link.id, where: codeNode(link.path, link.range), entity: link.entity, ...(stale ? { stale } : {}) };
    };
    return {
      id: req.id,
      text: req.text,
      priority: req.priority,
      status: req.status,
      tasks: taskIds.flatMap((id) => {
        const t = view.get('tasks', id);
        return t ? [{ id: t.id, title: t.title, status: t.status }] : [];
      }),
      code: links.filter((l) => l.rel === 'implements').map(cell),
      tests: links.filter((l) => l.rel === 'verifies').map(cell),
    };
  });
}

function tasksOf(view: TableReader, timeline: Timeline): TaskEntry[] {
  return sortById(view.rows('tasks'), (t) => t.id).map((t) => ({
    id: t.id,
    title: t.title,
    role: t.role,
    status: t.status,
    ...(t.assignee ? { assignee: t.assignee } : {}),
    requirements: t.requirements,
    decisions: t.decisions,
    deps: t.deps,
    evidence: t.evidence,
    gates: timeline.gatesByTask.get(t.id) ?? [],
    history: t.history.map((h) => ({ seq: h.seq, ts: h.ts, actor: h.actor, to: h.to, ...(h.note ? { note: h.note } : {}) })),
  }));
}

function driftOf(view: TableReader, stale: readonly StaleLink[]): DriftStatus {
  let links = 0;
  for (const _ of view.rows('links')) links++;
  return {
    links,
    stale: stale.map((s) => ({
      link: s.link,
      where: codeNode(s.path, s.range),
      reason: s.reason,
      entity: s.entity,
      tasks: s.tasks.map((t) => t.id),
      requirements: s.requirements.map((r) => r.id),
    })),
  };
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
