// The engine side of a crucible-tui session, started once the first frame is
// on screen: open the project, wire the bridge and the commands, serve the
// workspace to other terminals, and run the agents.
import type { Session as AppSession } from '../../app/session.js';
import { localCaller } from '../../app/operations/index.js';
import type { RecordEvent } from '../../record/events.js';
import type { RunSummary } from '../../runtime/runtime.js';
import { processActor } from '../../server/actor.js';
import type { Workspace } from '../../workspace/open.js';
import { launch, type TuiOptions } from '../launch.js';
import type { UsageInfo } from '../state/types.js';
import type { TuiStore } from '../store.js';
import { EngineBridge } from './bridge.js';
import { commandHandler } from './commands.js';
import { watchVectorFill } from './vector-fill.js';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { messageOf } from '../../shared/errors.js';

export interface Session {
  root: string;
  demo: boolean;
  summary(): RunSummary | undefined;
  /** Stops the run (if any; `reason` is the signal that stopped it), waits for it up to 5 s, and closes the socket and the workspace. */
  close(reason?: string): Promise<void>;
}

async function recentEvents(ws: Workspace, count: number): Promise<RecordEvent[]> {
  const events: RecordEvent[] = [];
  for await (const event of ws.store.read({ since: Math.max(0, ws.store.head() - count) })) events.push(event);
  return events;
}

/** Browsing without a run, the header shows what the project has spent so far. */
async function projectUsage(ws: Workspace): Promise<UsageInfo> {
  const usage: UsageInfo = {
    turns: 0,
    tokens: 0,
    costUsd: 0,
    unknownCostTurns: 0,
    budgetUsd: ws.config.model.budget.usd,
    budgetTokens: ws.config.model.budget.tokens,
  };
  for await (const e of ws.store.read()) {
    if (e.type !== 'model.usage') continue;
    usage.turns += 1;
    usage.tokens += e.data.inputTokens + e.data.outputTokens + e.data.cacheCreationTokens + e.data.cacheReadTokens;
    if (e.data.costUsd === null) usage.unknownCostTurns += 1;
    else usage.costUsd += e.data.costUsd;
  }
  return usage;
}

/** Serves `.crucible/crucible.sock` so `crucible status`, `log --follow`, ... from other terminals reach this session. */
async function serve(session: AppSession, store: TuiStore): Promise<{ close(): Promise<void> } | undefined> {
  try {
    const { serveHeldWorkspace } = await import('../../mcp/operations.js');
    return await serveHeldWorkspace(session.ws, { name: 'crucible-tui', caches: session.caches });
  } catch (error) {
    store.dispatch({ type: 'notice', text: `Not serving other terminals: ${messageOf(error)}`, tone: 'warn' });
    return undefined;
  }
}

export async function startSession(options: TuiOptions, store: TuiStore, quit: () => void): Promise<Session> {
  let bridge: EngineBridge | undefined;
  const launched = await launch(options, (agent, activity) => bridge?.activity(agent, activity));
  const { ws, runtime, controller, root } = launched;
  store.dispatch({ type: 'session.opened', project: { name: basename(root), root, goal: launched.goal }, browse: !runtime });
  bridge = new EngineBridge({ ws, store, ...(runtime ? { runtime } : {}) });
  // The socket and the session's own commands share one set of loaded services.
  const record = localCaller({ ws, services: launched.session.services, actor: processActor() });
  store.onEffect(
    commandHandler({
      record,
      store,
      ...(runtime ? { runtime } : {}),
      ...(launched.search ? { searchIndex: launched.search.searchIndex } : {}),
      quit,
    }),
  );
  const server = await serve(launched.session, store);
  bridge.start(await recentEvents(ws, 300), runtime ? undefined : await projectUsage(ws));
  const stopVectorFill = watchVectorFill(ws, store);
  let summary: RunSummary | undefined;
  const running = runtime
    ? runtime.run().then(
        (s) => {
          summary = s;
          bridge?.runEnded({ kind: 'ended', state: s.state, reason: s.fix && s.state === 'failed' ? `${s.reason}: ${s.fix}` : s.reason });
          store.dispatch({
            type: 'notice',
            text: s.state === 'done' ? 'The run is done: every task passed its gate. q quits.' : `The run ended (${s.state}). q quits.`,
            tone: s.state === 'done' ? 'ok' : 'warn',
          });
        },
        (error: unknown) => bridge?.runEnded({ kind: 'ended', state: 'failed', reason: messageOf(error) }),
      )
    : Promise.resolve();
  return {
    root,
    demo: launched.demo,
    summary: () => summary,
    close: async (reason?: string) => {
      controller.abort(reason);
      stopVectorFill();
      await Promise.race([running, sleep(5000)]);
      bridge.close();
      await server?.close();
      await ws.close();
    },
  };
}
