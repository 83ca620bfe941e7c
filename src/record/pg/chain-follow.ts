// Follows the hash chain over PostgreSQL log rows for `rebuild`, as log-scan.ts does for LevelDB: a row's
// hash covers its stored JSON text, so the chain is checked without re-encoding, and a row whose hash
// verifies is decoded with JSON.parse alone while every writer registered this event schema revision
// (see revision.ts). Past the first break every row is validated with zod, and the break is reported.
import type { ChainBreak } from '../chain.js';
import { chainNext, chainNextText, GENESIS_HASH } from '../chain.js';
import type { ChainReport } from '../event-store.js';
import type { RecordEvent } from '../events.js';
import { parseEvent } from '../validate.js';
import type { LoggedRow } from './sql.js';

export class PgChainFollower {
  private hash = GENESIS_HASH;
  private next = 1;
  private broken: ChainBreak | undefined;

  constructor(
    private readonly trusted: boolean,
    private readonly where: string,
  ) {}

  /** The row's event, checked against the chain so far. */
  step(row: LoggedRow): RecordEvent {
    const seq = Number(row.seq);
    if (this.broken) return this.validated(row);
    if (seq !== this.next) {
      this.broken = { seq: this.next, reason: 'gap' };
      return this.validated(row);
    }
    const byText = chainNextText(this.hash, row.event);
    if (this.trusted && byText === row.hash) {
      const event = JSON.parse(row.event) as RecordEvent;
      if (event.seq === seq) return this.chained(event, byText);
    }
    const event = this.validated(row);
    if (event.seq !== seq) this.broken = { seq, reason: 'gap' };
    else if (row.hash === byText || row.hash === chainNext(this.hash, event)) return this.chained(event, row.hash);
    else this.broken = { seq, reason: 'hash' };
    return event;
  }

  report(): ChainReport {
    return this.broken ? { verified: false, brokenAt: this.broken.seq, reason: this.broken.reason } : { verified: true };
  }

  private chained(event: RecordEvent, hash: string): RecordEvent {
    this.hash = hash;
    this.next += 1;
    return event;
  }

  private validated(row: LoggedRow): RecordEvent {
    return parseEvent(JSON.parse(row.event), `log entry ${row.seq} of ${this.where}`);
  }
}
