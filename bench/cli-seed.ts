// A workspace for `npm run bench -- cli`: requirements, tasks that satisfy them,
// decisions, a pending judgment, and a few documents ingested for `crucible search`.
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventDraft } from '../src/record/events.js';
import { initWorkspace } from '../src/workspace/init.js';
import { openWorkspace } from '../src/workspace/open.js';

export interface Seeded {
  events: number;
  ingestMs: number;
}

const DOCS: Record<string, string> = {
  'docs/sessions.md': '# Sessions\n\nSessions are kept in signed cookies.\n\n## Expiry\n\nA session expires after 30 minutes idle.\n',
  'docs/storage.md':
    '# Storage\n\nDates are stored as ISO strings.\n\n## Backups\n\nThe database is backed up nightly to object storage.\n',
  'docs/api.md': '# API\n\n## Errors\n\nEvery error has a code, a message and a fix.\n\n## Paging\n\nLists page with a cursor.\n',
};

/** Seeds `dir` with about `tasks` tasks (and a tenth as many requirements and decisions); ingests the docs with `crucible`. */
export async function seedWorkspace(dir: string, tasks: number, crucible: string): Promise<Seeded> {
  await initWorkspace(dir);
  const ws = await openWorkspace({ dir });
  try {
    const groups = Math.max(1, Math.round(tasks / 10));
    const drafts: EventDraft[] = [];
    for (let g = 1; g <= groups; g++) {
      drafts.push({
        type: 'requirement.added',
        actor: 'human',
        data: { text: `requirement ${g}: users can do thing ${g}`, priority: 'must' },
      });
      drafts.push({
        type: 'decision.recorded',
        actor: 'human',
        data: { title: `decision ${g}`, rationale: `because of constraint ${g}`, context: '', choice: '' },
      });
    }
    for (let t = 1; t <= tasks; t++) {
      const req = `R-${((t - 1) % groups) + 1}`;
      drafts.push({ type: 'task.created', actor: 'human', data: { title: `task ${t}`, role: 'implementer', requirements: [req] } });
    }
    drafts.push({
      type: 'judgment.asked',
      actor: 'architect',
      data: { question: 'Cookies or tokens?', options: [{ label: 'cookies' }, { label: 'tokens' }], askedBy: 'architect' },
    });
    for (let i = 0; i < drafts.length; i += 200) await ws.store.appendAll(drafts.slice(i, i + 200));
  } finally {
    await ws.close();
  }
  for (const [path, text] of Object.entries(DOCS)) {
    await mkdir(join(dir, 'docs'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  const started = performance.now();
  const ingest = spawnSync(process.execPath, [crucible, 'ingest', 'docs', '--json'], { cwd: dir, encoding: 'utf8' });
  if (ingest.status !== 0) throw new Error(`crucible ingest failed: ${ingest.stderr}`);
  const ingestMs = performance.now() - started;
  const ws2 = await openWorkspace({ dir });
  const events = ws2.store.head();
  await ws2.close();
  return { events, ingestMs };
}
