/** Shapes shared by the retrieval modules. Line numbers are 1-based and inclusive. */

export type ChunkKind = 'markdown' | 'code' | 'text' | 'lines';

export interface Chunk {
  /** Unique within the store: `path:start-end#hash8`. */
  id: string;
  path: string;
  startLine: number;
  endLine: number;
  kind: ChunkKind;
  /** Markdown heading path (outermost first), or the declaration name for code. */
  heading: string[];
  text: string;
  /** sha256 (hex) of `text`. */
  contentHash: string;
}

/** One ingested file as kept in the chunk store. */
export interface StoredDocument {
  path: string;
  /** sha256 (hex) of the file's bytes. */
  hash: string;
  size: number;
  chunks: Chunk[];
}

export type DocumentStatus = 'added' | 'updated' | 'unchanged' | 'removed';

/** Per-file outcome of an ingest, for the caller to turn into record events. */
export interface DocumentChange {
  path: string;
  /** Hash of the file now; for a removed file, the hash it had. */
  hash: string;
  chunks: number;
  status: DocumentStatus;
}

export type SkipReason = 'binary' | 'oversize' | 'symlink-outside' | 'unreadable';

export interface SkippedFile {
  path: string;
  reason: SkipReason;
}

export interface IngestSummary {
  filesSeen: number;
  filesAdded: number;
  filesChanged: number;
  filesUnchanged: number;
  filesRemoved: number;
  filesSkipped: SkippedFile[];
  chunksTotal: number;
  /** Chunks sent to the embedder in this run. */
  chunksEmbedded: number;
  /** Chunks of new or changed files whose vector came from the embedding cache. */
  chunksReused: number;
  embedder: { name: string; dimension: number } | null;
  /** ready: vectors are in step with the chunks; pending: `vectors: 'later'` left them to a fill; none: no embedder. */
  vectors: 'ready' | 'pending' | 'none';
  /** Set when the vector index was rebuilt; says why. */
  rebuilt: string | null;
  ms: number;
  documents: DocumentChange[];
}

export type ProgressPhase = 'discover' | 'chunk' | 'embed' | 'index' | 'save' | 'rebuild';

export interface IngestProgress {
  phase: ProgressPhase;
  done: number;
  total: number;
  /** Items per second in this phase so far, when meaningful. */
  rate?: number;
  message?: string;
}

/** What `fillVectors()` did: chunks in the index, texts embedded now (the rest came from the cache). */
export interface FillSummary {
  chunks: number;
  embedded: number;
  ms: number;
  /** Texts embedded per second, or null when nothing was embedded. */
  rate: number | null;
}

export type ProgressListener = (progress: IngestProgress) => void;

export interface SearchHit {
  path: string;
  startLine: number;
  endLine: number;
  /** `path:start-end` */
  citation: string;
  score: number;
  heading: string[];
  /** The most relevant lines of the chunk (at most a few). */
  snippet: string;
  snippetStartLine: number;
  lexicalRank: number | null;
  denseRank: number | null;
}
