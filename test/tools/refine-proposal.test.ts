// refine_proposal: the auditor agent rewrites a static proposal's text; the record refuses what it may not refine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { executeTool } from '../../src/tools/registry.js';
import { toolWorld } from '../helpers/tool-context.js';

const staticProposal = (fingerprint: string) => ({
  type: 'proposal.created' as const,
  actor: 'human',
  data: { title: 'Split parse', why: 'parse is long', evidence: ['src/a.ts:1-90'], fingerprint },
});

test('refine_proposal rewrites the fields it is given and refuses unknown, rejected, closed and model proposals', async () => {
  const w = await toolWorld();
  try {
    const ctx = w.ctx('auditor');
    await w.store.appendAll([staticProposal('size:a'), staticProposal('size:b'), staticProposal('size:c')]);
    await w.store.appendAll([
      { type: 'proposal.rejected', actor: 'human', data: { id: 'P-2', reason: 'intended' } },
      { type: 'proposal.closed', actor: 'human', data: { id: 'P-3', reason: 'gone' } },
    ]);
    const model = await executeTool(
      'propose_improvement',
      { title: 'One rules table', why: 'magic numbers', evidence: ['src/a.ts:4-8'], acceptance: ['the tests pass'] },
      ctx,
    );
    assert.ok(model.ok);

    const done = await executeTool('refine_proposal', { id: 'P-1', why: 'parse reads the header and the body', size: 'S' }, ctx);
    assert.deepEqual(done, { ok: true, content: 'refined P-1: why, size' });
    const p = w.store.view.get('proposals', 'P-1');
    assert.equal(p?.why, 'parse reads the header and the body');
    assert.equal(p?.size, 'S');
    assert.equal(p?.title, 'Split parse', 'fields not given are kept');
    assert.deepEqual([p?.refined, p?.refinedBy], [['why', 'size'], 'auditor']);

    const codeOf = async (input: unknown) => {
      const r = await executeTool('refine_proposal', input, ctx);
      return r.ok ? 'ok' : r.code;
    };
    assert.equal(await codeOf({ id: 'P-1' }), 'bad-input', 'nothing to change');
    assert.equal(await codeOf({ id: 'P-1', colour: 'red' }), 'bad-input', 'unknown field');
    assert.equal(await codeOf({ id: 'P-1', size: 'XL' }), 'bad-input');
    assert.equal(await codeOf({ id: 'P-99', why: 'x' }), 'unknown-id');
    assert.equal(await codeOf({ id: 'P-2', why: 'x' }), 'illegal-transition', 'rejected');
    assert.equal(await codeOf({ id: 'P-3', why: 'x' }), 'illegal-transition', 'closed');
    assert.equal(await codeOf({ id: 'P-4', why: 'x' }), 'not-static', 'a design proposal of the model');
    assert.equal(w.store.view.get('proposals', 'P-1')?.why, 'parse reads the header and the body', 'refusals changed nothing');
    assert.equal((await w.store.rebuild()).equal, true);
  } finally {
    await w.cleanup();
  }
});
