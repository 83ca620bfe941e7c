// The record's id prefixes and `kindOfId`, without zod: read paths (queries, the
// TUI's first frame) need them, and loading zod for them would cost start-up.
// The id schemas built from these prefixes live in ids.ts.

/** Prefixes of the record's entity ids: R-1 requirement, D-1 decision, T-1 task, ... */
export const ID_PREFIXES = {
  requirement: 'R',
  decision: 'D',
  task: 'T',
  memory: 'M',
  proposal: 'P',
  judgment: 'J',
  link: 'L',
} as const;

export type EntityKind = keyof typeof ID_PREFIXES;
export type IdPrefix = (typeof ID_PREFIXES)[EntityKind];

const KIND_OF_PREFIX = new Map<string, EntityKind>(Object.entries(ID_PREFIXES).map(([kind, prefix]) => [prefix, kind as EntityKind]));
const ANY_ID = /^[A-Z]-[1-9][0-9]*$/;

export function kindOfId(id: string): EntityKind | undefined {
  // Called for every reference in every replayed event: one map lookup and one test, no allocation.
  const kind = KIND_OF_PREFIX.get(id.charAt(0));
  return kind !== undefined && ANY_ID.test(id) ? kind : undefined;
}
