// Copies in two parts of a tree, one of which already imports from the other (an adapter and the core it uses, reached
// through a barrel's `export … from`): the helper goes beside the core's copy, not into the root both share
// (docs/audit-quality.md, "Ninth round").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoredProposals, type SourceFile } from '../../src/audit/index.js';
import { copiesAt } from '../../support/audit/helpers.js';

const withId = (fn: string, head: string) => `${head}
export function ${fn}(input: unknown, lastEventId: string | undefined) {
  if (lastEventId) {
    if (typeof input === 'object') {
      input = { ...(input as object), lastEventId };
    } else {
      input ??= { lastEventId };
    }
  }
  log(input);
  return input;
}
`;

const tree = (adapterHead: string): SourceFile[] => [
  { path: 'src/adapters/ws.ts', content: withId('handleRequest', adapterHead) },
  { path: 'src/core/http/content.ts', content: withId('getRawInput', "import { log } from '../log';") },
  { path: 'src/core/log.ts', content: 'export const log = (x: unknown) => x;\n' },
  { path: 'src/server.ts', content: "export { log } from './core/log';\n" },
];

test("the helper goes beside the copy whose part of the tree the other's file already imports, through a barrel", () => {
  const findings = copiesAt('ly', ['src/adapters/ws.ts', 3, 10], ['src/core/http/content.ts', 3, 10]);
  const [layered] = scoredProposals(findings, tree("import { log } from '../server';"));
  assert.match(
    layered?.draft.fix ?? '',
    /in src\/core\/http\/ \(src\/adapters\/ws\.ts already imports from src\/core\/; content\.ts imports nothing from src\/adapters\/\)/,
  );
  // Neither part imports the other: a module both can import, under the folder they share.
  const [shared] = scoredProposals(findings, tree('declare const log: (x: unknown) => unknown;'));
  assert.match(shared?.draft.fix ?? '', /in src\/ \(a module both files can import\)/, shared?.draft.fix);
});
