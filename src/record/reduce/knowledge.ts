import type { RecordEventOf } from '../events.js';
import { refuse } from '../refusal.js';
import type { Decision } from '../tables.js';
import type { Tx } from '../tx.js';
import { addEdge, bumpIdCounter, requireEntity, requireNew } from './common.js';

/** Requirements, decisions and judgments: what the project must do and why it is built this way. */

export function requirementAdded(tx: Tx, event: RecordEventOf<'requirement.added'>): void {
  const d = event.data;
  requireNew(tx, 'requirements', d.id);
  bumpIdCounter(tx, d.id);
  tx.put('requirements', d.id, {
    id: d.id,
    text: d.text,
    priority: d.priority,
    ...(d.source ? { source: d.source } : {}),
    status: 'active',
    revision: 1,
    createdAt: event.ts,
    updatedAt: event.ts,
  });
}

export function requirementChanged(tx: Tx, event: RecordEventOf<'requirement.changed'>): void {
  const current = tx.get('requirements', event.data.id);
  if (!current)
    return refuse('unknown-id', `requirement ${event.data.id} does not exist in the record`, 'list requirements with `crucible req list`');
  tx.put('requirements', current.id, {
    ...current,
    text: event.data.text,
    status: 'changed',
    revision: current.revision + 1,
    updatedAt: event.ts,
  });
}

function putDecision(tx: Tx, decision: Decision): void {
  requireNew(tx, 'decisions', decision.id);
  if (decision.supersedes) {
    const old = tx.get('decisions', decision.supersedes);
    if (!old)
      return refuse(
        'unknown-id',
        `decision ${decision.supersedes} does not exist in the record`,
        'check the id with `crucible trace <id>`',
      );
    if (old.status === 'superseded') {
      return refuse(
        'already-superseded',
        `${old.id} was already superseded by ${old.supersededBy ?? 'another decision'}`,
        `supersede ${old.supersededBy ?? 'the newer decision'} instead`,
      );
    }
    tx.put('decisions', old.id, { ...old, status: 'superseded', supersededBy: decision.id });
    addEdge(tx, { from: decision.id, rel: 'supersedes', to: old.id });
  }
  bumpIdCounter(tx, decision.id);
  tx.put('decisions', decision.id, decision);
}

export function decisionRecorded(tx: Tx, event: RecordEventOf<'decision.recorded'>): void {
  const d = event.data;
  if (d.judgmentId) requireEntity(tx, d.judgmentId, 'judgment');
  putDecision(tx, {
    id: d.id,
    title: d.title,
    context: d.context,
    choice: d.choice,
    rationale: d.rationale,
    ...(d.supersedes ? { supersedes: d.supersedes } : {}),
    ...(d.judgmentId ? { judgmentId: d.judgmentId } : {}),
    status: 'active',
    actor: event.actor,
    createdAt: event.ts,
  });
}

export function judgmentAsked(tx: Tx, event: RecordEventOf<'judgment.asked'>): void {
  const d = event.data;
  requireNew(tx, 'judgments', d.id);
  if (d.taskId) requireEntity(tx, d.taskId, 'task');
  bumpIdCounter(tx, d.id);
  tx.put('judgments', d.id, {
    id: d.id,
    question: d.question,
    options: d.options,
    context: d.context,
    ...(d.taskId ? { taskId: d.taskId } : {}),
    askedBy: d.askedBy,
    status: 'pending',
    askedAt: event.ts,
  });
}

/** An answer is recorded as a decision in the same append, so the choice joins the decision log. */
export function judgmentAnswered(tx: Tx, event: RecordEventOf<'judgment.answered'>): void {
  const d = event.data;
  const judgment = tx.get('judgments', d.id);
  if (!judgment)
    return refuse('unknown-id', `judgment ${d.id} does not exist in the record`, 'list open judgments with `crucible judgments list`');
  if (judgment.status === 'answered') {
    return refuse(
      'already-answered',
      `judgment ${d.id} was already answered by ${judgment.answeredBy ?? 'someone'}: "${judgment.answer ?? ''}"`,
      'record a new decision that supersedes its decision instead',
    );
  }
  tx.put('judgments', d.id, {
    ...judgment,
    status: 'answered',
    answer: d.answer,
    answeredBy: event.actor,
    decisionId: d.decisionId,
    answeredAt: event.ts,
  });
  const options = judgment.options.map((o) => `- ${o.label}${o.tradeoffs ? `: ${o.tradeoffs}` : ''}`).join('\n');
  putDecision(tx, {
    id: d.decisionId,
    title: judgment.question,
    context: [judgment.context, options].filter(Boolean).join('\n'),
    choice: d.answer,
    rationale: `Judgment ${judgment.id}, answered by ${event.actor}`,
    judgmentId: judgment.id,
    status: 'active',
    actor: event.actor,
    createdAt: event.ts,
  });
  if (judgment.taskId) addEdge(tx, { from: judgment.taskId, rel: 'implements', to: d.decisionId });
}
