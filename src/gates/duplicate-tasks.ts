// Near-duplicate detection for new tasks: the same role and nearly the same
// words as an open or done task. Stops agents building the same thing twice.
import type { Task } from '../record/tables.js';

const STOP = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'to', 'for', 'in', 'on', 'with', 'add', 'implement', 'write', 'create', 'make']);

export function titleTokens(title: string): Set<string> {
  return new Set(
    title
      .toLowerCase()
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .split(/[^a-z0-9]+/)
      .map((w) => w.replace(/(ing|ed|es|s)$/, ''))
      .filter((w) => w.length > 1 && !STOP.has(w)),
  );
}

export function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared += 1;
  return shared / (a.size + b.size - shared);
}

export function findNearDuplicate(tasks: Iterable<Task>, title: string, role: string, threshold = 0.75): Task | undefined {
  const mine = titleTokens(title);
  let best: { task: Task; score: number } | undefined;
  for (const task of tasks) {
    if (task.role !== role || task.status === 'failed') continue;
    const score = similarity(mine, titleTokens(task.title));
    if (score >= threshold && (!best || score > best.score)) best = { task, score };
  }
  return best?.task;
}
