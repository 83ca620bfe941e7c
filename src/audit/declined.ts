// Declined for good: where a proposal is, in terms that survive edits (its anchors: `analyzer:path#function` per place),
// so that a project that declined it once is not asked again when the code around it moves, grows or regroups — a
// copy pair whose clone class takes another name, two files' shared blocks split back into single duplicates. A later
// draft is declined when every place it names lies within one declined proposal's anchors; a draft that names a new
// place (a third copy) is new information and is proposed. The anchors are made in anchors.ts, with the drafts.

/** Whether a draft's every anchor lies within the anchors of one declined proposal. */
export function withinDeclined(anchors: readonly string[] | undefined, declined: readonly (readonly string[])[]): boolean {
  if (!anchors || anchors.length === 0) return false;
  return declined.some((covered) => {
    const set = new Set(covered);
    return anchors.every((a) => set.has(a));
  });
}
