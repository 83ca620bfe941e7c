// A proposal's anchors (see declined.ts): made while drafting, which parses the files behind them. Kept apart from
// declined.ts, which recording reads on every audit: a warm audit loads no compiler.
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
