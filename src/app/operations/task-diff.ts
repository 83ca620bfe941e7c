// What a task changed (src/app/diff/): a read every surface serves, so the TUI
// and `crucible task diff` show the same diff, here or through the holder's socket.
import { z } from 'zod';
import { taskId } from '../../record/ids.js';
import { taskDiffSchema } from '../diff/schema.js';
import { call } from './operation.js';

export const taskDiffOp = call({
  method: 'tasks.diff',
  params: z.object({ id: taskId, stat: z.boolean().default(false) }).strict(),
  result: taskDiffSchema,
  async run({ ws }, { id, stat }) {
    // git and the diff code load only when a diff is asked for, not for every record command.
    const { taskDiff } = await import('../diff/task-diff.js');
    return taskDiff(ws, id, { stat });
  },
});
