// Which commands a task's gate runs: the configured ones always, plus what the task adds.

import type { Task } from '../record/tables.js';
import { refusal, PASS, type GateResult } from './result.js';

/**
 * The configured gate (the role's `gate_commands` from its agent file, else the
 * project's `gate.commands`; both human-owned) always runs; a task's own `gate`
 * only adds commands. Only the human can record a task as ungated.
 */
export function gateCommandsOf(task: Pick<Task, 'gate' | 'ungated'> | undefined, configured: readonly string[]): string[] {
  const base = task?.ungated ? [] : configured;
  return [...new Set([...base, ...(task?.gate ?? [])])];
}

/** A task's gate written by an agent may add commands; an empty list reads as "no evidence", so it is refused. */
export function canSetTaskGate(gate: readonly string[] | undefined): GateResult {
  if (gate === undefined || gate.length > 0) return PASS;
  return refusal(
    'gate-weakened',
    "a task's gate adds commands to the configured gate commands and can never remove them; `gate: []` would mean completing with no evidence",
    'leave `gate` out to use the configured gate commands (or list commands to run in addition); ' +
      'only the human can record a task as ungated (`crucible task add --no-gate`)',
  );
}
