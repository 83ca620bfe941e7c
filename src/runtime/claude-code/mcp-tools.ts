// Crucible's tools served to one Claude Code session as an in-process MCP server named `crucible`
// (the model sees `mcp__crucible__<tool>`): the record's gated steps and team tools its agent file
// lists, run by the same executeTool with the job's ToolContext (its agent, role, task and tree) as a
// built-in agent's. File and command tools are left out: Claude Code's own Read/Write/Edit/Bash do
// that work, under the permissions hook.
import { createSdkMcpServer, tool, type McpSdkServerConfigWithInstance } from '@anthropic-ai/claude-agent-sdk';
import { z } from 'zod';
import { ALL_TOOLS, executeTool, formatToolResult } from '../../tools/registry.js';
import type { ToolContext } from '../../tools/types.js';
import { MCP_SERVER_NAME } from './permissions.js';

/** The tools Claude Code does itself, with its own tools of the same power. */
const DONE_BY_CLAUDE_CODE = new Set(['read_file', 'write_file', 'edit_file', 'list_files', 'grep', 'run_command']);

/** The Crucible tools a session of this agent gets over MCP. */
export function mcpToolNames(agentTools: readonly string[]): string[] {
  return ALL_TOOLS.map((t) => t.name as string).filter((name) => agentTools.includes(name) && !DONE_BY_CLAUDE_CODE.has(name));
}

export function crucibleMcpServer(ctx: ToolContext, maxResultChars?: number): McpSdkServerConfigWithInstance {
  const names = new Set(mcpToolNames(ctx.agent.tools));
  const tools = ALL_TOOLS.filter((t) => names.has(t.name)).map((t) => {
    // Every tool's schema is a strict z.object; the SDK takes its shape, and executeTool checks the input strictly again.
    const shape = (t.schema as unknown as z.ZodObject).shape;
    const run = async (args: unknown) => {
      const result = await executeTool(t.name, args, ctx);
      return {
        content: [{ type: 'text' as const, text: formatToolResult(result, maxResultChars) }],
        ...(result.ok ? {} : { isError: true }),
      };
    };
    // alwaysLoad: the team's protocol tools are the job itself, not deferred behind a ToolSearch round trip.
    return tool(t.name, t.description, shape, run, { alwaysLoad: true });
  });
  return createSdkMcpServer({ name: MCP_SERVER_NAME, version: '1', tools });
}
