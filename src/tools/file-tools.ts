import { readFile, stat } from 'node:fs/promises';
import picomatch from 'picomatch';
import { z } from 'zod';
import { CrucibleError } from '../shared/errors.js';
import { bound } from './bounded.js';
import { fileNotes } from './file-notes.js';
import { compilePattern, searchFiles } from './grep-search.js';
import { projectFiles } from './project-glob.js';
import { isPrivateSegment, resolveInWorkspace } from './sandbox.js';
import { writeProjectFile } from './safe-write.js';
import { defineTool, ok, refusal, type ToolContext, type ToolResult } from './types.js';

const pathField = z.string().min(1).max(1000).describe('a path relative to the project root');

/** Resolves inside the workspace or returns the refusal the model should see. */
export function agentPath(ctx: ToolContext, path: string): { ok: true; abs: string; rel: string } | { ok: false; result: ToolResult } {
  try {
    const r = resolveInWorkspace(ctx.root, path);
    if (isPrivateSegment(r.relative.split('/')[0] ?? '', '.crucible'))
      return { ok: false, result: refusal('path-outside', `${path} is Crucible's own workspace`, 'work on project files only') };
    return { ok: true, abs: r.absolute, rel: r.relative };
  } catch (error) {
    if (error instanceof CrucibleError)
      return { ok: false, result: refusal(error.code, error.message, error.fix ?? 'use a path inside the project') };
    throw error;
  }
}

/**
 * git's own store is never written by an agent, whatever its write_paths say: hooks and
 * config there would run outside the sandbox the next time Crucible itself calls git.
 */
const isGitStore = (rel: string): boolean => rel.split('/').some((segment) => isPrivateSegment(segment, '.git'));

export function mayWrite(ctx: ToolContext, rel: string): ToolResult | undefined {
  if (isGitStore(rel))
    return refusal(
      'path-protected',
      `${rel} is inside git's own store (.git/)`,
      'change project files only; git history and configuration belong to the human',
    );
  if (ctx.agent.writePaths.length > 0 && picomatch(ctx.agent.writePaths as string[], { dot: true })(rel)) return undefined;
  return refusal(
    'write-not-allowed',
    `the ${ctx.agent.role} role may not write ${rel}${ctx.agent.writePaths.length ? ` (allowed: ${ctx.agent.writePaths.join(', ')})` : ''}`,
    ctx.agent.role === 'tester'
      ? 'report the defect to the implementer with send_message'
      : 'ask the role that owns this file, or the human, to change it',
  );
}

async function afterWrite(ctx: ToolContext, rel: string): Promise<string> {
  const reopened = (await ctx.onFileWritten?.(rel)) ?? [];
  return reopened.length ? `\nThis file is linked to done work; its verification was re-opened: ${reopened.join(', ')}.` : '';
}

export const readFileTool = defineTool({
  name: 'read_file',
  description:
    'Read a text file of the project. Lines are numbered. Use offset/limit (1-based lines) for large files. ' +
    "The record's notes on the file (linked tasks, requirements, decisions) come first.",
  kind: 'read',
  schema: z
    .object({ path: pathField, offset: z.number().int().min(1).optional(), limit: z.number().int().min(1).max(5000).optional() })
    .strict(),
  async run(input, ctx) {
    const at = agentPath(ctx, input.path);
    if (!at.ok) return at.result;
    const info = await stat(at.abs).catch(() => undefined);
    if (!info?.isFile()) return refusal('no-such-file', `${input.path} does not exist`, 'list files with list_files');
    const lines = (await readFile(at.abs, 'utf8')).split('\n');
    const start = input.offset ?? 1;
    const end = Math.min(lines.length, start - 1 + (input.limit ?? 2000));
    const body = lines
      .slice(start - 1, end)
      .map((l, i) => `${String(start + i).padStart(5)}  ${l}`)
      .join('\n');
    const more = end < lines.length ? `\n[lines ${start}-${end} of ${lines.length}; call again with offset ${end + 1} for more]` : '';
    const notes = fileNotes(ctx.store.view, at.rel);
    return ok(bound(`${notes ? `${notes}\n\n` : ''}${body}${more}`));
  },
});

