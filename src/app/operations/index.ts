// The record's operations, the list every surface serves and calls.

import { answerJudgmentOp, decideProposalOp, recordDecisionOp } from './changes.js';
import type { Operation } from './operation.js';
import { followLogOp, listJudgmentsOp, listTasksOp, readLogOp, statusOp } from './reads.js';

export * from './operation.js';
export * from './reads.js';
export * from './changes.js';

export const RECORD_OPERATIONS: readonly Operation[] = [
  statusOp,
  listTasksOp,
  listJudgmentsOp,
  answerJudgmentOp,
  decideProposalOp,
  recordDecisionOp,
  readLogOp,
  followLogOp,
] as Operation[];
