// `r`: browsing starts nothing by itself; this is the human asking for the run
// (the goal given, or the open work in the record, resumed). Pure.
import { notice, same } from './navigate.js';
import type { TuiState, Update } from './types.js';

export function runKey(state: TuiState): Update {
  const run = state.run;
  if (run.kind === 'live') return same(notice(state, 'The run is going: p pauses it.', 'warn'));
  if (run.kind === 'ended' && run.state === 'done') return same(notice(state, 'The run is done: every task passed its gate.', 'warn'));
  return { state: notice(state, 'Starting the run: open work in the record is resumed…'), effects: [{ type: 'run' }] };
}
