// The CLI's commands as a table of names and module loaders, so a run imports
// only the module of the command it names (each module pulls in its own layers:
// the runtime, the model clients, the audit, the index). Help lists them in this order.
import type { Register } from './commands/types.js';

export interface CommandModule {
  /** The top-level command names the module registers. */
  names: readonly string[];
  load(): Promise<Register>;
}

export const COMMAND_MODULES: readonly CommandModule[] = [
  { names: ['init'], load: async () => (await import('./commands/init.js')).registerInit },
  { names: ['req'], load: async () => (await import('./commands/req.js')).registerReq },
  { names: ['task'], load: async () => (await import('./commands/task.js')).registerTask },
  { names: ['decide'], load: async () => (await import('./commands/decide.js')).registerDecide },
  { names: ['link'], load: async () => (await import('./commands/link.js')).registerLink },
  { names: ['trace'], load: async () => (await import('./commands/trace.js')).registerTrace },
  { names: ['log'], load: async () => (await import('./commands/log.js')).registerLog },
  { names: ['rebuild'], load: async () => (await import('./commands/rebuild.js')).registerRebuild },
  { names: ['export', 'import'], load: async () => (await import('./commands/export.js')).registerExport },
  { names: ['status'], load: async () => (await import('./commands/status.js')).registerStatus },
  { names: ['ingest', 'search'], load: async () => (await import('./commands/retrieval.js')).registerRetrieval },
  { names: ['run'], load: async () => (await import('./commands/run.js')).registerRun },
  { names: ['demo'], load: async () => (await import('./commands/demo.js')).registerDemo },
  { names: ['judgments'], load: async () => (await import('./commands/judgments.js')).registerJudgments },
  { names: ['audit'], load: async () => (await import('./commands/audit.js')).registerAudit },
  { names: ['proposals'], load: async () => (await import('./commands/proposals.js')).registerProposals },
  { names: ['drift'], load: async () => (await import('./commands/drift.js')).registerDrift },
  { names: ['doctor'], load: async () => (await import('./commands/doctor.js')).registerDoctor },
  { names: ['mcp'], load: async () => (await import('./commands/mcp.js')).registerMcp },
];

/** Global options that take a value: the token after them is not a command name. */
const VALUE_OPTIONS = new Set(['--dir']);

/** The command argv names (its first word that is neither an option nor an option's value), if any. */
export function commandNameOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') return argv[i + 1];
    if (VALUE_OPTIONS.has(token)) i++;
    else if (!token.startsWith('-')) return token;
  }
  return undefined;
}
