// A long or complex function: the lookup table that replaces its if-chain or
// switch, else the steps to extract and the ifs to turn into guard clauses.
import { lineRange } from '../../shared/location.js';
import { parse } from '../parse.js';
import { functionBar } from '../proposal-bar.js';
import { functionAt } from '../suggest/code.js';
import { lookupChain, type LookupChain } from '../suggest/lookup.js';
import { guardCandidates, nestingDepth, stepsOf, type Guard, type Step } from '../suggest/steps.js';
import { swappedMembers } from '../suggest/member-types.js';
import { twinBranches, type TwinBranches } from '../suggest/twin-branches.js';
import { camelOf, listOf, wordsOf } from '../suggest/words.js';
import { describeTwins } from './twin-branches.js';
import type { Finding, SourceFile } from '../types.js';
import { lineSpan, metricOf, symbolOf, type CodeIndex, type ProposalWords, type Refactor } from './context.js';

export interface FunctionPlan {
  table: LookupChain | null;
  /** Two sibling statements of one shape (the `props` and `items` halves of Ajv's `addEvaluatedFrom`): merge them. */
  twins?: TwinBranches | null;
  steps: Step[];
  guards: Guard[];
}

/** `complex`: the function is over the complexity limit, so twin branches (its complexity counted twice) are the fix. */
export function planFunction(file: SourceFile | undefined, finding: Finding, complex = false): FunctionPlan {
  const fn = file ? functionAt(file, finding, symbolOf(finding)) : undefined;
  if (!file || !fn) return { table: null, steps: [], guards: [] };
  const sf = parse(file);
  const table = lookupChain(fn.node, sf);
  if (table) return { table, steps: [], guards: [] };
  const twins = complex ? twinBranches(fn.node, sf, file) : null;
  if (twins) return { table, twins, steps: [], guards: [] };
  return { table, steps: stepsOf(fn.node, sf).slice(0, 4), guards: nestingDepth(fn.node) >= 3 ? guardCandidates(fn.node, sf) : [] };
}

const tableName = (fn: string, table: LookupChain): string => {
  const own = wordsOf(fn.split('.').at(-1) ?? fn);
  const subject = wordsOf(table.subject).slice(-1);
  if (table.kind === 'intervals') return [...(table.name ? wordsOf(table.name) : own), 'ranges'].join('_').toUpperCase();
  return table.kind === 'ranges'
    ? [...own, 'thresholds'].join('_').toUpperCase()
    : `${own.join('_')}_by_${subject.join('_')}`.toUpperCase();
};

function tableFix(name: string, table: LookupChain, file: string): string {
  const constName = tableName(name, table);
  const shape =
    table.kind === 'intervals'
      ? `\`const ${constName} = [[lo, hi${table.name ? '' : ', result'}], …] as const\` read with ` +
        `\`${constName}.${table.name ? 'some' : 'find'}(([lo, hi]) => ${table.subject} >= lo && ${table.subject} <= hi)\``
      : table.kind === 'ranges'
        ? `an ordered \`const ${constName} = [[limit, result], …] as const\` read with \`.find(([limit]) => ${table.subject} < limit)\``
        : `\`const ${constName}: Record<…, …> = { … }\` read as \`${constName}[${table.subject}]\``;
  const special = table.special > 0 ? `; keep the ${table.special} case that computes its result as code beside the table` : '';
  return `Replace the ${table.cases}-case chain on \`${table.subject}\` (${lineRange(file, table.startLine, table.endLine)}) with ${shape}${special}.`;
}

function extractFix(plan: FunctionPlan, file: string): string {
  const lines = plan.steps.map(
    (s) => `- ${lineRange(file, s.startLine, s.endLine)}, ${s.what} → ${s.name ? `\`${s.name}\`` : 'a function named for what it does'}`,
  );
  const guards = plan.guards.map(
    (g) => `- invert \`if (${g.condition})\` at line ${g.line} into an early \`${g.exit}\`, which un-nests its ${g.lines} lines`,
  );
  return [...(lines.length > 0 ? ['Extract these steps into functions named for what they do:', ...lines] : []), ...guards].join('\n');
}

