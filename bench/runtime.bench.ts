// `npm run bench -- runtime --json`: the orchestration's own cost. N tasks over 8
// implementer agents with a synthetic model: zero latency shows the overhead per
// turn (record writes, gates, context packing, machines); 200 ms latency shows
// what share of a realistic run that overhead is.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ModelClient, ModelEvent, TurnRequest } from '../src/model/types.js';
import { sessionOf } from '../src/app/session.js';
import { initWorkspace } from '../src/workspace/init.js';
import { openWorkspace } from '../src/workspace/open.js';
import { tempDir } from '../support/helpers/temp.js';

/** Completes its task on the first turn; answers after `latencyMs`. */
class BenchModel implements ModelClient {
  readonly provider = 'bench';
  readonly defaultModel = 'claude-sonnet-5-5';
  modelMs = 0;
  constructor(private readonly latencyMs: number) {}
  async *stream(request: TurnRequest): AsyncIterable<ModelEvent> {
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    this.modelMs += this.latencyMs;
    const usage = { inputTokens: 1200, outputTokens: 80, cacheCreationTokens: 0, cacheCreation1hTokens: 0, cacheReadTokens: 2000 };
    const id = `toolu_${request.meta?.taskId ?? 'x'}`;
    const content = [
      { type: 'tool_use' as const, id, name: 'complete_task', input: { acceptance: [{ criterion: 'done', how: 'bench' }] } },
    ];
    yield {
      type: 'turn.completed',
      message: {
        id: `msg_${id}`,
        role: 'assistant',
        model: this.defaultModel,
        content,
        stopReason: 'tool_use',
        usage,
        toolInputErrors: [],
      },
    };
  }
}

/** Rounds a perfect scheduler needs: every tenth task waits for the one before it. */
function idealRounds(tasks: number, agents: number): number {
  const finished = new Map<number, number>();
  let round = 0;
  let next = 1;
  const waiting: number[] = [];
  while (finished.size < tasks) {
    round += 1;
    const ready = [...waiting.splice(0), ...Array.from({ length: Math.max(0, tasks - next + 1) }, (_, i) => next + i)];
    next = tasks + 1;
    const started: number[] = [];
    for (const id of ready) {
      const dep = id % 10 === 0 ? id - 1 : 0;
      if (started.length < agents && (!dep || (finished.get(dep) ?? Infinity) < round)) started.push(id);
      else waiting.push(id);
    }
    for (const id of started) finished.set(id, round);
  }
  return round;
}

async function runOnce(tasks: number, latencyMs: number, agents: number) {
  const { dir, cleanup } = await tempDir('crucible-bench-runtime-');
  try {
    await initWorkspace(dir);
    const ws = await openWorkspace({ dir });
    try {
      for (let i = 1; i <= tasks; i++) {
        // Every tenth task depends on the one before it, so dependencies are exercised too.
        const deps = i % 10 === 0 ? [`T-${i - 1}`] : [];
        await ws.store.append({
          type: 'task.created',
          actor: 'bench',
          data: { title: `Bench task number ${i} alpha${i}`, role: 'implementer', deps, acceptance: ['done'], gate: [] },
        });
      }
      const model = new BenchModel(latencyMs);
      const runtime = await sessionOf(ws).runtime(model, {
        concurrency: agents,
        instances: { implementer: agents },
        answerPolicy: 'first',
      });
      const started = process.hrtime.bigint();
      const summary = await runtime.run();
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (summary.state !== 'done') throw new Error(`bench run ended ${summary.state}: ${summary.reason}`);
      const ideal = idealRounds(tasks, agents) * latencyMs;
      return {
        tasks,
        latencyMs,
        wallMs: Math.round(wallMs),
        tasksPerSec: Number((tasks / (wallMs / 1000)).toFixed(1)),
        overheadMsPerTurn: latencyMs === 0 ? Number((wallMs / summary.usage.turns).toFixed(2)) : undefined,
        overheadShare: latencyMs > 0 ? Number(Math.max(0, (wallMs - ideal) / wallMs).toFixed(3)) : undefined,
        costUsd: Number(summary.usage.costUsd.toFixed(4)),
        costPerTask: Number((summary.usage.costUsd / tasks).toFixed(6)),
        events: ws.store.head(),
      };
    } finally {
      await ws.close();
    }
  } finally {
    await cleanup();
  }
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const sizes = (args.find((a) => a.startsWith('--sizes='))?.split('=')[1] ?? '10,100,1000').split(',').map(Number);
  const agents = 8;
  const zeroLatency = [];
  for (const n of sizes) zeroLatency.push(await runOnce(n, 0, agents));
  const withLatency = [];
  for (const n of sizes) withLatency.push(await runOnce(n, 200, agents));
  const perTask = zeroLatency.map((r) => r.costPerTask);
  return {
    bench: 'runtime',
    agents,
    zeroLatency,
    withLatency200ms: withLatency,
    overheadShare: Math.max(...withLatency.map((r) => r.overheadShare ?? 0)),
    costLinear: perTask.every((c) => Math.abs(c - perTask[0]!) / perTask[0]! < 0.05),
    goal: { overheadShare: '< 0.05', costLinear: true },
  };
}
