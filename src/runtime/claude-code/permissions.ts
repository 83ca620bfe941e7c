// What a Claude Code session may do with its own tools, decided by Crucible before each call (its
// PreToolUse hook): the agent file's tool list grants Claude Code's tools (Read ← read_file, Write ←
// write_file, Bash ← run_command, ...), every path stays inside the task's tree, writes stay inside
// `write_paths`, and Bash runs in the same OS sandbox as run_command. A refusal reads as Crucible's.
import { isAbsolute, join, relative } from 'node:path';
import type { Refusal } from '../../record/refusal.js';
import { agentPath, mayWrite } from '../../tools/file-tools.js';
import { formatToolResult } from '../../tools/registry.js';
import { refusal, type ToolContext } from '../../tools/types.js';

export type ToolDecision = { allow: true; updatedInput?: Record<string, unknown> } | { allow: false; message: string };

/** Crucible's tools appear to the model as `mcp__crucible__<tool>`. */
export const MCP_SERVER_NAME = 'crucible';
export const MCP_PREFIX = `mcp__${MCP_SERVER_NAME}__`;

/** Claude Code's own tools, each granted by the Crucible tool of the same power in the agent file. */
const GRANTED_BY: Readonly<Record<string, string>> = {
  Read: 'read_file',
  Glob: 'list_files',
  Grep: 'grep',
  Write: 'write_file',
  Edit: 'edit_file',
  MultiEdit: 'edit_file',
  NotebookEdit: 'edit_file',
  Bash: 'run_command',
};
/** Harmless bookkeeping every session keeps. */
const ALWAYS = ['TodoWrite', 'ToolSearch'];

/** The Claude Code tools a session of this agent is given (its `tools` option); everything else does not exist for it. */
export function claudeToolsFor(agentTools: readonly string[]): string[] {
  return [...Object.keys(GRANTED_BY).filter((name) => agentTools.includes(GRANTED_BY[name]!)), ...ALWAYS];
}

export type ShellWrapper = (command: string) => Promise<{ ok: true; line: string } | Refusal>;

const deny = (r: Refusal): ToolDecision => ({ allow: false, message: formatToolResult(r) });
const notAllowed = (ctx: ToolContext, tool: string, why: string): ToolDecision =>
  deny(
    refusal(
      'tool-not-allowed',
      `the ${ctx.agent.role} role may not use ${tool}: ${why}`,
      `use one of your tools (${ctx.agent.tools.join(', ')})`,
    ),
  );

/** Claude Code names files by absolute path; Crucible's checks take them relative to the tree. */
const inTree = (ctx: ToolContext, path: string): string => (isAbsolute(path) ? relative(ctx.root, path) || '.' : path);

function checkPath(ctx: ToolContext, path: unknown, write: boolean): ToolDecision | undefined {
  if (typeof path !== 'string') return deny(refusal('bad-path', 'the call names no path', 'name a file inside the project'));
  // Claude Code expands `~` itself, after this check: a path from HOME is never the tree.
  if (path.startsWith('~'))
    return deny(refusal('path-outside', `${path} is in a home directory, outside the project`, 'use a path inside the project'));
  const at = agentPath(ctx, inTree(ctx, path));
  if (!at.ok) return { allow: false, message: formatToolResult(at.result) };
  const denied = write ? mayWrite(ctx, at.rel) : undefined;
  return denied ? { allow: false, message: formatToolResult(denied) } : undefined;
}

/**
 * A glob that starts at the root of the file system, at HOME or climbs out of the tree would list what
 * the agent may not read; so would one into Crucible's workspace.
 */
function checkPattern(pattern: unknown): ToolDecision | undefined {
  if (pattern === undefined) return undefined;
  const segments = typeof pattern === 'string' ? pattern.split(/[/\\]/) : [];
  if (typeof pattern !== 'string' || isAbsolute(pattern) || pattern.startsWith('~') || segments.includes('..'))
    return deny(
      refusal('path-outside', `the pattern ${String(pattern)} leaves the project directory`, 'use a pattern relative to the project'),
    );
  if (segments.some((s) => s.toLowerCase().includes('.crucible')))
    return deny(refusal('path-outside', `${pattern} looks into Crucible's own workspace`, 'search project files only'));
  return undefined;
}

export async function decideToolUse(
  ctx: ToolContext,
  name: string,
  input: Record<string, unknown>,
  shell: ShellWrapper,
): Promise<ToolDecision> {
  if (name.startsWith(MCP_PREFIX)) {
    const tool = name.slice(MCP_PREFIX.length);
    return ctx.agent.tools.includes(tool) ? { allow: true } : notAllowed(ctx, tool, 'its agent file does not list it');
  }
  if (ALWAYS.includes(name)) return { allow: true };
  const grantedBy = GRANTED_BY[name];
  if (!grantedBy) return notAllowed(ctx, name, 'Crucible agents use only the tools their agent file grants');
  if (!ctx.agent.tools.includes(grantedBy)) return notAllowed(ctx, name, `its agent file does not list ${grantedBy}`);
  switch (name) {
    case 'Read':
      return checkPath(ctx, input.file_path, false) ?? { allow: true };
    case 'Glob':
      return checkPath(ctx, input.path ?? '.', false) ?? checkPattern(input.pattern) ?? { allow: true };
    case 'Grep':
      return checkPath(ctx, input.path ?? '.', false) ?? checkPattern(input.glob) ?? { allow: true };
    case 'NotebookEdit':
      return checkPath(ctx, input.notebook_path, true) ?? { allow: true };
    case 'Bash':
      return bashDecision(ctx, input, shell);
    default:
      return checkPath(ctx, input.file_path, true) ?? { allow: true };
  }
}

async function bashDecision(ctx: ToolContext, input: Record<string, unknown>, shell: ShellWrapper): Promise<ToolDecision> {
  if (typeof input.command !== 'string' || input.command.trim() === '')
    return deny(refusal('bad-tool-input', 'Bash was called without a command', 'give the command to run'));
  if (input.run_in_background === true)
    return deny(refusal('command-not-allowed', 'commands may not run in the background', 'run the command in the foreground'));
  const wrapped = await shell(input.command);
  if (!wrapped.ok) return deny(wrapped);
  return { allow: true, updatedInput: { ...input, command: wrapped.line } };
}

/**
 * What Glob and Grep found, without Crucible's workspace: a pattern such as `.c*ible/**` or `**` at
 * the project root would otherwise list the record's files (and other tasks' worktrees). Every name
 * or `path:line:text` line under `<root>/.crucible` (any case) is dropped from the tool's output.
 */
export function withoutWorkspace<T>(value: T, roots: readonly string[]): T {
  const prefixes = roots.map((root) => join(root, '.crucible').toLowerCase());
  const hidden = (line: string): boolean => {
    const lower = line.toLowerCase();
    return lower.startsWith('.crucible') || prefixes.some((prefix) => lower.startsWith(prefix));
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string')
      return v.includes('\n')
        ? v
            .split('\n')
            .filter((line) => !hidden(line))
            .join('\n')
        : v;
    if (Array.isArray(v)) return v.filter((item) => typeof item !== 'string' || !hidden(item)).map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item)]));
    return v;
  };
  return walk(value) as T;
}
