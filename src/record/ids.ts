import { z } from 'zod';

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

const idPattern = (prefix: string) => new RegExp(`^${prefix}-[1-9][0-9]*$`);

export const idSchema = (kind: EntityKind) => z.string().regex(idPattern(ID_PREFIXES[kind]), `expected an id like ${ID_PREFIXES[kind]}-1`);

export const requirementId = idSchema('requirement');
export const decisionId = idSchema('decision');
export const taskId = idSchema('task');
export const memoryId = idSchema('memory');
export const proposalId = idSchema('proposal');
export const judgmentId = idSchema('judgment');
export const linkId = idSchema('link');

/** Any entity id the record knows (used by trace and link). */
export const anyEntityId = z.string().regex(/^[RDTMPJL]-[1-9][0-9]*$/, 'expected an id like R-1, D-2 or T-3');

const KIND_OF_PREFIX = new Map<string, EntityKind>(Object.entries(ID_PREFIXES).map(([kind, prefix]) => [prefix, kind as EntityKind]));
const ANY_ID = /^[A-Z]-[1-9][0-9]*$/;

export function kindOfId(id: string): EntityKind | undefined {
  // Called for every reference in every replayed event: one map lookup and one test, no allocation.
  const kind = KIND_OF_PREFIX.get(id.charAt(0));
  return kind !== undefined && ANY_ID.test(id) ? kind : undefined;
}
