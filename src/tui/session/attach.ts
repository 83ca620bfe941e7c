// crucible-tui as a client of another process's session (`crucible run`, or
// another crucible-tui) over the workspace socket: `live.watch` frames become
// the same `engine.batch` actions the in-process bridge dispatches, judgments
// and proposals go through the same operations, pause and resume through
// `live.control`. What arrives is checked by the operations' schemas, and the
// text in it reaches the screen through the same reducer and panes as
// in-process text (cleaned of terminal controls there).
import { basename } from 'node:path';
import type { OperationCaller } from '../../app/operations/index.js';
import { liveControlOp, liveWatchOp, type LiveFrame } from '../../mcp/operations-live.js';
import { searchIndexOp } from '../../mcp/operations-reads.js';
import { connectSession, type SessionClient } from '../../server/client.js';
import { findWorkspaceRoot } from '../../workspace/find.js';
import { workspacePaths } from '../../workspace/paths.js';
import { messageOf } from '../../shared/errors.js';
import { inert } from '../../shared/terminal-text.js';
import type { TuiOptions } from '../launch.js';
import { usageSamplesOf } from '../../app/stats.js';
import { logEntry } from '../state/format.js';
import type { EngineBatch } from '../state/types.js';
import type { TuiStore } from '../store.js';
import { commandHandler } from './commands.js';
import type { Session } from './start.js';

/** The store's batch for one frame: the same shape the in-process bridge builds. */
export function batchOf(frame: LiveFrame): EngineBatch {
  return {
    activities: frame.activities,
    refusals: frame.refusals,
    events: frame.events.map(logEntry),
    samples: usageSamplesOf(frame.events),
    ...(frame.record ? { record: frame.record } : {}),
    ...(frame.agents ? { agents: frame.agents } : {}),
    ...(frame.run ? { run: frame.run } : {}),
    ...(frame.usage ? { usage: frame.usage } : {}),
  };
}

/** Connects when another process serves the project's socket; undefined when none does (the TUI then opens it here). */
export async function attachIfServed(options: TuiOptions, store: TuiStore, quit: () => void): Promise<Session | undefined> {
  let root: string;
  try {
    root = findWorkspaceRoot({ ...(options.dir ? { dir: options.dir } : {}), cwd: process.cwd() });
  } catch {
    // No workspace here: opening it in-process says so, in the usual words.
    return undefined;
  }
  const client = await connectSession(workspacePaths(root).socket);
  if (!client) return undefined;
  const session = attachSession(client, root, store, quit);
  if (options.goal)
    store.dispatch({
      type: 'notice',
      text: `--goal not started: ${session.attachedTo} holds this project; this view follows its run.`,
      tone: 'warn',
    });
  return session;
}

/** Follows the holder's session until it ends or this TUI quits. */
export function attachSession(
  client: SessionClient,
  root: string,
  store: TuiStore,
  quit: () => void,
): Session & { watching: Promise<void> } {
  const { hello } = client;
  // Printed on the normal screen too when the TUI exits: the holder's word for itself is kept inert.
  const who = `${inert(hello.name.slice(0, 120))} (process ${hello.pid})`;
  // The project as this process found it (the socket's own word for it is not needed).
  const project = { name: basename(root), root, goal: '' };
  store.dispatch({ type: 'session.opened', project, browse: false, attachedTo: who });
  store.dispatch({ type: 'notice', text: `Attached to ${who}: its run goes on when you quit.`, tone: 'info' });
  const record: OperationCaller = client;
  store.onEffect(
    commandHandler({
      record,
      store,
      attachedTo: who,
      control: async (action) => {
        await client.call(liveControlOp, { action });
      },
      searchIndex: async (query) =>
        (await client.call(searchIndexOp, { query, k: 10 })).map((h) => ({
          ref: h.citation,
          title: h.heading.join(' > ') || h.path,
          snippet: h.snippet,
          source: 'index' as const,
          score: h.score,
        })),
      quit,
    }),
  );
  const stop = new AbortController();
  const onFrame = (frame: LiveFrame) => {
    if (frame.goal && frame.goal !== store.getState().project.goal)
      store.dispatch({
        type: 'session.opened',
        project: { ...project, goal: frame.goal },
        browse: frame.run?.kind === 'browse',
        attachedTo: who,
      });
    store.dispatch({ type: 'engine.batch', batch: batchOf(frame) });
  };
  const watching = client.stream(liveWatchOp, { recent: 300 }, onFrame, stop.signal).then(
    () => gone(),
    (error: unknown) => gone(error),
  );
  const gone = (error?: unknown) => {
    if (stop.signal.aborted) return;
    const why = error ? `: ${messageOf(error).split('\n')[0]}` : '';
    store.dispatch({ type: 'notice', text: `${who} has let go of the project${why}. q quits.`, tone: 'warn' });
  };
  return {
    root,
    demo: false,
    attachedTo: who,
    watching,
    summary: () => undefined,
    close: async () => {
      stop.abort();
      client.close();
      await watching;
    },
  };
}
