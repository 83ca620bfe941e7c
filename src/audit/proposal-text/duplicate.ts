// A duplicated block: which two copies, the helper that would replace them
// (name, parameters from what differs between the copies, where it goes),
// and what has already drifted between them.
import { copiesOf } from '../proposal-units.js';
import { duplicateFacts, holderFunction, homeOf, tokenDifferences, type Difference, type DuplicateFacts } from '../suggest/duplicate.js';
import { tokensIn } from '../suggest/code.js';
import { siblingMethods, splitByPosition } from '../suggest/siblings.js';
import { ANONYMOUS } from '../suggest/family.js';
import { listOf } from '../suggest/words.js';
import type { Finding, Location, SourceFile } from '../types.js';
import { describeAlias } from './alias.js';
import { extractionChange } from './extraction-size.js';
import { literalPair } from './literal-alias.js';
import { describeDiverged } from './diverged.js';
import { bestPiece } from './duplicate-pieces.js';
import { helperSignature, parameterSources, siblingHelperName, signatureText } from './helper-signature.js';
import {
  cleanParameters,
  deadCopy,
  drifted,
  duplicateBar,
  familyBar,
  MAX_PARAMETERS,
  showDifference,
  wholeCopies,
} from './duplicate-bar.js';
import { fullHolder, shownHolder, titlePlaces } from './holders.js';
import { localHelper, placedBeside, placeOf } from './placement.js';
import { oneOrigin } from './same-import.js';
import { layerHome, publicApiBar } from './layer-home.js';
import { importedHome } from './imported-home.js';
import { withoutLeadingDestructure, withoutTrailingAside } from './edge-statements.js';
import { callbackNote, callbackSetters, hookName, hookNote } from './hooks.js';
import { chainedInput, shapeNotes } from './shape-notes.js';
import { at, isTestPath, lineSpan, metricOf, type CodeIndex, type ProposalWords, type Refactor } from './context.js';
import { alike, firstTwoOnly } from './alike.js';

