// Marker comments: a comment line that starts with a tag (`// TODO: ...`,
// ` * FIXME(ana) ...`, `/* HACK ...`). Mentions of a tag inside prose or strings
// are not markers.
import type { AuditConfig } from '../config.js';
import { fingerprintOf, uniqueFingerprints } from '../fingerprint.js';
import { isCodeFile, lineAt, parse } from '../parse.js';
import { commentsOf } from '../tokens.js';
import type { Finding, SourceFile } from '../types.js';

export type MarkerThresholds = Pick<AuditConfig['markers'], 'tags'>;

const WARNING_TAGS = new Set(['FIXME', 'HACK', 'XXX', 'BUG']);

export function analyzeMarkers(files: readonly SourceFile[], config: MarkerThresholds): Finding[] {
  if (config.tags.length === 0) return [];
  const pattern = new RegExp(`^(${config.tags.join('|')})(?=[:(!\\s]|$)`);
  const findings: Finding[] = [];
  for (const file of files) {
    if (!isCodeFile(file.path)) continue;
    const sf = parse(file);
    for (const comment of commentsOf(file)) {
      const firstLine = lineAt(sf, comment.pos);
      comment.text.split('\n').forEach((raw, offset) => {
        const line = raw.replace(/^\s*(\/\/+|\/\*+|\*+)?\s*/, '').replace(/\s*\*+\/\s*$/, '');
        const tag = pattern.exec(line)?.[1];
        if (!tag) return;
        const text = line.replace(/\s+/g, ' ').trim();
        findings.push({
          analyzer: 'markers',
          path: file.path,
          startLine: firstLine + offset,
          endLine: firstLine + offset,
          message: text.length > 160 ? `${text.slice(0, 157)}...` : text,
          severity: WARNING_TAGS.has(tag) ? 'warning' : 'info',
          fingerprint: fingerprintOf('markers', file.path, text),
        });
      });
    }
  }
  return uniqueFingerprints(findings);
}
