// A protocol: an ordered run of calls (`spyReportStart` … `notifyListeners` … `spyReportEnd`) that the copies make and
// other functions make too, most with other code between the steps (a mutation between the start and the notification).
// Those other places are the same protocol as the copies, yet no copy detector finds them: what lies between the steps
// differs. A helper for the copies alone leaves the protocol written out everywhere else.
import ts from '../compiler.cjs';
import { listFunctions } from '../functions.js';
import { GENERIC_CALLS } from './code.js';
import { filesBeside } from './family.js';
import { lineAt, parse } from '../parse.js';
import type { Location, SourceFile } from '../types.js';
import type { CodeIndex } from '../proposal-text/context.js';

/** One call: the called function's own name (`notifyListeners`, `reportChanged` of `this.atom_.reportChanged()`), in order. */
interface Call {
  name: string;
  pos: number;
  line: number;
}

/** Another place the protocol is written: the function, the lines from its first step to its last, and whether other calls lie between. */
export interface ProtocolPlace {
  name: string;
  at: Location;
  interleaved: boolean;
}

export interface Protocol {
  /** The calls every copy makes, in order. */
  steps: string[];
  places: ProtocolPlace[];
}

/** A protocol has a start and an end: at least this many different calls. */
const MIN_STEPS = 2;
/**
 * A call is a step of the protocol when at least this share of the functions making it make the whole run: a call made
 * everywhere else too (a test's `expect` and `toEqual`, an array's `push`) is incidental to the copies, not a step. It
 * also bounds the search: the steps kept are made by at most twice as many functions as make the copies' whole run.
 */
const MIN_PART = 0.5;

const cache = new WeakMap<SourceFile, Call[]>();

/** The file's calls of a named function or method, ordered by where the name is written; from its parsed tree, once per file. */
function callsOf(file: SourceFile): Call[] {
  let calls = cache.get(file);
  if (!calls) cache.set(file, (calls = namedCalls(parse(file))));
  return calls;
}

function namedCalls(sf: ts.SourceFile): Call[] {
  const calls: Call[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) ? callee.name : undefined;
      if (name && ts.isIdentifier(name)) calls.push({ name: name.text, pos: name.getStart(sf), line: 0 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  calls.sort((a, b) => a.pos - b.pos);
  for (const call of calls) call.line = lineAt(sf, call.pos);
  return calls;
}

/** The calls from `from` (a position or a line) up to `to`. */
const callsBetween = (calls: readonly Call[], key: 'pos' | 'line', from: number, to: number): Call[] =>
  calls.filter((call) => call[key] >= from && call[key] <= to);

/** Where `steps` occur in order among `calls` (earliest match), or undefined. */
function matchOf(calls: readonly Call[], steps: readonly string[]): Call[] | undefined {
  const matched: Call[] = [];
  for (const call of calls) if (call.name === steps[matched.length]) matched.push(call);
  return matched.length >= steps.length ? matched.slice(0, steps.length) : undefined;
}

interface Searched {
  path: string;
  name: string;
  start: number;
  end: number;
  calls: Call[];
}

/**
 * The copies' ordered calls (those common to all of them, incidental ones aside) and the functions in the copies'
 * directories, not overlapping a copy, that make the same calls in the same order: the innermost function only. The
 * directories, as for a family (family.ts): where a protocol's places live, and what the words memo checks on reuse.
 * Undefined when the copies make fewer than MIN_STEPS different such calls.
 */
export function protocolOf(copies: readonly Location[], index: CodeIndex): Protocol | undefined {
  const inCopies = copies.map((c) => {
    const file = index.file(c.path);
    return file ? callsBetween(callsOf(file), 'line', c.startLine, c.endLine).map((call) => call.name) : [];
  });
  const [first, ...rest] = inCopies;
  const common = (first ?? []).filter((name) => rest.every((names) => names.includes(name)));
  if (new Set(common).size < MIN_STEPS) return undefined;
  const searched = functionsIn(copies, index, common);
  const whole = searched.filter((s) => matchOf(s.calls, common));
  const callers = new Map<string, number>();
  for (const s of searched) for (const name of new Set(s.calls.map((c) => c.name))) callers.set(name, (callers.get(name) ?? 0) + 1);
  const steps = common.filter((name) => !GENERIC_CALLS.has(name) && whole.length >= MIN_PART * (callers.get(name) ?? 0));
  if (new Set(steps).size < MIN_STEPS || !inCopies.every((names) => matchOf(names.map(asCall), steps))) return undefined;
  const overlapsCopy = (path: string, from: number, to: number) =>
    copies.some((c) => c.path === path && c.startLine <= to && c.endLine >= from);
  const matches = searched.flatMap((s) => {
    const matched = matchOf(s.calls, steps);
    const [head, tail] = [matched?.[0], matched?.at(-1)];
    if (!matched || !head || !tail || overlapsCopy(s.path, head.line, tail.line)) return [];
    const between = s.calls.filter((c) => c.pos > head.pos && c.pos < tail.pos && !matched.includes(c));
    return [{ ...s, at: { path: s.path, startLine: head.line, endLine: tail.line }, interleaved: between.length > 0 }];
  });
  // A function holding another that makes the calls (a callback, a returned function) is the same place once.
  const innermost = matches.filter((m) => !matches.some((o) => o !== m && o.path === m.path && o.start >= m.start && o.end <= m.end));
  return { steps, places: innermost.map(({ name, at, interleaved }) => ({ name, at, interleaved })) };
}

/**
 * Every function of the copies' directories, with its calls (those of functions inside it included). Only files whose text
 * calls one of `names` are read: the others hold no step, and a re-audit need not parse them.
 */
function functionsIn(copies: readonly Location[], index: CodeIndex, names: readonly string[]): Searched[] {
  const alternatives = [...new Set(names)].map((name) => name.replace(/\$/g, '\\$')).join('|');
  const calling = new RegExp(`(?<![\\w$])(${alternatives})\\s*(\\?\\.)?\\s*[(<]`);
  const searched: Searched[] = [];
  for (const path of filesBeside(copies, index)) {
    const file = index.file(path);
    if (!file || !calling.test(file.content)) continue;
    const calls = callsOf(file);
    for (const f of listFunctions(file)) {
      const [start, end] = [f.node.getStart(), f.node.getEnd()];
      searched.push({ path, name: f.name, start, end, calls: callsBetween(calls, 'pos', start, end) });
    }
  }
  return searched;
}

const asCall = (name: string, pos: number): Call => ({ name, pos, line: 0 });
