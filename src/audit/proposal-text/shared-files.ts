// Two files that copy each other block after block, typically a class forked
// into a twin (MessageStream and BetaMessageStream): one proposal to share
// what they copy, a base class when each side's copies sit in one class.
import ts from '../compiler.cjs';
import { lineAt, parse } from '../parse.js';
import { copiesOf } from '../proposal-units.js';
import { tokenDifferences, type Difference } from '../suggest/duplicate.js';
import { listOf } from '../suggest/words.js';
import type { Finding, Location, SourceFile } from '../types.js';
import { at, lineSpan, type CodeIndex, type ProposalWords, type Refactor } from './context.js';
import { showDifference, variantCopies } from './duplicate-bar.js';
import { copyGaps, showGap, type CopyGap } from './copy-gaps.js';

/** Shared code below this many lines is better left as the separate duplicate findings it came from. */
const MIN_SHARED_LINES = 40;
const SHOWN_BLOCKS = 6;

export function describeSharedFiles(refactor: Refactor, index: CodeIndex): ProposalWords {
  const copies = copiesOf(refactor.members);
  const [pathA, pathB] = [...new Set(copies.map((c) => c.path))].sort() as [string, string];
  const side = (path: string): Location[] => copies.filter((c) => c.path === path);
  const [copiesA, copiesB] = [side(pathA), side(pathB)];
  const shared = Math.min(sumLines(copiesA), sumLines(copiesB));
  const code = Math.min(codeLines(index.file(pathA), copiesA), codeLines(index.file(pathB), copiesB));
  const [classA, classB] = [onlyClass(index.file(pathA), copiesA), onlyClass(index.file(pathB), copiesB)];
  const classes = classA !== undefined && classB !== undefined && classA !== classB;
  const who = classes ? `\`${classA}\` (${pathA}) and \`${classB}\` (${pathB})` : `${pathA} and ${pathB}`;
  const untested = index.isUntested(pathA) || index.isUntested(pathB);
  const shownBlocks = copiesA.slice(0, SHOWN_BLOCKS).map(at);
  const over = sharedModuleOver(differencesOf(refactor, index), classes ? [classA, classB] : undefined);
  return {
    title: classes
      ? `Give \`${classA}\` and \`${classB}\` one base class for the ${shared} lines they copy`
      : `Share the ${shared} lines that ${pathA} and ${pathB} copy from each other`,
    why:
      `${who} repeat each other: ${sideCount(pathA, copiesA)} against ${sideCount(pathB, copiesB)}, ` +
      `${shared} lines copied at the least: ` +
      `${listOf(shownBlocks, SHOWN_BLOCKS)}${copiesA.length > SHOWN_BLOCKS ? ', …' : ''}. ` +
      'Every fix and feature has to be made twice, and nothing but care keeps the two in step.',
    fix: [
      `Copied blocks in ${pathA}: ${copiesA.map(at).join(', ')}.`,
      `Their twins in ${pathB}: ${copiesB.map(at).join(', ')}.`,
      classes
        ? `Move the copied members into one base class that \`${classA}\` and \`${classB}\` extend, ${over}; ` +
          'keep in each class only what really differs.'
        : `Move the copied code into one module both files import, ${over}; keep in each file only what really differs.`,
      ...keepGaps(copyGaps(refactor.members as Finding[], pathA, index), classes),
    ].join('\n'),
    acceptance: [
      `The copied logic exists once: ${classes ? `\`${classA}\` and \`${classB}\` inherit it` : `${pathA} and ${pathB} import it`}`,
      `The behaviour of both is unchanged: their tests pass without assertion edits`,
      ...(untested ? ['A test covers the shared code through each of the two'] : []),
    ],
    change: { lines: shared * 2, files: 3, reach: 0, untested },
    value: shared * 1.2,
    belowBar:
      variantCopies([pathA, pathB]) ??
      (code < MIN_SHARED_LINES
        ? `${shared} copied lines, ${code} of them code (the rest comments): left to the separate duplicate findings`
        : undefined),
  };
}

/** What differs between each block and its twin, each difference once (kinds as in a single duplicate's fix). */
export function differencesOf(refactor: Refactor, index: CodeIndex): Difference[] {
  const found: Difference[] = [];
  const copies = copiesOf(refactor.members);
  for (const member of refactor.members as Finding[]) {
    const twin = member.related?.[0];
    const [file, other] = [index.file(member.path), twin && index.file(twin.path)];
    if (!twin || !file || !other || member.path > twin.path) continue; // each pair once, from its first path's side
    // A function defined in another copied block of the pair is merged with it: no difference.
    const sides = [copies.filter((c) => c.path === member.path), copies.filter((c) => c.path === twin.path)] as const;
    for (const d of tokenDifferences(member, file, twin, other, sides)) if (!found.some((f) => f.a === d.a && f.b === d.b)) found.push(d);
  }
  return found;
}

/**
 * How the shared code is parameterized: copies that differ only in types (`BetaMessage` / `Message`) share one generic
 * module or base class, a type parameter per type; other differences (a function each side calls) become parameters of
 * a module, or stay in each class beside a base class (the classes' own names are not a difference: each is itself).
 */
export function sharedModuleOver(differences: readonly Difference[], classes?: readonly [string, string]): string {
  const types = differences.filter((d) => d.kind === 'type');
  const own = differences.filter((d) => d.own !== undefined);
  const values = differences.filter((d) => d.kind !== 'type' && !d.own && !(classes && d.a === classes[0] && d.b === classes[1]));
  const shown = (ds: readonly Difference[], n: number) =>
    `${listOf(ds.slice(0, n).map(showDifference), n)}${ds.length > n ? ` and ${ds.length - n} more` : ''}`;
  const over = sharedOver(types, values, shown, classes);
  return own.length > 0 ? over.replace('; the copies differ in nothing else)', ')') + keepOwn(own, classes !== undefined) : over;
}

function sharedOver(
  types: readonly Difference[],
  values: readonly Difference[],
  shown: (ds: readonly Difference[], n: number) => string,
  classes?: readonly [string, string],
): string {
  if (types.length === 0) return 'parameterized by what differs';
  const generic = `generic over the types that differ (${shown(types, 3)}`;
  if (values.length === 0) return `${generic}; the copies differ in nothing else)`;
  if (classes)
    return `${generic}), each class keeping the other ${values.length} difference${values.length === 1 ? '' : 's'} (${shown(values, 2)})`;
  return `${generic}) and taking the other differences as parameters (${shown(values, 2)})`;
}

/** A function each file defines its own way under one name: kept in each file and passed in, or the merge drops one. */
function keepOwn(own: readonly Difference[], classes: boolean): string {
  if (own.length === 0) return '';
  const places = own.slice(0, 2).map((d) => `\`${d.a}\` (${d.own ? `${at(d.own[0])} / ${at(d.own[1])}` : ''})`);
  const it = own.length === 1 ? 'it' : 'them';
  return (
    `; keep each file's own ${listOf(places, 2)}${own.length > 2 ? ` and ${own.length - 2} more` : ''}` +
    `${classes ? ' behind a method each class overrides' : ` and pass ${it} in`}: ` +
    `the copies call ${it} by the same name, but each file's does something else, so a merge that calls one drops the other's behaviour`
  );
}

