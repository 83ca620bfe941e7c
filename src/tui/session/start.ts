// The engine side of a crucible-tui session, started once the first frame is
// on screen. When another process holds the project and serves its socket,
// the TUI attaches to it (attach.ts). Otherwise: open the project, wire the
// bridge and the commands, serve the workspace to other terminals (with the
// live session, so another crucible-tui can attach here), and run the agents —
// for a goal or the demo at once; browsing, only when the human presses r.
import { localCaller } from '../../app/operations/index.js';
import type { RunSummary, Runtime } from '../../runtime/runtime.js';
import { processActor } from '../../server/actor.js';
import { LiveHub, projectUsage, recentEvents } from '../../mcp/live-hub.js';
import { hasOpenWork, launch, startRuntime, type Launched, type TuiOptions } from '../launch.js';
import type { TuiStore } from '../store.js';
import { attachIfServed } from './attach.js';
import { EngineBridge } from './bridge.js';
import { commandHandler } from './commands.js';
import { watchVectorFill } from './vector-fill.js';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { messageOf } from '../../shared/errors.js';

export interface Session {
  root: string;
  demo: boolean;
  /** Set when this TUI is a client of another process's session (it keeps running after we quit). */
  attachedTo?: string;
  summary(): RunSummary | undefined;
  /** Stops the run (if any; `reason` is the signal that stopped it), waits for it up to 5 s, and closes the socket and the workspace. */
  close(reason?: string): Promise<void>;
}

/** Serves `.crucible/crucible.sock` so `crucible status`, `log --follow`, another crucible-tui ... reach this session. */
async function serve(launched: Launched, live: LiveHub, store: TuiStore): Promise<{ close(): Promise<void> } | undefined> {
  try {
    const { serveHeldWorkspace } = await import('../../mcp/operations.js');
    return await serveHeldWorkspace(launched.ws, { name: 'crucible-tui', caches: launched.session.caches, live });
  } catch (error) {
    store.dispatch({ type: 'notice', text: `Not serving other terminals: ${messageOf(error)}`, tone: 'warn' });
    return undefined;
  }
}

export async function startSession(options: TuiOptions, store: TuiStore, quit: () => void): Promise<Session> {
  const attached = options.demo ? undefined : await attachIfServed(options, store, quit);
  return attached ?? startLocal(options, store, quit);
}

async function startLocal(options: TuiOptions, store: TuiStore, quit: () => void): Promise<Session> {
  let bridge: EngineBridge | undefined;
  let live: LiveHub | undefined;
  const onActivity: Parameters<typeof launch>[1] = (agent, activity) => {
    bridge?.activity(agent, activity);
    live?.activity(agent, activity);
  };
  const launched = await launch(options, onActivity);
  const { ws, controller, root } = launched;
  live = new LiveHub(ws);
  const hub = live;
  store.dispatch({ type: 'session.opened', project: { name: basename(root), root, goal: launched.goal }, browse: !launched.runtime });
  const engine = new EngineBridge({ ws, store, ...(launched.runtime ? { runtime: launched.runtime } : {}) });
  bridge = engine;
  let summary: RunSummary | undefined;
  let running: Promise<void> | undefined;
  const go = (runtime: Runtime) => {
    hub.attach(runtime);
    running = runtime.run().then(
      (s) => {
        summary = s;
        const reason = s.fix && s.state === 'failed' ? `${s.reason}: ${s.fix}` : s.reason;
        engine.runEnded({ kind: 'ended', state: s.state, reason });
        hub.ended({ state: s.state, reason });
        store.dispatch({
          type: 'notice',
          text: s.state === 'done' ? 'The run is done: every task passed its gate. q quits.' : `The run ended (${s.state}). q quits.`,
          tone: s.state === 'done' ? 'ok' : 'warn',
        });
      },
      (error: unknown) => {
        engine.runEnded({ kind: 'ended', state: 'failed', reason: messageOf(error) });
        hub.ended({ state: 'failed', reason: messageOf(error) });
      },
    );
  };
  const startRun = async () => {
    if (running && launched.runtime && !summary) return;
    summary = undefined;
    const runtime = await startRuntime(launched, options, onActivity);
    store.dispatch({ type: 'session.opened', project: { name: basename(root), root, goal: launched.goal }, browse: false });
    engine.attachRuntime(runtime);
    go(runtime);
  };
  // The socket and the session's own commands share one set of loaded services.
  const record = localCaller({ ws, services: launched.session.services, actor: processActor() });
  store.onEffect(
    commandHandler({
      record,
      store,
      current: () => launched.runtime,
      startRun,
      ...(launched.search ? { searchIndex: launched.search.searchIndex } : {}),
      quit,
    }),
  );
  const server = await serve(launched, hub, store);
  engine.start(await recentEvents(ws, 300), launched.runtime ? undefined : await projectUsage(ws));
  const stopVectorFill = watchVectorFill(ws, store);
  if (launched.runtime) go(launched.runtime);
  else if (hasOpenWork(ws)) store.dispatch({ type: 'notice', text: 'Browsing the record: open work waits. r runs it.', tone: 'info' });
  return {
    root,
    demo: launched.demo,
    summary: () => summary,
    close: async (reason?: string) => {
      controller.abort(reason);
      stopVectorFill();
      await Promise.race([running ?? Promise.resolve(), sleep(5000)]);
      engine.close();
      await server?.close();
      await ws.close();
    },
  };
}
