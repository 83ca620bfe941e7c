// The record's id schemas (zod); the prefixes and kindOfId live in id-kinds.ts, without zod.
import { z } from 'zod';
import { ID_PREFIXES, type EntityKind } from './id-kinds.js';

export { ID_PREFIXES, kindOfId, type EntityKind, type IdPrefix } from './id-kinds.js';

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

/** A git commit id (full or abbreviated): nothing else from the record is handed to git as a revision. */
export const commitId = z.string().regex(/^[0-9a-f]{7,64}$/, 'a git commit id');
