// The seal: written when the record is closed cleanly, naming the LevelDB files as they were left
// (name, size, modification time). LevelDB never rewrites a file in place (a table is written once,
// a write-ahead log only grows), so while every file is as sealed nothing outside crucible touched
// the record, and opening it needs only the check of the log's tail. Any difference (bytes changed
// or cut, a file removed, a crash that left no seal, a copy) makes the open check scan the whole log,
// and so does LevelDB's own report of damage it skipped while opening (its `LOG` file). Opening
// takes the seal away, so a process that dies holding the record leaves none.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SEAL_FILE = 'crucible-seal.json';
// LevelDB's lock and its own diary change on every open and hold no data.
const UNSEALED = new Set(['LOCK', 'LOG', 'LOG.old']);

type Files = Record<string, [size: number, mtimeMs: number]>;

function filesOf(dir: string): Files {
  const files: Files = {};
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('crucible') || UNSEALED.has(name)) continue;
    const stat = statSync(join(dir, name));
    if (stat.isFile()) files[name] = [stat.size, stat.mtimeMs];
  }
  return files;
}

/** Seals a record that was just closed. */
export function seal(dir: string): void {
  writeFileSync(join(dir, SEAL_FILE), JSON.stringify(filesOf(dir)), { mode: 0o600 });
}

/** Whether the files are exactly as sealed; the seal is removed either way. Call before LevelDB opens them. */
export function breakSeal(dir: string): boolean {
  const path = join(dir, SEAL_FILE);
  let sealed: string;
  try {
    sealed = readFileSync(path, 'utf8');
  } catch {
    return false;
  }
  rmSync(path, { force: true });
  try {
    return sealed === JSON.stringify(filesOf(dir));
  } catch {
    return false;
  }
}

/** Whether LevelDB, opening the record just now, skipped damage it found (it says so only in its `LOG`). */
export function levelSkippedDamage(dir: string): boolean {
  let diary: string;
  try {
    diary = readFileSync(join(dir, 'LOG'), 'utf8');
  } catch {
    return false;
  }
  return /Corruption|dropping \d+ bytes/i.test(diary);
}
