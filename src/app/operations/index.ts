// The record's operations, the list every surface serves and calls.

import { answerJudgmentOp, decideProposalOp, recordDecisionOp } from './changes.js';
import type { Operation } from './operation.js';
import { followLogOp, listJudgmentsOp, listTasksOp, readLogOp, statusOp } from './reads.js';
import { addTaskOp, cancelTaskOp, editTaskOp, releaseTaskOp, retryTaskOp, splitTaskOp } from './task-changes.js';
import { taskDiffOp } from './task-diff.js';
import { claimTaskOp, completeTaskOp, nextTaskOp } from './task-work.js';
import { addRequirementOp, sendMessageOp } from './steer.js';

export * from './operation.js';
export * from './reads.js';
export * from './changes.js';
export * from './task-changes.js';
export * from './task-work.js';
export * from './task-diff.js';
export * from './steer.js';

export const RECORD_OPERATIONS: readonly Operation[] = [
  statusOp,
  listTasksOp,
  listJudgmentsOp,
  answerJudgmentOp,
  decideProposalOp,
  recordDecisionOp,
  readLogOp,
  followLogOp,
  addTaskOp,
  editTaskOp,
  retryTaskOp,
  releaseTaskOp,
  cancelTaskOp,
  splitTaskOp,
  nextTaskOp,
  claimTaskOp,
  completeTaskOp,
  taskDiffOp,
  sendMessageOp,
  addRequirementOp,
] as Operation[];