export function describeDuplicate(refactor: Refactor, index: CodeIndex): ProposalWords {
  const copies = copiesOf(refactor.members);
  // Two functions copied in pieces (each copy matching only its twin): the best pair, not N copies of one block.
  const piece = copies.length > 2 ? bestPiece(refactor.members, index) : undefined;
  if (copies.length > 2 && !piece) return describeCopies(copies, index);
  const found = refactor.members[0] as Finding;
  const asFound = piece?.pair ?? [found, found.related?.[0] ?? refactor.members[1] ?? found];
  const snapped = wholeCopies(asFound, index);
  const [first, other] = withoutTrailingAside(withoutLeadingDestructure((snapped ?? asFound) as [Location, Location], index), index);
  const [fileA, fileB] = [index.file(first.path), index.file(other.path)];
  const raw = fileA && fileB ? duplicateFacts(first, fileA, other, fileB) : null;
  // A name imported through two paths to one module is the same name: not a parameter, at most a note.
  const origin = oneOrigin(raw?.differences ?? [], [first.path, other.path], index);
  // `useCallback`s around the component's setters share a plain function each calls, not a custom hook taking the setters.
  const setters = raw ? callbackSetters(raw.hook, raw.io.inputs) : undefined;
  const facts = raw && chainedInput({ ...raw, differences: origin.differences, ...(setters ? { hook: undefined } : {}) });
  // The same method in the file's other classes, of the same shape: one helper for all of them, not a pair and a finding.
  const siblings = fileA && facts ? siblingMethods(fileA, facts.holders, [first, other]) : [];
  if (siblings.length > 0) {
    const all = [first, other, ...siblings].sort((x, y) => x.startLine - y.startLine);
    return { ...describeCopies(all, index), locations: all };
  }
  // The shorter copy: what one holds in comments and blank lines the other lacks is not shared code.
  const copyLines = Math.min(lineSpan(first), lineSpan(other));
  const sameFile = first.path === other.path;
  const [holderA, holderB] = facts
    ? [shownHolder(facts.holders[0], first.path), shownHolder(facts.holders[1], other.path)]
    : ['the first copy', 'the second copy'];
  // Copied members of two classes: the fix is a base class, worded (and barred) as for more copies.
  if (holderA !== holderB && [holderA, holderB].every((h) => h.startsWith('`class '))) return describeCopies(copies, index);
  // The title, why and acceptance name each place briefly; the fix names it in full.
  const places = titlePlaces([first, other], index);
  const sameHolder = places.same;
  const holders = places.text;
  const name = facts?.hook ? hookName(facts.helperName) : facts?.helperName;
  const differences = facts?.differences ?? [];
  const signature = {
    ...helperSignature(facts, differences),
    local: sameFile && !facts?.instanceOf && !placedBeside(facts) && !localHelper(facts),
  };
  const constant = facts?.shape === 'expression' && signature.names.length === 0;
  const unnamed = facts?.hook ? 'one custom hook' : 'one helper';
  const helper = name ? `\`${name}\`` : constant ? 'one constant' : facts?.shape === 'entries' ? 'one shared object' : unnamed;
  // Only numbers differing hint at a bug; differing strings are mostly labels that differ on purpose.
  const numbersDiffer = drifted(differences);
  const parameters = differences.slice(0, MAX_PARAMETERS).map(showDifference);
  const base = facts?.sharedBase;
  const layer = facts && !sameFile ? layerHome(first.path, other.path, facts.home, index) : undefined;
  const layered = layer?.where;
  const imported = sameFile || layered !== undefined ? undefined : importedHome([first, other], index);
  const home = imported?.path ?? facts?.home ?? 'a module both files import';
  const where = placeOf(facts, sameFile ? `in ${first.path}` : (layered ?? `in ${home}`));
  const shared = sameFile || layered !== undefined ? '' : (imported?.note ?? ' (a module both files can import)');
  const onlyLiterals = differences.length > 0 && differences.every((d) => d.kind === 'literal');
  if (isTestPath(first.path) && isTestPath(other.path) && onlyLiterals)
    return describeTestTable({ first, other, holders, sameFile }, differences);
  // An anonymous callback (or returned function) has no name to call: two alike are an ordinary copy, not one function under two names.
  const named = ![holderA, holderB].some((h) => ANONYMOUS.test(h.replace(/`/g, '')));
  // Two whole named functions among further functions of their shape: one family, barred unless all of it is merged.
  const family = (): string | undefined =>
    facts?.wholeFunctions && named ? familyBar([first, other], `${holderA} and ${holderB}`, index) : undefined;
  if (facts?.wholeFunctions && differences.length === 0 && !facts.reshaped && holderA !== holderB && named) {
    const alias = describeAlias(
      { first, other, sameFile, home: facts.home },
      [holderA, holderB],
      index,
      literalPair([fileA, fileB], [first, other], facts.scope),
    );
    return { ...alias, belowBar: alias.belowBar ?? family() };
  }
  const diverged =
    fileA && fileB && facts && facts.holders[0] === facts.holders[1]
      ? describeDiverged({ copy: first, file: fileA }, { copy: other, file: fileB }, facts.holders[0], index)
      : undefined;
  if (diverged) return diverged;
  const fix = [
    `Copies: ${at(first)} in ${facts ? fullHolder(first, index) : holderA} and ${at(other)} in ${facts ? fullHolder(other, index) : holderB}.`,
    facts?.shape === 'entries'
      ? `Move the entries both copies share into one object ${where} and spread it into both (\`...shared\`), keeping each copy's own entries beside it.`
      : constant
        ? `Declare the value once, as a constant ${where}${shared}, and use it in both places.`
        : `Extract ${signatureText(name, signature, MAX_PARAMETERS)} ${where}${base ? '' : shared}` + `, and call it from both places.`,
    parameterSources(signature, MAX_PARAMETERS) ??
      (differences.length === 0 && facts?.shape !== 'expression' && !localHelper(facts)
        ? 'The copies are identical token for token, and the block reads nothing of its function.'
        : ''),
    hookNote(facts?.hook) ?? (setters ? callbackNote(setters) : ''),
    ...(fileA && fileB ? shapeNotes(facts, [fileA, fileB]) : []),
    origin.note ?? '',
    piece
      ? `The same two functions also copy ${listOf(
          piece.others.map(([x, y]) => `${at(x)} / ${at(y)}`),
          3,
        )}: a separate block.`
      : '',
  ]
    .filter((line) => line !== '')
    .join('\n');
  const values = differences.filter((d) => d.kind !== 'type');
  const types = differences.filter((d) => d.kind === 'type');
  const typeNote = types.length > 0 ? `; the types ${listOf(types.slice(0, 2).map(showDifference), 2)} differ` : '';
  const tokens = first === found || !fileA ? metricOf(found).value : tokensIn(fileA, first).length;
  const why =
    `${copyLines} lines (${tokens} tokens) of ${sameFile ? first.path : `${first.path} and ${other.path}`} are ` +
    `${facts?.reshaped ? 'nearly the same code (a stretch is written differently, see the fix)' : 'the same code'} ` +
    `${places.byFile ? (sameHolder ? 'twice' : 'in both files') : sameHolder ? `twice in ${holders}` : `in ${holders}`}` +
    (numbersDiffer
      ? `, except ${listOf(differences.map(showDifference), 2)}: check that this difference is meant (if not, one copy has a bug), then merge.`
      : values.length > 0
        ? `, apart from ${listOf(values.slice(0, 3).map(showDifference), 3)}${values.length > 3 ? ` (${values.length} differences)` : ''}, ` +
          `which become the helper's arguments${typeNote}. A fix made in one copy will be missed in the other.`
        : `${typeNote ? `,${typeNote.replace(/^;/, '')}` : ''}. A fix made in one copy will be missed in the other.`);
  const untested = index.isUntested(first.path) || index.isUntested(other.path);
  return {
    title: `Merge the ${sameHolder ? 'two copies in' : 'copies in'} ${holders} into ${helper}`,
    why,
    fix,
    acceptance: [
      `The logic exists once: ${places.byFile ? 'both places call' : sameHolder ? `both places in ${holders} call` : `${holders} both call`} ` +
        `${name ? helper : 'the shared helper'}`,
      `The behaviour of ${holders} is unchanged: ${sameHolder ? 'its' : 'their'} tests pass without assertion edits`,
      ...(untested ? [`A test covers ${name ? helper : 'the shared helper'} with the values each copy used before`] : []),
    ],
    // A helper one caller reaches only through a published entry: that entry's exports change too (public API).
    change: { ...extractionChange(copyLines, 2, sameFile ? 1 : 2, differences.length, untested), reach: layer?.entry ? 1 : 0 },
    value: copyLines * (numbersDiffer ? 1.5 : 1) * (sameFile ? 1 : 1.2),
    concrete: cleanParameters(differences),
    belowBar:
      duplicateBar({ copyLines, differences, facts, signature, locations: [first, other], whole: snapped !== null }, index) ??
      publicApiBar(layer, copyLines) ??
      family(),
    ...(piece ? { locations: [first, other] } : {}),
  };
}

interface Copies {
  first: Location;
  other: Location;
  holders: string;
  sameFile: boolean;
}

/** Test copies that differ only in literals are cases of one test: a table of inputs and expectations, not a helper. */
function describeTestTable(c: Copies, differences: Difference[]): ProposalWords {
  const columns = differences.slice(0, MAX_PARAMETERS).map(showDifference);
  const copyLines = Math.max(lineSpan(c.first), lineSpan(c.other));
  return {
    title: `Fold the copies in ${c.holders} into one table-driven test`,
    why:
      `${copyLines} lines of test code are written out twice (${at(c.first)} and ${at(c.other)}), differing only in ` +
      `${listOf(columns, 3)}: each case is a row of data, yet adding one means copying the whole block again.`,
    fix: [
      `Copies: ${at(c.first)} and ${at(c.other)}.`,
      'Fold them into one table-driven test: a `cases` array with one row per copy, then ' +
        '`for (const [input, expected] of cases)` (or `test.each(cases)`) running the shared body once per row.',
      `Columns, from what differs between the copies: ${columns.join(', ')}` +
        `${differences.length > MAX_PARAMETERS ? ` and ${differences.length - MAX_PARAMETERS} more` : ''}.`,
    ].join('\n'),
    acceptance: [
      'The cases live in one table read by one test body; adding a case adds a row',
      'Every case the copies checked is still checked, with the same expected values',
    ],
    change: { lines: copyLines * 2, files: c.sameFile ? 1 : 2, reach: 0, untested: false },
    value: copyLines,
  };
}

/** Three or more copies of one block: one helper (or base class) all of them call, parameterized by what differs. */
function describeCopies(found: Location[], index: CodeIndex): ProposalWords {
  const holders = found.map((c) => fullHolder(c, index));
  const classes = holders.every((h) => h.startsWith('`class '));
  // Copied members of classes are many blocks, each paired with its twin, not copies of one block: kept as found.
  const snapped = classes ? found : wholeCopies(found, index);
  const copies = snapped ?? found;
  const [first, second] = copies as [Location, Location];
  const [fileA, fileB] = [index.file(first.path), index.file(second.path)];
  const facts = fileA && fileB ? duplicateFacts(first, fileA, second, fileB) : null;
  const paths = [...new Set(copies.map((c) => c.path))];
  // What differs anywhere: the first two copies can agree where a third differs (`number` there, `bigint` here).
  const origin = oneOrigin(differencesAcross(copies, index, facts), paths, index);
  const differences = origin.differences;
  // A method only when every copy, not just the first two, sees one class's `this`.
  const owners = copies.map((c) => {
    const file = index.file(c.path);
    return file ? holderFunction(file, c)?.owner : undefined;
  });
  const signature = {
    ...helperSignature(facts, differences, owners),
    local: paths.length === 1 && !facts?.instanceOf && !placedBeside(facts) && !localHelper(facts),
  };
  const named = facts?.helperName ?? siblingHelperName(facts, signature);
  const name = facts?.hook ? hookName(named) : named;
  const copyLines = Math.max(...copies.map(lineSpan));
  const helper = classes ? 'one base class' : name ? `\`${name}\`` : facts?.hook ? 'one custom hook' : 'one helper';
  const untested = paths.some((p) => index.isUntested(p));
  const shown = classes ? listOf([...new Set(holders)], 4) : titlePlaces(copies, index).text;
  // Every copy's file, not the first two's: three copies over two files go where both can import them.
  const imported = paths.length === 1 ? undefined : importedHome(copies, index);
  const home =
    paths.length === 1 ? first.path : imported ? `${imported.path}${imported.note}` : `${homeOf(...paths)} (a module they all can import)`;
  return {
    title: `Merge the ${copies.length} copies in ${shown} into ${helper}`,
    why:
      `The same ${copyLines}-line block is written ${copies.length} times (${listOf(copies.map(at), 4)}), ` +
      `${differences.length > 0 ? `differing in ${listOf(differences.slice(0, 3).map(showDifference), 3)}` : alike(copies, index)}. ` +
      `A fix made in one copy has to be made ${copies.length - 1} more times, and one will be missed.`,
    fix: [
      `Copies: ${
        classes
          ? copies.map(at).join(', ')
          : listOf(
              copies.map((c) => `${at(c)} in ${fullHolder(c, index)}`),
              copies.length,
            )
      }.`,
      classes
        ? `Move the shared members into one base class (or a factory) that the ${new Set(holders).size} classes extend, parameterized by what differs.`
        : `Extract ${signatureText(name, signature, MAX_PARAMETERS)} ${placeOf(facts, `in ${home}`)}, and call it from the ${copies.length} places.`,
      differences.length === 0
        ? firstTwoOnly(copies, index)
        : `What differs between ${differences.some((d) => d.values) ? 'the copies' : 'the first two copies'}: ` +
          `${differences.slice(0, MAX_PARAMETERS).map(showDifference).join(', ')}.`,
      ...(classes ? [] : [parameterSources(signature, MAX_PARAMETERS) ?? '', hookNote(facts?.hook) ?? '', origin.note ?? '']),
    ]
      .filter((line) => line !== '')
      .join('\n'),
    acceptance: [
      `The logic exists once: the ${copies.length} places use ${helper}`,
      `The behaviour of ${shown} is unchanged: their tests pass without assertion edits`,
      ...(untested ? ['A test covers the shared code with the values each copy used before'] : []),
    ],
    change: classes
      ? { lines: copyLines * copies.length, files: paths.length + (paths.length > 1 ? 1 : 0), reach: 0, untested }
      : extractionChange(copyLines, copies.length, paths.length, differences.length, untested),
    value: copyLines * (copies.length - 1) * (paths.length > 1 ? 1.2 : 1),
    concrete: cleanParameters(differences),
    belowBar: duplicateBar({ copyLines, differences, facts, signature, locations: copies, classes, whole: snapped !== null }, index),
  };
}

function differencesAcross(copies: readonly Location[], index: CodeIndex, firstTwo: DuplicateFacts | null): Difference[] {
  const [first, , ...rest] = copies as [Location, Location, ...Location[]];
  const fileA = index.file(first.path);
  const found = [...(firstTwo?.differences ?? [])];
  for (const other of rest) {
    const fileB = index.file(other.path);
    if (!fileA || !fileB) continue;
    for (const d of tokenDifferences(first, fileA, other, fileB)) if (!found.some((f) => f.a === d.a && f.kind === d.kind)) found.push(d);
  }
  const tokens = copies.map((c) => index.file(c.path)).every((f) => f !== undefined)
    ? copies.map((c) => tokensIn(index.file(c.path) as SourceFile, c))
    : [];
  return tokens.length > 0 ? splitByPosition(found, tokens) : found;
}
