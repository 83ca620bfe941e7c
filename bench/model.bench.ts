// `npm run bench -- model [--turns N]`: turn latency and streaming throughput of the model layer,
// offline. AnthropicModel runs the real SDK against the loopback server; ScriptedModel runs in memory.
import { performance } from 'node:perf_hooks';
import { AnthropicModel } from '../src/model/anthropic.js';
import { startLoopbackServer, reply } from '../src/model/loopback-server.js';
import { parseScript } from '../src/model/script.js';
import { ScriptedModel } from '../src/model/scripted.js';
import type { ModelClient, TurnRequest } from '../src/model/types.js';

const request: TurnRequest = {
  system: { stable: 'You are the implementer agent. '.repeat(100), volatile: 'Task T-1.' },
  messages: [{ role: 'user', content: 'Implement T-1.' }],
  tools: [{ name: 'claim_task', description: 'Claim a task.', inputSchema: { type: 'object', properties: { task: { type: 'string' } } } }],
  maxTokens: 1024,
  meta: { role: 'implementer' },
};

const ANSWER = 'The change keeps the record as the single source of truth. '.repeat(40);

async function measure(client: ModelClient, turns: number): Promise<Record<string, number>> {
  const latencies: number[] = [];
  let deltas = 0;
  let chars = 0;
  const started = performance.now();
  for (let i = 0; i < turns; i += 1) {
    const t0 = performance.now();
    for await (const event of client.stream(request)) {
      if (event.type === 'text.delta') {
        deltas += 1;
        chars += event.text.length;
      }
      if (event.type === 'turn.failed') throw new Error(event.error.message);
    }
    latencies.push(performance.now() - t0);
  }
  const total = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const pick = (q: number): number => Number((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(2));
  return {
    turns,
    p50Ms: pick(0.5),
    p95Ms: pick(0.95),
    deltasPerSec: Math.round((deltas / total) * 1000),
    charsPerSec: Math.round((chars / total) * 1000),
  };
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const flag = args.indexOf('--turns');
  const turns = flag >= 0 ? Number(args[flag + 1]) || 50 : 50;
  const server = await startLoopbackServer({ fallback: reply.text(ANSWER, { chunkSize: 16 }) });
  try {
    const anthropic = await measure(new AnthropicModel({ apiKey: 'bench-key', baseURL: server.url, env: {} }), turns);
    const script = parseScript({
      version: 1,
      chunkSize: 16,
      roles: { implementer: Array.from({ length: turns }, () => ({ text: ANSWER })) },
    });
    const scripted = await measure(new ScriptedModel(script), turns);
    return { anthropicViaLoopback: anthropic, scripted };
  } finally {
    await server.close();
  }
}
