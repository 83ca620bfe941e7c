// Gate results: a pass, or a refusal that is data with the exact next step.

import type { Refusal } from '../record/refusal.js';

export { refusal, type Refusal } from '../record/refusal.js';
export type GateResult = { ok: true } | Refusal;
export const PASS: GateResult = { ok: true };

/** What one gate command did: the evidence a completion is judged on. */
export interface CommandOutcome {
  command: string;
  exitCode: number;
  outputTail: string;
}
