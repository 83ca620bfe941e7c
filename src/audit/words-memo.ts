// Each refactor's words kept between audits, so that after one edit only the refactors touching the edited file are
// described again: describing (walking the copies, diffing their tokens) is the costly step of a re-audit. The key is
// everything a describer can read through the CodeIndex about the files the refactor names: their content, who
// imports what from them, their exports, whether a test reaches them, bin-only use and the dead code around each finding
// — plus the refactor's findings and the audit's own code version. Words that read other files of a directory (a family
// of same-shaped functions, suggest/family.ts) also keep a digest of those directories' functions, checked on reuse: only
// those few refactors pay for it, so one edit re-describes what touches the edited file, not its whole directory.
import { sha256 } from '../shared/hash.js';
import { auditCodeVersion } from './facts/code-version.js';
import { familyInputs } from './suggest/family.js';
import { describeRefactor, type CodeIndex, type ProposalWords, type Refactor } from './proposal-text/index.js';
import type { Location } from './types.js';

export type Describe = (refactor: Refactor, index: CodeIndex) => ProposalWords;

/** Words as kept: with the digest of each directory the describer listed, when it listed any. */
type Kept = ProposalWords & { familyDirs?: Array<[string, string]> };

export interface WordsMemo {
  describe: Describe;
  /** The words this audit used, by key: what to keep for the next one (entries no refactor asked for are dropped). */
  used: Record<string, Kept>;
  /** How many refactors were described again (not found in the memo). */
  described: () => number;
}

export function wordsMemo(saved: Readonly<Record<string, Kept>>): WordsMemo {
  const used: Record<string, Kept> = {};
  // A file's place in the tree is the same for every refactor that names it: computed once per file.
  const places = new Map<string, unknown[]>();
  const placeOf = (index: CodeIndex, path: string): unknown[] => {
    let place = places.get(path);
    if (!place) places.set(path, (place = placeInTree(index, path)));
    return place;
  };
  // What a describer read of a directory's functions (a family of same-shaped functions, suggest/family.ts).
  const dirs = new Map<string, string>();
  const dirOf = (index: CodeIndex, dir: string): string => {
    let digest = dirs.get(dir);
    if (digest === undefined) dirs.set(dir, (digest = sha256(JSON.stringify(familyInputs(index, dir)))));
    return digest;
  };
  let described = 0;
  const describe: Describe = (refactor, index) => {
    const key = keyOf(refactor, index, placeOf);
    const kept = saved[key];
    if (kept && (kept.familyDirs ?? []).every(([dir, digest]) => dirOf(index, dir) === digest)) {
      used[key] = kept;
      const { familyDirs: _read, ...words } = kept;
      return words;
    }
    const listed = new Set<string>();
    const words = describeRefactor(refactor, { ...index, filesIn: (dir) => (listed.add(dir), index.filesIn(dir)) });
    described++;
    const familyDirs = [...listed].sort().map((dir): [string, string] => [dir, dirOf(index, dir)]);
    used[key] = familyDirs.length > 0 ? { ...words, familyDirs } : words;
    return words;
  };
  return { describe, used, described: () => described };
}

function keyOf(refactor: Refactor, index: CodeIndex, placeOf: (index: CodeIndex, path: string) => unknown[]): string {
  const locations: Location[] = refactor.members.flatMap((m) => [m, ...(m.related ?? [])]);
  const place = [...new Set(locations.map((l) => l.path))].sort().map((path) => placeOf(index, path));
  const dead = locations.map((l) => index.deadAround(l) ?? null);
  return sha256(JSON.stringify([auditCodeVersion(), refactor.kind, refactor.fingerprint, refactor.members, place, dead]));
}

/** What a describer can learn of a file through the index: its content, who imports what from it, test reach, bin-only use. */
function placeInTree(index: CodeIndex, path: string): unknown[] {
  const file = index.file(path);
  return [
    path,
    file ? sha256(file.content) : null,
    index.isUntested(path),
    index.isEntryOnly(path),
    index.isTestSupport(path),
    index.importers(path),
    index.exportsOf(path).map((e) => [e.name, index.importersOf(path, e.name)]),
  ];
}

/** A memo read from disk: an object of words (anything else is ignored, and drafting starts afresh). */
export function isWordsRecord(value: unknown): value is Record<string, ProposalWords> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const looksLikeWords = (w: Partial<ProposalWords> | null): boolean =>
    w !== null &&
    typeof w.title === 'string' &&
    typeof w.why === 'string' &&
    typeof w.fix === 'string' &&
    Array.isArray(w.acceptance) &&
    typeof w.change === 'object' &&
    typeof w.value === 'number';
  return Object.values(value as Record<string, unknown>).every(
    (w) => typeof w === 'object' && looksLikeWords(w as Partial<ProposalWords> | null),
  );
}
