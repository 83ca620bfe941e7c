// When copied code is not worth a proposal as it stands, and why: too small (the rule of three for two copies), a
// platform or API-version variant, dead, rows of different shapes, too many differences, not one unit of logic.
import { copyShape } from '../suggest/copy-shape.js';
import { deprecatedAround } from '../suggest/deprecated.js';
import { familyOf } from '../suggest/family.js';
import type { Difference, DuplicateFacts } from '../suggest/duplicate.js';
import { snapCopies } from '../suggest/snap.js';
import { listOf, wordsOf } from '../suggest/words.js';
import type { Location, SourceFile } from '../types.js';
import type { HelperSignature } from './helper-signature.js';
import { fragmentOf } from './parameter-names.js';
import { protocolBar } from './protocol-bar.js';
import { legacyCopies } from './legacy-version.js';
import { at, type CodeIndex } from './context.js';
import { pairBar } from './pair-bar.js';

export const MAX_PARAMETERS = 5;
const MAX_CLEAN_DIFFERENCES = 3;
/** Copies shorter than this are not worth a helper's indirection. */
const MIN_LINES = 6;
/**
 * Two copies of at most this many lines stay a finding: the rule of three (write it twice, wince; the third time,
 * refactor). Up to it a helper's indirection costs about what the second copy does (zod's two 10-line `isValidIP` /
 * `isValidCidr`, judged not worth a change twice).
 */
const MAX_PAIR_LINES = 10;
/** Copies ending in a guard (an `if` that throws) are worth sharing from this size: each copy is a place a fix can miss. */
const MIN_GUARD_LINES = 5;
/** Copied class members worth a shared base class: below this, each class reads better on its own. */
const MIN_CLASS_LINES = 30;

