// Finds the project root like git does: the nearest directory upward that holds
// `.crucible/`. With an explicit `--dir`, that directory must hold it.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { usageError } from '../shared/errors.js';
import { WORKSPACE_DIR } from './paths.js';

export function findWorkspaceRoot(options: { dir?: string; cwd?: string }): string {
  if (options.dir) {
    const root = resolve(options.cwd ?? process.cwd(), options.dir);
    if (!existsSync(root) || !statSync(root).isDirectory()) {
      throw usageError('no-such-dir', `--dir ${options.dir}: no such directory`, 'pass an existing project directory');
    }
    if (!existsSync(resolve(root, WORKSPACE_DIR))) {
      throw usageError('no-workspace', `no Crucible workspace in ${root}`, `run \`crucible init --dir ${options.dir}\` first`);
    }
    return root;
  }
  const start = resolve(options.cwd ?? process.cwd());
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(resolve(dir, WORKSPACE_DIR))) return dir;
    if (dirname(dir) === dir) break;
  }
  throw usageError(
    'no-workspace',
    `no Crucible workspace in ${start} or any parent directory`,
    'run `crucible init` in your project, or pass --dir <project>',
  );
}
