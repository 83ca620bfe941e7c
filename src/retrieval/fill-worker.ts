// Entry point of the detached filler started by startBackgroundFill: embeds the
// vectors a deferred ingest left pending, then removes its pid file.
import { releaseFill, type FillJob } from './background-fill.js';
import { openRetrieval } from './retrieval.js';

const job = JSON.parse(process.env.CRUCIBLE_FILL_JOB ?? '{}') as FillJob;
try {
  const retrieval = await openRetrieval({ root: job.root, indexDir: job.indexDir, config: job.config });
  await retrieval.fillVectors();
} finally {
  await releaseFill(job.indexDir);
}
