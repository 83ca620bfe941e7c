/** Shared pieces of the model tests: a real AnthropicModel pointed at a loopback server. */
import { AnthropicModel, type AnthropicModelOptions } from '../../src/model/anthropic.js';
import { collectTurn, type TurnOutcome } from '../../src/model/turn.js';
import type { ModelEvent, ToolDefinition, TurnRequest } from '../../src/model/types.js';
import type { MockAnthropicServer } from '../helpers/mock-anthropic-server.js';

export const TEST_KEY = 'sk-ant-test-0123456789abcdef';

/** A sleep that waits for nothing and remembers what it was asked to wait. */
export function recordingSleep(): { sleep: (ms: number, signal?: AbortSignal) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      delays.push(ms);
    },
  };
}

export function modelFor(server: MockAnthropicServer, options: AnthropicModelOptions = {}): AnthropicModel {
  return new AnthropicModel({
    apiKey: TEST_KEY,
    baseURL: server.url,
    env: {},
    random: () => 0,
    sleep: recordingSleep().sleep,
    ...options,
    retry: { baseDelayMs: 1, maxDelayMs: 4, ...options.retry },
  });
}

export const claimTool: ToolDefinition = {
  name: 'claim_task',
  description: 'Claim a task whose dependencies are done.',
  inputSchema: { type: 'object', properties: { task: { type: 'string' } }, required: ['task'] },
};

export function turn(overrides: Partial<TurnRequest> = {}): TurnRequest {
  return {
    system: { stable: 'You are the implementer agent. Follow the house rules.', volatile: 'Now: T-1.' },
    messages: [{ role: 'user', content: 'Implement T-1.' }],
    tools: [claimTool],
    maxTokens: 256,
    ...overrides,
  };
}

export async function events(stream: AsyncIterable<ModelEvent>): Promise<ModelEvent[]> {
  const out: ModelEvent[] = [];
  for await (const event of stream) out.push(event);
  return out;
}

export const run = (model: AnthropicModel, request: TurnRequest = turn()): Promise<TurnOutcome> => collectTurn(model.stream(request));
