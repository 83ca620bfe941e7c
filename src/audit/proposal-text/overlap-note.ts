// The line a proposal gains for a shorter copied stretch that overlaps its copies (docs/audit-quality.md, tenth round):
// only the copies inside the proposal's own copies go in the same change — they end the way the copies do. A copy of
// the stretch elsewhere continues with other code (`this.log(…)` where the copies go on to `restoreLastOutput()`), so the
// helper does not replace it: it is named apart, as a separate refactor if any, never as part of this one.
import { linesApart } from '../../shared/location.js';
import type { Location } from '../types.js';
import { at } from './context.js';
import { listOf } from '../suggest/words.js';

/** `mine`: the overlapping duplicate's copies; `host`: the copies of the proposal that takes them in. */
export function overlapNote(mine: readonly Location[], host: readonly Location[]): string {
  const inside = mine.filter((c) => host.some((h) => h.path === c.path && linesApart(h, c) <= 0));
  const outside = mine.filter((c) => !inside.includes(c));
  const same = `Overlapping copies of another stretch go in the same change: ${inside.map(at).join(', ')}.`;
  if (outside.length === 0) return same;
  const one = outside.length === 1;
  return (
    `${same} ${listOf(outside.map(at), 3)} ${one ? 'repeats' : 'repeat'} that stretch outside these copies and ` +
    `${one ? 'goes' : 'go'} on differently: not part of this change (a separate refactor, if any).`
  );
}
