/** Public surface of document ingestion and search. */
export { openRetrieval, type OpenRetrievalOptions, type Retrieval } from './retrieval.js';
export { retrievalConfigSchema, parseRetrievalConfig, type RetrievalConfig, type RetrievalConfigInput, type SearchMode } from './config.js';
export { embedderConfigFor, createEmbedder, createHashEmbedder, EMBEDDER_KINDS, type Embedder } from './embedders/index.js';
export { citation, formatHits } from './citations.js';
export type { IngestOptions } from './ingest.js';
export { runningFill, startBackgroundFill } from './background-fill.js';
export { readFillProgress, type VectorFillProgress } from './fill-progress.js';
export type { SearchOptions } from './search.js';
export type {
  Chunk,
  DocumentChange,
  FillSummary,
  IngestProgress,
  IngestSummary,
  ProgressListener,
  SearchHit,
  SkippedFile,
} from './types.js';
