// Salvage: reads what survives of a damaged record without touching it. The database is copied
// aside, repaired by LevelDB if it will not open (a garbled manifest, a lost table file), and its
// log followed along the hash chain up to the first bad event.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import { openRawKeyspaces, type Keyspaces } from './level-db.js';
import { fullCheck } from './integrity.js';
import { damageError, isStorageDamage, storageMessage, type Breakage } from './damage.js';
import type { CrucibleError } from '../shared/errors.js';
import type { RecordEvent } from './events.js';
import { readWitness } from './witness.js';

export interface Salvage {
  /** The good events before the first bad one (only those below `collectBelow`). */
  events: RecordEvent[];
  /** The last good sequence number. */
  good: number;
  breakage?: Breakage;
}

export async function salvage(dir: string, options: { collectBelow?: number } = {}): Promise<Salvage> {
  const work = await mkdtemp(join(dirname(dir), '.salvage-'));
  try {
    const copy = join(work, 'db');
    await cp(dir, copy, { recursive: true });
    let ks: Keyspaces;
    let storage: string | undefined;
    try {
      ks = await openRawKeyspaces(copy);
    } catch (error) {
      if (!isStorageDamage(error)) throw error;
      storage = storageMessage(error);
      await ClassicLevel.repair(copy);
      ks = await openRawKeyspaces(copy);
    }
    const events: RecordEvent[] = [];
    const below = options.collectBelow ?? 0;
    let read = 0;
    const collect = (event: RecordEvent) => {
      read = event.seq;
      if (event.seq < below) events.push(event);
    };
    try {
      const check = await fullCheck(ks, collect).catch((error: unknown) => {
        if (!isStorageDamage(error)) throw error;
        storage ??= storageMessage(error);
        return { seq: read, hash: '', broken: { seq: read + 1, reason: 'invalid' as const } };
      });
      const witness = readWitness(copy);
      const good = check.seq;
      let breakage: Breakage | undefined = check.broken;
      if (!breakage && witness && witness.seq > good) breakage = { seq: good + 1, reason: 'lost', witness: witness.seq };
      if (storage) breakage = { ...(breakage ? { seq: breakage.seq } : { good }), reason: 'storage', detail: storage };
      return { events, good, ...(breakage ? { breakage } : {}) };
    } finally {
      await ks.db.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The line a damaged record gets: salvage finds the first bad event when LevelDB itself cannot say. */
export async function locatedDamage(dir: string, error: unknown): Promise<CrucibleError> {
  const found = await salvage(dir).catch(() => undefined);
  const detail = storageMessage(error);
  const breakage =
    found?.breakage?.reason === 'storage' ? { ...found.breakage, detail } : (found?.breakage ?? { reason: 'storage' as const, detail });
  return damageError(dir, breakage, breakage.seq ?? (found ? found.good + 1 : undefined));
}
