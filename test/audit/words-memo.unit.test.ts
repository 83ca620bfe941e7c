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

test("words that read a directory's functions (a family of same-shaped ones) are described again when a sibling changes", () => {
  // Two whole identical functions, and in another file of the directory a third of their shape once it has one.
  const check = (name: string, low: number, high: number) =>
    `export function ${name}(code: number): boolean {\n  const inRange = code >= ${low} && code <= ${high};\n` +
    '  if (!inRange) return false;\n  return code !== 0x7f && code > 0;\n}\n';
  const family = (withSibling: boolean): SourceFile[] => [
    { path: 'src/chars.ts', content: check('isCsi', 0x20, 0x2f) + check('isEsc', 0x20, 0x2f) },
    { path: 'src/other.ts', content: withSibling ? check('isFinal', 0x40, 0x7e) : 'export const other = 1;\n' },
    {
      path: 'src/main.ts',
      content: "import { isCsi, isEsc } from './chars.js';\nimport { other } from './other.js';\nconsole.log(isCsi, isEsc, other);\n",
    },
  ];
  const first = wordsMemo({});
  const before = words(family(false), first);
  assert.ok(
    Object.values(first.used).some((w) => (w.familyDirs ?? []).length > 0),
    'the alias words listed their directory',
  );
  const reused = wordsMemo(JSON.parse(JSON.stringify(first.used)));
  const after = words(family(true), reused);
  assert.deepEqual(after, words(family(true)), 'the words a fresh audit gives');
  assert.notDeepEqual(after, before, 'a sibling of the same shape changes what is said');
  assert.ok(reused.described() > 0, 'the family words were described again');
});
