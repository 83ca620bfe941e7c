import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { failure } from '../shared/errors.js';

/** Prompt templates: `prompts/<name>.md` with `{{placeholders}}`; `team-protocol` is the part every system prompt shares. */
export const REQUIRED_TEMPLATES = [
  'task-brief',
  'context-pack',
  'judgment-request',
  'review',
  'audit-proposal',
  'goal',
  'team-protocol',
] as const;
export type TemplateName = (typeof REQUIRED_TEMPLATES)[number];

export type Templates = Record<TemplateName, string>;

const PLACEHOLDER = /\{\{\s*([a-zA-Z][a-zA-Z0-9_]*)\s*\}\}/g;

export async function loadTemplates(dirs: string[]): Promise<Templates> {
  const found = new Map<string, string>();
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.md'))) {
      const text = await readFile(join(dir, file), 'utf8');
      const unclosed = text.split('\n').findIndex((line) => (line.match(/\{\{/g)?.length ?? 0) !== (line.match(/\}\}/g)?.length ?? 0));
      if (unclosed >= 0)
        throw failure(
          'bad-template',
          `${join(dir, file)}:${unclosed + 1}: a {{placeholder}} is not closed`,
          'write placeholders as {{name}}',
        );
      found.set(file.replace(/\.md$/, ''), text);
    }
  }
  for (const name of REQUIRED_TEMPLATES) {
    if (!found.has(name))
      throw failure(
        'missing-template',
        `prompt template ${name}.md is missing from ${dirs.join(' and ')}`,
        'restore it from the Crucible package',
      );
  }
  return Object.fromEntries(REQUIRED_TEMPLATES.map((n) => [n, found.get(n)!])) as Templates;
}

/** Fills every placeholder; a placeholder without a value is an error, not an empty string. */
export function renderTemplate(name: string, template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (_match, key: string) => {
    const value = values[key];
    if (value === undefined) throw failure('template-value', `prompt template ${name}: no value for {{${key}}}`, 'pass it when rendering');
    return value;
  });
}
