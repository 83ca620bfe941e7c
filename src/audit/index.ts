/** Self-audit: static analyzers over a source tree, and the proposals their findings become. */
export { ANALYZERS, type AnalyzerName, type Finding, type Location, type Metric, type Severity, type SourceFile } from './types.js';
export { auditConfigSchema, defaultAuditConfig, parseAuditConfig, type AuditConfig, type AuditConfigInput } from './config.js';
export { collectSources, type CollectOptions } from './collect.js';
export { crucibleRoot, runAudit, type AuditOptions, type AuditResult } from './run.js';
export { ANALYZER_RUNS, analyzeSources } from './analyzers/index.js';
export {
  evidenceOf,
  proposalsFromFindings,
  rankedDrafts,
  scoredProposals,
  type ProposalDraft,
  type RankedDrafts,
  type ScoredProposal,
} from './proposals.js';
export { reconcile, type KnownProposal, type Reconciliation, type ReconcileOptions } from './reconcile.js';
export { refreshesFor, type Refresh } from './refresh.js';
