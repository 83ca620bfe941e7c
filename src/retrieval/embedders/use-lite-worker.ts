// A worker thread holding its own USE-lite model (tfjs in Node runs one thread
// per model: its threaded WASM build needs browser workers). Answers
// { id, texts } with { id, vectors } or { id, error }.
import { parentPort, workerData } from 'node:worker_threads';
import { messageOf } from '../../shared/errors.js';
import { loadUseLiteModel } from './use-lite-model.js';

export interface EmbedRequest {
  id: number;
  texts: string[];
}

export type EmbedReply = { id: number; vectors: number[][] } | { id: number; error: string };

const { maxTokens } = workerData as { maxTokens: number };
const port = parentPort;
const model = loadUseLiteModel(maxTokens);
// A load failure is answered per request, so the caller sees it where it waits.
model.catch(() => undefined);

// Requests run one after another: a caller may queue the next one while this one runs.
let previous: Promise<unknown> = model;
port?.on('message', (request: EmbedRequest) => {
  const run = previous.catch(() => undefined).then(() => model);
  previous = run
    .then((m) => m.embed(request.texts))
    .then(
      (vectors) => port.postMessage({ id: request.id, vectors } satisfies EmbedReply),
      (error: unknown) => port.postMessage({ id: request.id, error: messageOf(error) } satisfies EmbedReply),
    );
});