const SHOWN_GAPS = 4;

/** Code each file writes its own way between two copies in one function: the shared body needs a hook there, or drops it. */
function keepGaps(gaps: readonly CopyGap[], classes: boolean): string[] {
  if (gaps.length === 0) return [];
  const more = gaps.length > SHOWN_GAPS ? ` and ${gaps.length - SHOWN_GAPS} more` : '';
  return [
    `Between copies inside one function each file writes its own code (${listOf(gaps.slice(0, SHOWN_GAPS).map(showGap), SHOWN_GAPS)}${more}): ` +
      `keep it behind a ${classes ? 'method each class overrides' : 'hook each file passes in'}, ` +
      'since the copies are pieces of one function cut around it and a body written from the copies alone drops it.',
  ];
}

const sumLines = (copies: readonly Location[]): number => copies.reduce((n, c) => n + lineSpan(c), 0);

/** One side's count in its own terms: a copy can pair with two shorter twins, so the sides' counts differ. */
const sideCount = (path: string, copies: readonly Location[]): string =>
  `${copies.length} block${copies.length === 1 ? '' : 's'} (${sumLines(copies)} lines) in ${path}`;

const COMMENT_OR_BLANK = /^\s*(\/\/.*|\/\*.*|\*.*)?$/;

/** Lines of the copies that hold code: doc comments copied beside twin members are not code to share. */
function codeLines(file: SourceFile | undefined, copies: readonly Location[]): number {
  if (!file) return sumLines(copies);
  const lines = file.content.split('\n');
  return copies.reduce((n, c) => n + lines.slice(c.startLine - 1, c.endLine).filter((l) => !COMMENT_OR_BLANK.test(l)).length, 0);
}

/** The one top-level class holding every copy of a side, if there is one. */
function onlyClass(file: SourceFile | undefined, copies: readonly Location[]): string | undefined {
  if (!file) return undefined;
  const sf = parse(file);
  const names = copies.map((copy) => {
    const holder = sf.statements.find(
      (s) => ts.isClassDeclaration(s) && lineAt(sf, s.getStart(sf)) <= copy.startLine && lineAt(sf, s.getEnd()) >= copy.endLine,
    );
    return holder && ts.isClassDeclaration(holder) ? holder.name?.text : undefined;
  });
  const [first] = names;
  return first !== undefined && names.every((n) => n === first) ? first : undefined;
}
