/** Fixture loading and scoring for the audit tests and benchmark. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { lineRange } from '../../src/shared/location.js';
import {
  ANALYZERS,
  parseAuditConfig,
  scoredProposals,
  type AnalyzerName,
  type AuditConfig,
  type Finding,
  type Location,
  type SourceFile,
} from '../../src/audit/index.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

const expectedSchema = z.object({
  config: z.unknown(),
  /** Per analyzer, every finding it must report, as `path:start-end`. */
  findings: z.partialRecord(z.enum(ANALYZERS), z.array(z.string().regex(/^.+:\d+-\d+$/))),
});

export interface Fixture {
  root: string;
  config: AuditConfig;
  expected: Record<AnalyzerName, string[]>;
}

export async function loadFixture(name: 'seeded' | 'clean'): Promise<Fixture> {
  const root = join(FIXTURES, name);
  const raw = expectedSchema.parse(JSON.parse(await readFile(join(root, 'expected.json'), 'utf8')));
  const expected = Object.fromEntries(ANALYZERS.map((a) => [a, raw.findings[a] ?? []])) as Record<AnalyzerName, string[]>;
  return { root, config: parseAuditConfig(raw.config), expected };
}

export interface Score {
  expected: number;
  reported: number;
  truePositives: number;
  /** 1 when nothing was reported (no false positives were possible). */
  precision: number;
  /** 1 when nothing was expected. */
  recall: number;
  missed: string[];
  unexpected: string[];
}

export const locationOf = (f: Finding): string => lineRange(f.path, f.startLine, f.endLine);

/** Precision and recall per analyzer; a finding counts only with its exact path and line range. */
export function score(findings: readonly Finding[], expected: Record<AnalyzerName, string[]>): Record<AnalyzerName, Score> {
  const result = {} as Record<AnalyzerName, Score>;
  for (const analyzer of ANALYZERS) {
    const want = new Set(expected[analyzer]);
    const got = new Set(findings.filter((f) => f.analyzer === analyzer).map(locationOf));
    const hits = [...got].filter((g) => want.has(g)).length;
    result[analyzer] = {
      expected: want.size,
      reported: got.size,
      truePositives: hits,
      precision: got.size === 0 ? 1 : hits / got.size,
      recall: want.size === 0 ? 1 : hits / want.size,
      missed: [...want].filter((w) => !got.has(w)),
      unexpected: [...got].filter((g) => !want.has(g)),
    };
  }
  return result;
}

/** Writes `files` under a fresh temp directory, removed after the test. */
export { tempProject } from '../helpers/temp.js';

/** A 15-line function body worth copying (used in its own module, so not dead code): two of them (other names) are one duplicate the audit must report. */
export const duplicatedBlock = (name: string) => `export function ${name}(items: number[]): number {
  let total = 0;
  for (const item of items) {
    if (item > 10) {
      total += item * 2;
    } else if (item > 5) {
      total += item + 3;
    } else if (item < 0) {
      total -= Math.abs(item) * 4;
    } else {
      total -= 1;
    }
  }
  const rounded = Math.round(total * 100) / 100;
  return rounded > 1000 ? 1000 : rounded;
}
console.log(${name}([1, 2, 3]));
`;

/** Duplicate findings built by hand, one per copy naming the others: which copies the analyzer pairs is the duplication tests' concern. */
export function duplicateFindings(group: string, ...locations: Location[]): Finding[] {
  return locations.map((self) => ({
    analyzer: 'duplication',
    ...self,
    message: 'duplicate',
    severity: 'warning',
    metric: { name: 'duplicate-tokens', value: 60, limit: 30 },
    related: locations.filter((l) => l !== self),
    group: `duplication:${group}`,
    fingerprint: `duplication:${group}:${self.path}:${self.startLine}`,
  }));
}

/** A function of seven whole statements (a key, two guards, two logs, a return): copies of its body are whole statements. */
export const keyAdder = (fn: string, label = 'now') => `export function ${fn}(path: string, seen: Set<string>): string {
  const key = path.trim().toLowerCase();
  if (seen.has(key)) throw new Error(\`duplicate: \${path}\`);
  if (key.includes('..')) throw new Error(\`outside the project: \${path}\`);
  seen.add(key);
  console.log('added', key);
  console.log('${label}', seen.size);
  return key;
}
`;

/** Duplicate findings of one group at `[path, startLine, endLine]` ranges. */
export const copiesAt = (group: string, ...ranges: Array<[string, number, number]>): Finding[] =>
  duplicateFindings(group, ...ranges.map(([path, startLine, endLine]) => ({ path, startLine, endLine })));

/** The best-ranked proposal's draft for these findings (the test fails when there is none). */
export function firstDraft(findings: Finding[], files: SourceFile[]) {
  const [proposal] = scoredProposals(findings, files);
  assert.ok(proposal, 'a proposal');
  return proposal.draft;
}

/** The one drafted merge of these copies, and why it stays a finding (undefined when proposed). */
export function barOf(findings: Finding[], files: SourceFile[]): string | undefined {
  const [scored] = scoredProposals(findings, files);
  assert.ok(scored, 'the copies are drafted');
  return scored.tier < 2 ? undefined : (scored.belowBar ?? `tier ${scored.tier}`);
}
