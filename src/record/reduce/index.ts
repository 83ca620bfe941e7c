import type { EventType, RecordEvent, RecordEventOf } from '../events.js';
import type { Tx } from '../tx.js';
import {
  documentIngested,
  documentRemoved,
  edgeAdded,
  ledgerNoted,
  sessionRecorded,
  linkAdded,
  linkVerified,
  messageSent,
  memoryForgotten,
  memoryRemembered,
  usageRecorded,
} from './artifacts.js';
import { proposalCreated, proposalDeclined, proposalRefined, proposalRefreshed, proposalResolved } from './proposals.js';
import { decisionRecorded, judgmentAnswered, judgmentAsked, requirementAdded, requirementChanged } from './knowledge.js';
import { taskCreated, taskTransition } from './tasks.js';
import { taskCancelled, taskEdited } from './task-edits.js';
import { mergeConflicted, mergeSucceeded, worktreeCreated, worktreeRemoved } from './worktrees.js';

type Handlers = { [T in EventType]: ((tx: Tx, event: RecordEventOf<T>) => void) | null };

/** Which projection each event changes; `null` marks events kept in the log only. */
const handlers: Handlers = {
  'requirement.added': requirementAdded,
  'requirement.changed': requirementChanged,
  'decision.recorded': decisionRecorded,
  'task.created': taskCreated,
  'task.claimed': taskTransition,
  'task.started': taskTransition,
  'task.submitted': taskTransition,
  'task.completed': taskTransition,
  'task.changes_requested': taskTransition,
  'task.failed': taskTransition,
  'task.released': taskTransition,
  'task.reopened': taskTransition,
  'task.edited': taskEdited,
  'task.cancelled': taskCancelled,
  'document.ingested': documentIngested,
  'document.removed': documentRemoved,
  'memory.remembered': memoryRemembered,
  'memory.forgotten': memoryForgotten,
  'proposal.created': proposalCreated,
  'proposal.refreshed': proposalRefreshed,
  'proposal.refined': proposalRefined,
  'proposal.approved': proposalResolved,
  'proposal.rejected': proposalResolved,
  'proposal.closed': proposalResolved,
  'proposal.declined': proposalDeclined,
  'judgment.asked': judgmentAsked,
  'judgment.answered': judgmentAnswered,
  'link.added': linkAdded,
  'link.verified': linkVerified,
  'ledger.noted': ledgerNoted,
  'agent.session': sessionRecorded,
  'edge.added': edgeAdded,
  'message.sent': messageSent,
  'model.usage': usageRecorded,
  'worktree.created': worktreeCreated,
  'worktree.removed': worktreeRemoved,
  'merge.succeeded': mergeSucceeded,
  'merge.conflicted': mergeConflicted,
  'gate.checked': null,
  'run.started': null,
  'run.stopped': null,
};

/** Applies one event to the tables staged in `tx`; throws RecordRefusal when the event is not legal now. */
export function reduce(tx: Tx, event: RecordEvent): void {
  const handler = handlers[event.type] as ((tx: Tx, event: RecordEvent) => void) | null;
  handler?.(tx, event);
}
