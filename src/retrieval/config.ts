// The `retrieval` section of `.crucible/config.json`. Every key has a default,
// so `retrievalConfigSchema.parse({})` is a complete, working configuration.
import { z } from 'zod';
import { describeConfigIssue } from '../shared/config-issue.js';
import { usageError } from '../shared/errors.js';

const chunkingSchema = z
  .object({
    /** Longest chunk, in lines, before a section or declaration is split into windows. */
    maxLines: z.number().int().min(4).max(2000).default(60),
    /** Window size for files without structure we understand (JSON, YAML, logs...). */
    windowLines: z.number().int().min(2).max(2000).default(40),
    /** Lines shared by consecutive windows. Must be smaller than the window. */
    overlapLines: z.number().int().min(0).max(1000).default(8),
    /** Adjacent code declarations shorter than this are merged into one chunk. */
    minLines: z.number().int().min(1).max(200).default(6),
  })
  .strict();

/** Chosen on the library-docs question set: see "Embedding speed" in docs/retrieval.md. */
export const USE_LITE_DEFAULT_TOKENS = 40;

const useLiteSchema = z
  .object({
    kind: z.literal('use-lite'),
    /** Texts per worker per call. */
    batchSize: z.number().int().min(1).max(512).default(16),
    /** Tokens of each chunk the model reads (the model itself stops at 128); fewer is faster (docs/retrieval.md). */
    maxTokens: z.number().int().min(8).max(128).default(USE_LITE_DEFAULT_TOKENS),
    /** Model instances on worker threads (about 200 MB each); auto: one per core, at most 4. */
    workers: z.union([z.literal('auto'), z.number().int().min(1).max(16)]).default('auto'),
  })
  .strict();
const hashSchema = z
  .object({
    kind: z.literal('hash'),
    dimension: z.number().int().min(16).max(4096).default(512),
  })
  .strict();
const openAiSchema = z
  .object({
    kind: z.literal('openai'),
    /** Base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1 */
    baseUrl: z.url(),
    model: z.string().min(1),
    /** Name of the environment variable holding the API key; absent means no Authorization header. */
    apiKeyEnv: z.string().min(1).optional(),
    /** Expected dimension; when absent it is probed with one request at startup. */
    dimension: z.number().int().min(1).max(16384).optional(),
    batchSize: z.number().int().min(1).max(2048).default(64),
    timeoutMs: z.number().int().min(100).max(600_000).default(60_000),
  })
  .strict();
const noneSchema = z.object({ kind: z.literal('none') }).strict();

export const embedderConfigSchema = z.discriminatedUnion('kind', [useLiteSchema, hashSchema, openAiSchema, noneSchema]);

const hnswSchema = z
  .object({
    m: z.number().int().min(4).max(128).default(16),
    efConstruction: z.number().int().min(10).max(2000).default(200),
    /** Search-time breadth; raised to the number of candidates when that is larger. */
    ef: z.number().int().min(10).max(2000).default(100),
    initialCapacity: z.number().int().min(16).default(1024),
  })
  .strict();

const rankingSchema = z
  .object({
    /** lexical by default: on the library-docs question set, dense re-ranking with use-lite added nothing (docs/retrieval.md). */
    mode: z.enum(['hybrid', 'lexical', 'dense']).default('lexical'),
    /**
     * rerank (default): dense similarity re-orders the lexical candidates; chosen from the
     * measurements in docs/retrieval.md. rrf: weighted reciprocal rank fusion of both lists.
     */
    fusion: z.enum(['rrf', 'rerank']).default('rerank'),
    rrfK: z.number().min(1).max(1000).default(60),
    lexicalWeight: z.number().min(0).max(10).default(1),
    /** rerank: share of the cosine in the final score (0..1). rrf: weight of the dense list. */
    denseWeight: z.number().min(0).max(10).default(0.4),
    /** How many hits each ranker contributes before fusion. */
    candidates: z.number().int().min(10).max(2000).default(100),
    /** How many times a chunk's heading path counts in BM25 (headings say what a section is about). */
    headingWeight: z.number().int().min(0).max(10).default(2),
    bm25: z
      .object({ k1: z.number().min(0).max(5).default(1.2), b: z.number().min(0).max(1).default(0.4) })
      .strict()
      .prefault({}),
  })
  .strict();

export const retrievalConfigSchema = z
  .object({
    include: z.array(z.string().min(1)).min(1).default(['**/*']),
    /** Globs relative to the project root. `.git`, `.crucible` and `node_modules` are always excluded. */
    exclude: z
      .array(z.string().min(1))
      .default(['dist/**', 'build/**', 'out/**', 'coverage/**', '**/*.min.js', '**/*.map', 'package-lock.json']),
    respectGitignore: z.boolean().default(true),
    maxFileBytes: z.number().int().min(1).default(1_000_000),
    chunking: chunkingSchema.prefault({}),
    embedder: embedderConfigSchema.prefault({ kind: 'use-lite' }),
    hnsw: hnswSchema.prefault({}),
    ranking: rankingSchema.prefault({}),
    maxQueryChars: z.number().int().min(16).max(100_000).default(2000),
    defaultK: z.number().int().min(1).max(200).default(10),
  })
  .strict()
  .refine((c) => c.chunking.overlapLines < c.chunking.windowLines, {
    message: 'chunking.overlapLines must be smaller than chunking.windowLines',
    path: ['chunking', 'overlapLines'],
  })
  .refine((c) => c.ranking.fusion !== 'rerank' || c.ranking.denseWeight <= 1, {
    message: 'ranking.denseWeight must be between 0 and 1 when ranking.fusion is "rerank"',
    path: ['ranking', 'denseWeight'],
  });

export type RetrievalConfig = z.infer<typeof retrievalConfigSchema>;
export type RetrievalConfigInput = z.input<typeof retrievalConfigSchema>;
export type EmbedderConfig = z.infer<typeof embedderConfigSchema>;
export type EmbedderConfigInput = z.input<typeof embedderConfigSchema>;
export type SearchMode = RetrievalConfig['ranking']['mode'];

/** Parses the retrieval section, turning the first problem into a one-line usage error. */
export function parseRetrievalConfig(input: unknown): RetrievalConfig {
  const result = retrievalConfigSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw usageError(
    'retrieval.config-invalid',
    `.crucible/config.json: ${describeConfigIssue(retrievalConfigSchema, result.error, ['retrieval'])}`,
    'fix or remove that key; every retrieval key has a default',
  );
}