export function describeFunction(refactor: Refactor, index: CodeIndex): ProposalWords {
  const size = refactor.members.find((m) => m.metric?.name === 'function-lines');
  const complexity = refactor.members.find((m) => m.analyzer === 'complexity');
  const first = (size ?? complexity ?? refactor.members[0]) as Finding;
  const name = symbolOf(first) ?? 'this function';
  const file = index.file(first.path);
  const plan = planFunction(file, first, complexity !== undefined);
  const length = lineSpan(first);
  const over = [
    size ? `${metricOf(size).value} lines (limit ${metricOf(size).limit})` : '',
    complexity ? `complexity ${metricOf(complexity).value} (limit ${metricOf(complexity).limit})` : '',
  ].filter(Boolean);
  const untested = index.isUntested(first.path);
  if (plan.twins) {
    const marker = file?.content
      .split('\n')
      .slice(first.startLine - 1, first.endLine)
      .map((line) => /\/\/\s*((TODO|FIXME|HACK)\b.*refactor.*)$/i.exec(line)?.[1]?.trim())
      .find((m) => m !== undefined);
    const { key, first: one, second: two } = plan.twins;
    const members = key && file ? swappedMembers(file.path, { first: one, second: two, key }, (path) => index.file(path)) : [];
    return describeTwins(name, plan.twins, {
      members,
      taken: (word) => new RegExp(`\\b${word}\\b`).test(file?.content ?? ''),
      over,
      untested,
      value: value(size, complexity),
      ...(marker ? { marker: `// ${marker}` } : {}),
    });
  }
  const fix = plan.table
    ? tableFix(name, plan.table, first.path)
    : extractFix(plan, first.path) ||
      `Split \`${name}\` (${lineRange(first.path, first.startLine, first.endLine)}) into named steps; ` +
        'its body has no obvious seams, so start from its branches.';
  const does =
    plan.table?.kind === 'intervals'
      ? `tests \`${plan.table.subject}\` against ${plan.table.cases} ranges written out as code`
      : plan.table
        ? `maps \`${plan.table.subject}\` to a result through ${plan.table.cases} cases`
        : plan.steps.length > 0
          ? `does ${plan.steps.length + 1} things in one body (${listOf(
              plan.steps.map((s) => s.what),
              3,
            )} among them)`
          : 'does its work in one body';
  const why =
    `\`${name}\` ${does}: ${listOf(over, 2)}.` +
    (plan.table
      ? ' As data, the cases can be read at a glance and a new case is one line, not one more branch to test.'
      : plan.guards.length > 0
        ? ' Deep nesting makes each branch harder to follow and to test.'
        : ' Named steps can be read, tested and changed one at a time.');
  const extracted = plan.steps.reduce((n, s) => n + s.endLine - s.startLine + 1, 0);
  return {
    title: plan.table
      ? `Replace the ${plan.table.kind === 'intervals' ? 'range conditions' : 'if/switch chain'} in \`${name}\` with a ${
          plan.table.kind === 'intervals' ? 'range table' : 'lookup table'
        }`
      : `Break up \`${name}\` in ${first.path}`,
    why,
    fix,
    acceptance: [
      `The behaviour of \`${name}\` is unchanged: its tests pass without assertion edits`,
      plan.table
        ? `The cases live in one table that \`${name}\` reads; adding a case adds an entry, not a branch`
        : `\`${name}\` reads as a sequence of calls to named steps, each step testable on its own`,
      ...(untested ? [`Before the change, a test pins what \`${name}\` returns for its main cases`] : []),
    ],
    change: {
      lines: plan.table ? plan.table.endLine - plan.table.startLine + 1 : Math.max(extracted, Math.min(length, 40)),
      files: 1,
      reach: 0,
      untested,
    },
    value: value(size, complexity),
    concrete: plan.table !== null || plan.steps.length > 0 || plan.guards.length > 0,
    belowBar: plan.table ? undefined : functionBar(refactor.members),
  };
}

const overBy = (f: Finding | undefined): number => (f ? Math.max(0, metricOf(f).value - metricOf(f).limit) : 0);
const value = (size: Finding | undefined, complexity: Finding | undefined): number => 5 + overBy(size) + 3 * overBy(complexity);
