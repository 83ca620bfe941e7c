import { z } from 'zod';
import type { ToolDefinition } from '../model/types.js';
import { RecordRefusal } from '../record/refusal.js';
import { EventSchemaError } from '../record/validate.js';
import { CrucibleError, formatIssuePath, messageOf } from '../shared/errors.js';
import { redactDeep } from '../shared/redact.js';
import { bound } from './bounded.js';
import { completeTaskTool, reviewTaskTool } from './completion-tools.js';
import { editFileTool, grepTool, listFilesTool, readFileTool, writeFileTool } from './file-tools.js';
import { addRequirementTool, claimTaskTool, createTaskTool, linkCodeTool, recordDecisionTool } from './record-tools.js';
import {
  askHumanTool,
  proposeImprovementTool,
  recallTool,
  refineProposalTool,
  rememberTool,
  runCommandTool,
  searchDocsTool,
  sendMessageTool,
} from './team-tools.js';
import { updateTaskTool } from './task-update-tool.js';
import { refusal, type Tool, type ToolContext, type ToolResult } from './types.js';

export const ALL_TOOLS: readonly Tool[] = [
  readFileTool,
  writeFileTool,
  editFileTool,
  listFilesTool,
  grepTool,
  searchDocsTool,
  runCommandTool,
  addRequirementTool,
  recordDecisionTool,
  createTaskTool,
  updateTaskTool,
  claimTaskTool,
  completeTaskTool,
  reviewTaskTool,
  linkCodeTool,
  rememberTool,
  recallTool,
  sendMessageTool,
  askHumanTool,
  proposeImprovementTool,
  refineProposalTool,
] as Tool[];

const byName = new Map(ALL_TOOLS.map((t) => [t.name as string, t]));

/** Whether a successful call changes files, the record or gate results (progress, for the loop guard): the write and record tools. */
export function changesState(name: string): boolean {
  const kind = byName.get(name)?.kind;
  return kind === 'write' || kind === 'record';
}

/** The tool definitions one agent's model sees: only the tools its agent file lists. */
export function toolDefinitionsFor(allowed: readonly string[]): ToolDefinition[] {
  return ALL_TOOLS.filter((t) => allowed.includes(t.name)).map((t) => ({
    name: t.name,
    description: t.description,
    inputSchema: z.toJSONSchema(t.schema, { io: 'input' }) as ToolDefinition['inputSchema'],
  }));
}

/**
 * Runs one tool call. Never throws: every failure comes back as a refusal the model can read.
 * The result is redacted of secrets here, the one place every tool result (an agent's, an MCP client's) comes from.
 */
export async function executeTool(name: string, rawInput: unknown, ctx: ToolContext): Promise<ToolResult> {
  return redactDeep(await runTool(name, rawInput, ctx));
}

async function runTool(name: string, rawInput: unknown, ctx: ToolContext): Promise<ToolResult> {
  const tool = byName.get(name);
  if (!tool) return refusal('unknown-tool', `there is no tool named ${name}`, `use one of: ${ctx.agent.tools.join(', ')}`);
  if (!ctx.agent.tools.includes(name)) {
    return refusal(
      'tool-not-allowed',
      `the ${ctx.agent.role} role may not use ${name}`,
      `use one of your tools (${ctx.agent.tools.join(', ')}) or ask the role that may`,
    );
  }
  const parsed = tool.schema.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refusal(
      'bad-input',
      `${name}: ${issue ? `${formatIssuePath(issue.path)}: ${issue.message}` : 'invalid input'}`,
      "call it again with input that matches the tool's schema",
    );
  }
  try {
    return await tool.run(parsed.data, ctx);
  } catch (error) {
    if (error instanceof RecordRefusal) return refusal(error.code, error.reason, error.fix);
    if (error instanceof EventSchemaError) return refusal('bad-input', error.detail, 'correct the named field and call again');
    if (error instanceof CrucibleError) return refusal(error.code, error.message, error.fix ?? 'try a different approach');
    return refusal('tool-error', `${name} failed: ${messageOf(error)}`, 'try a different approach, or ask the human');
  }
}

/** What the model reads for a result: the content, or the refusal with its fix. */
export function formatToolResult(result: ToolResult, cap?: number): string {
  if (result.ok) return bound(result.content, cap);
  return bound(`REFUSED [${result.code}]: ${result.reason}\nFix: ${result.fix}`, cap);
}
