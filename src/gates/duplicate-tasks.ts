// Duplicate detection for new tasks and requirements. An exact duplicate (the
// same words, ignoring case, spacing and punctuation) is refused on every surface;
// a near duplicate for the same role is judged on the title and on the whole text
// (title, description, acceptance), each split into identifiers (camelCase and
// snake_case split before lower-casing), stemmed, and stripped of filler words.
import type { Requirement, Task } from '../record/tables.js';
import { refusal, type Refusal } from './result.js';

/** Words that say nothing about what a task is: articles, verbs of making, the kind of code unit. */
const STOP = new Set(
  (
    'a an the and or of to for in on with by as is it its be that this from into ' +
    'add implement write create make build new function method class module helper feature support code'
  ).split(' '),
);

/** A light suffix stemmer: "handles", "handled", "handling" and "handle" all read "handl". */
export function stem(word: string): string {
  let w = word;
  if (w.length > 5 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4) w = w.replace(/(?<=(?:s|x|z|ch|sh))es$/, '').replace(/(ing|ed|s)$/, '');
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** The words of `text` that carry meaning: identifiers split, lower-cased, stemmed, filler dropped. */
export function textTokens(text: string): Set<string> {
  return new Set(
    text
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      // Numbers tell tasks apart ("Task 1", "Task 2"); single letters rarely do.
      .filter((w) => (w.length > 1 || /\d/.test(w)) && !STOP.has(w))
      .map(stem),
  );
}

export function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** The same words in the same order, ignoring case, spacing and punctuation. */
export const sameWords = (a: string, b: string): boolean => normalizedWords(a) === normalizedWords(b);
const normalizedWords = (s: string) =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ');

export interface TaskDraftText {
  title: string;
  role: string;
  description?: string;
  acceptance?: readonly string[];
}

const fullText = (t: TaskDraftText) => [t.title, t.description ?? '', ...(t.acceptance ?? [])].join('\n');

/** Thresholds: titles this alike, with whole texts at least this alike; or whole texts this alike, with titles half alike. */
const TITLE_ALIKE = 0.75;
const TITLE_HALF = 0.5;
const TEXT_ALIKE_WITH_TITLE = 0.25;
const TEXT_ALIKE = 0.8;

/** Open or done tasks (never failed ones) a new task would duplicate, the likeliest first. */
function candidates(tasks: Iterable<Task>, role: string): Task[] {
  return [...tasks].filter((t) => t.role === role && t.status !== 'failed');
}

/** A task with the same role and the same title words, or undefined. */
export function findExactDuplicate(tasks: Iterable<Task>, draft: TaskDraftText): Task | undefined {
  return candidates(tasks, draft.role).find((t) => sameWords(t.title, draft.title));
}

export function findNearDuplicate(tasks: Iterable<Task>, mine: TaskDraftText): Task | undefined {
  const title = textTokens(mine.title);
  const text = textTokens(fullText(mine));
  let best: { task: Task; score: number } | undefined;
  for (const task of candidates(tasks, mine.role)) {
    const titleScore = similarity(title, textTokens(task.title));
    const textScore = similarity(text, textTokens(fullText(task)));
    const alike =
      (titleScore >= TITLE_ALIKE && textScore >= TEXT_ALIKE_WITH_TITLE) || (textScore >= TEXT_ALIKE && titleScore >= TITLE_HALF);
    const score = titleScore + textScore;
    if (alike && (!best || score > best.score)) best = { task, score };
  }
  return best?.task;
}

/** An exact duplicate first, else a near one: what the refusal names. */
export function findDuplicateTask(tasks: Iterable<Task>, draft: TaskDraftText): { task: Task; exact: boolean } | undefined {
  const list = [...tasks];
  const exact = findExactDuplicate(list, draft);
  if (exact) return { task: exact, exact: true };
  const near = findNearDuplicate(list, draft);
  return near ? { task: near, exact: false } : undefined;
}

/** The refusal for a duplicate: the same words on every surface (tool, CLI, MCP). */
export function duplicateTaskRefusal(found: { task: Task; exact: boolean }): Refusal {
  const t = found.task;
  return refusal(
    'duplicate-task',
    `${t.id} "${t.title}" (${t.status}) already covers this${found.exact ? ' (the same title)' : ''}`,
    `use ${t.id}, or give the new task a title that says how it differs`,
  );
}

export function duplicateRequirementRefusal(found: Requirement): Refusal {
  return refusal(
    'duplicate-requirement',
    `${found.id} already says this: "${found.text}"`,
    `use ${found.id}, or change it with a new revision`,
  );
}

/** A requirement with the same words, or undefined. */
export function findDuplicateRequirement(requirements: Iterable<Requirement>, text: string): Requirement | undefined {
  return [...requirements].find((r) => sameWords(r.text, text));
}