/** The two values; of two template pieces (`` `write: ${`` / `` `edit: ${``), only the words that differ, as the strings passed. */
export function showDifference(d: Difference): string {
  const piece = (text: string) => /^[`}]/.test(text);
  if (d.kind === 'literal' && piece(d.a) && piece(d.b)) return `\`'${clip(fragmentOf(d.a, d.b))}'\` / \`'${clip(fragmentOf(d.b, d.a))}'\``;
  // Two long texts alike in their first words (`'Only POST requests are supported for multipart/…'`): the words that differ.
  if (d.kind === 'literal' && d.a !== d.b && clip(d.a) === clip(d.b))
    return `\`${d.a.charAt(0)}…${clip(fragmentOf(d.a, d.b))}…${d.a.charAt(0)}\` / \`${d.b.charAt(0)}…${clip(fragmentOf(d.b, d.a))}…${d.b.charAt(0)}\``;
  if (d.from) return `\`${clip(d.a)}\` from \`${d.from[0]}\` / \`${d.from[1]}\``;
  if (d.own) return `\`${clip(d.a)}\`, each file's own: ${at(d.own[0])} / ${at(d.own[1])}`;
  if (d.values) return d.values.map((v) => `\`${clip(v)}\``).join(' / ');
  return `\`${clip(d.a)}\` / \`${clip(d.b)}\``;
}
const clip = (text: string): string => (text.length > 30 ? `${text.slice(0, 29)}…` : text).replace(/\s+/g, ' ');

export interface BarInput {
  copyLines: number;
  differences: readonly Difference[];
  facts: DuplicateFacts | null;
  signature: HelperSignature;
  locations: readonly Location[];
  classes?: boolean;
  /** Whole statements are left once the copies are cut back to them (snap.ts). */
  whole: boolean;
}

/** Entries of a declarative object shorter than this read better written out than spread from a shared object. */
const MIN_DECLARATIVE_LINES = 10;

/** Files that exist to copy another's surface for one platform (`node.browser.ts` stands in for `node.ts` in browsers). */
const PLATFORM_VARIANT = /\.(browser|deno|bun|web|native|edge|workerd?)\.[cm]?[jt]sx?$/;

/** A directory that names an API version or release channel: `helpers/beta/` holds the beta API's `helpers/`. */
const VERSION_DIR = /^(alpha|beta|next|canary|experimental|legacy|compat|v\d+)$/;

/** Copies in one directory and its version (`src/helpers/` and `src/helpers/beta/`): each version changes or retires alone. */
function versionVariant(paths: readonly string[]): string | undefined {
  const dirs = [...new Set(paths.map((p) => p.split('/').slice(0, -1).join('/')))];
  const unversioned = (dir: string) =>
    dir
      .split('/')
      .filter((segment) => !VERSION_DIR.test(segment))
      .join('/');
  if (dirs.length < 2 || new Set(dirs.map(unversioned)).size > 1) return undefined;
  const versioned = dirs.find((d) => d !== unversioned(d));
  return versioned
    ? `${versioned}/ is another version of the same API: versions copy on purpose, so each can change or retire alone`
    : undefined;
}

/** A file's name, extensions aside, as lower-case words: `BetaMessageStream.ts` → beta, message, stream. */
const nameWords = (path: string): string[] => wordsOf((path.split('/').pop() ?? '').replace(/\..*$/, ''));

/** A version in a file's name: not `next`, which names pages and tokens (`next-page.tsx` beside `page.tsx`) as often. */
const VERSION_WORD = /^(alpha|beta|canary|experimental|legacy|compat|v\d+)$/;

/** Two files side by side, one named as another version of the other (`beta-parser.ts` beside `parser.ts`). */
function versionedName(paths: readonly string[]): string | undefined {
  const files = [...new Set(paths)];
  if (files.length !== 2 || new Set(files.map((p) => p.split('/').slice(0, -1).join('/'))).size !== 1) return undefined;
  const [a, b] = files.map(nameWords) as [string[], string[]];
  const unversioned = (words: string[]) => words.filter((w) => !VERSION_WORD.test(w)).join('-');
  const [versioned, plain] = a.length > b.length ? [0, 1] : [1, 0];
  const [words, other] = [[a, b][versioned] as string[], [a, b][plain] as string[]];
  if (other.some((w) => VERSION_WORD.test(w)) || other.length === 0 || unversioned(words) !== other.join('-')) return undefined;
  return `${files[versioned]} is another version of ${files[plain]}: versions copy on purpose, so each can change or retire alone`;
}

/** Copies that exist on purpose: a platform's variant of a file, or another version of the same API. */
export function variantCopies(paths: readonly string[]): string | undefined {
  const variant = paths.find((p) => PLATFORM_VARIANT.test(p));
  if (variant) return `${variant} is a platform variant: it copies on purpose, so each build loads only its own platform's code`;
  return versionVariant(paths) ?? versionedName(paths);
}

/** Why copies are not worth merging as they stand, if they are not. */
export function duplicateBar(
  { copyLines, differences, facts, signature, locations, classes = false, whole }: BarInput,
  index: CodeIndex,
): string | undefined {
  const paths = locations.map((l) => l.path);
  if (!whole) return 'the copies share no whole statement at the same place: no helper can replace them as they stand';
  const minLines = classes ? MIN_CLASS_LINES : facts?.refuses ? MIN_GUARD_LINES : MIN_LINES;
  if (copyLines < minLines) return `${copyLines}-line copies: too small for shared code to pay for itself`;
  const variant = variantCopies(paths) ?? legacyCopies(paths, index);
  if (variant) return variant;
  const dead = deadCopy(locations, index) ?? deprecatedCopy(locations, index);
  if (dead) return dead;
  const keys = differences.filter((d) => d.kind === 'key');
  if (keys.length > 0)
    return `the copies build objects with other keys (${listOf(keys.slice(0, 2).map(showDifference), 2)}): rows of different shapes`;
  if (!cleanParameters(differences)) {
    const types = differences.filter(isTypeDifference);
    if (types.length > 0 && differences.length <= MAX_CLEAN_DIFFERENCES)
      return `the copies use other classes (${listOf(types.slice(0, 2).map(showDifference), 2)}): they build other things`;
    return (
      `the copies differ in ${differences.length} places${types.length > 0 ? ', class names among them' : ''}: ` +
      'one helper would take half the code as parameters'
    );
  }
  if (facts?.fragment)
    return 'the copies cut across statement blocks (the end of one, the start of the next): they are not one unit of logic';
  if (facts?.passThrough) return "the copy is one call passing its function's values on: the function it calls is the shared code already";
  if (facts?.typeLevel)
    return (
      'the copies are mostly types (signatures, type parameters, overloads): the compiler keeps those in step, ' +
      'and the code beside them is too small to share'
    );
  if (!classes && facts?.jumpsOut)
    return 'a copy returns, breaks or yields from its middle, so it does not move into a helper as it stands';
  if (facts?.shape === 'entries' && copyLines < MIN_DECLARATIVE_LINES)
    return 'a few entries of a declarative object (a schema, statechart or config): each entry reads on its own';
  if (!classes && signature.names.length > MAX_PARAMETERS)
    return `the block reads ${signature.names.length} values of its function: a helper would take them all as parameters`;
  if (signature.narrowed && copyLines <= MAX_NARROWED_LINES)
    return (
      `${copyLines}-line copies whose helper keeps each caller's type only with an \`Extract<…>\` return and a cast: ` +
      'more type machinery than the copies it would replace'
    );
  // A shared constant costs no indirection: only statements moved into a helper answer to the rule of three.
  // A copied guard is exempt: the copy that misses a fix is the hole (write's read-only check fixed, edit's not); so are
  // copies that already drifted apart in a number, where one of them may be the bug.
  const exempt = classes || facts?.shape === 'expression' || facts?.refuses === true || drifted(differences);
  if (!exempt && locations.length === 2 && copyLines <= MAX_PAIR_LINES) return pairTooSmall(copyLines);
  return pairBar({ copyLines, differences, facts, locations }, index) ?? protocolBar(locations, index);
}

/** Copies this short are not worth a helper that needs type-level narrowing to keep its callers' types (zod's `max*` getters). */
const MAX_NARROWED_LINES = 10;

const pairTooSmall = (lines: number): string =>
  `two ${lines}-line copies: up to ${MAX_PAIR_LINES} lines, two copies cost about what a helper's indirection would (rule of three)`;

/** Copies that differ only in numbers (a limit, an offset): the "check that this difference is meant" case. */
export const drifted = (differences: readonly Difference[]): boolean =>
  differences.length > 0 && differences.length <= 2 && differences.every((d) => d.kind === 'literal' && isNumeric(d.a) && isNumeric(d.b));

/** The copies cut back to whole statements (snap.ts), or null when none is left; entries and values stay as found. */
export function wholeCopies(copies: Location[], index: CodeIndex): Location[] | null {
  const files = copies.map((c) => index.file(c.path));
  if (!files.every((f) => f !== undefined) || copyShape(files[0] as SourceFile, copies[0] as Location) !== 'statements') return copies;
  return snapCopies(copies.map((range, i) => ({ file: files[i] as SourceFile, range }))) ?? null;
}

/** A copy inside an export nothing uses: the fix is deleting it, which the unused-exports proposal says. */
export function deadCopy(locations: readonly Location[], index: CodeIndex): string | undefined {
  const dead = locations.map((l) => ({ l, name: index.deadAround(l) })).find((d) => d.name !== undefined);
  return dead ? `the copy at ${at(dead.l)} is dead code (\`${dead.name}\` is used nowhere): delete it rather than share it` : undefined;
}

/** A copy in code its authors marked `@deprecated`: it is to be deleted, not shared. */
export function deprecatedCopy(locations: readonly Location[], index: CodeIndex): string | undefined {
  for (const l of locations) {
    const file = index.file(l.path);
    const name = file ? deprecatedAround(file, l) : undefined;
    if (name !== undefined)
      return `the copy at ${at(l)} is in \`${name}\`, marked @deprecated: it is to be removed, so there is nothing to keep in step`;
  }
  return undefined;
}

/**
 * Two whole functions alike beside further functions of their shape with other values (one range check per grammar element,
 * one assertion per module): a family of deliberate parallels, equal by their values. Merging two makes the set less regular.
 */
export function familyBar(copies: readonly Location[], holders: string, index: CodeIndex): string | undefined {
  const { siblings } = familyOf(copies, index);
  if (siblings.length === 0) return undefined;
  const all = siblings.length + copies.length;
  const names = listOf(
    siblings.map((s) => `\`${s.name}\` (${at(s.at)})`),
    3,
  );
  return (
    `${holders} are ${copies.length} of ${all} parallel functions of one shape with their own values (also ${names}): ` +
    `alike by their values, not one behaviour written twice; only a change to all ${all} would be worth proposing`
  );
}

export const isNumeric = (text: string): boolean => /^-?[\d_.]+(e\d+)?n?$/i.test(text);

/** Two class names used as values (`new ZodString` / `new ZodNumber`): the copies build other things. A type annotation is not one. */
const isTypeDifference = (d: Difference): boolean => d.kind === 'name' && /^[A-Z]/.test(d.a) && /^[A-Z]/.test(d.b);

/**
 * Copies that differ in more than a few places, or in the classes they use, do not become one helper cleanly: the
 * "parameters" would be half the code. Such a proposal is ranked with the vague ones (see proposals.ts). Copies that
 * differ in type annotations only (`number` / `bigint`) share a generic helper.
 */
export function cleanParameters(differences: readonly Difference[]): boolean {
  return differences.length <= MAX_CLEAN_DIFFERENCES && !differences.some(isTypeDifference);
}
