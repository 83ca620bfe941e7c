// grep's matching, safe to run on the coordinator's only thread: patterns are
// compiled by RE2JS, a port of RE2 whose matching time is linear in the text
// (no backtracking, so `(a+)+$` cannot take exponential time); the loop yields
// to the event loop every few milliseconds, and the whole search stops at a
// time budget.
import { readFile } from 'node:fs/promises';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { RE2JS } from 're2js';
import type { ProjectFile } from './project-glob.js';
import { refusal, type ToolResult } from './types.js';

export const GREP_BUDGET_MS = 5_000;
const SLICE_MS = 15;

export function compilePattern(pattern: string): RE2JS | ToolResult {
  try {
    return RE2JS.compile(RE2JS.translateRegExp(pattern));
  } catch (error) {
    return refusal(
      'bad-pattern',
      `not a usable regular expression: ${(error as Error).message}`,
      'grep uses RE2 syntax (no lookaround such as (?= or (?!, no backreferences such as \\1); escape special characters or simplify the pattern',
    );
  }
}

export async function searchFiles(
  files: readonly ProjectFile[],
  regex: RE2JS,
  options: { limit: number; budgetMs?: number },
): Promise<ToolResult> {
  const started = performance.now();
  const deadline = started + (options.budgetMs ?? GREP_BUDGET_MS);
  let sliceEnd = started + SLICE_MS;
  const hits: string[] = [];
  for (const file of files) {
    const text = await readFile(file.abs, 'utf8').catch(() => '');
    if (text.includes('\0')) continue;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length && hits.length < options.limit; i++) {
      const line = lines[i] ?? '';
      if (regex.test(line)) hits.push(`${file.rel}:${i + 1}: ${line.trim().slice(0, 200)}`);
      if (performance.now() < sliceEnd) continue;
      if (performance.now() >= deadline) return tooSlow(hits, options.budgetMs ?? GREP_BUDGET_MS);
      await yieldToLoop();
      sliceEnd = performance.now() + SLICE_MS;
    }
    if (hits.length >= options.limit) break;
  }
  return { ok: true, content: hits.join('\n') || '(no matches)' };
}

function tooSlow(hits: string[], budgetMs: number): ToolResult {
  const why = `grep stopped after ${budgetMs} ms`;
  if (hits.length === 0)
    return refusal('grep-too-slow', `${why} without a match`, 'narrow the glob (e.g. src/**/*.ts) or simplify the pattern');
  return {
    ok: true,
    content: `${hits.join('\n')}\n[${why}; these are the matches so far: narrow the glob or simplify the pattern for the rest]`,
  };
}
