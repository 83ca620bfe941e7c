// `crucible rebuild --truncate-at <seq>`: a new record built from the events before <seq> that
// survive (read by salvage), swapped in for the damaged one, which is kept aside untouched.
import { rename, rm } from 'node:fs/promises';
import { closeKeyspaces, openKeyspaces, openRawKeyspaces } from './level-db.js';
import { GENESIS_HASH } from './chain.js';
import { isStorageDamage } from './damage.js';
import { writeLog } from './load.js';
import { salvage } from './salvage.js';
import { emptyTables } from './tables.js';
import { Witness } from './witness.js';
import { failure } from '../shared/errors.js';

export interface TruncateOptions {
  dir: string;
  holderFile: string;
  /** The first event NOT kept. */
  at: number;
  sync: boolean;
}

export interface TruncateReport {
  kept: number;
  /** Where the record as it was is kept. */
  aside: string;
}

export async function truncateRecord(options: TruncateOptions): Promise<TruncateReport> {
  await ensureNotHeld(options.dir, options.holderFile);
  const found = await salvage(options.dir, { collectBelow: options.at });
  const damagedAt = found.breakage?.seq;
  if (damagedAt !== undefined && damagedAt < options.at)
    throw failure(
      'truncate-past-damage',
      `event #${damagedAt} is damaged, so the events up to #${options.at - 1} cannot all be kept; nothing was changed`,
      `run \`crucible rebuild --truncate-at ${damagedAt}\`, or restore from an export`,
    );
  if (!found.breakage && options.at > found.good + 1)
    throw failure(
      'truncate-past-head',
      `the record is whole and ends at event #${found.good}, so --truncate-at ${options.at} would cut nothing; nothing was changed`,
      `to drop events, pass the first one to drop (at most ${found.good + 1}); to check the record, run \`crucible rebuild --check\``,
    );
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const fresh = `${options.dir}.new-${stamp}`;
  const aside = `${options.dir}.damaged-${stamp}`;
  await rm(fresh, { recursive: true, force: true });
  const ks = await openRawKeyspaces(fresh);
  try {
    const head = await writeLog(ks, emptyTables(), found.events, { seq: 0, hash: GENESIS_HASH }, options.sync);
    Witness.open(fresh, head).close();
  } finally {
    await ks.db.close();
  }
  await rename(options.dir, aside);
  await rename(fresh, options.dir);
  return { kept: found.events.length, aside };
}

/** Truncating under a live holder would pull the record from under it. */
async function ensureNotHeld(dir: string, holderFile: string): Promise<void> {
  try {
    const ks = await openKeyspaces(dir, holderFile, 'crucible rebuild');
    await closeKeyspaces(ks, holderFile);
  } catch (error) {
    if (!isStorageDamage(error)) throw error;
  }
}
