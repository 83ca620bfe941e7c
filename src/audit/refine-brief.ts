// The auditor agent's second brief: the best-ranked open static proposals, as the audit wrote them from the
// metrics, for it to refine from the code (refine_proposal).
import type { Proposal } from '../record/tables.js';

/** How many of the best-ranked proposals `crucible audit --model` hands the auditor agent. */
export const PROPOSALS_TO_REFINE = 5;

export function refineBrief(proposals: readonly Proposal[]): string {
  if (proposals.length === 0) return '(no static proposals to refine)';
  return proposals
    .map((p) =>
      [
        `${p.id}: ${p.title}`,
        `  why: ${p.why}`,
        ...(p.fix ? [`  fix: ${p.fix}`] : []),
        `  evidence: ${p.evidence.join(', ')}`,
        `  size ${p.size}, risk ${p.risk}`,
        ...p.acceptance.map((a) => `  - ${a}`),
      ].join('\n'),
    )
    .join('\n\n');
}
