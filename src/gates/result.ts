// Gate results: a pass, or a refusal that is data with the exact next step.

export type Refusal = { ok: false; code: string; reason: string; fix: string };
export type GateResult = { ok: true } | Refusal;

export const refuse = (code: string, reason: string, fix: string): Refusal => ({ ok: false, code, reason, fix });
export const PASS: GateResult = { ok: true };

/** What one gate command did: the evidence a completion is judged on. */
export interface CommandOutcome {
  command: string;
  exitCode: number;
  outputTail: string;
}
