// A TUI-like holder: opens the workspace, serves its socket, and appends on
// request. Lines on stdin: `remember <text>` appends a shared memory and
// prints `appended <seq>`; `quit` lets go and exits.
import { createInterface } from 'node:readline';
import { serveHeldWorkspace } from '../../src/mcp/operations.js';
import { openWorkspace } from '../../src/workspace/open.js';

const [dir, name = 'crucible-tui'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: holder-child <project dir> [name]');
  process.exit(2);
}
const ws = await openWorkspace({ dir, command: name });
const server = await serveHeldWorkspace(ws, { name });
let quitting = false;
const quit = async () => {
  if (quitting) return;
  quitting = true;
  await server.close();
  await ws.close();
  console.log('closed');
  process.exit(0);
};
createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, ...rest] = line.split(' ');
  if (command === 'remember') {
    void ws.store
      .append({ type: 'memory.remembered', actor: 'holder', data: { scope: 'shared', text: rest.join(' ') } })
      .then((e) => console.log(`appended ${e.seq}`));
  } else if (command === 'quit') void quit();
});
process.on('SIGTERM', () => void quit());
console.log('ready');
