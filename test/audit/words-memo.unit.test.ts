// Each refactor's words are kept between audits (src/audit/words-memo.ts): an edit re-describes only the refactors
// whose files changed, and the words are those a fresh description gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSources, parseAuditConfig, scoredProposals, type SourceFile } from '../../src/audit/index.js';
import { wordsMemo } from '../../src/audit/words-memo.js';
import { keyAdder } from '../../support/audit/helpers.js';

const config = parseAuditConfig({ duplication: { minTokens: 30, minLines: 4 } });
const tree = (label = 'now'): SourceFile[] => [
  { path: 'src/a.ts', content: keyAdder('addA') + keyAdder('addB') + keyAdder('addC') },
  // Literals are normalized for finding copies, so the findings stay the same when a label changes; the words do not.
  { path: 'src/b.ts', content: `${keyAdder('addD')}${keyAdder('addE')}${keyAdder('addF', label)}` },
  { path: 'src/main.ts', content: "import { addA } from './a.js';\nimport { addD } from './b.js';\nconsole.log(addA, addD);\n" },
];
const words = (files: SourceFile[], memo?: ReturnType<typeof wordsMemo>) =>
  scoredProposals(analyzeSources(files, config), files, memo?.describe).map((s) => [s.draft.title, s.draft.fix, s.tier, s.belowBar]);

test('an edit re-describes only the refactors whose files changed, with the words a fresh audit gives', () => {
  const first = wordsMemo({});
  const before = words(tree(), first);
  assert.ok(first.described() >= 2, `described ${first.described()}`);
  assert.deepEqual(before, words(tree()));

  const unchanged = wordsMemo(JSON.parse(JSON.stringify(first.used)));
  assert.deepEqual(words(tree(), unchanged), before);
  assert.equal(unchanged.described(), 0, 'nothing changed: every description comes from the memo');

  const edited = tree('total');
  assert.notDeepEqual(words(edited), before, 'the edit shows in the words');
  const afterEdit = wordsMemo(JSON.parse(JSON.stringify(first.used)));
  assert.deepEqual(words(edited, afterEdit), words(edited));
  const touchingB = Object.keys(afterEdit.used).length - Object.keys(unchanged.used).filter((k) => k in afterEdit.used).length;
  assert.ok(
    afterEdit.described() > 0 && afterEdit.described() < first.described(),
    `described ${afterEdit.described()} of ${first.described()}`,
  );
  assert.equal(afterEdit.described(), touchingB, 'exactly the refactors whose words are new were described');
});
