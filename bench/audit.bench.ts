/**
 * `npm run bench -- audit --json`: how long a self-audit takes (or an audit of
 * --repo PATH), findings per analyzer, precision/recall per analyzer on the
 * seeded and clean fixtures, and the wall time a user waits (bench/audit-speed.ts).
 * Flags: --repo PATH, --runs N (default 3), --only audit|quality|speed.
 */
import { ANALYZERS, proposalsFromFindings, runAudit, type AnalyzerName, type AuditResult } from '../src/audit/index.js';
import { loadFixture, score, type Score } from '../support/audit/helpers.js';
import { auditSpeed } from './audit-speed.js';
import { option } from './args.js';

const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;

async function timeAudit(repo: string | undefined, runs: number): Promise<Record<string, unknown>> {
  const times: number[] = [];
  let last: AuditResult | undefined;
  for (let i = 0; i < runs; i++) {
    last = repo ? await runAudit(repo, {}) : await runAudit('.', {}, { self: true });
    times.push(last.ms);
  }
  if (!last) throw new Error('--runs must be at least 1');
  const perAnalyzer = Object.fromEntries(ANALYZERS.map((a) => [a, last.findings.filter((f) => f.analyzer === a).length]));
  return {
    root: last.root,
    filesScanned: last.filesScanned,
    findings: last.findings.length,
    proposals: proposalsFromFindings(last.findings).length,
    perAnalyzer,
    msRuns: times,
    msMedian: [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)],
  };
}

async function quality(): Promise<Record<string, unknown>> {
  const seeded = await loadFixture('seeded');
  const clean = await loadFixture('clean');
  const seededScores = score((await runAudit(seeded.root, seeded.config)).findings, seeded.expected);
  const cleanScores = score((await runAudit(clean.root, clean.config)).findings, clean.expected);
  const summary = (scores: Record<AnalyzerName, Score>) =>
    Object.fromEntries(
      ANALYZERS.map((a) => [
        a,
        {
          expected: scores[a].expected,
          reported: scores[a].reported,
          precision: round(scores[a].precision),
          recall: round(scores[a].recall),
        },
      ]),
    );
  return { seeded: summary(seededScores), cleanFalsePositives: ANALYZERS.reduce((n, a) => n + cleanScores[a].reported, 0) };
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const runs = Number(option(args, 'runs') ?? 3);
  const only = option(args, 'only');
  const wanted = (part: string): boolean => only === undefined || only === part;
  return {
    ...(wanted('audit') ? { audit: await timeAudit(option(args, 'repo'), runs) } : {}),
    ...(wanted('quality') ? { quality: await quality() } : {}),
    ...(wanted('speed') ? { speed: await auditSpeed(runs) } : {}),
  };
}
