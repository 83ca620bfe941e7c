/** The words of a proposal: title, why it matters, size, risk and acceptance criteria, per analyzer. */
import { lineRange } from '../shared/location.js';
import type { AnalyzerName, Finding, Location } from './types.js';

export interface ProposalText {
  title: string;
  why: string;
  size: 'S' | 'M' | 'L';
  risk: 'low' | 'medium' | 'high';
  acceptance: string[];
}

/** Untested modules named one by one in the acceptance criteria; the rest are summed up. */
const LISTED = 15;

type Describe = (first: Finding, members: Finding[]) => ProposalText;

const at = (l: Location): string => lineRange(l.path, l.startLine, l.endLine);
const lines = (l: Location): number => l.endLine - l.startLine + 1;
const bySize = (value: number, small: number, medium: number): 'S' | 'M' | 'L' => (value <= small ? 'S' : value <= medium ? 'M' : 'L');
const gone = (what: string): string => `\`crucible audit\` no longer reports ${what}`;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
/** The function a finding is about (`function NAME has ...`), else its file. */
const subject = (finding: Finding): string => /^function (\S+)/.exec(finding.message)?.[1] ?? finding.path;
const metric = (finding: Finding): { value: number; limit: number } => ({
  value: finding.metric?.value ?? 0,
  limit: finding.metric?.limit ?? 0,
});

const duplication: Describe = (first, members) => {
  const other = first.related?.[0] ?? members[1] ?? first;
  const sameFile = first.path === other.path;
  return {
    title: `Remove the duplicated block in ${sameFile ? first.path : `${first.path} and ${other.path}`}`,
    why:
      `${at(first)} and ${at(other)} are the same code (${metric(first).value} tokens, names and literals aside). ` +
      `Copies drift: a fix made in one is missed in the other, ` +
      `which is how a function ends up behaving differently the second time.`,
    size: bySize(Math.max(lines(first), lines(other)), 15, 60),
    risk: sameFile ? 'low' : 'medium',
    acceptance: [
      `The code at ${at(first)} and ${at(other)} exists once, in a shared function or module both places use`,
      gone('this duplication'),
    ],
  };
};

const size: Describe = (first) => {
  const { value, limit } = metric(first);
  const isFile = first.metric?.name === 'file-lines';
  const name = subject(first);
  return {
    title: isFile ? `Split ${first.path} (${value} lines)` : `Break up ${name} in ${first.path} (${value} lines)`,
    why:
      `${first.message}. Long ${isFile ? 'files mix responsibilities' : 'functions hide several steps in one'}, ` +
      `are hard to review, and are where regressions slip in.`,
    size: value > limit * 2 ? 'L' : 'M',
    risk: 'medium',
    acceptance: isFile
      ? [`${first.path} is at most ${limit} lines, each new file with one job`, gone(`${first.path} as oversized`)]
      : [`${name} is at most ${limit} lines, its steps extracted into named functions`, gone(`${name} as oversized`)],
  };
};

const complexity: Describe = (first) => {
  const { value, limit } = metric(first);
  const name = subject(first);
  return {
    title: `Simplify ${name} in ${first.path} (complexity ${value})`,
    why: `${first.message}. Every branch is a path that needs a test; past ${limit} they stop getting one.`,
    size: bySize(value / Math.max(1, limit), 1.5, 2),
    risk: value > limit * 2 ? 'high' : 'medium',
    acceptance: [
      `${name} has cyclomatic complexity at most ${limit}`,
      'Its behaviour is unchanged: existing tests pass without edits to their assertions',
      gone(`${name} as too complex`),
    ],
  };
};

const cycles: Describe = (first) => ({
  title: `Break the import cycle through ${first.path}`,
  why:
    `${first.message}. Modules in a cycle load in an order that depends on who imports first, so a value can be undefined at startup, ` +
    `and none of them can be understood or tested alone.`,
  size: bySize(metric(first).value, 2, 4),
  risk: 'medium',
  acceptance: ['No module in this group imports, directly or indirectly, a module that imports it back', gone('this import cycle')],
});

const untested: Describe = (first, members) => {
  const dir = first.path.includes('/') ? first.path.slice(0, first.path.lastIndexOf('/')) : '.';
  return {
    title: members.length === 1 ? `Add a test for ${first.path}` : `Add tests for ${members.length} untested modules in ${dir}`,
    why: `No test imports ${members.map((m) => m.path).join(', ')}. Code no test reaches can break without anyone noticing.`,
    size: bySize(
      members.reduce((sum, m) => sum + lines(m), 0),
      150,
      600,
    ),
    risk: 'low',
    acceptance: [
      ...members.slice(0, LISTED).map((m) => `A test imports ${m.path} and checks its behaviour`),
      ...(members.length > LISTED ? [`A test imports each of the other ${members.length - LISTED} modules in the evidence`] : []),
      gone('these modules as untested'),
    ],
  };
};

const unusedExports: Describe = (first, members) => ({
  title: `Remove ${plural(members.length, 'unused export')} from ${first.path}`,
  why: `${members.map((m) => `${m.message} (${at(m)})`).join('; ')}. An export nobody imports is API to maintain for no one, or dead code.`,
  size: 'S',
  risk: 'low',
  acceptance: ['Each listed name is either no longer exported or deleted if nothing uses it', gone(`unused exports in ${first.path}`)],
});

const anyDensity: Describe = (first) => ({
  title: `Type the \`any\` in ${first.path}`,
  why: `${first.message}. Every \`any\` switches the type checker off for what flows through it.`,
  size: bySize(metric(first).value, 5, 20),
  risk: 'low',
  acceptance: [
    `${first.path} has at most ${metric(first).limit} unexplained \`any\` per 100 lines (real types, \`unknown\` with narrowing, or a comment saying why)`,
    gone(`${first.path} for \`any\` density`),
  ],
});

const markers: Describe = (first, members) => ({
  title: `Resolve ${plural(members.length, 'marker comment')} in ${first.path}`,
  why: `Marker comments record known unfinished or fragile work: ${members.map((m) => `${at(m)} ${m.message}`).join('; ')}.`,
  size: members.length > 5 ? 'M' : 'S',
  risk: members.some((m) => m.severity === 'warning') ? 'medium' : 'low',
  acceptance: [
    'Each marker is resolved (the work done) or turned into a task in the record and the comment removed',
    gone(`markers in ${first.path}`),
  ],
});

const DESCRIBERS: Record<AnalyzerName, Describe> = {
  duplication,
  size,
  complexity,
  cycles,
  untested,
  'unused-exports': unusedExports,
  'any-density': anyDensity,
  markers,
};

/** Describes one non-empty group of findings of one analyzer (see proposals.ts for how they are grouped). */
export function describe(members: Finding[]): ProposalText {
  const first = members[0] as Finding;
  return DESCRIBERS[first.analyzer](first, members);
}
