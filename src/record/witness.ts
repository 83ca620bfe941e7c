// The head witness: a small file beside the LevelDB files naming the last committed event
// (its sequence and chain hash), rewritten after every batch. LevelDB drops a damaged or
// truncated write-ahead log silently, taking the projection rows of those batches with it,
// so nothing inside the database remembers what was lost; the witness does. It is written
// after the batch, never before: a crash between the two leaves it behind the log, not ahead.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const WITNESS_FILE = 'crucible-head.json';
const WIDTH = 160;

export interface HeadMark {
  seq: number;
  hash: string;
}

export const witnessPath = (dir: string): string => join(dir, WITNESS_FILE);

export function readWitness(dir: string): HeadMark | undefined {
  let text: string;
  try {
    text = readFileSync(witnessPath(dir), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const mark = JSON.parse(text) as Partial<HeadMark>;
    if (typeof mark.seq === 'number' && Number.isInteger(mark.seq) && typeof mark.hash === 'string')
      return { seq: mark.seq, hash: mark.hash };
  } catch {
    // A torn or garbled witness proves nothing either way; it is rewritten on the next commit.
  }
  return undefined;
}

/** Keeps the witness file open and rewrites it in place (fixed width, so no truncation is needed). */
export class Witness {
  private constructor(private fd: number | undefined) {}

  static open(dir: string, mark: HeadMark): Witness {
    let fd: number;
    try {
      fd = openSync(witnessPath(dir), 'r+');
    } catch {
      fd = openSync(witnessPath(dir), 'w', 0o600);
    }
    const witness = new Witness(fd);
    witness.write(mark);
    return witness;
  }

  write(mark: HeadMark): void {
    if (this.fd === undefined) return;
    const text = JSON.stringify(mark).padEnd(WIDTH, ' ');
    writeSync(this.fd, text, 0, 'utf8');
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
