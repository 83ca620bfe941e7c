// Any OpenAI-compatible `POST {baseUrl}/embeddings` endpoint: OpenAI itself, or a
// local server (llama.cpp server, Ollama, text-embeddings-inference, LM Studio...).
import { z } from 'zod';
import { failure, usageError } from '../../shared/errors.js';
import type { EmbedderConfig } from '../config.js';
import { normalize, type Embedder } from './types.js';

type OpenAiConfig = Extract<EmbedderConfig, { kind: 'openai' }>;

const responseSchema = z.object({
  data: z.array(z.object({ embedding: z.array(z.number()), index: z.number().int().optional() })),
});

export async function createOpenAiEmbedder(config: OpenAiConfig, env: NodeJS.ProcessEnv = process.env): Promise<Embedder> {
  const url = `${config.baseUrl.replace(/\/+$/, '')}/embeddings`;
  const apiKey = config.apiKeyEnv ? env[config.apiKeyEnv] : undefined;
  if (config.apiKeyEnv && !apiKey) {
    throw usageError(
      'retrieval.embedder-key',
      `retrieval.embedder.apiKeyEnv names ${config.apiKeyEnv}, but that environment variable is not set`,
      `export ${config.apiKeyEnv}=... or remove apiKeyEnv for a server that needs no key`,
    );
  }

  const request = async (texts: string[], signal?: AbortSignal): Promise<number[][]> => {
    const timeout = AbortSignal.timeout(config.timeoutMs);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
        body: JSON.stringify({ model: config.model, input: texts }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (cause) {
      throw failure(
        'retrieval.embedder-unreachable',
        `embedding server ${url} did not answer: ${(cause as Error).message}`,
        'start the server, or fix retrieval.embedder.baseUrl',
        cause,
      );
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      throw failure(
        'retrieval.embedder-http',
        `embedding server ${url} answered ${response.status}: ${JSON.stringify(body).slice(0, 200)}`,
        'check retrieval.embedder.model and the server logs',
      );
    }
    const parsed = responseSchema.safeParse(body);
    if (!parsed.success || parsed.data.data.length !== texts.length) {
      throw failure(
        'retrieval.embedder-response',
        `embedding server ${url} sent an unexpected response (wanted ${texts.length} embeddings in data[])`,
        'make sure the server implements the OpenAI /v1/embeddings API',
      );
    }
    const ordered = [...parsed.data.data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    return ordered.map((item) => item.embedding);
  };

  const dimension = config.dimension ?? (await request(['dimension probe']))[0]?.length ?? 0;
  const name = `openai:${config.model}`;
  return {
    name,
    dimension,
    batchSize: config.batchSize,
    async embed(texts, signal) {
      const vectors = await request(texts, signal);
      for (const vector of vectors) {
        if (vector.length !== dimension) {
          throw failure(
            'retrieval.embedder-dimension',
            `${name} returned ${vector.length} dimensions, expected ${dimension}`,
            'set retrieval.embedder.dimension to what the model produces',
          );
        }
      }
      return vectors.map(normalize);
    },
  };
}
