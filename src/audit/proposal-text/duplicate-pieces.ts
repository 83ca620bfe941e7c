// Two functions copied in pieces: a clone class whose copies pair off one to one (read's stat guard matches edit's, and
// read's catch matches edit's, but never a guard with a catch). That is not N copies of one block: each pair is a block
// of its own, and the one worth a helper is the pair with the most whole statements at the same place.
import { copiesOf } from '../proposal-units.js';
import type { Finding, Location } from '../types.js';
import { lineSpan, type CodeIndex } from './context.js';
import { wholeCopies } from './duplicate-bar.js';

export interface Piece {
  /** The pair to describe, as found (the describer snaps it). */
  pair: [Location, Location];
  /** The other pairs of the same two stretches of code, as found. */
  others: Array<[Location, Location]>;
}

/** The copies paired off one to one, when every copy belongs to exactly one pair and there are two pairs or more. */
export function pairsOf(members: readonly Finding[]): Array<[Location, Location]> | undefined {
  const copies = copiesOf(members);
  const copyOf = (l: Location): number =>
    copies.findIndex((c) => c.path === l.path && c.startLine <= l.startLine && c.endLine >= l.endLine);
  const pairs = new Map<string, [number, number]>();
  for (const member of members) {
    const twin = member.related?.length === 1 ? member.related[0] : undefined;
    if (!twin) return undefined;
    const ends = [copyOf(member), copyOf(twin)].sort((x, y) => x - y) as [number, number];
    if (ends[0] < 0 || ends[0] === ends[1]) return undefined;
    pairs.set(ends.join(' '), ends);
  }
  const used = [...pairs.values()].flat();
  if (pairs.size < 2 || new Set(used).size !== used.length || used.length !== copies.length) return undefined;
  return [...pairs.values()].map(([x, y]) => [copies[x], copies[y]] as [Location, Location]);
}

/** The pair whose copies keep the most lines once cut back to whole statements; undefined when no pair keeps any. */
export function bestPiece(members: readonly Finding[], index: CodeIndex): Piece | undefined {
  const pairs = pairsOf(members);
  if (!pairs) return undefined;
  const kept = pairs.map((pair) => {
    const snapped = wholeCopies(pair, index);
    return snapped ? Math.min(...snapped.map(lineSpan)) : 0;
  });
  const best = kept.indexOf(Math.max(...kept));
  if ((kept[best] ?? 0) === 0) return undefined;
  return { pair: pairs[best] as [Location, Location], others: pairs.filter((_, i) => i !== best) };
}
