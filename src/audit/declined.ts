// Declined for good: where a proposal is, in terms that survive edits (its anchors: `analyzer:path#function` per place),
// so that a project that declined it once is not asked again when the code around it moves, grows or regroups — a
// copy pair whose clone class takes another name, two files' shared blocks split back into single duplicates. A later
// draft is declined when every place it names lies within one declined proposal's anchors; a draft that names a new
// place (a third copy) is new information and is proposed.
import { listFunctions } from './functions.js';
import type { Finding, Location, SourceFile } from './types.js';
import type { Refactor } from './proposal-text/index.js';

/**
 * Cycles are named by their members already; every other refactor by the function (or file) of each place, its
 * findings' and every other place the proposal shows (`shown`: the siblings folded in, the `min` twins beside the `max`
 * copies), so that declining it covers all it showed.
 */
export function anchorsOf(refactor: Refactor, shown: readonly Location[] = [], file?: (path: string) => SourceFile | undefined): string[] {
  if (refactor.kind === 'cycle') return [];
  const kind = refactor.fingerprint.slice(0, refactor.fingerprint.indexOf(':'));
  const places = [
    ...refactor.members.map((m: Finding) => `${kind}:${m.path}#${m.symbol ?? ''}`),
    ...shown.map((l) => `${kind}:${l.path}#${symbolAt(l, file?.(l.path))}`),
  ];
  return [...new Set(places)].sort();
}

/** The innermost function holding the whole place, as the analyzers name it (`Class.method`); '' outside any. */
function symbolAt(place: Location, file: SourceFile | undefined): string {
  let best: { name: string; size: number } | undefined;
  for (const f of file ? listFunctions(file) : []) {
    const size = f.endLine - f.startLine;
    if (f.startLine <= place.startLine && f.endLine >= place.endLine && (!best || size < best.size)) best = { name: f.name, size };
  }
  return best?.name ?? '';
}

/** Whether a draft's every anchor lies within the anchors of one declined proposal. */
export function withinDeclined(anchors: readonly string[] | undefined, declined: readonly (readonly string[])[]): boolean {
  if (!anchors || anchors.length === 0) return false;
  return declined.some((covered) => {
    const set = new Set(covered);
    return anchors.every((a) => set.has(a));
  });
}
