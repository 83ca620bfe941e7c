// Marker comments: a comment line that starts with a tag (`// TODO: ...`,
// ` * FIXME(ana) ...`, `/* HACK ...`). Mentions of a tag inside prose or strings
// are not markers.
import type { AuditConfig } from '../config.js';
import { fingerprintOf, uniqueFingerprints } from '../fingerprint.js';
import type { AuditTree } from '../facts/types.js';
import type { Finding } from '../types.js';

export type MarkerThresholds = Pick<AuditConfig['markers'], 'tags'>;

const WARNING_TAGS = new Set(['FIXME', 'HACK', 'XXX', 'BUG']);

export function analyzeMarkers({ files, facts }: AuditTree, config: MarkerThresholds): Finding[] {
  if (config.tags.length === 0) return [];
  const pattern = new RegExp(`^(${config.tags.join('|')})(?=[:(!\\s]|$)`);
  const findings: Finding[] = [];
  for (const file of files) {
    for (const comment of facts.get(file.path)?.commentLines ?? []) {
      const tag = pattern.exec(comment.text)?.[1];
      if (!tag) continue;
      const text = comment.text.replace(/\s+/g, ' ').trim();
      findings.push({
        analyzer: 'markers',
        path: file.path,
        startLine: comment.line,
        endLine: comment.line,
        message: text.length > 160 ? `${text.slice(0, 157)}...` : text,
        severity: WARNING_TAGS.has(tag) ? 'warning' : 'info',
        fingerprint: fingerprintOf('markers', file.path, text),
      });
    }
  }
  return uniqueFingerprints(findings);
}
