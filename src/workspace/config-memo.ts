// The workspace's config as `loadConfig` validates it, remembered per text when the record CLI
// runs from its bundle (src/shared/parse-memo.ts): the config's schemas (with the audit's, the
// model's and retrieval's) are imported and built only when the text is new. A config naming a
// PostgreSQL URL is never remembered, so its credentials are not copied into the cache.
import { readFileSync } from 'node:fs';
import { memoParse } from '../shared/parse-memo.js';
import type { Config } from './config.js';

const parse = async (path: string): Promise<Config> => (await import('./config.js')).loadConfig(path);

export async function loadConfigRemembered(path: string): Promise<Config> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const absent = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return absent ? memoParse('config', `${path}\n(no file)`, () => parse(path)) : parse(path);
  }
  if (carriesUrl(text)) return parse(path);
  return memoParse('config', `${path}\n${text}`, () => parse(path));
}

/**
 * A URL may carry credentials (`postgres://u:secret@…`), however JSON escapes it (`:\/\/`, `\u002f`): such a config is
 * never remembered on disk. Decided on the parsed values; text that is not plain JSON is not remembered either.
 */
function carriesUrl(text: string): boolean {
  try {
    return JSON.stringify(JSON.parse(text)).includes('://');
  } catch {
    return true;
  }
}
