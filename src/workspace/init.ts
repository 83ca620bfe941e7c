import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { usageError } from '../shared/errors.js';
import { defaultConfig } from './config.js';
import { workspacePaths, WORKSPACE_DIR, type WorkspacePaths } from './paths.js';

export interface InitResult {
  paths: WorkspacePaths;
  created: boolean;
  gitignoreUpdated: boolean;
}

/** Creates `.crucible/` with a default config; idempotent. Keeps `.crucible/` out of git. */
export async function initWorkspace(dir: string): Promise<InitResult> {
  const root = resolve(dir);
  if (!existsSync(root)) throw usageError('no-such-dir', `${dir}: no such directory`, 'create it first or pass an existing directory');
  const paths = workspacePaths(root);
  const created = !existsSync(paths.dir);
  await mkdir(paths.db, { recursive: true, mode: 0o700 });
  if (!existsSync(paths.config)) await writeFile(paths.config, `${JSON.stringify(defaultConfig(), null, 2)}\n`);
  const gitignoreUpdated = await ignoreInGit(root);
  return { paths, created, gitignoreUpdated };
}

async function ignoreInGit(root: string): Promise<boolean> {
  if (!existsSync(join(root, '.git'))) return false;
  const file = join(root, '.gitignore');
  const current = existsSync(file) ? await readFile(file, 'utf8') : '';
  if (current.split('\n').some((line) => line.trim().replace(/\/$/, '') === WORKSPACE_DIR)) return false;
  await appendFile(file, `${current && !current.endsWith('\n') ? '\n' : ''}${WORKSPACE_DIR}/\n`);
  return true;
}
