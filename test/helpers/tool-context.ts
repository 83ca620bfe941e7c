import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultConfig } from '../../src/workspace/config.js';
import type { LevelEventStore } from '../../src/record/store.js';
import type { ToolAgent, ToolContext } from '../../src/tools/types.js';
import { tempStore } from '../../support/helpers/temp.js';

export const AGENTS: Record<string, ToolAgent> = {
  implementer: {
    name: 'implementer-1',
    role: 'implementer',
    tools: [
      'read_file',
      'write_file',
      'edit_file',
      'list_files',
      'grep',
      'run_command',
      'link_code',
      'complete_task',
      'claim_task',
      'remember',
      'recall',
      'send_message',
      'ask_human',
    ],
    writePaths: ['src/**'],
  },
  tester: {
    name: 'tester-1',
    role: 'tester',
    tools: ['read_file', 'write_file', 'edit_file', 'list_files', 'complete_task', 'claim_task', 'link_code', 'send_message'],
    writePaths: ['test/**'],
  },
  architect: {
    name: 'architect-1',
    role: 'architect',
    tools: ['record_decision', 'ask_human', 'complete_task', 'claim_task'],
    writePaths: [],
  },
  planner: { name: 'planner-1', role: 'planner', tools: ['add_requirement', 'create_task'], writePaths: [] },
  reviewer: { name: 'reviewer-1', role: 'reviewer', tools: ['review_task', 'read_file'], writePaths: [] },
  auditor: { name: 'auditor', role: 'auditor', tools: ['read_file', 'propose_improvement', 'refine_proposal'], writePaths: [] },
};

/** A real record and a project directory, with a tool context factory per agent. */
export async function toolWorld(): Promise<{
  root: string;
  store: LevelEventStore;
  ctx: (agent: keyof typeof AGENTS, extra?: Partial<ToolContext>) => ToolContext;
  cleanup: () => Promise<void>;
}> {
  const t = await tempStore();
  const root = join(t.dir, 'project');
  await mkdir(root);
  const config = defaultConfig();
  return {
    root,
    store: t.store,
    ctx: (agent, extra = {}) => ({ root, store: t.store, config, agent: AGENTS[agent]!, ...extra }),
    cleanup: t.cleanup,
  };
}
