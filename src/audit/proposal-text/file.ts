// A long file: which declarations to move into which new files, and the
// long or complex functions and unused exports of the same file, settled by
// the same change instead of one proposal each.
import { splitPlan, type Move } from '../suggest/split.js';
import { listOf, plural } from '../suggest/words.js';
import type { Finding } from '../types.js';
import { metricOf, symbolOf, type CodeIndex, type ProposalWords, type Refactor } from './context.js';
import { planFunction } from './function.js';
import { unusedFix } from './modules.js';

const SHOWN_MOVES = 4;

const SHOWN_RANGES = 3;
const rangesOf = (m: Move): string =>
  listOf(
    m.ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)),
    SHOWN_RANGES,
  ).replace(/(\d+) more$/, '$1 more places');
const showMove = (m: Move): string =>
  `- lines ${rangesOf(m)} (${m.lines} lines: ${listOf(
    m.names.map((n) => `\`${n}\``),
    4,
  )}) → ${m.target}`;

export function describeFile(refactor: Refactor, index: CodeIndex): ProposalWords {
  const fileFinding = refactor.members.find((m) => m.metric?.name === 'file-lines') as Finding;
  const path = fileFinding.path;
  const { value, limit } = metricOf(fileFinding);
  const file = index.file(path);
  const planned = file ? splitPlan(file, limit) : [];
  // moves that would not bring the file much closer to its limit are not a plan
  const moves = planned.reduce((n, m) => n + m.lines, 0) >= (value - limit) * 0.5 ? planned : [];
  const functions = refactor.members.filter((m) => m !== fileFinding && m.analyzer !== 'unused-exports');
  const unused = refactor.members.filter((m) => m.analyzer === 'unused-exports');
  const names = [...new Set(functions.map((f) => symbolOf(f)).filter((n): n is string => n !== undefined))];
  const reworked = names.map((name) => {
    const finding = functions.find((f) => symbolOf(f) === name) as Finding;
    const plan = planFunction(file, finding);
    const how = plan.table ? 'a lookup table' : plan.steps.length > 0 ? `${plan.steps.length} extracted steps` : 'named steps';
    return `\`${name}\` (${finding.startLine}-${finding.endLine}) into ${how}`;
  });
  const fix = [
    moves.length > 0 ? `Move into new modules beside it:` : `Split ${path} by responsibility; it has no large declaration to move whole.`,
    ...moves.slice(0, SHOWN_MOVES).map(showMove),
    ...(moves.length > SHOWN_MOVES ? [`- and ${moves.length - SHOWN_MOVES} more groups the same way`] : []),
    ...(reworked.length > 0 ? [`While moving them, break up ${listOf(reworked, 3)}.`] : []),
    ...(unused.length > 0 && file ? [unusedFix(file, unused)] : []),
  ].join('\n');
  const importers = index.importers(path);
  const moved = moves.slice(0, SHOWN_MOVES).reduce((n, m) => n + m.lines, 0);
  const untested = index.isUntested(path);
  const why =
    `${path} has ${value} lines (limit ${limit})` +
    (moves.length > 0
      ? ` and holds ${plural(moves.length, 'separable part')}, the largest ${moves[0]?.label} (${moves[0]?.lines} lines)`
      : '') +
    (names.length > 0 ? `; ${plural(names.length, 'function')} in it ${names.length === 1 ? 'is' : 'are'} long or complex too` : '') +
    (importers > 0 ? `. ${plural(importers, 'module')} import it, so each part's importers will import from the part instead.` : '.');
  return {
    title:
      moves.length > 0
        ? `Split ${path}: move ${listOf(
            moves.slice(0, 3).map((m) => m.label),
            3,
          )} into their own files`
        : `Split ${path}`,
    why,
    fix,
    acceptance: [
      `The behaviour is unchanged: the tests of ${path} and its importers pass without assertion edits`,
      'Each new module has one job its file name says, and imports nothing back from the module it left',
      ...(untested ? [`Before the split, a test pins the main exports of ${path}`] : []),
    ],
    change: { lines: Math.max(moved, 40), files: 1 + Math.min(moves.length, SHOWN_MOVES), reach: importers, untested },
    value: 2 * Math.sqrt(Math.max(0, value - limit)) + 5 * names.length + 2 * unused.length + (moves.length > 0 ? 10 : 0),
    concrete: moves.length > 0,
  };
}
