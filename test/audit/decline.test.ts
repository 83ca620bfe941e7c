// Declined for good, on a real record and a real tree: a proposal a human declines once is not proposed again after
// edits around it — lines inserted above, the copy grown by a statement — and neither are the findings it splits into
// when two files' shared blocks regroup, which a plain rejection (by fingerprint) lets back in. The canary is
// Crucible's own `chunk` / `chunks` copy (src/model/scripted.ts and src/model/loopback-sse.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decideProposalOp, localCaller } from '../../src/app/operations/index.js';
import { workspaceServices } from '../../src/app/services.js';
import { parseAuditConfig } from '../../src/audit/config.js';
import { rankedDrafts } from '../../src/audit/proposals.js';
import { recordAudit } from '../../src/audit/record-audit.js';
import { runAudit } from '../../src/audit/run.js';
import type { Workspace } from '../../src/workspace/open.js';
import { repoRoot } from '../../support/helpers/child.js';
import { withWorkspaceTree } from './workspace-tree.js';

const onlyDuplication = parseAuditConfig(
  Object.fromEntries(
    ['size', 'complexity', 'cycles', 'untested', 'unusedExports', 'anyDensity', 'markers'].map((name) => [name, { enabled: false }]),
  ),
);

const audit = async (ws: Workspace, dir: string) => recordAudit(ws.store, await runAudit(dir, onlyDuplication), 'human');
const decide = (ws: Workspace, id: string, verdict: 'reject' | 'decline', reason?: string) =>
  localCaller({ ws, services: workspaceServices(ws), actor: 'human' }).call(decideProposalOp, {
    id,
    verdict,
    ...(reason !== undefined ? { reason } : {}),
  });
const titles = (ws: Workspace, ids: string[]) => ids.map((id) => ws.store.view.get('proposals', id)?.title ?? id);

test('the canary: chunk / chunks, declined once, stays declined after lines are inserted above it and the copy grows', async () => {
  const sse = await readFile(join(repoRoot, 'src/model/loopback-sse.ts'), 'utf8');
  const scripted = await readFile(join(repoRoot, 'src/model/scripted.ts'), 'utf8');
  await withWorkspaceTree({ 'src/model/loopback-sse.ts': sse, 'src/model/scripted.ts': scripted }, async (ws, dir) => {
    const first = await audit(ws, dir);
    const canary = first.created.find((id) => /`chunk`.*`chunks`|`chunks`.*`chunk`/.test(ws.store.view.get('proposals', id)?.title ?? ''));
    assert.ok(canary, `chunk / chunks is proposed: ${titles(ws, first.created).join(' | ')}`);
    // Neither module imports the other: the function moves to a module both import, not production onto the test server's.
    assert.match(ws.store.view.get('proposals', canary)?.title ?? '', /^Move `chunks` into src\/model\/chunks\.ts for `chunk` to import/);
    await assert.rejects(decide(ws, canary, 'decline'), /needs a reason/);
    await assert.rejects(decide(ws, canary, 'decline', '   '), /needs a reason/);
    await decide(ws, canary, 'decline', 'kept on purpose: the self-audit canary');
    const row = ws.store.view.get('proposals', canary);
    assert.equal(row?.status, 'rejected');
    assert.equal(row?.declined, true);
    assert.equal(row?.resolution, 'kept on purpose: the self-audit canary');
    // Nearby edits: a helper inserted above `chunk`, and its parameter renamed.
    const path = join(dir, 'src/model/scripted.ts');
    const edited = (await readFile(path, 'utf8'))
      .replace(
        'function chunk(text: string, size: number): string[] {',
        'const twice = (n: number): number => n * 2;\n\nfunction chunk(text: string, width: number): string[] {',
      )
      .replace(
        'for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));',
        'for (let i = 0; i < text.length; i += width) out.push(text.slice(i, i + width));',
      );
    assert.notEqual(edited, scripted, 'the edit applies');
    await writeFile(path, edited);
    const result = await runAudit(dir, onlyDuplication);
    const { drafts, proposable } = rankedDrafts(result.findings, result.files);
    assert.ok(
      drafts.slice(0, proposable).some((d) => /`chunk`/.test(d.title)),
      'the edited copy is still worth proposing: only the decline keeps it out',
    );
    const again = await recordAudit(ws.store, result, 'human');
    assert.deepEqual(
      titles(ws, again.created).filter((t) => /chunk/.test(t)),
      [],
      'not proposed again',
    );
    // Validated: only an open or rejected proposal can be declined, and the record says why not.
    await assert.rejects(decide(ws, 'P-999', 'decline', 'x'), /does not exist/);
  });
});

const block = (name: string, op: string, k: number) => `export function ${name}(items: number[]): number {
  let total = ${k};
  for (const item of items) {
    if (item > ${k + 10}) {
      total ${op}= item * 2;
    } else if (item > ${k + 5}) {
      total ${op}= item + 3;
    } else {
      total -= 1;
    }
  }
  const rounded = Math.round(total * 100) / 100;
  return rounded > 1000 ? 1000 : rounded;
}
`;
// Between the copies, code of another shape in each file, so each copy is a block of its own.
const between = (side: string, i: number) =>
  side === 'a'
    ? `export const note${i} = 'a${i}';\n\n`
    : `export function other${i}(a: string): boolean {\n  return a.length > ${i};\n}\n\n`;
const forked = (side: 'a' | 'b', third = true) =>
  [
    block(`${side}Sum`, '+', 1),
    between(side, 1),
    block(`${side}Scale`, '*', 2),
    between(side, 2),
    third ? block(`${side}Shift`, '-', 3) : `export const ${side}Shift = (items: number[]): number => items.length;\n`,
  ].join('');

test("two files' shared blocks declined as one proposal stay declined when they split into single copies; a rejection does not", async () => {
  for (const verdict of ['reject', 'decline'] as const) {
    await withWorkspaceTree({ 'src/a.ts': forked('a'), 'src/b.ts': forked('b') }, async (ws, dir) => {
      const first = await audit(ws, dir);
      assert.equal(first.created.length, 1, titles(ws, first.created).join(' | '));
      const [id] = first.created as [string];
      assert.match(ws.store.view.get('proposals', id)?.title ?? '', /src\/a\.ts and src\/b\.ts/);
      await decide(ws, id, verdict, 'the two files are kept apart on purpose');
      // One copied block edited away: the other two are proposed one by one, under new fingerprints.
      await writeFile(join(dir, 'src/b.ts'), forked('b', false));
      const again = await audit(ws, dir);
      if (verdict === 'reject') assert.ok(again.created.length > 0, 'a rejection covers only its own fingerprint');
      else assert.deepEqual(titles(ws, again.created), [], 'a decline covers every finding within its places');
    });
  }
});
