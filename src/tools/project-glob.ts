// Globs that can only match project files. A pattern is refused when it, or
// any brace expansion fast-glob makes of it, is absolute or climbs with `..`
// (`{/outside,x}/*`, `.{.,}/etc/passwd`); and every match is resolved through
// symlinks and kept only when it lies inside the project, outside `.crucible/`
// and `.git/`, so a linked file cannot leak either.
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import fg from 'fast-glob';
import { isInside, isPrivateSegment } from './sandbox.js';
import { refusal, type ToolResult } from './types.js';

const IGNORED = ['**/node_modules/**', '**/.git/**', '**/.crucible/**', '**/dist/**'];
const isPrivateTop = (segment: string): boolean => isPrivateSegment(segment, '.crucible') || isPrivateSegment(segment, '.git');
/** A `..` segment anywhere a glob can put one: after `/`, `{`, `,`, `(`, `|`, and before their closers. */
const CLIMBS = /(^|[/{,(|])\.\.($|[/},)|])/;

export interface ProjectFile {
  /** As matched, relative to the root with forward slashes. */
  rel: string;
  /** The real file, to read. */
  abs: string;
}

export function globEscape(pattern: string): ToolResult | undefined {
  const tasks = fg.generateTasks(pattern, { cwd: '.' });
  const forms = [pattern, ...tasks.flatMap((task) => [task.base, ...task.patterns])];
  const escaping = forms.find((form) => isAbsolute(form) || CLIMBS.test(form));
  if (escaping === undefined) return undefined;
  return refusal(
    'path-outside',
    `${pattern} can match outside the project (as ${escaping})`,
    'use a glob relative to the project root, without .. or a leading /',
  );
}

export async function projectFiles(root: string, pattern: string, options: { dot?: boolean } = {}): Promise<ProjectFile[] | ToolResult> {
  const escape = globEscape(pattern);
  if (escape) return escape;
  const realRoot = await realpath(root);
  const matches = (
    await fg(pattern, { cwd: root, ignore: IGNORED, dot: options.dot ?? false, onlyFiles: true, followSymbolicLinks: false })
  ).sort();
  const reals = await Promise.all(matches.map((match) => realpath(resolve(root, match)).catch(() => undefined)));
  const kept: ProjectFile[] = [];
  matches.forEach((match, i) => {
    const real = reals[i];
    if (real === undefined || !isInside(realRoot, real) || isPrivateTop(relative(realRoot, real).split(sep)[0] ?? '')) return;
    kept.push({ rel: match, abs: real });
  });
  return kept;
}
