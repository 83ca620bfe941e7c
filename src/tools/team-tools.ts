import { z } from 'zod';
import { proposalId } from '../record/ids.js';
import { sha256 } from '../shared/hash.js';
import { GATE_JUDGE } from '../gates/tamper.js';
import { checkCommand, runArgv } from './command-runner.js';
import { bound } from './bounded.js';
import { defineTool, ok, refusal } from './types.js';

/** Memory, messages, judgments, search, commands and proposals. */

export const rememberTool = defineTool({
  name: 'remember',
  description: 'Keep a fact for later: your own memory, or shared with every agent (shared: true).',
  kind: 'record',
  schema: z.object({ text: z.string().min(1).max(4000), key: z.string().max(200).optional(), shared: z.boolean().default(false) }).strict(),
  async run(input, ctx) {
    const event = await ctx.store.append({
      type: 'memory.remembered',
      actor: ctx.agent.name,
      data: { scope: input.shared ? 'shared' : ctx.agent.name, text: input.text, ...(input.key ? { key: input.key } : {}) },
    });
    return ok(`remembered as ${event.data.id}`);
  },
});

export const recallTool = defineTool({
  name: 'recall',
  description: 'Recall your memories and the shared ones, newest first, optionally only those containing words of a query.',
  kind: 'read',
  schema: z.object({ query: z.string().max(500).default(''), limit: z.number().int().min(1).max(100).default(20) }).strict(),
  async run(input, ctx) {
    const words = input.query
      .toLowerCase()
      .split(/\W+/)
      .filter((w) => w.length > 2);
    const found = [...ctx.store.view.rows('memories')]
      .filter((m) => m.scope === 'shared' || m.scope === ctx.agent.name)
      .filter((m) => words.length === 0 || words.some((w) => m.text.toLowerCase().includes(w)))
      .reverse()
      .slice(0, input.limit);
    return ok(found.map((m) => `${m.id} [${m.scope}] ${m.key ? `${m.key}: ` : ''}${m.text}`).join('\n') || '(no memories)');
  },
});

export const sendMessageTool = defineTool({
  name: 'send_message',
  description: 'Send a message to a role (e.g. "implementer") or an agent; it reaches them in their next context.',
  kind: 'record',
  schema: z.object({ to: z.string().min(1).max(120), text: z.string().min(1).max(4000) }).strict(),
  async run(input, ctx) {
    await ctx.store.append({
      type: 'message.sent',
      actor: ctx.agent.name,
      data: { to: input.to, text: input.text, ...(ctx.taskId ? { taskId: ctx.taskId } : {}) },
    });
    return ok(`sent to ${input.to}`);
  },
});

export const askHumanTool = defineTool({
  name: 'ask_human',
  description:
    'Ask the human a judgment call: a question with options and their trade-offs. You wait for the answer; it is recorded as a decision.',
  kind: 'record',
  schema: z
    .object({
      question: z.string().min(1).max(2000),
      options: z
        .array(z.object({ label: z.string().min(1).max(200), tradeoffs: z.string().max(2000).default('') }).strict())
        .min(2)
        .max(6),
      context: z.string().max(4000).default(''),
    })
    .strict(),
  async run(input, ctx) {
    // The same question from the same task (e.g. after a restart) reuses its judgment instead of asking twice.
    // So is a judgment the coordinator opened for this task (e.g. a gate change it found), which the agent then waits on.
    const earlier = [...ctx.store.view.rows('judgments')].find(
      (j) => j.question === input.question && j.taskId === ctx.taskId && (j.askedBy === ctx.agent.name || j.askedBy === GATE_JUDGE),
    );
    const id =
      earlier?.id ??
      (
        await ctx.store.append({
          type: 'judgment.asked',
          actor: ctx.agent.name,
          data: { ...input, askedBy: ctx.agent.name, ...(ctx.taskId ? { taskId: ctx.taskId } : {}) },
        })
      ).data.id;
    if (!ctx.awaitJudgment) return ok(`asked as ${id}; the answer will be recorded as a decision`);
    const answer = await ctx.awaitJudgment(id, ctx.signal);
    const decision = ctx.store.view.get('judgments', id)?.decisionId;
    return ok(`the human answered ${id}: ${answer}${decision ? ` (recorded as ${decision})` : ''}`);
  },
});

