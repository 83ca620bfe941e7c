// `.gitignore` rules, nested ones included: each file's rules apply to paths
// below its own directory, as git does. `.git/info/exclude` applies at the root.
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import fg from 'fast-glob';
import ignore from 'ignore';
import { readIfExists } from './files.js';

type Ignore = ignore.Ignore;

export interface GitignoreRules {
  ignores(relPath: string): boolean;
}

export async function loadGitignoreRules(root: string, alwaysIgnored: string[]): Promise<GitignoreRules> {
  const files = await fg('**/.gitignore', {
    cwd: root,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    ignore: alwaysIgnored,
  });
  const byDir = new Map<string, Ignore>();
  for (const file of files.sort()) {
    const dir = posix.dirname(file);
    const rules = ignore().add(await readFile(join(root, file), 'utf8'));
    byDir.set(dir === '.' ? '' : dir, rules);
  }
  const exclude = await readIfExists(join(root, '.git', 'info', 'exclude'));
  if (exclude) {
    const rootRules = byDir.get('') ?? ignore();
    byDir.set('', ignore().add(exclude.toString('utf8')).add(rootRules));
  }
  return {
    ignores(relPath: string): boolean {
      if (byDir.size === 0) return false;
      const parts = relPath.split('/');
      for (let depth = 0; depth < parts.length; depth++) {
        const dir = parts.slice(0, depth).join('/');
        const rules = byDir.get(dir);
        if (rules && rules.ignores(parts.slice(depth).join('/'))) return true;
      }
      return false;
    },
  };
}
