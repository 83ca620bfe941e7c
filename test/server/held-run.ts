// A project held by a real `crucible run` (the scripted model, no key) until the test says so:
// the gate waits for a `release` file, so the run holds the record and serves its socket meanwhile.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cli } from '../helpers/cli.js';
import { completeOnceScript } from '../helpers/scripts.js';
import { bin, spawnTsPiped, watch } from './holder.js';

export interface HeldRun {
  /** Lets the gate pass; the run then finishes and lets go of the record. */
  release(): Promise<void>;
  exited: Promise<number | null>;
  err(): string;
  kill(): void;
}

/** A project with R-1 and one ready task T-1, whose gate waits for a `release` file; `script.yaml` completes it. */
export async function prepareWaitingProject(dir: string): Promise<void> {
  const ok = async (...args: string[]) => {
    const result = await cli(dir, ...args);
    if (result.code !== 0) throw new Error(`crucible ${args.join(' ')}: ${result.stderr}`);
  };
  await ok('init');
  await writeFile(join(dir, '.crucible', 'config.json'), JSON.stringify({ gate: { commands: ['node wait.mjs'] } }));
  await writeFile(
    join(dir, 'wait.mjs'),
    "import { existsSync } from 'node:fs';\nconst until = Date.now() + 60000;\n" +
      "while (!existsSync('release') && Date.now() < until) await new Promise((r) => setTimeout(r, 50));\n" +
      "process.exit(existsSync('release') ? 0 : 1);\n",
  );
  await writeFile(join(dir, 'script.yaml'), completeOnceScript('waits for release', 'the gate waits for the release file'));
  await ok('req', 'add', 'The run waits for a release file');
  await ok('task', 'add', 'Wait for the release', '--role', 'implementer', '--accept', 'waits for release');
}

/** Starts the run in `dir` (an empty directory) and resolves once T-1 is in progress, as seen over the socket. */
export async function startHeldRun(dir: string): Promise<HeldRun> {
  await prepareWaitingProject(dir);
  const child = spawnTsPiped(bin, ['run', '--model', 'scripted', '--script', 'script.yaml'], { cwd: dir });
  const w = watch(child);
  let inProgress = false;
  for (let i = 0; i < 150 && !inProgress; i++) {
    await sleep(200);
    if (!existsSync(join(dir, '.crucible', 'crucible.sock'))) continue;
    const status = await cli(dir, 'status', '--json');
    inProgress = status.code === 0 && (JSON.parse(status.stdout) as { tasks: Record<string, number> }).tasks.in_progress === 1;
  }
  if (!inProgress) {
    child.kill();
    throw new Error(`the run never held T-1 in progress; its stderr: ${w.err()}`);
  }
  return {
    release: () => writeFile(join(dir, 'release'), ''),
    exited: w.exited,
    err: w.err,
    kill: () => child.kill(),
  };
}
