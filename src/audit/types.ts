/** The shapes every analyzer shares: what it reads and what it reports. */

/** One already-read source file; `path` is relative to the audited root, with `/` separators. */
export interface SourceFile {
  path: string;
  content: string;
}

export const ANALYZERS = ['duplication', 'size', 'complexity', 'cycles', 'untested', 'unused-exports', 'any-density', 'markers'] as const;
export type AnalyzerName = (typeof ANALYZERS)[number];

export type Severity = 'info' | 'warning' | 'error';

/** A 1-based, inclusive line range in one file. */
export interface Location {
  path: string;
  startLine: number;
  endLine: number;
}

/** The measured quantity behind a finding, next to the limit it broke. */
export interface Metric {
  name: string;
  value: number;
  limit: number;
}

export interface Finding extends Location {
  analyzer: AnalyzerName;
  message: string;
  severity: Severity;
  /** The declaration the finding is about, qualified as `functions.ts` names it (`Class.method`), when there is one. */
  symbol?: string;
  metric?: Metric;
  /** Other places that belong to the same problem (the other copy of a duplicate, the rest of a cycle). */
  related?: Location[];
  /** Shared by findings that are one problem seen from several places (both halves of a duplicate pair). */
  group?: string;
  /** Stable across runs and line shifts: the same problem keeps the same fingerprint. */
  fingerprint: string;
}
