// Two same-named functions in two files that share part of their body have drifted: keep the fuller one and import
// it, whatever the size of the shared part (docs/audit-quality.md, fifth round: the SDK's `atomicWriteFile`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoredProposals } from '../../src/audit/index.js';
import { duplicateFindings } from '../../support/audit/helpers.js';

const SHARED = `  const temp = \`\${target}.\${process.pid}.tmp\`;
  const handle = await open(temp, 'w');
  await handle.writeFile(content);
  await handle.close();
  await rename(temp, target);
`;
const FULL = `import { chmod, open, rename, stat } from 'node:fs/promises';
export async function atomicWriteFile(target: string, content: string): Promise<void> {
  const mode = (await stat(target)).mode;
${SHARED}  await chmod(target, mode);
}
`;
const LOST = `import { open, rename } from 'node:fs/promises';
async function atomicWriteFile(target: string, content: string): Promise<void> {
${SHARED}}
export async function save(target: string, text: string): Promise<void> {
  await atomicWriteFile(target, text);
}
`;

test('same-named functions in two files that share a short copy are proposed as one: keep the fuller, import it', () => {
  const files = [
    { path: 'src/fs-util.ts', content: FULL },
    { path: 'src/memory/node.ts', content: LOST },
  ];
  const findings = duplicateFindings(
    'd',
    { path: 'src/fs-util.ts', startLine: 4, endLine: 8 },
    { path: 'src/memory/node.ts', startLine: 3, endLine: 7 },
  );
  const [proposal] = scoredProposals(findings, files);
  assert.ok(proposal, 'one proposal');
  assert.equal(proposal.belowBar, undefined, proposal.belowBar);
  assert.match(proposal.draft.title, /Keep one `atomicWriteFile`/);
  assert.match(proposal.draft.fix ?? '', /^Import `atomicWriteFile` \(exported already\) from src\/fs-util\.ts in src\/memory\/node\.ts/);
  assert.match(proposal.draft.fix ?? '', /only the copy in src\/fs-util\.ts does \(lines 3 and 9\)/, proposal.draft.fix);
  const unexported = files.map((f) => ({
    ...f,
    content: f.content.replace('export async function atomicWriteFile', 'async function atomicWriteFile'),
  }));
  const [exporting] = scoredProposals(findings, unexported);
  assert.match(exporting?.draft.fix ?? '', /^Export `atomicWriteFile` from src\/fs-util\.ts and import it in src\/memory\/node\.ts/);
});

test('differently named functions sharing the same short copy stay a finding', () => {
  const files = [
    { path: 'src/fs-util.ts', content: FULL },
    { path: 'src/memory/node.ts', content: LOST.replaceAll('atomicWriteFile', 'writeAtomically') },
  ];
  const findings = duplicateFindings(
    'd',
    { path: 'src/fs-util.ts', startLine: 4, endLine: 8 },
    { path: 'src/memory/node.ts', startLine: 3, endLine: 7 },
  );
  const [proposal] = scoredProposals(findings, files);
  assert.ok(proposal?.belowBar, 'two 5-line copies stay below the bar');
});
