// Every command of the CLI as a table of names and module loaders, so a run imports
// only the module of the command it names (each module pulls in its own layers:
// the runtime, the model clients, the audit, the index). Help lists them in this order.
import { RECORD_COMMAND_MODULES as record } from './record-commands.js';
import type { CommandModule } from './run-cli.js';

export const COMMAND_MODULES: readonly CommandModule[] = [
  { names: ['init'], load: async () => (await import('./commands/init.js')).registerInit },
  record.req,
  record.task,
  record.decide,
  record.link,
  record.trace,
  record.log,
  { names: ['rebuild'], load: async () => (await import('./commands/rebuild.js')).registerRebuild },
  { names: ['export', 'import'], load: async () => (await import('./commands/export.js')).registerExport },
  record.status,
  { names: ['ingest'], load: async () => (await import('./commands/retrieval.js')).registerRetrieval },
  record.search,
  { names: ['run'], load: async () => (await import('./commands/run.js')).registerRun },
  { names: ['demo'], load: async () => (await import('./commands/demo.js')).registerDemo },
  record.judgments,
  { names: ['audit'], load: async () => (await import('./commands/audit.js')).registerAudit },
  { names: ['proposals'], load: async () => (await import('./commands/proposals.js')).registerProposals },
  { names: ['report'], load: async () => (await import('./commands/report.js')).registerReport },
  { names: ['drift'], load: async () => (await import('./commands/drift.js')).registerDrift },
  { names: ['doctor'], load: async () => (await import('./commands/doctor.js')).registerDoctor },
  { names: ['mcp'], load: async () => (await import('./commands/mcp.js')).registerMcp },
];
