import type { z } from 'zod';
import type { Config } from '../workspace/config.js';
import type { EventStore } from '../record/event-store.js';
import type { Refusal } from '../record/refusal.js';
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
}

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
