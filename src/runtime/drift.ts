// Stale-link detection: a code link vouches for the lines it was made (or
// last verified) against. When those lines change, or the file is gone, the
// link is stale, and so is every task and requirement that leans on it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { codeNode, type CodeLink } from '../record/tables.js';
import type { TableReader } from '../record/tx.js';
import { hashLines } from '../shared/hash.js';

export interface StaleLink {
  link: string;
  path: string;
  range: { start: number; end: number } | null;
  rel: 'implements' | 'verifies';
  entity: string;
  reason: 'changed' | 'missing';
  tasks: { id: string; title: string; status: string }[];
  requirements: { id: string; text: string }[];
}

/** Tasks and requirements that a link's entity stands for. */
function affected(view: TableReader, link: CodeLink): Pick<StaleLink, 'tasks' | 'requirements'> {
  const tasks = new Map<string, { id: string; title: string; status: string }>();
  const requirements = new Map<string, { id: string; text: string }>();
  const addTask = (id: string) => {
    const t = view.get('tasks', id);
    if (!t) return;
    tasks.set(t.id, { id: t.id, title: t.title, status: t.status });
    for (const r of t.requirements) {
      const req = view.get('requirements', r);
      if (req) requirements.set(r, { id: r, text: req.text });
    }
  };
  if (link.entity.startsWith('T-')) addTask(link.entity);
  if (link.entity.startsWith('R-')) {
    const req = view.get('requirements', link.entity);
    if (req) requirements.set(req.id, { id: req.id, text: req.text });
    for (const t of view.rows('tasks')) if (t.requirements.includes(link.entity)) addTask(t.id);
  }
  return { tasks: [...tasks.values()], requirements: [...requirements.values()] };
}

export async function findStaleLinks(view: TableReader, root: string): Promise<StaleLink[]> {
  const stale: StaleLink[] = [];
  const contents = new Map<string, string | undefined>();
  for (const link of view.rows('links')) {
    if (!link.hash) continue;
    if (!contents.has(link.path)) contents.set(link.path, await readFile(join(root, link.path), 'utf8').catch(() => undefined));
    const content = contents.get(link.path);
    const reason = content === undefined ? 'missing' : hashLines(content, link.range) === link.hash ? undefined : 'changed';
    if (!reason) continue;
    stale.push({
      link: link.id,
      path: link.path,
      range: link.range ?? null,
      rel: link.rel,
      entity: link.entity,
      reason,
      ...affected(view, link),
    });
  }
  return stale;
}

/** The stale links as screens mark them: the link, the code node it points at, and the tasks and requirements it touches. */
export async function staleLinkMarks(
  view: TableReader,
  root: string,
): Promise<Array<{ link: string; where: string; tasks: string[]; requirements: string[] }>> {
  const found = await findStaleLinks(view, root).catch(() => []);
  return found.map((s) => ({
    link: s.link,
    where: codeNode(s.path, s.range),
    tasks: s.tasks.map((t) => t.id),
    requirements: s.requirements.map((r) => r.id),
  }));
}
