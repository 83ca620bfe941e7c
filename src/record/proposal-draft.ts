// The fields an audit drafts for a proposal, as `proposal.created` and `proposal.refreshed` carry them and a
// proposal row keeps them: copied field by field, an absent `fix` or `anchors` stays absent (never `undefined`).
import type { EventData } from './events.js';

export type DraftFields = Omit<EventData<'proposal.refreshed'>, 'id'>;

export function draftFields(d: DraftFields): DraftFields {
  const { title, why, evidence, size, risk, acceptance, fix, related, anchors } = d;
  return {
    title,
    why,
    evidence,
    size,
    risk,
    acceptance,
    ...(fix !== undefined ? { fix } : {}),
    related,
    ...(anchors !== undefined ? { anchors } : {}),
  };
}
