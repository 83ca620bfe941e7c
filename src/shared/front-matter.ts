// Splits a Markdown file with YAML front matter and validates the front matter
// with a zod schema. Every error names `file:line` and what is wrong.
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { failure, formatIssuePath } from './errors.js';

export interface FrontMatterFile<T> {
  data: T;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
}

export function parseFrontMatter<S extends z.ZodType>(file: string, text: string, schema: S): FrontMatterFile<z.output<S>> {
  const lines = text.split('\n');
  if (lines[0]?.trim() !== '---')
    throw failure(
      'bad-agent-file',
      `${file}:1: expected YAML front matter starting with ---`,
      'start the file with a --- line, the YAML keys, and another --- line',
    );
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (end < 0) throw failure('bad-agent-file', `${file}:1: the front matter is not closed`, 'add a --- line after the YAML keys');
  const yamlText = lines.slice(1, end).join('\n');
  const doc = parseDocument(yamlText, { prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = (yamlError.linePos?.[0]?.line ?? 0) + 1;
    throw failure('bad-agent-file', `${file}:${line}: invalid YAML: ${yamlError.message.split('\n')[0]}`, 'fix the YAML syntax');
  }
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path[0];
    const keyLine = typeof key === 'string' ? lines.findIndex((l, i) => i > 0 && i < end && l.startsWith(`${key}:`)) : -1;
    const line = keyLine > 0 ? keyLine + 1 : 2;
    throw failure(
      'bad-agent-file',
      `${file}:${line}: ${issue ? formatIssuePath(issue.path) : ''}: ${issue?.message ?? 'invalid'}`,
      'see README, Agents, for the allowed keys',
    );
  }
  return {
    data: parsed.data,
    body: lines
      .slice(end + 1)
      .join('\n')
      .trim(),
    bodyLine: end + 2,
  };
}
