// A record shaped like a long run, for the HTML report's tests and bench: requirements, decisions
// (some superseded, some from answered judgments), tasks that go through the gates (a quarter
// refused once, then fixed), code and test links, proposals, and model usage filling the rest.
import type { EventDraft } from '../../src/record/events.js';

const AGENTS = ['planner', 'architect', 'tester', 'implementer', 'reviewer', 'auditor'];
const OUTPUT = `${'ok 1 - a passing test with a long enough name to look real\n'.repeat(60)}# pass 60\n# fail 0\n`;

/** About `events` drafts (never fewer): the fixed work first, then model usage up to the count. */
export function reportWorkload(events = 5000): EventDraft[] {
  const drafts: EventDraft[] = [];
  const tasks = Math.max(3, Math.floor(events / 33));
  const requirements = Math.max(1, Math.floor(tasks / 5));
  for (let r = 1; r <= requirements; r++)
    drafts.push({
      type: 'requirement.added',
      actor: 'planner',
      data: { text: `requirement ${r}: users can do thing ${r}`, priority: 'must' },
    });
  for (let d = 1; d <= requirements; d++) {
    drafts.push({
      type: 'decision.recorded',
      actor: 'architect',
      data: {
        title: `decision ${d}`,
        context: `context ${d}`,
        choice: `choice ${d}`,
        rationale: `because of constraint ${d}`,
        ...(d % 4 === 0 ? { supersedes: `D-${d - 1}` } : {}),
      },
    });
  }
  for (let j = 1; j <= Math.ceil(requirements / 5); j++) {
    drafts.push({
      type: 'judgment.asked',
      actor: 'architect',
      data: {
        question: `question ${j}?`,
        options: [
          { label: 'one', tradeoffs: 'simple' },
          { label: 'two', tradeoffs: 'flexible' },
        ],
        askedBy: 'architect',
      },
    });
    drafts.push({ type: 'judgment.answered', actor: 'human', data: { id: `J-${j}`, answer: 'one' } });
  }
  for (let t = 1; t <= tasks; t++) drafts.push(...taskLife(t, requirements));
  for (let p = 1; p <= 20; p++)
    drafts.push({
      type: 'proposal.created',
      actor: 'auditor',
      data: {
        title: `proposal ${p}`,
        why: `duplicated logic ${p}`,
        fingerprint: `fp-${p}`,
        evidence: [`src/file${p}.ts:1-20`],
        acceptance: ['no duplicate'],
      },
    });
  for (let u = 0; drafts.length < events; u++) {
    const agent = AGENTS[u % AGENTS.length] ?? 'planner';
    drafts.push({
      type: 'model.usage',
      actor: agent,
      data: {
        agent,
        model: 'claude-sonnet-5-5',
        inputTokens: 500 + (u % 700),
        outputTokens: 80 + (u % 300),
        cacheReadTokens: 3000,
        costUsd: 0.004 + (u % 13) / 1000,
      },
    });
  }
  return drafts;
}

function taskLife(t: number, requirements: number): EventDraft[] {
  const id = `T-${t}`;
  const req = `R-${((t - 1) % requirements) + 1}`;
  const out: EventDraft[] = [
    {
      type: 'task.created',
      actor: 'planner',
      data: { title: `task ${t}`, role: 'implementer', requirements: [req], acceptance: ['tests pass'], phaseOrder: false },
    },
    { type: 'task.claimed', actor: 'implementer', data: { id, assignee: 'implementer' } },
    { type: 'task.started', actor: 'implementer', data: { id } },
    {
      type: 'link.added',
      actor: 'implementer',
      data: { entity: id, path: `src/module${t}.ts`, range: { start: 1, end: 40 }, rel: 'implements', hash: 'h' },
    },
    {
      type: 'link.added',
      actor: 'tester',
      data: { entity: req, path: `test/module${t}.test.ts`, range: { start: 3, end: 30 }, rel: 'verifies', hash: 'h' },
    },
  ];
  if (t % 4 === 0)
    out.push({
      type: 'gate.checked',
      actor: 'coordinator',
      data: {
        gate: 'complete',
        taskId: id,
        ok: false,
        code: 'gate-failed',
        reason: `gate command \`npm test\` exited 1:\n${OUTPUT}`,
        fix: 'fix the cause',
      },
    });
  out.push(
    { type: 'gate.checked', actor: 'coordinator', data: { gate: 'complete', taskId: id, ok: true } },
    {
      type: 'task.completed',
      actor: 'implementer',
      data: {
        id,
        evidence: [
          { kind: 'command', command: 'npm test', exitCode: 0, outputTail: OUTPUT },
          { kind: 'acceptance', criterion: 'tests pass', how: 'npm test' },
        ],
      },
    },
  );
  return out;
}
