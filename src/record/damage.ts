// A damaged record, said in one line: what is damaged, the first bad event where it is known,
// and the two ways back (an export, or truncating at the damage). Every command reaches the
// record through LevelEventStore.open, so every command, reads included, stops on this line.
import { failure, messageOf, type CrucibleError } from '../shared/errors.js';
import { EventSchemaError } from './validate.js';

const DAMAGE_CODES = new Set(['LEVEL_CORRUPTION', 'LEVEL_DECODE_ERROR']);

/** LevelDB's corruption errors (checksums, missing table files, a bad manifest) and unreadable entries. */
export function isStorageDamage(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (DAMAGE_CODES.has((e as { code?: string }).code ?? '')) return true;
    if (e instanceof EventSchemaError) return true;
    if (/^Corruption:/.test(messageOf(e))) return true;
  }
  return false;
}

/** LevelDB's own words for the damage (the innermost cause). */
export function storageMessage(error: unknown): string {
  let e: unknown = error;
  while ((e as { cause?: unknown })?.cause) e = (e as { cause?: unknown }).cause;
  return messageOf(e);
}

export type Breakage =
  | { seq: number; reason: 'gap' | 'hash' | 'invalid' }
  | { seq: number; reason: 'lost'; witness: number }
  | { seq?: number; reason: 'storage'; detail: string; good?: number };

export function describeBreakage(b: Breakage): string {
  switch (b.reason) {
    case 'gap':
      return `event #${b.seq} is missing from the log`;
    case 'hash':
      return `event #${b.seq} does not match the hash chain (altered or damaged)`;
    case 'invalid':
      return `event #${b.seq} cannot be read`;
    case 'lost':
      return `the log ends at #${b.seq - 1} but events up to #${b.witness} were committed (the write-ahead log lost its tail)`;
    case 'storage':
      if (b.seq !== undefined) return `a database file is damaged ("${b.detail}"), and the first event lost is #${b.seq}`;
      return `a database file is damaged ("${b.detail}")${b.good === undefined ? '' : `, though all ${b.good} events of its log survive`}`;
  }
}

export const damageCode = 'record-damaged';

/** `truncateAt`: where `rebuild --truncate-at` should cut (the first bad event, or past the last good one). */
export function damageError(dir: string, breakage: Breakage, truncateAt: number | undefined = breakage.seq): CrucibleError {
  const at = truncateAt;
  const keep = at === undefined ? '' : at <= 1 ? ' (nothing before it survives)' : ` to keep events #1-#${at - 1}`;
  return failure(
    damageCode,
    `the record at ${dir} is damaged: ${describeBreakage(breakage)}; nothing was read or written`,
    `restore it from an export (\`crucible import FILE\` in a fresh workspace), or run ` +
      `\`crucible rebuild --truncate-at ${at ?? '<seq>'}\`${keep}; the damaged files are kept aside`,
  );
}
