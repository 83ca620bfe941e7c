// What a Claude Code tool call means for the task's progress ledger and its linked work, told in
// Crucible's terms: Read is read_file, Bash is run_command, a write re-opens the verification of
// done work linked to the file, exactly as the built-in tools do.
import { isAbsolute, relative } from 'node:path';
import type { AgentJob } from '../agent-loop.js';
import type { ToolCallSeen } from './stream.js';

const WRITES = new Set(['Write', 'Edit', 'MultiEdit', 'NotebookEdit']);

const inTree = (root: string, path: unknown): string | undefined =>
  typeof path !== 'string' ? undefined : isAbsolute(path) ? relative(root, path) : path;

export async function noteToolCall(job: AgentJob, call: ToolCallSeen, summary: string): Promise<void> {
  const root = job.tools.root;
  const path = inTree(root, call.input.file_path ?? call.input.notebook_path);
  if (call.ok && path && WRITES.has(call.name)) await job.tools.onFileWritten?.(path);
  const [name, input] =
    call.name === 'Read' && path
      ? ['read_file', { path }]
      : call.name === 'Bash'
        ? ['run_command', { command: call.input.command }]
        : [call.name, call.input];
  await job.guards?.note?.(name, input, call.ok, summary);
}
