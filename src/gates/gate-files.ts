// What defines a gate's meaning: package.json's test keys, test-runner config files, and finished tests.

import type { GateFile } from '../record/events.js';
import type { Task } from '../record/tables.js';
import type { TableReader } from '../record/tx.js';
import { sha256 } from '../shared/hash.js';

/** package.json keys that decide what `npm test` and the test runners do; hashed as canonical JSON. */
export const PACKAGE_JSON_KEYS = ['scripts', 'jest', 'mocha', 'ava', 'c8', 'nyc', 'vitest'] as const;

/**
 * Configuration files at the project root that decide what a test command does:
 * the test runners' (mocha, jest, vitest, c8, nyc, ava, tap, playwright, karma),
 * the package managers' (`.npmrc`'s `script-shell=` or `node-options=` rewrite
 * what `npm test` runs; yarn's and pnpm's the same) and the source transforms
 * jest applies to every test (babel).
 */
const RUNNER_CONFIG_NAMES: readonly string[] = [
  String.raw`\.mocharc(\.(js|cjs|mjs|json|jsonc|yaml|yml))?`,
  String.raw`(jest|vitest|ava|nyc|playwright)\.config\.(js|cjs|mjs|ts|cts|mts|json)`,
  String.raw`vitest\.workspace\.(json|js|ts)`,
  String.raw`\.c8rc(\.json)?`,
  String.raw`\.nycrc(\.(json|yaml|yml))?`,
  String.raw`\.taprc`,
  String.raw`karma\.conf\.(js|cjs|mjs|ts)`,
  String.raw`\.npmrc`,
  String.raw`\.yarnrc(\.yml)?`,
  String.raw`\.pnpmfile\.cjs`,
  String.raw`pnpm-workspace\.yaml`,
  String.raw`\.babelrc(\.(json|js|cjs|mjs))?`,
  String.raw`babel\.config\.(js|cjs|mjs|json|cts|ts)`,
];
export const RUNNER_CONFIG_FILE = new RegExp(`^(${RUNNER_CONFIG_NAMES.join('|')})$`);

const TEXT_LIMIT = 4000;

/** Runner config (package.json keys and config files) as opposed to test files. */
export const isRunnerConfig = (path: string): boolean =>
  path.startsWith('package.json#') || path === 'package.json' || RUNNER_CONFIG_FILE.test(path);

/** JSON with object keys sorted at every depth, so equal content always hashes equal. */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    return v;
  };
  return JSON.stringify(sort(value), null, 2);
}

/** The gate-defining entries of a package.json's text: one per present key (`package.json#scripts`, ...). */
export function packageJsonEntries(raw: string): GateFile[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [{ path: 'package.json', hash: sha256(raw), text: '(package.json is not valid JSON)' }];
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    return [{ path: 'package.json', hash: sha256(raw), text: '(package.json is not a JSON object)' }];
  const entries: GateFile[] = [];
  for (const key of PACKAGE_JSON_KEYS) {
    const value = (parsed as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const text = canonicalJson(value);
    entries.push({ path: `package.json#${key}`, hash: sha256(text), ...(text.length <= TEXT_LIMIT ? { text } : {}) });
  }
  return entries;
}

/** Where test code conventionally lives: a tester's completion hashes every such file its role may write, helpers included. */
export const TEST_LOCATIONS =
  '{test,tests,spec,__tests__}/**,**/{test,tests,spec,__tests__}/**,**/*.{test,spec}.*,**/*{_,-}test.*,**/test-*.*';

/**
 * Which tasks each test file belongs to: the task the linking agent held, or
 * the task it is linked to; and, for a tester's task, every test file its
 * passing gate hashed (the helpers and fixtures its tests import are tests too).
 */
export function testFileOwners(view: TableReader): Map<string, Set<string>> {
  const owners = new Map<string, Set<string>>();
  for (const task of view.rows('tasks')) {
    if (task.role !== 'tester' || !task.gateChecked) continue;
    for (const file of task.gateChecked.files) {
      if (isRunnerConfig(file.path)) continue;
      owners.set(file.path, (owners.get(file.path) ?? new Set<string>()).add(task.id));
    }
  }
  for (const link of view.rows('links')) {
    const owner = link.taskId ?? (link.entity.startsWith('T-') ? link.entity : undefined);
    if (!owner) continue;
    const task = view.get('tasks', owner);
    // Tests: files linked as `verifies`, and every file a tester's task linked.
    if (link.rel !== 'verifies' && task?.role !== 'tester') continue;
    const set = owners.get(link.path) ?? new Set<string>();
    set.add(owner);
    owners.set(link.path, set);
  }
  return owners;
}

/** Test files that belong to a done task other than this one: this task may not change them. */
export function protectedTestPaths(view: TableReader, task: Pick<Task, 'id'>): string[] {
  const out: string[] = [];
  for (const [path, owners] of testFileOwners(view)) {
    if ([...owners].some((id) => id !== task.id && view.get('tasks', id)?.status === 'done')) out.push(path);
  }
  return out.sort();
}

/** Test files of this task itself (the tester may change these until its task is done). */
export function ownTestPaths(view: TableReader, task: Pick<Task, 'id'>): string[] {
  return [...testFileOwners(view)]
    .filter(([, owners]) => owners.has(task.id))
    .map(([path]) => path)
    .sort();
}