export const searchDocsTool = defineTool({
  name: 'search_docs',
  description:
    "Search the project's ingested documents and code; every hit cites path:start-end. Search before you write, so nothing is built twice.",
  kind: 'read',
  schema: z.object({ query: z.string().min(1).max(1000), k: z.number().int().min(1).max(20).default(5) }).strict(),
  async run(input, ctx) {
    if (!ctx.searchDocs) return refusal('no-index', 'no document index is available', 'ask the human to run `crucible ingest`');
    const hits = await ctx.searchDocs(input.query, input.k);
    return ok(bound(hits.map((h) => `${h.citation} (score ${h.score.toFixed(3)})\n${h.snippet}`).join('\n\n') || '(no hits)'));
  },
});

export const runCommandTool = defineTool({
  name: 'run_command',
  description:
    "Run one command (no shell) from the project's allowlist, with a timeout, inside a sandbox: " +
    'it may write only inside the project (not .crucible/ or .git/), ' +
    'sees no secrets and has no network unless the config lists hosts. Output is truncated to its end.',
  kind: 'command',
  schema: z.object({ command: z.string().min(1).max(2000) }).strict(),
  async run(input, ctx) {
    const check = checkCommand(input.command, ctx.config.commands, { tree: ctx.root, cwd: ctx.root });
    if (!check.ok) return refusal('command-not-allowed', check.reason, check.fix);
    const outcome = await runArgv(check.argv, {
      cwd: ctx.root,
      sandbox: ctx.config.commands,
      ...(ctx.sharedPaths ? { shared: ctx.sharedPaths } : {}),
      timeoutMs: ctx.config.commands.timeoutMs,
      maxOutputBytes: ctx.config.commands.maxOutputBytes,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    if (outcome.refusal) return refusal(outcome.refusal.code, outcome.refusal.reason, outcome.refusal.fix);
    return ok(`exit ${outcome.exitCode}${outcome.timedOut ? ' (timed out)' : ''}\n${outcome.outputTail}`);
  },
});

export const proposeImprovementTool = defineTool({
  name: 'propose_improvement',
  description: 'Propose an improvement to the codebase: title, why, evidence as path:start-end, size, risk and acceptance criteria.',
  kind: 'record',
  schema: z
    .object({
      title: z.string().min(1).max(300),
      why: z.string().min(1).max(4000),
      evidence: z
        .array(z.string().regex(/^[^:]+:\d+-\d+$/, 'evidence must be path:start-end'))
        .min(1)
        .max(20),
      size: z.enum(['S', 'M', 'L']).default('M'),
      risk: z.enum(['low', 'medium', 'high']).default('low'),
      acceptance: z.array(z.string().min(1).max(2000)).min(1).max(10),
    })
    .strict(),
  async run(input, ctx) {
    const fingerprint = `model:${sha256(`${input.title}|${[...input.evidence].sort().join(',')}`).slice(0, 32)}`;
    const event = await ctx.store.append({
      type: 'proposal.created',
      actor: ctx.agent.name,
      data: { ...input, fingerprint, source: ctx.agent.name },
    });
    return ok(`proposed ${event.data.id}`);
  },
});

const refinement = z
  .object({
    id: proposalId,
    title: z.string().trim().min(1).max(300).optional(),
    why: z.string().trim().min(1).max(4000).optional(),
    fix: z.string().trim().min(1).max(4000).optional(),
    acceptance: z.array(z.string().trim().min(1).max(2000)).min(1).max(20).optional(),
    size: z.enum(['S', 'M', 'L']).optional(),
    risk: z.enum(['low', 'medium', 'high']).optional(),
  })
  .strict()
  .refine((r) => Object.keys(r).length > 1, 'give at least one of title, why, fix, acceptance, size or risk');

export const refineProposalTool = defineTool({
  name: 'refine_proposal',
  description:
    "Rewrite a static audit proposal's text from the code you read: title, why, fix (the concrete change), acceptance, size or risk. " +
    'Give only the fields you change. Later audits keep your wording and refresh only its evidence lines.',
  kind: 'record',
  schema: refinement,
  async run(input, ctx) {
    const { id, ...changes } = input;
    // The record refuses unknown, rejected, closed and non-static proposals (see src/record/reduce/proposals.ts).
    await ctx.store.append({ type: 'proposal.refined', actor: ctx.agent.name, data: { id, ...changes } });
    return ok(`refined ${id}: ${Object.keys(changes).join(', ')}`);
  },
});
