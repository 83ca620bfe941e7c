// How far the background vector fill has got, for other processes to show
// (`crucible ingest`, `--wait`, the TUI): the filler writes
// `vectors.progress.json` as it embeds; it is read only while the filler lives.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runningFill } from './background-fill.js';
import { writeFileAtomic } from './files.js';
import type { ProgressListener } from './types.js';

export const FILL_PROGRESS = 'vectors.progress.json';

export interface VectorFillProgress {
  pid: number;
  /** Texts embedded so far, of `total` the embedding cache lacked when the fill started. */
  done: number;
  total: number;
  /** Texts per second so far; null before the first batch. */
  rate: number | null;
}

/** Writes the filler's embed progress, at most every `everyMs` and always at the end. */
export function fillProgressWriter(indexDir: string, everyMs = 500): ProgressListener {
  const file = join(indexDir, FILL_PROGRESS);
  let last = 0;
  let writing: Promise<void> = Promise.resolve();
  return (p) => {
    if (p.phase !== 'embed' || p.message) return;
    const now = Date.now();
    if (now - last < everyMs && p.done !== 0 && p.done !== p.total) return;
    last = now;
    const progress: VectorFillProgress = { pid: process.pid, done: p.done, total: p.total, rate: p.rate ?? null };
    writing = writing.then(() => writeFileAtomic(file, JSON.stringify(progress)).catch(() => undefined));
  };
}

export const clearFillProgress = (indexDir: string): Promise<void> => rm(join(indexDir, FILL_PROGRESS), { force: true });

/** The running filler's progress; null when no filler runs. Before its first report: 0 of unknown (total -1). */
export async function readFillProgress(indexDir: string): Promise<VectorFillProgress | null> {
  const pid = await runningFill(indexDir);
  if (pid === null) return null;
  const text = await readFile(join(indexDir, FILL_PROGRESS), 'utf8').catch(() => '');
  try {
    const p = JSON.parse(text) as Partial<VectorFillProgress>;
    if (p.pid === pid && typeof p.done === 'number' && typeof p.total === 'number') {
      return { pid, done: p.done, total: p.total, rate: typeof p.rate === 'number' ? p.rate : null };
    }
  } catch {
    // not written yet, or written by an earlier filler
  }
  return { pid, done: 0, total: -1, rate: null };
}
