// A proposal's size, counted as a maintainer would do the change (docs/audit-quality.md, tenth round): a 2–3-copy
// extraction of ≤ 15 lines in one or two files is S — the helper is written once and lives beside the copies — while a
// helper of many lines across files still needs a module of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoredProposals } from '../../src/audit/index.js';
import { copiesAt } from '../../support/audit/helpers.js';
import { extractionChange } from '../../src/audit/proposal-text/extraction-size.js';
import { sizeOf } from '../../src/audit/proposal-rank.js';

const register = (fn: string, field: string, body = '') => `export function ${fn}(holder: Holder, handler: Handler) {
  const handlers = holder.${field};
  if (handlers === undefined) {
    holder.${field} = [handler];
  } else {
    handlers.push(handler);
  }
${body}  return once(() => {
    const index = (holder.${field} ?? []).indexOf(handler);
    if (index !== -1) holder.${field}?.splice(index, 1);
  });
}
`;

test('two copies of 9 lines in two files are an S change, not M', () => {
  const files = [
    { path: 'src/types/intercept.ts', content: register('registerInterceptor', 'interceptors_') },
    { path: 'src/types/listen.ts', content: register('registerListener', 'changeListeners_') },
  ];
  const [proposal] = scoredProposals(copiesAt('sz', ['src/types/intercept.ts', 2, 10], ['src/types/listen.ts', 2, 10]), files);
  assert.ok(proposal);
  assert.equal(proposal.draft.size, 'S', `${proposal.draft.title} ${proposal.draft.size}`);
});

test('three copies of 15 lines in two files are S; four copies, or 30 lines across files, are not', () => {
  assert.equal(sizeOf(extractionChange(15, 3, 2, 2, false)), 'S');
  assert.equal(sizeOf(extractionChange(13, 2, 2, 3, false)), 'S');
  assert.notEqual(sizeOf(extractionChange(15, 4, 2, 2, false)), 'S');
  assert.notEqual(sizeOf(extractionChange(30, 2, 2, 2, false)), 'S');
});
