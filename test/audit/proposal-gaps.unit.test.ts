// Between two copied blocks inside one function (verdicts-7.md, SDK 2): Beta's parser adds a deprecated `parsed`
// getter where GA returns the block. The copies are pieces of one function cut around it, so a shared body written
// from the copies alone drops it: the fix names that stretch on both sides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourceFile } from '../../src/audit/index.js';
import { codeIndex } from '../../src/audit/code-index.js';
import { describeSharedFiles } from '../../src/audit/proposal-text/shared-files.js';
import { copyGaps, showGap } from '../../src/audit/proposal-text/copy-gaps.js';
import { duplicateFindings } from '../../support/audit/helpers.js';

const HEAD = `export function mapBlocks(blocks: Array<{ type: string; text: string }>, warn: (m: string) => void) {
  let first: unknown = null;
  const out = blocks.map((block) => {
    if (block.type === 'text') {
      const parsed = JSON.parse(block.text) as unknown;
      if (first === null) first = parsed;
      const withOutput = Object.defineProperty({ ...block }, 'parsed_output', { value: parsed, enumerable: false });
`;
const TAIL = `    }
    return block;
  });
  return { out, first };
}
`;
const beta: SourceFile = {
  path: 'src/beta.ts',
  content:
    HEAD +
    `      return Object.defineProperty(withOutput, 'parsed', {
        get() {
          warn('deprecated: use parsed_output');
          return parsed;
        },
      });
` +
    TAIL,
};
const ga: SourceFile = { path: 'src/ga.ts', content: `${HEAD}      return withOutput;\n${TAIL}` };
const range = (file: SourceFile, startLine: number, endLine: number) => ({ path: file.path, startLine, endLine });
// The copies: the head (1-7) and the tail after the getter (beta 14-18 / ga 9-13).
const findings = [
  ...duplicateFindings('head', range(beta, 1, 7), range(ga, 1, 7)),
  ...duplicateFindings('tail', range(beta, 14, 18), range(ga, 9, 13)),
];

test('the code each file writes between two copies in one function is named on both sides', () => {
  const index = codeIndex([beta, ga], findings);
  assert.deepEqual(copyGaps(findings, 'src/beta.ts', index).map(showGap), ['src/beta.ts:8-13 / src/ga.ts:8']);
  const words = describeSharedFiles({ kind: 'shared-files', fingerprint: 'shared-files:x', members: findings }, index);
  assert.match(words.fix, /own code \(src\/beta\.ts:8-13 \/ src\/ga\.ts:8\): keep it behind a hook each file passes in/, words.fix);
});

test('the same code between the copies, wrapped differently, is no difference', () => {
  const wrapped: SourceFile = { ...ga, content: beta.content.replace("'parsed', {", "'parsed',\n        {") };
  const tail = [
    ...duplicateFindings('head', range(beta, 1, 7), range(wrapped, 1, 7)),
    ...duplicateFindings('tail', range(beta, 14, 18), range(wrapped, 15, 19)),
  ];
  assert.deepEqual(copyGaps(tail, 'src/beta.ts', codeIndex([beta, wrapped], tail)), []);
});
