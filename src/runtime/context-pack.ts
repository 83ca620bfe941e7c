// What an agent sees: a stable system prompt (its role's prompt and the team
// protocol, identical on every turn so prompt caching hits) and a brief built from
// the record under a token budget, most important parts first.
import { gateFilesLine } from '../record/evidence-text.js';
import type { Task } from '../record/tables.js';
import { codeNode } from '../record/tables.js';
import type { TableReader } from '../record/tx.js';
import { estimateTokens } from '../model/usage.js';
import type { SystemPrompt } from '../model/types.js';
import type { AgentDefinition } from './agent-definitions.js';
import { decisionsFor } from '../gates/task-gates.js';
import { renderTemplate, type Templates } from './prompts.js';
import { messageLine } from './inbox.js';

/**
 * The team protocol (prompts/team-protocol.md, overridable in .crucible/prompts/) goes into every agent of a run,
 * so both backends build the same system prompt from the same agent files.
 */
export function withTeamProtocol(agents: Map<string, AgentDefinition>, templates: Templates): Map<string, AgentDefinition> {
  const protocol = renderTemplate('team-protocol', templates['team-protocol'], {}).trim();
  return new Map([...agents].map(([name, agent]) => [name, { ...agent, protocol }]));
}

/** The role's own prompt, then the shared protocol, then who it is: nothing task-specific, so prompt caching hits every turn. */
export function systemPromptFor(agent: AgentDefinition): SystemPrompt {
  const parts = [agent.prompt, agent.protocol, `You are ${agent.name} (role ${agent.role}).`];
  return { stable: parts.filter((part) => part).join('\n\n') };
}

const list = (items: string[], empty = '(none)') => (items.length ? items.map((i) => `- ${i}`).join('\n') : empty);

/** Drops lines from the end of the least important sections until the pack fits. */
function fit(sections: [string, string][], budgetTokens: number): Record<string, string> {
  const out = Object.fromEntries(sections);
  const total = () => Object.values(out).reduce((n, s) => n + estimateTokens(s), 0);
  for (let i = sections.length - 1; i >= 0 && total() > budgetTokens; i--) {
    const [name] = sections[i]!;
    const lines = out[name]!.split('\n');
    while (lines.length > 1 && total() > budgetTokens) {
      lines.pop();
      out[name] = `${lines.join('\n')}\n(... trimmed to fit the context budget)`;
    }
  }
  return out;
}

/** Each decision in force for the task, with what it chose and why: what the agent must follow. */
function decisionLines(view: TableReader, task: Task): string[] {
  return decisionsFor(view, task).map((id) => {
    const d = view.get('decisions', id);
    return `${id}: ${d?.title ?? ''}${d?.choice && d.choice !== d.title ? ` — chose: ${d.choice}` : ''}${d?.rationale ? ` (because ${d.rationale})` : ''}`;
  });
}

export function taskBrief(view: TableReader, templates: Templates, agent: AgentDefinition, task: Task, budgetTokens = 6000): string {
  const requirements = task.requirements.map((id) => `${id}: ${view.get('requirements', id)?.text ?? '(missing)'}`);
  const decisions = decisionLines(view, task);
  const linked = new Set([task.id, ...task.deps]);
  const links = [...view.rows('links')].filter((l) => linked.has(l.entity)).map((l) => `${codeNode(l.path, l.range)} ${l.rel} ${l.entity}`);
  const memories = [
    ...[...view.rows('inbox')]
      .filter((m) => m.to === agent.role || m.to === agent.name)
      .slice(-10)
      .map(messageLine),
    ...[...view.rows('memories')]
      .filter((m) => m.scope === 'shared' || m.scope === agent.name)
      .slice(-20)
      .map((m) => m.text),
  ];
  const ledger = view.get('ledger', task.id);
  const progress = [
    ...Object.entries(ledger?.reads ?? {}).map(([path, hash]) => `read ${path} (sha256 ${hash.slice(0, 12)})`),
    ...(ledger?.tried ?? []).map((t) => `tried and refused: ${t}`),
    ...(ledger?.questions ?? []).map((q) => `asked: ${q}`),
    ...task.history.filter((h) => h.note).map((h) => `${h.from ?? 'new'} -> ${h.to}: ${h.note}`),
    ...task.evidence.map((e) =>
      e.kind === 'command'
        ? `gate \`${e.command}\` exited ${e.exitCode}`
        : e.kind === 'review'
          ? `review: ${e.verdict} ${e.notes ?? ''}`
          : e.kind === 'acceptance'
            ? `criterion "${e.criterion}": ${e.how}`
            : e.kind === 'gate-files'
              ? gateFilesLine(e.files)
              : e.text,
    ),
  ];
  const brief = renderTemplate('task-brief', templates['task-brief'], {
    taskId: task.id,
    title: task.title,
    role: task.role,
    phase: task.phase ?? 'any',
    description: task.description || '(no further description)',
    acceptance: list(task.acceptance.map((a, i) => `${i + 1}. ${a}`)),
    deps: task.deps.join(', ') || 'nothing',
  });
  const pack = fit(
    [
      ['requirements', list(requirements)],
      ['decisions', list(decisions)],
      ['links', list(links)],
      ['progress', list(progress, '(nothing yet)')],
      ['memories', list(memories)],
    ],
    budgetTokens,
  );
  const sections = {
    requirements: pack.requirements!,
    decisions: pack.decisions!,
    links: pack.links!,
    memories: pack.memories!,
    progress: pack.progress!,
  };
  return `${brief}\n${renderTemplate('context-pack', templates['context-pack'], sections)}`;
}

export function goalBrief(view: TableReader, templates: Templates, goal: string): string {
  const existing = [...view.rows('requirements')].map((r) => `${r.id}: ${r.text}`);
  const tasks = [...view.rows('tasks')].map((t) => `${t.id} [${t.status}] ${t.title}`);
  return `${renderTemplate('goal', templates.goal, { goal })}\n\nAlready in the record:\nRequirements:\n${list(existing)}\nTasks:\n${list(tasks)}`;
}

export function reviewBrief(view: TableReader, templates: Templates, task: Task): string {
  return renderTemplate('review', templates.review, {
    taskId: task.id,
    title: task.title,
    requirements: task.requirements.map((r) => `${r}: ${view.get('requirements', r)?.text ?? ''}`).join('; ') || '(none)',
    decisions: list(decisionLines(view, task)),
    evidence: list(
      task.evidence.map((e) =>
        e.kind === 'command'
          ? `\`${e.command}\` exited ${e.exitCode}`
          : e.kind === 'acceptance'
            ? `${e.criterion}: ${e.how}`
            : JSON.stringify(e),
      ),
    ),
  });
}
