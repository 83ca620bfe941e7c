// Fills vectors in a detached child process after `crucible ingest` returns:
// one filler per index directory at a time (a pid file), and a filler that dies
// leaves the embedding cache it saved so far for the next one to resume from.
import { spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RetrievalConfig } from './config.js';

export const FILL_LOCK = 'vectors.lock';

export interface FillJob {
  root: string;
  indexDir: string;
  config: RetrievalConfig;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The pid of the filler working on this index, if one is running. */
export async function runningFill(indexDir: string): Promise<number | null> {
  const pid = Number((await readFile(join(indexDir, FILL_LOCK), 'utf8').catch(() => '')).trim());
  return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : null;
}

/** Starts a detached filler unless one already runs; returns its pid (or the running one's). */
export async function startBackgroundFill(job: FillJob): Promise<{ pid: number; started: boolean }> {
  const running = await runningFill(job.indexDir);
  if (running !== null) return { pid: running, started: false };
  const here = fileURLToPath(import.meta.url);
  const worker = join(here, '..', `fill-worker${extname(here)}`);
  const child = spawn(process.execPath, [...process.execArgv, worker], {
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, CRUCIBLE_FILL_JOB: JSON.stringify(job) },
  });
  child.unref();
  const pid = child.pid ?? 0;
  await writeFile(join(job.indexDir, FILL_LOCK), `${pid}\n`);
  return { pid, started: true };
}

/** Removes the pid file if it is this process's. */
export async function releaseFill(indexDir: string): Promise<void> {
  const pid = Number((await readFile(join(indexDir, FILL_LOCK), 'utf8').catch(() => '')).trim());
  if (pid === process.pid) await rm(join(indexDir, FILL_LOCK), { force: true });
}
