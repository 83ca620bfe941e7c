// Reads the gate-defining files of a project: package.json's test keys, runner config at the root, given test files.

import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GateFile } from '../record/events.js';
import { RUNNER_CONFIG_FILE, packageJsonEntries } from '../gates/gate-files.js';
import { sha256 } from '../shared/hash.js';
import { runArgv, type SandboxPolicy } from './command-runner.js';

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

/**
 * What git shows for a file's uncommitted change, when the project is a git checkout; best effort.
 * git runs in the command sandbox: a `.git` in the tree may be one a sandboxed command planted
 * (in a project that had none), and its config (`core.fsmonitor`, filters) would run programs.
 */
export async function gitDiffOf(root: string, path: string, sandbox: SandboxPolicy): Promise<string | undefined> {
  if (!existsSync(join(root, '.git'))) return undefined;
  const outcome = await runArgv(['git', 'diff', '--no-color', '--no-ext-diff', '--no-textconv', '-U1', 'HEAD', '--', path], {
    cwd: root,
    sandbox,
    timeoutMs: 5000,
    maxOutputBytes: 256_000,
  });
  if (outcome.exitCode !== 0 || outcome.refusal) return undefined;
  return outcome.outputTail
    .split('\n')
    .filter((l) => !/^(diff --git|index |--- |\+\+\+ )/.test(l))
    .join('\n');
}
