// Which refactors are worth a maintainer's time as proposals; the rest stay
// findings. Measured on real code (docs/audit-quality.md), what earned a
// "yes" was a duplicate with a clean fix or a table for a mapping chain;
// what earned a "no" was the metric restated: a function or file over a
// limit split by guesswork, type-level `any`, test and benchmark repetition,
// copies too small or too different to share one helper.
import { REEXPORT_CYCLE_METRIC } from './analyzers/cycles.js';
import { NO_TESTS_NOTE } from './analyzers/unused-exports.js';
import { metricOf, type CodeIndex, type ProposalWords, type Refactor } from './proposal-text/context.js';
import type { Finding } from './types.js';

/** A function is proposed for breaking up only when it is this many times over both its limits. */
const FUNCTION_LINES_FACTOR = 2.5;
const FUNCTION_COMPLEXITY_FACTOR = 2;

/** Why a refactor stays a finding, or undefined when it is worth proposing. */
export function belowBar(refactor: Refactor, words: ProposalWords, index: CodeIndex): string | undefined {
  const paths = refactor.members.flatMap((m) => [m.path, ...(m.analyzer === 'cycles' ? [] : (m.related ?? []).map((r) => r.path))]);
  if (paths.every((p) => index.isTestSupport(p))) return 'test, benchmark or test-support code only';
  switch (refactor.kind) {
    case 'file':
      return 'a long file: splitting it is a design decision, not a fix the audit can state';
    case 'any':
      return '`any` counts: most are type-level and idiomatic';
    case 'markers':
      return 'TODO markers: the author already knows';
    case 'duplicate':
      return refactor.members.every(isMostlyComment) ? 'a copied comment: worth a finding, but there is no code to share' : words.belowBar;
    case 'unused':
      return refactor.members.every((m) => m.message.endsWith(NO_TESTS_NOTE))
        ? 'a published package without its tests (a tarball): an export nothing here imports may be what its tests import'
        : words.belowBar;
    case 'cycle':
      return refactor.members.every((m) => m.metric?.name === REEXPORT_CYCLE_METRIC)
        ? 'a cycle only through a module of re-exports its members import: the internal-module pattern, which fixes the load order on purpose'
        : words.belowBar;
    default:
      return words.belowBar;
  }
}

/** Code copies under this many tokens ride along with a copied comment (the comment is what matched). */
const MIN_CODE_TOKENS = 30;

/** A copied comment, alone or with a few tokens of code beside it. */
const isMostlyComment = (finding: Finding): boolean =>
  / \(comment\)$/.test(finding.message) || (finding.metric?.name === 'duplicate-tokens' && finding.metric.value < MIN_CODE_TOKENS);

/** A split is worth proposing only for a function far over both limits (a lookup table for a mapping chain always is). */
export function functionBar(members: readonly Finding[]): string | undefined {
  const size = members.find((m) => m.metric?.name === 'function-lines');
  const complexity = members.find((m) => m.analyzer === 'complexity');
  const over = (finding: Finding | undefined, factor: number): boolean =>
    finding !== undefined && metricOf(finding).value >= factor * metricOf(finding).limit;
  if (over(size, FUNCTION_LINES_FACTOR) && over(complexity, FUNCTION_COMPLEXITY_FACTOR)) return undefined;
  return 'over a limit, but not far enough over both length and complexity for a split to pay for itself';
}
