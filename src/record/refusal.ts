// A refusal is data: what was refused, why, and the exact next step. Gates return one; the record
// throws it (as RecordRefusal) from a reducer so the whole append is dropped; callers turn it into a
// tool result, a CLI line or a TUI message.

export type Refusal = { ok: false; code: string; reason: string; fix: string };

/** The one way to build a refusal. */
export const refusal = (code: string, reason: string, fix: string): Refusal => ({ ok: false, code, reason, fix });

export class RecordRefusal extends Error {
  constructor(
    readonly code: string,
    readonly reason: string,
    readonly fix: string,
  ) {
    super(reason);
    this.name = 'RecordRefusal';
  }

  toJSON(): Refusal {
    return refusal(this.code, this.reason, this.fix);
  }
}

/** The record's reducers refuse by throwing, so the append is dropped whole. */
export const refuse = (code: string, reason: string, fix: string): never => {
  throw new RecordRefusal(code, reason, fix);
};
