/** Shared pieces of the OpenAI provider's tests: a real OpenAIModel pointed at the loopback Chat Completions server. */
import { OpenAIModel, type OpenAIModelOptions } from '../../src/model/openai.js';
import type { ChatLoopbackServer } from '../../src/model/openai-loopback-server.js';
import { collectTurn, type TurnOutcome } from '../../src/model/turn.js';
import type { TurnRequest } from '../../src/model/types.js';
import { recordingSleep, turn } from './support.js';

export const OPENAI_TEST_KEY = 'sk-proj-test0123456789abcdefghij';
export const LOCAL_MODEL = 'qwen2.5-coder:7b';

export function openaiModelFor(server: ChatLoopbackServer, options: Partial<OpenAIModelOptions> = {}): OpenAIModel {
  return new OpenAIModel({
    model: LOCAL_MODEL,
    apiKey: OPENAI_TEST_KEY,
    baseURL: server.baseURL,
    env: {},
    random: () => 0,
    sleep: recordingSleep().sleep,
    ...options,
    retry: { baseDelayMs: 1, maxDelayMs: 4, ...options.retry },
  });
}

export const runOpenAI = (model: OpenAIModel, request: TurnRequest = turn()): Promise<TurnOutcome> => collectTurn(model.stream(request));
