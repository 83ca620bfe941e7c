// Copies with no difference: the why says how alike all of them are; the fix says "the first two copies are identical
// token for token" only when a further copy is not (docs/audit-quality/verdicts-10.md: said of three identical copies, it
// read as if the third differed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copiesAt, firstDraft } from '../../support/audit/helpers.js';

const notify = (name: string, guard: string) => `export function ${name}(change: object, notify: boolean, notifySpy: boolean) {
  if (${guard}) {
    spyReportStart(change);
  }
  if (notify) {
    notifyListeners(change);
  }
  if (${guard}) {
    spyReportEnd();
  }
}
`;
const declarations =
  'declare const DEV: boolean;\ndeclare function spyReportStart(c: object): void;\n' +
  'declare function spyReportEnd(): void;\ndeclare function notifyListeners(c: object): void;\n';

/** The draft for three copies of the block, the third's guard written `third`. */
const draftFor = (third: string) => {
  const content = `${notify('remove', 'DEV && notifySpy')}${notify('add', 'DEV && notifySpy')}${notify('insert', third)}`;
  const files = [
    { path: 'src/notify.ts', content },
    { path: 'src/decl.ts', content: declarations },
  ];
  return firstDraft(copiesAt('n', ['src/notify.ts', 2, 10], ['src/notify.ts', 13, 21], ['src/notify.ts', 24, 32]), files);
};

test('the first two copies identical and the third with its operands swapped: the fix says the first two are identical', () => {
  const draft = draftFor('notifySpy && DEV');
  assert.match(draft.why ?? '', /alike but for local names or swapped operands/, draft.why);
  assert.match(draft.fix ?? '', /The first two copies are identical token for token\./, draft.fix);
});

test('three copies identical token for token: the why says so of all three, and the fix says nothing of "the first two"', () => {
  const draft = draftFor('DEV && notifySpy');
  assert.match(draft.why ?? '', /written 3 times \(.*\), token for token\./, draft.why);
  assert.doesNotMatch(draft.fix ?? '', /first two copies/, draft.fix);
});
