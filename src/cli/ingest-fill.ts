// `crucible ingest`'s vector phase as the person sees it: the background filler's
// N/M, and `--wait` following a filler that is already running (one filler per
// index) instead of starting a second one beside it.
import type { IngestProgress, VectorFillProgress } from '../retrieval/index.js';

const POLL_MS = 250;

/** Follows the running background filler until it exits, reporting its progress as `embed` steps. */
export async function followBackgroundFill(indexDir: string, onProgress: (p: IngestProgress) => void): Promise<void> {
  const { readFillProgress } = await import('../retrieval/fill-progress.js');
  for (let p = await readFillProgress(indexDir); p !== null; p = await readFillProgress(indexDir)) {
    if (p.total > 0 && p.done < p.total) onProgress({ phase: 'embed', done: p.done, total: p.total, ...(p.rate ? { rate: p.rate } : {}) });
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** `vectors filling in behind (process 123): 40/481 embedded`, or `starting` before its first report. */
export function fillingLine(pid: number, progress: VectorFillProgress | null): string {
  const done = progress && progress.total >= 0 ? `${progress.done}/${progress.total} embedded` : 'starting';
  return `vectors filling in behind (process ${pid}): ${done}; crucible ingest --wait waits for them`;
}
