import type { z } from 'zod';
import type { Config } from '../workspace/config.js';
import type { EventStore } from '../record/event-store.js';
import type { Refusal } from '../record/refusal.js';
import type { EventDraft } from '../record/events.js';
import type { ToolName } from './names.js';

/** What a tool returns to the model. A refusal is data: code, reason and the fix. */
export type ToolResult = { ok: true; content: string; data?: unknown } | Refusal;

export type ToolKind = 'read' | 'write' | 'record' | 'command';

/** The agent a tool runs for: its instance name and the permissions from its agent file. */
export interface ToolAgent {
  name: string;
  role: string;
  tools: readonly string[];
  writePaths: readonly string[];
  gateCommands?: readonly string[];
}

export interface SearchHit {
  citation: string;
  score: number;
  snippet: string;
}

/** How the gate runs: the files that define it are read-only while it runs, so a test cannot rewrite another. */
export interface GateRunOptions {
  readOnly?: readonly string[];
  /** The tree the gate runs in, when not the job's (the merged result in the merge worktree). */
  root?: string;
  /** Absolute paths outside the tree the commands may read: the root's node_modules a worktree links to. */
  shared?: readonly string[];
}

/** What integrating a task's worktree did: merged and gated (append `events` with the task's own, then `release`), or a refusal. */
export type IntegrateResult =
  | {
      ok: true;
      /** A file as the merge commit has it (for link hashes), undefined when it has none. */
      readMerged: (path: string) => Promise<string | undefined>;
      events: EventDraft[];
      /** Ends the merge: `landed` (the task's events are recorded) removes the worktree and its branch. */
      release: (landed: boolean) => Promise<void>;
    }
  | Refusal;

/** Services tools use; the runtime provides them, tests may provide fakes for the optional ones. */
export interface ToolContext {
  root: string;
  store: EventStore;
  config: Config;
  agent: ToolAgent;
  /** The roles that have an agent; create_task refuses others. */
  roles?: readonly string[];
  taskId?: string;
  signal?: AbortSignal;
  /** Runs the gate commands for a task (the coordinator's job, not the agent's). */
  runGate?: (
    commands: readonly string[],
    signal?: AbortSignal,
    options?: GateRunOptions,
  ) => Promise<{ command: string; exitCode: number; outputTail: string }[]>;
  /** Waits for the human's answer to a judgment. */
  awaitJudgment?: (judgmentId: string, signal?: AbortSignal) => Promise<string>;
  searchDocs?: (query: string, k: number) => Promise<SearchHit[]>;
  /** Paths outside `root` that sandboxed commands may read (the root's node_modules a worktree links to). */
  sharedPaths?: readonly string[];
  /**
   * When the job works in its own worktree: commit it, merge it into the integration branch under the
   * run's merge lock, and run the gate on the merged result (docs/worktrees.md). Absent = a shared tree.
   */
  integrate?: (taskId: string, gate: { commands: readonly string[]; readOnly: readonly string[] }) => Promise<IntegrateResult>;
  /** Called after a file is written, so the runtime can re-verify done work linked to it. */
  onFileWritten?: (path: string) => Promise<string[]>;
}

export interface Tool<S extends z.ZodType = z.ZodType> {
  name: ToolName;
  description: string;
  kind: ToolKind;
  schema: S;
  run(input: z.output<S>, ctx: ToolContext): Promise<ToolResult>;
}

export const defineTool = <S extends z.ZodType>(tool: Tool<S>): Tool<S> => tool;

export const ok = (content: string, data?: unknown): ToolResult => ({ ok: true, content, ...(data === undefined ? {} : { data }) });
export { refusal } from '../record/refusal.js';
