// Shows the background vector fill (`crucible ingest` starts it) in the header
// while it runs: reads its progress file once a second, dispatches on change.
import { vectorFillProgress } from '../../app/search.js';
import type { Workspace } from '../../workspace/open.js';
import type { TuiStore } from '../store.js';

const EVERY_MS = 1000;

export function watchVectorFill(ws: Workspace, store: Pick<TuiStore, 'dispatch'>): () => void {
  let shown = '';
  const poll = async () => {
    const p = await vectorFillProgress(ws).catch(() => null);
    const progress = p ? { done: p.done, total: p.total } : null;
    const key = JSON.stringify(progress);
    if (key !== shown) store.dispatch({ type: 'vectors.fill', progress });
    shown = key;
  };
  void poll();
  const timer = setInterval(() => void poll(), EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
