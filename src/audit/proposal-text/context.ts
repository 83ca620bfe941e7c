// What every proposal describer gets and gives: the findings of one refactor,
// an index of the code (files, importers, untested modules), and back the
// words of the proposal plus the change it asks for, from which size, risk
// and rank are computed in one place.
import { lineRange } from '../../shared/location.js';
import type { ExportRef, ImportRef } from '../imports.js';
import type { Finding, Location, SourceFile } from '../types.js';

export type RefactorKind = 'duplicate' | 'shared-files' | 'function' | 'file' | 'cycle' | 'untested' | 'unused' | 'any' | 'markers';

/** Findings that one change would settle. */
export interface Refactor {
  kind: RefactorKind;
  fingerprint: string;
  members: Finding[];
}

/** The size and reach of the change a proposal asks for. */
export interface Change {
  /** Lines written, moved or rewritten. */
  lines: number;
  /** Files edited or created. */
  files: number;
  /** Other modules whose imports must change. */
  reach: number;
  /** The code changed is reached by no test. */
  untested: boolean;
}

export interface ProposalWords {
  title: string;
  why: string;
  fix: string;
  /** Behaviour to keep or reach; "the tests pass" is added by the caller. */
  acceptance: string[];
  change: Change;
  /** What doing it is worth, in rough lines-of-trouble units (see proposal-rank.ts). */
  value: number;
  /** False when the fix names no concrete step, table or move (only "split it by responsibility"): ranked last. */
  concrete?: boolean;
  /** Why this stays a finding and is not worth proposing (see proposal-bar.ts); absent when it clears the bar. */
  belowBar?: string;
  /** The copies the fix names when they are more than the findings' (sibling methods of the same shape). */
  locations?: Location[];
}

export interface CodeIndex {
  file(path: string): SourceFile | undefined;
  /** The tree's files directly in `dir` (`src/types`; `''` for the root), sorted. */
  filesIn(dir: string): string[];
  /** How many modules of the tree import this one. */
  importers(path: string): number;
  /** Modules importing `name` from `path`. */
  importersOf(path: string, name: string): string[];
  exportsOf(path: string): ExportRef[];
  /** Modules of the tree that `path` imports (any import, types included). */
  importsOf(path: string): string[];
  /** The module that declares `name` as `path` imports it, through re-exports (`export * from`, `export { x } from`). */
  declarer(path: string, name: string): string | undefined;
  /** Modules `path` loads code from: what it imports, and what those pass on with `export … from`, followed on. */
  reached(path: string): ReadonlySet<string>;
  /** A module the package publishes (a package.json entry, or passed on whole by one with `export * from`): public API. */
  isPublished(path: string): boolean;
  /** The import statement of `path` that starts on `line`. */
  importAt(path: string, line: number): ImportRef | undefined;
  /** The audit found no test reaching this module. */
  isUntested(path: string): boolean;
  /** Tests, benchmarks and test helpers (see isTestSupportPath): code no user runs. */
  isTestSupport(path: string): boolean;
  /** Programs a package.json installs (`bin`) and modules only they import, directly or not: tests run these as processes. */
  isEntryOnly(path: string): boolean;
  /** The unused export holding the whole range, when nothing in its own file uses it either: dead code. */
  deadAround(range: Location): string | undefined;
}

export const at = (l: Location): string => lineRange(l.path, l.startLine, l.endLine);
export const lineSpan = (l: Location): number => l.endLine - l.startLine + 1;
export const metricOf = (finding: Finding | undefined): { value: number; limit: number } => ({
  value: finding?.metric?.value ?? 0,
  limit: finding?.metric?.limit ?? 0,
});

/** The function a finding is about: its `symbol`, else the name in `function NAME has ...`. */
export const symbolOf = (finding: Finding): string | undefined => finding.symbol ?? /^function (.+?) has /.exec(finding.message)?.[1];

/** Test code: still worth fixing, but nothing else depends on it, so it ranks after the code it tests. */
export const isTestPath = (path: string): boolean => /(^|\/)(tests?|__tests__)\/|\.(test|spec)\.[cm]?[jt]sx?$/.test(path);

/**
 * Test helpers by their directory (support, fixtures, mocks, fakes, test-utils). Not "imported only by tests": in a small
 * project without an entry point, the code under test is imported only by tests too.
 */
export const isTestSupportPath = (path: string): boolean =>
  /(^|\/)(support|fixtures?|__mocks__|mocks?|fakes?|test-?utils?|testing|test-?helpers?)\//.test(path);

/** Benchmark code: measured, not shipped, and often repetitive on purpose. */
export const isBenchPath = (path: string): boolean => /(^|\/)(bench|benchmarks?)\/|\.bench\.[cm]?[jt]sx?$/.test(path);
