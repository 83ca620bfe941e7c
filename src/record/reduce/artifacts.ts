import { codeNode } from '../tables.js';
import type { RecordEventOf } from '../events.js';
import { kindOfId } from '../ids.js';
import { refuse } from '../refusal.js';
import type { Tx } from '../tx.js';
import { addEdge, addToCounter, bumpIdCounter, entityExists, requireEntity, requireNew } from './common.js';

/** Documents, memories, code links, trace edges and usage totals (proposals: proposals.ts). */

export function documentIngested(tx: Tx, event: RecordEventOf<'document.ingested'>): void {
  const d = event.data;
  tx.put('documents', d.path, {
    path: d.path,
    hash: d.hash,
    chunks: d.chunks,
    ...(d.bytes !== undefined ? { bytes: d.bytes } : {}),
    ingestedAt: event.ts,
  });
}

export function documentRemoved(tx: Tx, event: RecordEventOf<'document.removed'>): void {
  if (!tx.get('documents', event.data.path))
    return refuse('unknown-document', `document ${event.data.path} is not in the record`, 'list documents with `crucible status --json`');
  tx.delete('documents', event.data.path);
}

export function memoryRemembered(tx: Tx, event: RecordEventOf<'memory.remembered'>): void {
  const d = event.data;
  requireNew(tx, 'memories', d.id);
  bumpIdCounter(tx, d.id);
  tx.put('memories', d.id, {
    id: d.id,
    scope: d.scope,
    ...(d.key ? { key: d.key } : {}),
    text: d.text,
    actor: event.actor,
    createdAt: event.ts,
  });
}

export function memoryForgotten(tx: Tx, event: RecordEventOf<'memory.forgotten'>): void {
  requireEntity(tx, event.data.id, 'memory');
  tx.delete('memories', event.data.id);
}

export function linkAdded(tx: Tx, event: RecordEventOf<'link.added'>): void {
  const d = event.data;
  requireNew(tx, 'links', d.id);
  requireEntity(tx, d.entity, kindOfId(d.entity) ?? 'entity');
  if (d.taskId) requireEntity(tx, d.taskId, 'task');
  bumpIdCounter(tx, d.id);
  tx.put('links', d.id, {
    id: d.id,
    entity: d.entity,
    path: d.path,
    ...(d.range ? { range: d.range } : {}),
    rel: d.rel,
    ...(d.hash ? { hash: d.hash } : {}),
    ...(d.commit ? { commit: d.commit } : {}),
    ...(d.taskId ? { taskId: d.taskId } : {}),
    actor: event.actor,
    createdAt: event.ts,
  });
  addEdge(tx, { from: codeNode(d.path, d.range), rel: d.rel, to: d.entity });
}

export function edgeAdded(tx: Tx, event: RecordEventOf<'edge.added'>): void {
  for (const end of [event.data.from, event.data.to]) {
    if (kindOfId(end) && !entityExists(tx, end)) requireEntity(tx, end, 'trace endpoint');
  }
  addEdge(tx, event.data);
}

export function usageRecorded(tx: Tx, event: RecordEventOf<'model.usage'>): void {
  const d = event.data;
  addToCounter(tx, 'tokens.input', d.inputTokens);
  addToCounter(tx, 'tokens.output', d.outputTokens);
  addToCounter(tx, 'tokens.cacheRead', d.cacheReadTokens);
  addToCounter(tx, 'tokens.cacheWrite', d.cacheCreationTokens);
  if (d.costUsd === null) addToCounter(tx, 'cost.unknownTurns', 1);
  else addToCounter(tx, 'cost.microUsd', Math.round(d.costUsd * 1e6));
}

export function linkVerified(tx: Tx, event: RecordEventOf<'link.verified'>): void {
  const link = tx.get('links', event.data.id);
  if (!link) return refuse('unknown-id', `link ${event.data.id} does not exist in the record`, 'see `crucible drift`');
  tx.put('links', link.id, {
    ...link,
    hash: event.data.hash,
    ...(event.data.commit ? { commit: event.data.commit } : {}),
    verifiedAt: event.ts,
  });
}

const LEDGER_LIMIT = 50;

export function ledgerNoted(tx: Tx, event: RecordEventOf<'ledger.noted'>): void {
  const d = event.data;
  requireEntity(tx, d.taskId, 'task');
  const row = tx.get('ledger', d.taskId) ?? { taskId: d.taskId, reads: {}, tried: [], questions: [] };
  const keep = (items: string[]) => [...items, d.text].slice(-LEDGER_LIMIT);
  if (d.kind === 'read') tx.put('ledger', d.taskId, { ...row, reads: { ...row.reads, [d.text]: d.hash ?? '' } });
  else if (d.kind === 'tried') tx.put('ledger', d.taskId, { ...row, tried: keep(row.tried) });
  else tx.put('ledger', d.taskId, { ...row, questions: keep(row.questions) });
}

/** The last external session of each agent on the task, so a resumed run continues it instead of starting over. */
export function sessionRecorded(tx: Tx, event: RecordEventOf<'agent.session'>): void {
  const d = event.data;
  if (!d.taskId) return;
  requireEntity(tx, d.taskId, 'task');
  const row = tx.get('ledger', d.taskId) ?? { taskId: d.taskId, reads: {}, tried: [], questions: [] };
  tx.put('ledger', d.taskId, { ...row, sessions: { ...row.sessions, [d.agent]: d.sessionId } });
}

export function messageSent(tx: Tx, event: RecordEventOf<'message.sent'>): void {
  const d = event.data;
  const id = `${String(event.seq).padStart(12, '0')}`;
  tx.put('inbox', id, { id, to: d.to, from: event.actor, text: d.text, ...(d.taskId ? { taskId: d.taskId } : {}), sentAt: event.ts });
}
