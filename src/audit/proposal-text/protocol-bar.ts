// Copies that are a few instances of a protocol written in many more places (suggest/protocol.ts): a helper for the copies
// alone leaves the protocol written out in the rest, so only one helper for every place would be worth proposing.
import { protocolOf } from '../suggest/protocol.js';
import { listOf } from '../suggest/words.js';
import type { Location } from '../types.js';
import { at, type CodeIndex } from './context.js';

/** Why the copies stay a finding: the protocol they write is written in more places than them, beside them. */
export function protocolBar(copies: readonly Location[], index: CodeIndex): string | undefined {
  const protocol = protocolOf(copies, index);
  // More places outside the copies than copies: a helper for the copies would serve under half of the protocol's places,
  // a second way of writing it beside the written-out one rather than the protocol written once.
  if (!protocol || protocol.places.length <= copies.length) return undefined;
  const all = copies.length + protocol.places.length;
  const interleaved = protocol.places.filter((p) => p.interleaved).length;
  const steps = protocol.steps.map((s) => `\`${s}\``).join(' … ');
  const others = listOf(
    protocol.places.map((p) => `\`${p.name}\` (${at(p.at)})`),
    3,
  );
  return (
    `the block is part of a protocol written in ${all} places (${steps})` +
    `${interleaved > 0 ? `, ${interleaved} of them with other code between its steps` : ''}: ` +
    `a helper for these ${copies.length} leaves the other ${protocol.places.length} (${others}); ` +
    `only one for all ${all}, taking what lies between the steps as a callback, would be worth proposing`
  );
}
