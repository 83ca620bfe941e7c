// Reads the gate-defining files of a project: package.json's test keys, runner config at the root, given test files.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { GateFile } from '../record/events.js';
import { RUNNER_CONFIG_FILE, packageJsonEntries } from '../gates/gate-files.js';
import { sha256 } from '../shared/hash.js';

const MAX_FILES = 1000;

export async function snapshotGateFiles(root: string, testPaths: readonly string[]): Promise<GateFile[]> {
  const files: GateFile[] = [];
  const pkg = await readFile(join(root, 'package.json'), 'utf8').catch(() => undefined);
  if (pkg !== undefined) files.push(...packageJsonEntries(pkg));
  const names = await readdir(root).catch(() => [] as string[]);
  for (const name of names.filter((n) => RUNNER_CONFIG_FILE.test(n)).sort()) {
    const content = await readFile(join(root, name)).catch(() => undefined);
    if (content !== undefined) files.push({ path: name, hash: sha256(content) });
  }
  for (const path of [...new Set(testPaths)].sort()) {
    const content = await readFile(join(root, path)).catch(() => undefined);
    if (content !== undefined) files.push({ path, hash: sha256(content) });
  }
  return files.slice(0, MAX_FILES);
}

/** What git shows for a file's uncommitted change, when the project is a git checkout; best effort. */
export async function gitDiffOf(root: string, path: string): Promise<string | undefined> {
  if (!existsSync(join(root, '.git'))) return undefined;
  try {
    const { stdout } = await promisify(execFile)('git', ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '-U1', 'HEAD', '--', path], { cwd: root, timeout: 2000, maxBuffer: 256_000 });
    return stdout.split('\n').filter((l) => !/^(diff --git|index |--- |\+\+\+ )/.test(l)).join('\n');
  } catch {
    return undefined;
  }
}
