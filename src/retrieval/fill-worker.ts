// Entry point of the detached filler started by startBackgroundFill: embeds the
// vectors a deferred ingest left pending, reporting progress in a file, then
// removes its pid file.
import { releaseFill, type FillJob } from './background-fill.js';
import { clearFillProgress, fillProgressWriter } from './fill-progress.js';
import { openRetrieval } from './retrieval.js';

const job = JSON.parse(process.env.CRUCIBLE_FILL_JOB ?? '{}') as FillJob;
try {
  const retrieval = await openRetrieval({
    root: job.root,
    indexDir: job.indexDir,
    config: job.config,
    onProgress: fillProgressWriter(job.indexDir),
  });
  await retrieval.fillVectors();
} finally {
  await clearFillProgress(job.indexDir);
  await releaseFill(job.indexDir);
}
