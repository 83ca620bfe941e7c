/**
 * A refusal is data: what was refused, why, and the exact next step. The record
 * throws it from a reducer so the whole append is dropped; callers turn it into
 * a tool result, a CLI line or a TUI message.
 */
export class RecordRefusal extends Error {
  constructor(
    readonly code: string,
    readonly reason: string,
    readonly fix: string,
  ) {
    super(reason);
    this.name = 'RecordRefusal';
  }

  toJSON(): { ok: false; code: string; reason: string; fix: string } {
    return { ok: false, code: this.code, reason: this.reason, fix: this.fix };
  }
}

export const refuse = (code: string, reason: string, fix: string): never => {
  throw new RecordRefusal(code, reason, fix);
};