export const writeFileTool = defineTool({
  name: 'write_file',
  description:
    'Create or replace a whole file inside the project (only paths your role may write). Prefer edit_file for changes to an existing file.',
  kind: 'write',
  schema: z.object({ path: pathField, content: z.string().max(1_000_000) }).strict(),
  async run(input, ctx) {
    const at = agentPath(ctx, input.path);
    if (!at.ok) return at.result;
    const denied = mayWrite(ctx, at.rel);
    if (denied) return denied;
    const unsafe = await writeProjectFile(ctx.root, input.path, at.abs, input.content);
    if (unsafe) return unsafe;
    const notes = fileNotes(ctx.store.view, at.rel);
    return ok(`wrote ${at.rel} (${input.content.split('\n').length} lines)${await afterWrite(ctx, at.rel)}${notes ? `\n${notes}` : ''}`);
  },
});

export const editFileTool = defineTool({
  name: 'edit_file',
  description:
    'Replace one exact occurrence of old_text with new_text in a file. ' +
    'Refuses when old_text is missing or appears more than once (add surrounding lines to make it unique).',
  kind: 'write',
  schema: z.object({ path: pathField, old_text: z.string().min(1), new_text: z.string() }).strict(),
  async run(input, ctx) {
    const at = agentPath(ctx, input.path);
    if (!at.ok) return at.result;
    const denied = mayWrite(ctx, at.rel);
    if (denied) return denied;
    const content = await readFile(at.abs, 'utf8').catch(() => undefined);
    if (content === undefined) return refusal('no-such-file', `${input.path} does not exist`, 'create it with write_file');
    const first = content.indexOf(input.old_text);
    if (first < 0)
      return refusal(
        'no-match',
        `old_text was not found in ${at.rel}`,
        'read the file again and copy the exact text, including whitespace',
      );
    if (content.indexOf(input.old_text, first + 1) >= 0)
      return refusal(
        'ambiguous-match',
        `old_text appears more than once in ${at.rel}`,
        'include more surrounding lines so it matches exactly once',
      );
    const unsafe = await writeProjectFile(
      ctx.root,
      input.path,
      at.abs,
      content.slice(0, first) + input.new_text + content.slice(first + input.old_text.length),
    );
    if (unsafe) return unsafe;
    const line = content.slice(0, first).split('\n').length;
    return ok(`edited ${at.rel} at line ${line}${await afterWrite(ctx, at.rel)}`);
  },
});

export const listFilesTool = defineTool({
  name: 'list_files',
  description:
    'List project files matching a glob relative to the project root (default **/*), skipping node_modules, .git, dist and .crucible.',
  kind: 'read',
  schema: z.object({ pattern: z.string().min(1).max(300).default('**/*'), limit: z.number().int().min(1).max(2000).default(300) }).strict(),
  async run(input, ctx) {
    const files = await projectFiles(ctx.root, input.pattern);
    if (!Array.isArray(files)) return files;
    const shown = files.slice(0, input.limit).map((file) => file.rel);
    return ok(
      `${shown.join('\n') || '(no files match)'}` +
        `${files.length > shown.length ? `\n[${files.length - shown.length} more; narrow the pattern or raise limit]` : ''}`,
    );
  },
});

export const grepTool = defineTool({
  name: 'grep',
  description:
    'Search project files for a regular expression (RE2 syntax: no lookaround or backreferences); returns path:line: text for each match.',
  kind: 'read',
  schema: z
    .object({
      pattern: z.string().min(1).max(500),
      glob: z.string().min(1).max(300).default('**/*'),
      limit: z.number().int().min(1).max(500).default(100),
    })
    .strict(),
  async run(input, ctx) {
    const regex = compilePattern(input.pattern);
    if ('ok' in regex) return regex;
    const files = await projectFiles(ctx.root, input.glob);
    if (!Array.isArray(files)) return files;
    const found = await searchFiles(files, regex, { limit: input.limit });
    return found.ok ? ok(bound(found.content)) : found;
  },
});
