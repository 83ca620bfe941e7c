// How a proposal names the functions that hold copies: in full in the fix, where a reader looks each place up; short in
// the title and the why, which a long nested path (`getHandler.returned function.client.on("message") callback.run
// callback`, three times) makes unreadable.
import { callHolder } from '../suggest/copy-holder.js';
import { holderFunction, holderOf } from '../suggest/duplicate.js';
import { listOf } from '../suggest/words.js';
import type { Location } from '../types.js';
import type { CodeIndex } from './context.js';

/** `` `f` `` for a named holder; a function another returns is `` `outer`'s returned function ``, whose `outer` a reader finds. */
export function shownHolder(holder: string, path: string): string {
  if (holder === '<top level>') return `top-level code of ${path}`;
  const unnamed = /^(.+)\.(returned|inner) function$/.exec(holder);
  return unnamed ? `\`${unnamed[1]}\`'s ${unnamed[2]} function` : `\`${holder}\``;
}

/** A holder's full name as the fix shows it. */
export function fullHolder(copy: Location, index: CodeIndex): string {
  const file = index.file(copy.path);
  if (!file) return shownHolder('<top level>', copy.path);
  const fn = callHolder(file, copy);
  return shownHolder(fn === holderFunction(file, copy) ? holderOf(file, copy) : (fn?.name ?? '<top level>'), copy.path);
}

/** Parts of a holder's name (`Class.method`, `outer.inner`) a title still shows whole. */
const SHORT_PARTS = 2;

/** Parts that name no function a reader can search for. */
const ANONYMOUS = / callback$|^(returned|inner|anonymous) function$/;

export interface TitlePlaces {
  /** The holders, each once, as a title shows them; or the files when a holder has no short name. */
  text: string;
  /** One place holds every copy (`twice in \`parse\``). */
  same: boolean;
  /** Named by their files: some copy sits in an anonymous function deep inside others. */
  byFile: boolean;
}

/**
 * Each holder by its innermost named function (`createCtxPromise`, or `Class.method` for a member) when its name has more
 * than two parts. When two shortened names collide, or one names a function that holds another copy's (`decode` and
 * `decode`'s `promise`), the files hold the title ("the 3 copies in src/adapters/ws.ts"); the fix names every place in full.
 */
export function titlePlaces(copies: readonly Location[], index: CodeIndex): TitlePlaces {
  const full = copies.map((c) => fullHolder(c, index));
  const fns = copies.map((copy) => {
    const file = index.file(copy.path);
    return file ? callHolder(file, copy) : undefined;
  });
  const innermost = fns.map((fn) => (fn && fn.path.length > SHORT_PARTS ? namedPart(fn.path) : undefined));
  const short = full.map((name, i) => {
    const fn = fns[i];
    const at = innermost[i];
    if (!fn || at === undefined) return name;
    const own = fn.path[at] as string;
    return fn.owner !== undefined && fn.path[at - 1] === fn.owner ? `\`${fn.owner}.${own}\`` : `\`${own}\``;
  });
  // A short name that is an outer part of another copy's holder reads as if one place held the other.
  const within = (i: number, j: number): boolean => {
    const [outer, inner, at] = [fns[i], fns[j], innermost[i]];
    if (!outer || !inner || at === undefined || i === j || short[i] === short[j]) return false;
    return inner.path.length > at + 1 && outer.path.slice(0, at + 1).every((part, k) => inner.path[k] === part);
  };
  const nested = copies.some((_, i) => copies.some((__, j) => within(i, j)));
  const distinct = (names: readonly string[]) => new Set(names).size;
  if (!nested && distinct(short) === distinct(full)) {
    const names = [...new Set(short)];
    return { text: listOf(names, 4), same: names.length === 1, byFile: false };
  }
  const paths = [...new Set(copies.map((c) => c.path))];
  return { text: listOf(paths, 4), same: paths.length === 1, byFile: true };
}

/** The index of the innermost part that names a function a reader can search for, if any. */
function namedPart(path: readonly string[]): number | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (!ANONYMOUS.test(path[i] as string)) return i;
  return undefined;
}
