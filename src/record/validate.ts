import type { z } from 'zod';
import { formatIssuePath } from '../shared/errors.js';
import { envelopeSchema, eventDataSchemas, isEventType, type RecordEvent } from './events.js';

export class EventSchemaError extends Error {
  constructor(
    readonly where: string,
    readonly detail: string,
  ) {
    super(`${where}: ${detail}`);
    this.name = 'EventSchemaError';
  }
}

const describe = (error: z.ZodError, prefix: string): string => {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return `${prefix}${formatIssuePath(issue.path)}: ${issue.message}`;
};

/** Validates an event at the boundary; throws EventSchemaError naming the field that is wrong. */
export function parseEvent(raw: unknown, where: string): RecordEvent {
  const env = envelopeSchema.safeParse(raw);
  if (!env.success) throw new EventSchemaError(where, describe(env.error, ''));
  const { type } = env.data;
  if (!isEventType(type)) throw new EventSchemaError(where, `unknown event type "${type}"`);
  const data = eventDataSchemas[type].safeParse(env.data.data);
  if (!data.success) throw new EventSchemaError(where, `${type}: ${describe(data.error, 'data.')}`);
  // The pairing of `type` and `data` is guaranteed by the lookup above; TypeScript cannot see it.
  return { ...env.data, type, data: data.data } as RecordEvent;
}

const ACTOR_PATTERN = /^[\w.:@/-]{1,120}$/;

/**
 * Validates a draft the writer is about to append. The envelope (seq, ts) is
 * made by the writer itself, so only the type, actor and data need checking.
 */
export function parseDraft(type: string, actor: string, data: unknown, seq: number, ts: string): RecordEvent {
  const where = `event ${type}`;
  if (!isEventType(type)) throw new EventSchemaError(where, `unknown event type "${type}"`);
  if (typeof actor !== 'string' || !ACTOR_PATTERN.test(actor)) {
    throw new EventSchemaError(where, `actor: "${String(actor)}" must be 1-120 letters, digits or . _ : @ / -`);
  }
  const parsed = eventDataSchemas[type].safeParse(data);
  if (!parsed.success) throw new EventSchemaError(where, `${type}: ${describe(parsed.error, 'data.')}`);
  // As in parseEvent: the lookup pairs type and data.
  return { seq, ts, type, actor, data: parsed.data } as RecordEvent;
}
