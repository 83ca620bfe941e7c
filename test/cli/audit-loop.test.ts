// The audit loop through the real CLI: `audit --model scripted` refines the best-ranked static proposal and
// `proposals show` prints it; the cap line; `proposals show` prints the fix and the related proposals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openWorkspace } from '../../src/workspace/open.js';
import { cli, cliJson, loggedEvents } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';
import { duplicatedBlock } from '../../support/audit/helpers.js';

async function project(fn: (dir: string) => Promise<void>): Promise<void> {
  const { dir, cleanup } = await tempDir();
  try {
    await cli(dir, 'init');
    await mkdir(join(dir, 'src'));
    await fn(dir);
  } finally {
    await cleanup();
  }
}

interface Shown {
  id: string;
  source: string;
  why: string;
  title: string;
  fix?: string;
  evidence: string[];
  refined?: string[];
  refinedBy?: string;
  relatedIds: string[];
}

test('audit --model scripted: the auditor refines the best-ranked static proposal, kept by the next audit', async () => {
  await project(async (dir) => {
    await writeFile(join(dir, 'src/a.ts'), duplicatedBlock('scoreA'));
    await writeFile(join(dir, 'src/b.ts'), duplicatedBlock('scoreB'));
    await writeFile(
      join(dir, 'auditor.yaml'),
      [
        'version: 1',
        'roles:',
        '  auditor:',
        '    - text: P-1 reads generic; the code says more.',
        '      tools:',
        '        - name: refine_proposal',
        '          input:',
        '            id: P-1',
        '            why: scoreA and scoreB apply the same four scoring rules; a change to one rule must be made twice.',
        '            fix: keep scoreA, export it as score, and make scoreB an alias of it',
        '        - name: refine_proposal',
        '          input: { id: P-99, why: no such proposal }',
        '    - text: That is all.',
      ].join('\n'),
    );
    const result = await cliJson<{ proposals: { created: string[] } }>(dir, 'audit', '--model', 'scripted', '--script', 'auditor.yaml');
    assert.ok(result.proposals.created.includes('P-1'));
    const refined = (await loggedEvents(dir)).filter((e) => e.type === 'proposal.refined');
    assert.deepEqual(
      refined.map((e) => [e.actor, e.data.id]),
      [['auditor', 'P-1']],
      'one refinement recorded; the unknown id was refused',
    );

    const shown = await cli(dir, 'proposals', 'show', 'P-1');
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /\nscoreA and scoreB apply the same four scoring rules; a change to one rule must be made twice\.\n/);
    assert.match(shown.stdout, /\nfix: keep scoreA, export it as score, and make scoreB an alias of it\n/);
    assert.match(shown.stdout, /\nrefined by auditor: why, fix\n/);

    // The code moves; the next static audit refreshes the lines and keeps the agent's words.
    const before = await cliJson<Shown>(dir, 'proposals', 'show', 'P-1');
    assert.equal(before.source, 'static');
    await writeFile(join(dir, 'src/a.ts'), `// moved down\n${await readFile(join(dir, 'src/a.ts'), 'utf8')}`);
    await cliJson(dir, 'audit');
    const after = await cliJson<Shown>(dir, 'proposals', 'show', 'P-1');
    assert.deepEqual([after.why, after.fix, after.refinedBy], [before.why, before.fix, 'auditor']);
    assert.notDeepEqual(after.evidence, before.evidence, "today's lines");
    const refreshed = (await loggedEvents(dir)).filter((e) => e.type === 'proposal.refreshed');
    assert.ok(refreshed.some((e) => e.data.id === 'P-1'));
  });
});

test('audit.proposals.max: the rest stay findings, with a line saying how many', async () => {
  await project(async (dir) => {
    // Dead code in each file is worth a proposal; the TODO beside it is below the bar (a finding only).
    for (const n of ['a', 'b', 'c'])
      await writeFile(join(dir, `src/${n}.ts`), `// TODO: finish ${n}\nexport function dead${n}(): number {\n  return 1;\n}\n`);
    const configPath = join(dir, '.crucible/config.json');
    const config = JSON.parse(await readFile(configPath, 'utf8')) as Record<string, unknown>;
    await writeFile(configPath, JSON.stringify({ ...config, audit: { proposals: { max: 1 } } }));
    const human = await cli(dir, 'audit');
    assert.equal(human.code, 0, human.stderr);
    const json = await cliJson<{ findings: unknown[]; proposals: { created: string[]; notProposed: { fingerprint: string }[] } }>(
      dir,
      'audit',
    );
    assert.ok(json.findings.length >= 3, 'every finding is still reported');
    assert.equal(json.proposals.created.length, 0, 'the first audit filled the cap');
    const open = await cliJson<unknown[]>(dir, 'proposals', 'list');
    assert.equal(open.length, 1);
    const n = json.proposals.notProposed.length;
    assert.ok(n >= 2);
    assert.match(
      human.stdout,
      new RegExp(`\\n${n} more proposals past the cap, kept as findings \\(raise audit\\.proposals\\.max to see them\\)\\n`),
    );
    assert.match(human.stdout, /\n3 more groups of findings below the proposal bar, kept as findings \(see docs\/audit\.md, "Proposals"\)/);
  });
});

test('proposals show prints the fix and the live related proposals; list stays one line each', async () => {
  await project(async (dir) => {
    const ws = await openWorkspace({ dir });
    try {
      const created = (fingerprint: string, related: string[], fix?: string) => ({
        type: 'proposal.created' as const,
        actor: 'human',
        data: {
          title: `About ${fingerprint}`,
          why: 'why\nin two lines',
          evidence: ['src/a.ts:1-9'],
          fingerprint,
          related,
          ...(fix ? { fix } : {}),
        },
      });
      await ws.store.appendAll([
        created('size:a', ['complexity:a', 'markers:gone'], 'extract parseHeader from parse'),
        created('complexity:a', ['size:a']),
      ]);
    } finally {
      await ws.close();
    }
    const shown = await cli(dir, 'proposals', 'show', 'P-1');
    assert.match(shown.stdout, /\nfix: extract parseHeader from parse\n/);
    assert.match(shown.stdout, /\nrelated: P-2\n/);
    assert.deepEqual((await cliJson<Shown>(dir, 'proposals', 'show', 'P-1')).relatedIds, ['P-2']);
    assert.doesNotMatch((await cli(dir, 'proposals', 'show', 'P-2')).stdout, /\nfix:/);
    const list = (await cli(dir, 'proposals', 'list')).stdout.trim().split('\n');
    assert.equal(list.length, 2);
  });
});
