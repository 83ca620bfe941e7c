import type { Command } from 'commander';
import { openWorkspace, type Workspace } from '../workspace/open.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export interface CliContext {
  io: Io;
  cwd: string;
  json: boolean;
  dir: string | undefined;
  actor: string;
}

export interface GlobalOptions {
  json?: boolean;
  dir?: string;
}

export function contextOf(command: Command, base: { io: Io; cwd: string; env: NodeJS.ProcessEnv }): CliContext {
  const opts = command.optsWithGlobals<GlobalOptions>();
  return { io: base.io, cwd: base.cwd, json: opts.json === true, dir: opts.dir, actor: base.env.CRUCIBLE_ACTOR ?? 'human' };
}

/** Opens the workspace for one command and always closes it, so the LevelDB lock is released. */
export async function withWorkspace<T>(ctx: CliContext, fn: (ws: Workspace) => Promise<T>, command = 'crucible'): Promise<T> {
  const ws = await openWorkspace({ dir: ctx.dir, cwd: ctx.cwd, command, waitForLockMs: 2000 });
  try {
    return await fn(ws);
  } finally {
    await ws.close();
  }
}

/** Prints one JSON document with --json, or the human text otherwise. */
export function emit(ctx: CliContext, json: unknown, human: string | (() => string)): void {
  if (ctx.json) ctx.io.out(`${JSON.stringify(json, null, 2)}\n`);
  else {
    const text = typeof human === 'function' ? human() : human;
    if (text) ctx.io.out(text.endsWith('\n') ? text : `${text}\n`);
  }
}
