// The record commands' modules: what `crucible status`, `task`, `req`, `log` and the
// other reads and small writes need, and nothing of the runtime, the model or the TUI; and
// `search`, which opens the index (its lexical side: no embedder, no vector index).
import type { CommandModule } from './run-cli.js';

export const RECORD_COMMAND_MODULES = {
  req: { names: ['req'], load: async () => (await import('./commands/req.js')).registerReq },
  task: { names: ['task'], load: async () => (await import('./commands/task.js')).registerTask },
  decide: { names: ['decide'], load: async () => (await import('./commands/decide.js')).registerDecide },
  link: { names: ['link'], load: async () => (await import('./commands/link.js')).registerLink },
  trace: { names: ['trace'], load: async () => (await import('./commands/trace.js')).registerTrace },
  log: { names: ['log'], load: async () => (await import('./commands/log.js')).registerLog },
  status: { names: ['status'], load: async () => (await import('./commands/status.js')).registerStatus },
  judgments: { names: ['judgments'], load: async () => (await import('./commands/judgments.js')).registerJudgments },
  search: { names: ['search'], load: async () => (await import('./commands/search.js')).registerSearch },
} satisfies Record<string, CommandModule>;
