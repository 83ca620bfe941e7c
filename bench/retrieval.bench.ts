/**
 * `npm run bench -- retrieval --json`: HNSW recall and speedup against brute force,
 * ingest speed per lever on the library-docs corpus (retrieval-ingest.ts), ingest throughput on this repository, query latency at 10k chunks, and ranking
 * quality (recall@k, MRR) on the hand-made quality set and on the library-docs question
 * set (real third-party READMEs, tuning and held-out parts), all measured in one run.
 * Flags: --n N --dim D --queries Q (hnsw), --repo PATH, --only hnsw,ingest,repo,query,quality,library,
 * --ingest-parts final,levers,quality (for --only ingest)
 */
import { cp, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import hnswlib from 'hnswlib-node';
import { createEmbedder, createHashEmbedder, openRetrieval, retrievalConfigSchema, type Embedder } from '../src/retrieval/index.js';
import { evaluateVariants, loadQuestions, type QualityScores, type Variant } from '../support/retrieval/quality-set.js';
import { prng } from '../support/helpers/workload.js';
import { benchIngestLevers } from './retrieval-ingest.js';
import { benchLibraryDocs } from './retrieval-library.js';
import { numberOption, option } from './args.js';

const here = dirname(fileURLToPath(import.meta.url));
const defaults = retrievalConfigSchema.parse({});

const rng = prng;

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
}

/** Noise around each centre, per dimension, relative to the centres' unit spread (within-cluster cosine ~0.5). */
const SPREAD = 1.0;

