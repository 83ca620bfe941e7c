// One crucible process on a workspace whose record is shared (PostgreSQL), for the multi-process tests:
//   add <dir> <n>            runs `crucible task add` n times at once through the real CLI; prints the ids as JSON
//   claim <dir> <agent> <id> opens the workspace, prints "ready", waits for a line on stdin, then claims the
//                            task with the agents' claim_task tool; prints the tool result as JSON
import { createInterface } from 'node:readline';
import { runCli } from '../../src/cli/program.js';
import { executeTool } from '../../src/tools/registry.js';
import { openWorkspace } from '../../src/workspace/open.js';

const [mode, dir, ...rest] = process.argv.slice(2);
if (!dir) throw new Error('usage: shared-record-child add|claim <dir> ...');

if (mode === 'add') {
  const runs = Array.from({ length: Number(rest[0]) }, async (_, i) => {
    let stdout = '';
    let stderr = '';
    const io = { out: (s: string) => void (stdout += s), err: (s: string) => void (stderr += s) };
    const code = await runCli(['task', 'add', `task ${process.pid}.${i}`, '--role', 'implementer', '--json'], {
      io,
      cwd: dir,
      env: process.env,
    });
    if (code !== 0) throw new Error(`task add ${i} exited ${code}: ${stderr}`);
    return (JSON.parse(stdout) as { id: string }).id;
  });
  process.stdout.write(`${JSON.stringify(await Promise.all(runs))}\n`);
} else if (mode === 'claim') {
  const [agent, taskId] = rest as [string, string];
  const ws = await openWorkspace({ dir, command: 'claim-child' });
  const ctx = {
    root: dir,
    store: ws.store,
    config: ws.config,
    agent: { name: agent, role: 'implementer', tools: ['claim_task'], writePaths: [] },
  };
  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  for await (const _line of lines) break;
  const result = await executeTool('claim_task', { task_id: taskId }, ctx);
  await ws.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  throw new Error(`unknown mode ${mode}`);
}
