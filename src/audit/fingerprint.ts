// Fingerprints name a problem, not a place: they hash the analyzer, the path
// and something that survives line shifts (normalized code, a function's
// name), so re-running the audit after unrelated edits yields the same ones.
import { sha256 } from '../shared/hash.js';
import type { AnalyzerName, Finding } from './types.js';

export const fingerprintOf = (analyzer: AnalyzerName, ...parts: string[]): string =>
  `${analyzer}:${sha256(parts.join('\u0000')).slice(0, 40)}`;

/** Identical fingerprints within one result (two equal TODOs in a file) get `#2`, `#3`... in reading order. */
export function uniqueFingerprints(findings: Finding[]): Finding[] {
  const seen = new Map<string, number>();
  return sortFindings(findings).map((finding) => {
    const count = (seen.get(finding.fingerprint) ?? 0) + 1;
    seen.set(finding.fingerprint, count);
    return count === 1 ? finding : { ...finding, fingerprint: `${finding.fingerprint}#${count}` };
  });
}

/** Reading order: analyzer, path, then line. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.analyzer.localeCompare(b.analyzer) ||
      a.path.localeCompare(b.path) ||
      a.startLine - b.startLine ||
      a.endLine - b.endLine ||
      a.fingerprint.localeCompare(b.fingerprint),
  );
}