/** `n` unit vectors around `clusters` random centres. */
function clustered(
  n: number,
  dim: number,
  clusters: number,
  random: () => number,
  centres?: Float32Array[],
): { vectors: Float32Array[]; centres: Float32Array[] } {
  const cs = centres ?? Array.from({ length: clusters }, () => Float32Array.from({ length: dim }, () => gaussian(random)));
  const vectors = Array.from({ length: n }, () => {
    const centre = cs[Math.floor(random() * cs.length)] as Float32Array;
    const v = Float32Array.from(centre, (x) => x + gaussian(random) * SPREAD);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
  return { vectors, centres: cs };
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;

async function benchHnsw(n: number, dim: number, queryCount: number): Promise<Record<string, unknown>> {
  const random = rng(42);
  const { vectors, centres } = clustered(n, dim, 100, random);
  const { vectors: queries } = clustered(queryCount, dim, 100, random, centres);
  const index = new hnswlib.HierarchicalNSW('cosine', dim);
  index.initIndex({ maxElements: n, m: defaults.hnsw.m, efConstruction: defaults.hnsw.efConstruction, randomSeed: 100 });
  let started = performance.now();
  vectors.forEach((v, label) => index.addPoint(Array.from(v), label));
  const buildMs = performance.now() - started;
  index.setEf(defaults.hnsw.ef);

  const exact = (q: Float32Array): number[] => {
    const best: Array<[number, number]> = [];
    for (let i = 0; i < vectors.length; i++) {
      const v = vectors[i] as Float32Array;
      let dot = 0;
      for (let j = 0; j < dim; j++) dot += (v[j] as number) * (q[j] as number);
      if (best.length < 10 || dot > (best[9] as [number, number])[1]) {
        best.push([i, dot]);
        best.sort((a, b) => b[1] - a[1]);
        if (best.length > 10) best.pop();
      }
    }
    return best.map(([i]) => i);
  };
  started = performance.now();
  const truth = queries.map(exact);
  const bruteMs = (performance.now() - started) / queries.length;
  const asArrays = queries.map((q) => Array.from(q));
  started = performance.now();
  const found = asArrays.map((q) => index.searchKnn(q, 10).neighbors);
  const hnswMs = (performance.now() - started) / queries.length;
  let hits = 0;
  found.forEach((labels, i) => {
    const want = new Set(truth[i]);
    hits += labels.filter((label) => want.has(label)).length;
  });
  return {
    n,
    dim,
    queries: queryCount,
    clusters: 100,
    spread: SPREAD,
    m: defaults.hnsw.m,
    efConstruction: defaults.hnsw.efConstruction,
    ef: defaults.hnsw.ef,
    recallAt10: round(hits / (queries.length * 10), 4),
    speedup: round(bruteMs / hnswMs, 1),
    bruteForceMsPerQuery: round(bruteMs),
    hnswMsPerQuery: round(hnswMs, 4),
    buildSeconds: round(buildMs / 1000, 1),
  };
}

const NOT_CONTENT = new Set(['node_modules', '.git', '.crucible', 'dist']);

/** Ingests a snapshot of the repository (so edits made meanwhile cannot count as changes): lexical phase, vector fill, then again. */
async function benchIngest(repo: string, work: string, embedder: Embedder): Promise<Record<string, unknown>> {
  const snapshot = join(work, 'repo');
  await cp(repo, snapshot, { recursive: true, filter: (source) => !NOT_CONTENT.has(basename(source)) });
  const indexDir = join(work, 'ingest-index');
  const retrieval = await openRetrieval({ root: snapshot, indexDir, embedder });
  const lexical = await retrieval.ingest({ vectors: 'later' });
  const fill = await retrieval.fillVectors();
  const second = await (await openRetrieval({ root: snapshot, indexDir, embedder })).ingest();
  const seconds = (lexical.ms + fill.ms) / 1000;
  return {
    repo,
    embedder: embedder.name,
    files: lexical.filesSeen,
    chunks: lexical.chunksTotal,
    lexicalPhase: { seconds: round(lexical.ms / 1000, 2), chunksPerSecond: round(lexical.chunksTotal / (lexical.ms / 1000), 1) },
    vectorPhase: { seconds: round(fill.ms / 1000, 2), embedded: fill.embedded, chunksPerSecond: fill.rate },
    seconds: round(seconds, 2),
    filesPerSecond: round(lexical.filesSeen / seconds, 1),
    chunksPerSecond: round(lexical.chunksTotal / seconds, 1),
    lexicalOverTotalSpeed: round(seconds / (lexical.ms / 1000), 1),
    secondIngest: { embedded: second.chunksEmbedded, ms: second.ms },
  };
}

/** 10k chunks of synthetic docs built from the quality corpus vocabulary. */
async function syntheticProject(root: string, chunks: number): Promise<void> {
  const random = rng(7);
  const words = loadQuestions()
    .flatMap((q) => q.q.split(' '))
    .concat('lease retry backoff worker queue schedule webhook token metric shutdown'.split(' '));
  const pick = (): string => words[Math.floor(random() * words.length)] ?? 'job';
  const perFile = 20;
  for (let f = 0; f < chunks / perFile; f++) {
    const sections = Array.from(
      { length: perFile },
      (_, s) => `## Section ${s} ${pick()}\n\n${Array.from({ length: 25 }, pick).join(' ')}.\n`,
    );
    await mkdir(join(root, `d${f % 20}`), { recursive: true });
    await writeFile(join(root, `d${f % 20}`, `doc${f}.md`), `# Doc ${f}\n\n${sections.join('\n')}`);
  }
}

/** Chunk vectors from a cheap stand-in, the query from the real model: the default query path without a 10-minute ingest. */
function queryOnly(model: Embedder): Embedder {
  const stand = createHashEmbedder(model.dimension);
  return { ...model, embed: (texts, signal) => (texts.length === 1 ? model.embed(texts, signal) : stand.embed(texts, signal)) };
}

async function benchQuery(work: string, model: Embedder): Promise<Record<string, unknown>> {
  const root = join(work, 'synthetic');
  await syntheticProject(root, 10_000);
  const questions = loadQuestions().map((q) => q.q);
  const measure = async (embedder: Embedder, config: object, mode: 'hybrid' | 'lexical', indexDir: string) => {
    const retrieval = await openRetrieval({ root, indexDir: join(work, indexDir), embedder, config });
    const summary = await retrieval.ingest();
    const times: number[] = [];
    for (let round_ = 0; round_ < 3; round_++) {
      for (const q of questions) {
        const started = performance.now();
        await retrieval.search(q, { k: 10, mode });
        times.push(performance.now() - started);
      }
    }
    times.sort((a, b) => a - b);
    return { chunks: summary.chunksTotal, p50Ms: round(percentile(times, 50), 2), p95Ms: round(percentile(times, 95), 2) };
  };
  const defaultPath = await measure(queryOnly(model), {}, 'hybrid', 'q-default');
  return {
    hybridRerank: { ...defaultPath, note: `${model.name} query embedding + BM25 + dense re-rank; chunk vectors from a stand-in` },
    hybridRrfHnsw: await measure(createHashEmbedder(384), { ranking: { fusion: 'rrf', denseWeight: 0.1 } }, 'hybrid', 'q-rrf'),
    lexicalDefault: await measure(createHashEmbedder(384), {}, 'lexical', 'q-rrf'),
  };
}

const VARIANTS: Variant[] = [
  { name: 'lexical', mode: 'lexical' },
  { name: 'dense', mode: 'dense' },
  { name: 'default (lexical)' },
  { name: 'hybrid (rerank 0.4)', mode: 'hybrid' },
  ...[0.2, 0.5, 0.6].map((w): Variant => ({ name: `rerank ${w}`, mode: 'hybrid', ranking: { fusion: 'rerank', denseWeight: w } })),
  ...[0.1, 0.2, 1].map((w): Variant => ({ name: `rrf k=60 dense ${w}`, mode: 'hybrid', ranking: { fusion: 'rrf', denseWeight: w } })),
];

async function benchQuality(work: string, model: Embedder): Promise<Record<string, unknown>> {
  const summarize = (scores: Record<string, QualityScores>) =>
    Object.fromEntries(
      Object.entries(scores).map(([name, s]) => [name, { recallAt1: s.recallAt1, recallAt5: s.recallAt5, mrrAt10: s.mrrAt10 }]),
    );
  const use = await evaluateVariants(join(work, 'quality-use'), model, VARIANTS);
  const hash = await evaluateVariants(join(work, 'quality-hash'), createHashEmbedder(512), VARIANTS.slice(0, 4));
  const lexical = use.lexical;
  const hybrid = use['hybrid (rerank 0.4)'];
  const dense = use.dense;
  return {
    questions: loadQuestions().length,
    [model.name]: summarize(use),
    'hash-v2': summarize(hash),
    ratios:
      lexical && hybrid && dense
        ? {
            hybridOverLexicalMrr: round(hybrid.mrrAt10 / lexical.mrrAt10),
            hybridOverDenseMrr: round(hybrid.mrrAt10 / dense.mrrAt10),
            hybridOverLexicalRecallAt5: round(hybrid.recallAt5 / lexical.recallAt5),
          }
        : null,
  };
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const only = new Set((option(args, 'only') ?? 'hnsw,ingest,repo,query,quality,library').split(','));
  const work = await mkdtemp(join(tmpdir(), 'crucible-bench-retrieval-'));
  const result: Record<string, unknown> = { node: process.version };
  try {
    const needsModel = ['repo', 'query', 'quality', 'library'].some((part) => only.has(part));
    const model = needsModel ? await createEmbedder(defaults.embedder) : null;
    if (only.has('hnsw'))
      result.hnsw = await benchHnsw(numberOption(args, 'n', 100000), numberOption(args, 'dim', 384), numberOption(args, 'queries', 200));
    if (only.has('ingest'))
      result.ingest = await benchIngestLevers(work, new Set((option(args, 'ingest-parts') ?? 'final,levers,quality').split(',')));
    if (model && only.has('repo')) result.repoIngest = await benchIngest(resolve(option(args, 'repo') ?? join(here, '..')), work, model);
    if (model && only.has('query')) result.query = await benchQuery(work, model);
    if (model && only.has('quality')) result.quality = await benchQuality(work, model);
    if (model && only.has('library')) result.libraryDocs = await benchLibraryDocs(work, model);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return result;
}
