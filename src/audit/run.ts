// One audit: read the tree, run every enabled analyzer over the same files,
// return the findings in reading order. `self` audits Crucible's own checkout.
// With a cache directory only the files that changed since the last audit are parsed.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { usageError } from '../shared/errors.js';
import { collectSources } from './collect.js';
import { parseAuditConfig, type AuditConfig, type AuditConfigInput } from './config.js';
import { globMatcher } from './globs.js';
import { analyzeIncrementally } from './incremental.js';
import { isCodeFile } from './source-kinds.js';
import type { Finding, SourceFile } from './types.js';

export interface AuditResult {
  /** The directory that was audited (Crucible's checkout when `self`). */
  root: string;
  findings: Finding[];
  /** The files that were read, so proposals can quote the code behind a finding; package.json and tsconfig files included. */
  files: readonly SourceFile[];
  /** Code files audited (the manifests read beside them not counted). */
  filesScanned: number;
  /** Code files parsed by this audit; the others' facts came from the cache. */
  filesParsed: number;
  ms: number;
  /** Time per phase (cache, compiler load, extraction, each analyzer), in ms. */
  timings: Record<string, number>;
}

export interface AuditOptions {
  /** Audit Crucible's own source tree (src, test, bench, scripts) instead of `root`. */
  self?: boolean;
  /** Directory for the facts cache (the workspace's `.crucible/cache`); without it every file is parsed. */
  cacheDir?: string;
}

/** What `--self` reads: Crucible's code and its tests (tests are what make a module "tested"). */
const SELF_INCLUDE = ['src/**/*.{ts,tsx}', 'test/**/*.{ts,tsx}', 'support/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{js,mjs}'];
/** support/ holds the helpers and fixtures that tests share with bench/: test code, for the self-audit. */
const SELF_TESTS = ['support/**'];

export async function runAudit(
  root: string,
  config: AuditConfigInput | AuditConfig = {},
  options: AuditOptions = {},
): Promise<AuditResult> {
  const started = performance.now();
  const given = parseAuditConfig(config);
  const parsed = options.self ? { ...given, untested: { ...given.untested, tests: [...given.untested.tests, ...SELF_TESTS] } } : given;
  const dir = options.self ? crucibleRoot() : root;
  const include = options.self ? SELF_INCLUDE : parsed.include;
  const files = await collectSources(dir, {
    include,
    exclude: parsed.exclude,
    respectGitignore: parsed.respectGitignore,
    maxFileBytes: parsed.maxFileBytes,
  });
  const cachePath = options.cacheDir ? join(options.cacheDir, options.self ? 'audit-facts-self.json' : 'audit-facts.json') : undefined;
  const { findings, extracted, timings } = await analyzeIncrementally(files, parsed, cachePath);
  const notOurs = globMatcher([...parsed.generated, ...parsed.vendored]);
  return {
    root: dir,
    // A copy of generated or vendored code, or a cycle through it, is not the hand-written side's to fix alone either.
    findings: findings.filter((f) => !notOurs(f.path) && !f.related?.some((r) => notOurs(r.path))),
    files,
    filesScanned: files.filter((f) => isCodeFile(f.path)).length,
    filesParsed: extracted,
    ms: Math.round(performance.now() - started),
    timings,
  };
}

/** The checkout this module belongs to: the nearest package.json named "crucible" that has a src/ beside it. */
export function crucibleRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && packageName(manifest) === 'crucible') {
      if (existsSync(join(dir, 'src'))) return dir;
      break;
    }
    if (dirname(dir) === dir) break;
  }
  throw usageError(
    'audit.no-self-source',
    "audit --self needs Crucible's source checkout, and none was found next to this installation",
    'run it from a git clone of Crucible, or audit a directory with --dir',
  );
}

function packageName(manifest: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && 'name' in parsed && typeof parsed.name === 'string' ? parsed.name : undefined;
  } catch {
    return undefined;
  }
}
