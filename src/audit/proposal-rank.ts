// Size, risk and rank of a proposal, all from the change it asks for: how
// many lines and files it touches, how many importers it reaches, whether
// tests cover the code. Rank is value over risk, value scaled up a little
// for modules many others import.
import type { Change } from './proposal-text/context.js';

export type Size = 'S' | 'M' | 'L';
export type Risk = 'low' | 'medium' | 'high';

export function sizeOf(change: Change): Size {
  if (change.lines <= 40 && change.files <= 2) return 'S';
  if (change.lines <= 200 && change.files <= 4) return 'M';
  return 'L';
}

/** One point each for: several files, importers to update (two past 5), untested code, a large edit. */
export function riskPoints(change: Change): number {
  return (
    (change.files > 2 ? 1 : 0) +
    (change.reach > 5 ? 2 : change.reach > 0 ? 1 : 0) +
    (change.untested ? 1 : 0) +
    (change.lines > 200 ? 1 : 0)
  );
}

export function riskOf(change: Change): Risk {
  const points = riskPoints(change);
  return points === 0 ? 'low' : points <= 2 ? 'medium' : 'high';
}

/** Value over risk; `importers` is how many modules import the most central file of the change. */
export function scoreOf(value: number, change: Change, importers: number): number {
  const centrality = 1 + 0.2 * Math.log2(1 + importers);
  return (value * centrality) / (1 + riskPoints(change));
}
