import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot, tsArgv } from '../../support/helpers/child.js';

export { crucibleBin as bin } from '../../support/helpers/child.js';

/** Output of a child, with a way to wait for a line matching a pattern (bounded in time). */
export function watch(child: ChildProcess): {
  out: () => string;
  err: () => string;
  until(pattern: RegExp, ms?: number): Promise<string>;
  exited: Promise<number | null>;
} {
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of waiters) w();
  });
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    out: () => out,
    err: () => err,
    until: (pattern, ms = 15_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = out.split('\n').find((line) => pattern.test(line));
          if (found === undefined) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${pattern}; stdout: ${out.slice(-2000)}; stderr: ${err.slice(-2000)}`));
        }, ms);
        waiters.add(check);
        check();
      }),
    exited,
  };
}

/** Spawns a TypeScript entry point (under tsx, or compiled: tsArgv) with stdin open. */
export function spawnTsPiped(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ChildProcess {
  return spawn(process.execPath, [...tsArgv(file), ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

export interface Holder {
  pid: number;
  send(line: string): void;
  until(pattern: RegExp): Promise<string>;
  stop(): Promise<void>;
}

/** A real child process holding the workspace and serving its socket, as crucible-tui does. */
export async function startHolder(dir: string, name = 'crucible-tui', env: NodeJS.ProcessEnv = {}): Promise<Holder> {
  const child = spawnTsPiped(join(repoRoot, 'test/server/holder-child.ts'), [dir, name], { env });
  const w = watch(child);
  await w.until(/^ready$/);
  return {
    pid: child.pid!,
    send: (line) => void child.stdin!.write(`${line}\n`),
    until: (pattern) => w.until(pattern),
    stop: async () => {
      if (child.exitCode === null) {
        child.stdin!.write('quit\n');
        await w.exited;
      }
    },
  };
}
