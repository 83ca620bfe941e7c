import { existsSync } from 'node:fs';
import { appendFile, chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { failure, messageOf, usageError } from '../shared/errors.js';
import { defaultConfig } from './config.js';
import { workspacePaths, WORKSPACE_DIR, type WorkspacePaths } from './paths.js';

export interface InitResult {
  paths: WorkspacePaths;
  created: boolean;
  gitignoreUpdated: boolean;
}

export interface InitOptions {
  /** A validated PostgreSQL URL to keep as `record.url`: this checkout shares that record. */
  recordUrl?: string;
}

/** Creates `.crucible/` with a default config; idempotent. Keeps `.crucible/` out of git. */
export async function initWorkspace(dir: string, options: InitOptions = {}): Promise<InitResult> {
  const root = resolve(dir);
  if (!existsSync(root)) throw usageError('no-such-dir', `${dir}: no such directory`, 'create it first or pass an existing directory');
  const paths = workspacePaths(root);
  const created = !existsSync(paths.dir);
  await mkdir(paths.db, { recursive: true, mode: 0o700 });
  if (!existsSync(paths.config)) await writeFile(paths.config, `${JSON.stringify(defaultConfig(), null, 2)}\n`);
  if (options.recordUrl !== undefined) await setRecordUrl(paths.config, options.recordUrl);
  const gitignoreUpdated = await ignoreInGit(root);
  return { paths, created, gitignoreUpdated };
}

/** Keeps the rest of the file as it is; owner-only, since a URL may carry a password. */
async function setRecordUrl(configFile: string, url: string): Promise<void> {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(await readFile(configFile, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw failure(
      'bad-config',
      `${configFile}: not valid JSON (${messageOf(error)})`,
      'fix the JSON, or delete the file and run init again',
    );
  }
  const record = typeof raw.record === 'object' && raw.record !== null ? raw.record : {};
  raw.record = { ...record, url };
  await writeFile(configFile, `${JSON.stringify(raw, null, 2)}\n`);
  await chmod(configFile, 0o600);
}

async function ignoreInGit(root: string): Promise<boolean> {
  if (!existsSync(join(root, '.git'))) return false;
  const file = join(root, '.gitignore');
  const current = existsSync(file) ? await readFile(file, 'utf8') : '';
  if (current.split('\n').some((line) => line.trim().replace(/\/$/, '') === WORKSPACE_DIR)) return false;
  await appendFile(file, `${current && !current.endsWith('\n') ? '\n' : ''}${WORKSPACE_DIR}/\n`);
  return true;
}
