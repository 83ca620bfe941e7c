// Where a helper shared by copies in several files goes when those files already share a module: the one they all
// import and whose functions the copies call (the SDK's credential providers both call `parseTokenResponse` from
// `credentials/types.ts`), named, rather than "a module they all can import" for the maintainer to pick.
import { parse } from '../parse.js';
import type { Location } from '../types.js';
import type { CodeIndex } from './context.js';
import { homeOf } from '../suggest/duplicate.js';
import { listOf } from '../suggest/words.js';

export interface ImportedHome {
  path: string;
  /** Said after the path: why it is the home. */
  note: string;
}

export function importedHome(copies: readonly Location[], index: CodeIndex): ImportedHome | undefined {
  const files = [...new Set(copies.map((c) => c.path))];
  if (files.length < 2) return undefined;
  const dir = homeOf(...files);
  const inHome = (path: string) => (dir === './' ? !path.includes('/') : path.startsWith(dir) && !path.slice(dir.length).includes('/'));
  const candidates = index
    .importsOf(files[0] as string)
    .filter((m) => !files.includes(m) && inHome(m) && !/(^|\/)index\.[cm]?[jt]sx?$/.test(m) && !index.isTestSupport(m))
    .filter((m) => files.every((f) => index.importsOf(f).includes(m)));
  for (const path of candidates) {
    const called = index
      .exportsOf(path)
      .map((e) => e.name)
      .filter((name) => files.every((f) => index.importersOf(path, name).includes(f)) && copies.every((c) => calls(c, name, index)));
    if (called.length === 0) continue;
    const who = files.length === 2 ? 'both files import it' : 'their files all import it';
    return {
      path,
      note: ` (${who} already, and the copies call its ${listOf(
        called.map((n) => `\`${n}\``),
        1,
      )})`,
    };
  }
  return undefined;
}

/** The copy's lines call `name`. */
function calls(copy: Location, name: string, index: CodeIndex): boolean {
  const file = index.file(copy.path);
  if (!file) return false;
  const starts = parse(file).getLineStarts(); // the cached parse: no split of the whole file per copy and name
  const text = file.content.slice(starts[copy.startLine - 1] ?? 0, starts[copy.endLine] ?? file.content.length);
  return new RegExp(`(^|[^\\w$.])${name.replace(/\$/g, '\\$')}\\s*(<[^>]*>)?\\(`, 'm').test(text);
}
