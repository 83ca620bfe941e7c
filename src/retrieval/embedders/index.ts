/** Builds the configured embedder (or none, for lexical-only search). */
import { usageError } from '../../shared/errors.js';
import { embedderConfigSchema, type EmbedderConfig, type EmbedderConfigInput } from '../config.js';
import { createHashEmbedder } from './hash.js';
import { createOpenAiEmbedder } from './openai.js';
import type { Embedder } from './types.js';
import { createUseLiteEmbedder } from './use-lite.js';

export type { Embedder } from './types.js';
export { createHashEmbedder } from './hash.js';

export const EMBEDDER_KINDS = ['use-lite', 'hash', 'openai', 'none'] as const;

/** `config` may leave out keys that have defaults. */
export async function createEmbedder(input: EmbedderConfigInput): Promise<Embedder | null> {
  const config = embedderConfigSchema.parse(input);
  switch (config.kind) {
    case 'use-lite':
      return createUseLiteEmbedder(config);
    case 'hash':
      return createHashEmbedder(config.dimension);
    case 'openai':
      return createOpenAiEmbedder(config);
    case 'none':
      return null;
  }
}

/**
 * The embedder section for a `--embedder NAME` flag. `openai` keeps the
 * configured endpoint, which must already be in config.
 */
export function embedderConfigFor(name: string, current: EmbedderConfig): EmbedderConfig {
  if (name === current.kind) return current;
  switch (name) {
    case 'use-lite':
      return embedderConfigSchema.parse({ kind: 'use-lite' });
    case 'hash':
      return { kind: 'hash', dimension: 512 };
    case 'none':
      return { kind: 'none' };
    case 'openai':
      throw usageError(
        'retrieval.embedder-unconfigured',
        '--embedder openai needs retrieval.embedder.baseUrl and model in .crucible/config.json',
        'add {"kind":"openai","baseUrl":"http://127.0.0.1:8080/v1","model":"..."} under retrieval.embedder',
      );
    default:
      throw usageError('retrieval.embedder-unknown', `--embedder: "${name}" is not an embedder`, `use one of ${EMBEDDER_KINDS.join(', ')}`);
  }
}
