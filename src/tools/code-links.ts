// Code links recorded once: linking the same lines of the same file to the same
// entity, for the same task, at the same commit and with the same content again
// (a resumed run replaying its steps, a human running `crucible link` twice)
// returns the link the record already holds instead of adding L-4 beside L-1.
// Content that changed is a new claim, so a different hash still makes a new link.
import type { EventStore } from '../record/event-store.js';
import type { EventDraftOf } from '../record/events.js';
import type { CodeLink } from '../record/tables.js';

type LinkDraft = EventDraftOf<'link.added'>['data'];

export interface LinkOutcome {
  id: string;
  /** The sequence number of the new event; absent when the link already existed. */
  seq?: number;
  existing: boolean;
}

const sameRange = (a: CodeLink['range'], b: LinkDraft['range']): boolean =>
  (a === undefined && b === undefined) || (a !== undefined && b !== undefined && a.start === b.start && a.end === b.end);

/** The link the record already holds for exactly this draft, if any. */
export function sameLink(links: Iterable<CodeLink>, draft: LinkDraft): CodeLink | undefined {
  for (const link of links) {
    if (
      link.entity === draft.entity &&
      link.path === draft.path &&
      link.rel === (draft.rel ?? 'implements') &&
      link.taskId === draft.taskId &&
      link.commit === draft.commit &&
      link.hash === draft.hash &&
      sameRange(link.range, draft.range)
    )
      return link;
  }
  return undefined;
}

/** Appends `link.added` unless the same link is already recorded. */
export async function linkOnce(store: EventStore, actor: string, draft: LinkDraft): Promise<LinkOutcome> {
  const found = sameLink(store.view.rows('links'), draft);
  if (found) return { id: found.id, existing: true };
  const event = await store.append({ type: 'link.added', actor, data: draft });
  return { id: event.data.id, seq: event.seq, existing: false };
}
