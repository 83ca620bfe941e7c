import type { EventDraft } from '../../src/record/events.js';
import type { EventStore } from '../../src/record/event-store.js';

/** A deterministic pseudo-random generator (mulberry32), so workloads repeat exactly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Appends `count` mixed events that are all legal: requirements, decisions,
 * tasks with dependencies walking through their whole life, judgments, links,
 * memories, proposals and usage. Appends in waves of `concurrency` at once.
 */
export async function appendMixed(
  store: EventStore,
  count: number,
  options: { seed?: number; concurrency?: number } = {},
): Promise<number> {
  const random = prng(options.seed ?? 1);
  const concurrency = options.concurrency ?? 1;
  let req = 0;
  let dec = 0;
  let task = 0;
  let judgment = 0;
  const pendingJudgments: string[] = [];
  const lifecycle: { id: string; step: number }[] = [];
  const recentDone: string[] = [];
  const nextDraft = (): EventDraft => {
    const roll = random();
    if (req === 0 || roll < 0.08)
      return { type: 'requirement.added', actor: 'planner', data: { id: `R-${++req}`, text: `Requirement number ${req} about parsing` } };
    if (roll < 0.14) {
      // Every other decision supersedes the one before it, so supersession is exercised too.
      const supersedes = dec > 0 && dec % 2 === 1 ? `D-${dec}` : undefined;
      return {
        type: 'decision.recorded',
        actor: 'architect',
        data: { id: `D-${++dec}`, title: `Decision ${dec}`, rationale: 'because it is simpler', ...(supersedes ? { supersedes } : {}) },
      };
    }
    if (roll < 0.3) {
      const deps = recentDone.filter(() => random() < 0.5);
      const id = `T-${++task}`;
      lifecycle.push({ id, step: 0 });
      return {
        type: 'task.created',
        actor: 'planner',
        data: {
          id,
          title: `Task ${task}`,
          role: 'implementer',
          deps,
          requirements: [`R-${1 + Math.floor(random() * req)}`],
          acceptance: ['tests pass'],
        },
      };
    }
    if (roll < 0.34)
      return {
        type: 'judgment.asked',
        actor: 'architect',
        data: { id: `J-${++judgment}`, question: `Question ${judgment}?`, options: [{ label: 'a', tradeoffs: 'x' }], askedBy: 'architect' },
      };
    if (roll < 0.37 && pendingJudgments.length > 0)
      return { type: 'judgment.answered', actor: 'human', data: { id: pendingJudgments.shift()!, answer: 'a', decisionId: `D-${++dec}` } };
    if (roll < 0.42 && task > 0)
      return {
        type: 'link.added',
        actor: 'implementer',
        data: { entity: `T-${1 + Math.floor(random() * task)}`, path: `src/f${task}.ts`, range: { start: 1, end: 10 } },
      };
    if (roll < 0.46) return { type: 'memory.remembered', actor: 'implementer', data: { scope: 'shared', text: `Remember ${roll}` } };
    if (roll < 0.5)
      return {
        type: 'model.usage',
        actor: 'implementer',
        data: { agent: 'implementer-1', model: 'claude-x', inputTokens: 100, outputTokens: 20, costUsd: 0.001 },
      };
    // Finished tasks leave the pool, so picking stays cheap as the log grows.
    const index = Math.floor(random() * lifecycle.length);
    const item = lifecycle[index];
    if (!item) return { type: 'message.sent', actor: 'planner', data: { to: 'implementer', text: 'hello' } };
    const steps = ['task.claimed', 'task.started', 'task.submitted', 'task.completed'] as const;
    const type = steps[item.step]!;
    item.step += 1;
    if (item.step === 4) lifecycle.splice(index, 1);
    if (type === 'task.claimed') return { type, actor: 'implementer', data: { id: item.id, assignee: 'implementer-1' } };
    if (type === 'task.completed') {
      recentDone.push(item.id);
      if (recentDone.length > 3) recentDone.shift();
      return { type, actor: 'implementer', data: { id: item.id, evidence: [{ kind: 'command', command: 'npm test', exitCode: 0 }] } };
    }
    if (type === 'task.submitted') return { type, actor: 'implementer', data: { id: item.id, evidence: [] } };
    return { type, actor: 'implementer', data: { id: item.id } };
  };
  let appended = 0;
  while (appended < count) {
    const wave: Promise<unknown>[] = [];
    for (let i = 0; i < concurrency && appended < count; i++, appended++) {
      const draft = nextDraft();
      if (draft.type === 'judgment.asked') pendingJudgments.push(String(draft.data.id));
      wave.push(store.append(draft));
    }
    await Promise.all(wave);
  }
  return appended;
}
