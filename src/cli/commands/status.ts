import { statusOp } from '../../app/operations/index.js';
import { statusText } from '../../app/status.js';
import { callWorkspaceOrSession, contextOf, emit } from '../context.js';
import type { Register } from './types.js';

export const registerStatus: Register = (program, base) => {
  program
    .command('status')
    .description('tasks by status, pending judgments, tokens and cost')
    .action(async (_opts, command) => {
      const ctx = contextOf(command, base);
      const status = await callWorkspaceOrSession(ctx, statusOp, {});
      emit(ctx, status, () => statusText(status));
    });
};
