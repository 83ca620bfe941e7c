import type { Command } from 'commander';
import type { z } from 'zod';
import type { RecordAccess } from '../server/access.js';
import { processActor } from '../server/actor.js';
import type { CallOperation } from '../app/operations/index.js';
import type { Workspace } from '../workspace/open.js';
import type { TableName } from '../record/tables.js';
import { tablesReadBy } from './record-reads.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** The CLI's own terminal controls on stderr (a progress line's `\r` and erase), written as they are. */
  control?(text: string): void;
  /** Aborts when stdout's reader has gone (`crucible log | head`): what is printed after that is dropped. */
  closed?: AbortSignal;
}

export interface CliContext {
  io: Io;
  cwd: string;
  json: boolean;
  dir: string | undefined;
  actor: string;
  /** The projections this command reads when it opens the record here (record-reads.ts); all when undefined. */
  tables?: readonly TableName[] | undefined;
}

export interface GlobalOptions {
  json?: boolean;
  dir?: string;
}

export function contextOf(command: Command, base: { io: Io; cwd: string; env: NodeJS.ProcessEnv }): CliContext {
  const opts = command.optsWithGlobals<GlobalOptions>();
  return {
    io: base.io,
    cwd: base.cwd,
    json: opts.json === true,
    dir: opts.dir,
    actor: processActor(base.env),
    tables: tablesReadBy(command),
  };
}

/** Opens the workspace for one command and always closes it, so the LevelDB lock is released. */
export async function withWorkspace<T>(ctx: CliContext, fn: (ws: Workspace) => Promise<T>, command = 'crucible'): Promise<T> {
  // The record's stack (LevelDB and its addon) is loaded by the commands that open it, not by every command here (`search`).
  const { openWorkspace } = await import('../workspace/open.js');
  const ws = await openWorkspace({ dir: ctx.dir, cwd: ctx.cwd, command, waitForLockMs: 2000, tables: ctx.tables });
  try {
    return await fn(ws);
  } finally {
    await ws.close();
  }
}

/**
 * For the commands another terminal may run while a long-lived process (the
 * TUI, `crucible run`, `crucible mcp`) holds the workspace: reaches the record
 * through that process's socket when it serves one, or opens it here. Every
 * other command uses `withWorkspace` and gets the "held by process N" line.
 */
export async function withWorkspaceOrSession<T>(
  ctx: CliContext,
  fn: (record: RecordAccess) => Promise<T>,
  command = 'crucible',
): Promise<T> {
  const { withRecord } = await import('../server/access.js');
  return withRecord({ dir: ctx.dir, cwd: ctx.cwd, command, waitForLockMs: 2000, actor: ctx.actor, tables: ctx.tables }, fn);
}

/** One operation, run here or by the holder (see withWorkspaceOrSession). */
export function callWorkspaceOrSession<P extends z.ZodType, R extends z.ZodType>(
  ctx: CliContext,
  op: CallOperation<P, R>,
  params: z.input<P>,
): Promise<z.output<R>> {
  return withWorkspaceOrSession(ctx, (record) => record.call(op, params));
}

/** Prints one JSON document with --json, or the human text otherwise. */
export function emit(ctx: CliContext, json: unknown, human: string | (() => string)): void {
  if (ctx.json) ctx.io.out(`${JSON.stringify(json, null, 2)}\n`);
  else {
    const text = typeof human === 'function' ? human() : human;
    if (text) ctx.io.out(text.endsWith('\n') ? text : `${text}\n`);
  }
}
