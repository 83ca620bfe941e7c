// A job's runaway guards (loop limits, context budget, per-task caps) and its progress ledger: what
// each tool call means for continuing the task (files read with their hash, attempts, questions).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256 } from '../shared/hash.js';
import type { ToolContext } from '../tools/types.js';
import type { JobGuards } from './agent-loop.js';
import type { AgentDefinition } from './agent-definitions.js';
import type { JobServices } from './jobs.js';

/** The runaway guards and the progress ledger for one job, from the workspace's `guards` config. */
export function jobGuards(
  s: JobServices,
  agent: AgentDefinition,
  taskId: string | undefined,
  loopGuard: boolean,
  tools: ToolContext,
  freshBrief: () => string,
): JobGuards {
  const g = s.ws.config.guards;
  const store = s.ws.store;
  return {
    ...(loopGuard ? { loop: { repeat: g.loopRepeat, idleTurns: g.idleTurns } } : {}),
    maxResultChars: g.maxResultChars,
    contextTokens: g.contextTokens,
    freshBrief,
    ask: async (question, options) => {
      const id = await s.judgments.ask(question, options, agent.name, taskId);
      return tools.awaitJudgment ? tools.awaitJudgment(id, tools.signal) : 'stop';
    },
    ...(taskId
      ? {
          taskCaps: { usd: g.taskUsd, tokens: g.taskTokens },
          taskSpend: () => {
            const t = s.budget.ledger.byTask()[taskId];
            return { usd: t?.knownCostUsd ?? 0, tokens: t?.totalTokens ?? 0 };
          },
          note: async (name, input, ok, summary) => {
            const notes = ledgerNotes(tools.root, name, input, ok, summary);
            const drafts = (await notes).map((n) => ({
              type: 'ledger.noted' as const,
              actor: agent.name,
              data: { taskId, agent: agent.name, ...n },
            }));
            await store.appendAll(drafts);
          },
        }
      : {}),
  };
}

/** What a tool call adds to the ledger: a file read (with its hash), a refused attempt, a question. */
async function ledgerNotes(
  root: string,
  name: string,
  input: unknown,
  ok: boolean,
  summary: string,
): Promise<{ kind: 'read' | 'tried' | 'question'; text: string; hash?: string }[]> {
  const args = (input ?? {}) as Record<string, unknown>;
  if (name === 'read_file' && ok && typeof args.path === 'string') {
    const content = await readFile(join(root, args.path), 'utf8').catch(() => undefined);
    return content === undefined ? [] : [{ kind: 'read', text: args.path, hash: sha256(content) }];
  }
  if (name === 'ask_human' && typeof args.question === 'string')
    return [{ kind: 'question', text: `${args.question.slice(0, 300)} -> ${summary.slice(0, 300)}` }];
  if (!ok) return [{ kind: 'tried', text: `${name}: ${summary}`.slice(0, 2000) }];
  return [];
}
