// The one reader of an agent machine's state, for the runtime and the TUI: a plain status name from
// `snapshot.matches`, so no caller depends on how the machine nests its states.
import type { SnapshotFrom } from 'xstate';
import type { agentMachine } from './agent.machine.js';

export type AgentStatusName = 'idle' | 'claiming' | 'thinking' | 'waitingForJudgment' | 'submitting' | 'failed' | 'blocked';

export type AgentSnapshot = SnapshotFrom<typeof agentMachine>;

export function agentStatus(snapshot: AgentSnapshot): AgentStatusName {
  if (snapshot.matches('claiming')) return 'claiming';
  if (snapshot.matches('failed')) return 'failed';
  if (snapshot.matches('blocked')) return 'blocked';
  if (snapshot.matches({ working: { tools: 'waitingForJudgment' } }) || snapshot.matches({ working: { loopGuard: 'waitingForJudgment' } }))
    return 'waitingForJudgment';
  if (snapshot.matches({ working: { tools: 'submitting' } }) || snapshot.matches({ working: { loopGuard: 'submitting' } }))
    return 'submitting';
  if (snapshot.matches('working')) return 'thinking';
  return 'idle';
}
