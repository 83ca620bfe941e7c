// The post-run re-audit: approved proposals whose tasks are all done are audited again, and each
// whose finding is gone closes. Every runtime built through a session (src/app/session.ts) gets it
// as its `afterRun` hook, so runtime/ never imports audit/.
import type { EventStore } from '../record/event-store.js';
import type { AuditConfig } from './config.js';
import { proposalsAwaitingReaudit, recordAudit } from './record-audit.js';

/** What the re-audit reads of an open workspace. */
export interface ReauditScope {
  store: EventStore;
  paths: { root: string };
  config: { audit: AuditConfig };
}

export async function reauditFinishedProposals(ws: ReauditScope): Promise<void> {
  if (proposalsAwaitingReaudit(ws.store).length === 0) return;
  // Loaded on demand: the analyzers pull in the TypeScript compiler, which every run need not pay for.
  const { runAudit } = await import('./run.js');
  const result = await runAudit(ws.paths.root, ws.config.audit);
  await recordAudit(ws.store, result, 'coordinator', { maxProposals: ws.config.audit.proposals.max });
}
