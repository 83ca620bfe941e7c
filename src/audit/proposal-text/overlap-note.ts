// The line a proposal gains for a shorter copied stretch that overlaps its copies (docs/audit-quality.md, tenth and
// eleventh rounds): a copy of the stretch that reaches past the proposal's copies goes in the same change, the helper
// may take in its extra lines. A copy lying wholly inside the proposal's copies is already part of the change: naming it
// is noise. A copy of the stretch elsewhere continues with other code (`this.log(…)` where the copies go on to
// `restoreLastOutput()`), so the helper does not replace it: it is named apart, only beside a copy the change takes in.
import { linesApart } from '../../shared/location.js';
import type { Location } from '../types.js';
import { at } from './context.js';
import { listOf } from '../suggest/words.js';

/** `mine`: the overlapping duplicate's copies; `host`: the copies of the proposal that takes them in. Empty: nothing to say. */
export function overlapNote(mine: readonly Location[], host: readonly Location[]): string {
  const overlapping = mine.filter((c) => host.some((h) => h.path === c.path && linesApart(h, c) <= 0));
  const outside = mine.filter((c) => !overlapping.includes(c));
  const reaching = overlapping.filter((c) => !host.some((h) => h.path === c.path && h.startLine <= c.startLine && c.endLine <= h.endLine));
  if (reaching.length === 0) return '';
  const several = reaching.length > 1;
  const same =
    `${several ? 'Overlapping copies' : 'An overlapping copy'} of another stretch ${several ? 'go' : 'goes'} in the same change: ` +
    `${reaching.map(at).join(', ')}.`;
  if (outside.length === 0) return same;
  const one = outside.length === 1;
  return (
    `${same} ${listOf(outside.map(at), 3)} ${one ? 'repeats' : 'repeat'} that stretch outside these copies and ` +
    `${one ? 'goes' : 'go'} on differently: not part of this change (a separate refactor, if any).`
  );
}
