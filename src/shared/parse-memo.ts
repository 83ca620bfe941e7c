// Remembered parses: the validated form of a small file (the workspace's config, the agent files)
// is a pure function of its text and of the code that parses it, so the record CLI, run from its
// bundle, keeps each result under a hash of the two in the code cache's directory, and the next
// command reads it back with JSON.parse instead of importing YAML and building zod schemas.
// Only successes are kept (a bad file fails the same way every time); off unless configured
// (`configureParseMemo`, by src/cli/record-cli.ts with the bundle's build id), so tests and
// every other entry parse as before. A memo that cannot be read or written costs only time.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ParseMemoSetting {
  /** The directory of this build's memos (one per build: a new build's parser may answer differently). */
  dir: string;
}

let setting: ParseMemoSetting | undefined;

export function configureParseMemo(next: ParseMemoSetting | undefined): void {
  setting = next;
}

/**
 * What `parse()` gave for `text` in this build, remembered; `kind` names the parse. The value must be plain
 * JSON (no Map, no undefined in arrays, no functions), and `text` must hold everything the result depends on.
 */
export async function memoParse<T>(kind: string, text: string, parse: () => T | Promise<T>): Promise<T> {
  if (!setting) return parse();
  const file = join(setting.dir, `${kind}-${createHash('sha256').update(text).digest('hex').slice(0, 40)}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    // Not remembered yet.
  }
  const value = await parse();
  try {
    mkdirSync(setting.dir, { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(value), { mode: 0o600 });
    renameSync(temp, file);
  } catch {
    // An unwritable directory: the next command parses again.
  }
  return value;
}
