import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The current git commit of a project, or undefined when it is not a git checkout (or git is missing). */
export function gitHead(root: string): string | undefined {
  if (!existsSync(join(root, '.git'))) return undefined;
  try {
    return (
      execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim() || undefined
    );
  } catch {
    return undefined;
  }
}

/** `{ commit }` for a record event, or nothing outside a git checkout. */
export function commitOf(root: string): { commit?: string } {
  const commit = gitHead(root);
  return commit ? { commit } : {};
}
