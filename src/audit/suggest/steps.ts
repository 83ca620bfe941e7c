// The steps of a long function: its body's top-level statements grouped into
// runs a reader would name (a loop, a large if, the lines after a comment),
// each with a suggested name; and the ifs whose inversion into an early
// return or continue would flatten deep nesting.
import ts from 'typescript';
import { isFunctionWithBody } from '../functions.js';
import { lineAt } from '../parse.js';
import { mainCalls } from './code.js';
import { camelOf, phraseOf, wordsOf } from './words.js';

export interface Step {
  startLine: number;
  endLine: number;
  /** What the lines are: `the loop over files`, `the block after "// resolve imports"`. */
  what: string;
  name: string;
}

export interface Guard {
  line: number;
  condition: string;
  /** `return` at the function's top level, `continue` inside a loop. */
  exit: 'return' | 'continue';
  lines: number;
}

const MIN_STEP_LINES = 4;
const COMPOUND = (s: ts.Statement): boolean =>
  ts.isIfStatement(s) || ts.isIterationStatement(s, false) || ts.isSwitchStatement(s) || ts.isTryStatement(s) || ts.isBlock(s);

const linesOf = (sf: ts.SourceFile, n: ts.Node): [number, number] => [lineAt(sf, n.getStart(sf)), lineAt(sf, n.getEnd())];
const clip = (text: string, max = 50): string => {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
};

function leadingComment(s: ts.Statement, sf: ts.SourceFile): string | undefined {
  const ranges = ts.getLeadingCommentRanges(sf.text, s.getFullStart()) ?? [];
  const last = ranges.at(-1);
  return last ? sf.text.slice(last.pos, last.end) : undefined;
}

/** Groups of statements worth extracting, in order; a group covering most of the body is opened up (loop, if, switch cases). */
export function stepsOf(fn: ts.FunctionLikeDeclaration, sf: ts.SourceFile): Step[] {
  const body = fn.body;
  if (!body || !ts.isBlock(body)) return [];
  const total = lineSpan(sf, body);
  let statements: readonly ts.Statement[] = body.statements;
  for (let depth = 0; depth < 3; depth++) {
    const only = statements.filter((s) => lineSpan(sf, s) > total * 0.7)[0];
    if (!only) break;
    if (ts.isSwitchStatement(only)) return caseSteps(only, sf);
    const inner = innerBlock(only);
    if (!inner) break;
    statements = inner.statements;
  }
  return groupSteps(statements, sf).filter(
    (step) => step.endLine - step.startLine + 1 >= MIN_STEP_LINES && step.endLine - step.startLine + 1 <= total * 0.7,
  );
}

function innerBlock(s: ts.Statement): ts.Block | undefined {
  const inner = ts.isIfStatement(s)
    ? s.thenStatement
    : ts.isIterationStatement(s, false)
      ? s.statement
      : ts.isTryStatement(s)
        ? s.tryBlock
        : s;
  return ts.isBlock(inner) ? inner : undefined;
}

/** The largest cases of a switch, each a function named after its label. */
function caseSteps(s: ts.SwitchStatement, sf: ts.SourceFile): Step[] {
  return s.caseBlock.clauses
    .filter((c) => c.statements.length > 0 && lineSpan(sf, c) >= MIN_STEP_LINES)
    .sort((a, b) => lineSpan(sf, b) - lineSpan(sf, a))
    .slice(0, 4)
    .sort((a, b) => a.pos - b.pos)
    .map((c) => {
      const label = ts.isCaseClause(c) ? clip(c.expression.getText(sf), 40) : 'default';
      const words = wordsOf(label.split('.').at(-1) ?? label);
      return {
        startLine: lineAt(sf, c.getStart(sf)),
        endLine: lineAt(sf, c.getEnd()),
        what: ts.isCaseClause(c) ? `\`case ${label}\`` : 'the `default` case',
        name: camelOf(['on', ...(words.length > 0 ? words : ['default'])]),
      };
    });
}

function groupSteps(statements: readonly ts.Statement[], sf: ts.SourceFile): Step[] {
  const groups: { statements: ts.Statement[]; comment?: string }[] = [];
  for (const s of statements) {
    const comment = leadingComment(s, sf);
    const big = COMPOUND(s) && lineSpan(sf, s) >= MIN_STEP_LINES;
    const current = groups.at(-1);
    if (comment || big || !current || current.statements.some((x) => COMPOUND(x) && lineSpan(sf, x) >= MIN_STEP_LINES))
      groups.push({ statements: [s], ...(comment ? { comment } : {}) });
    else current.statements.push(s);
  }
  return groups.map((g) => describeGroup(g.statements, sf, g.comment));
}

const lineSpan = (sf: ts.SourceFile, n: ts.Node): number => {
  const [a, b] = linesOf(sf, n);
  return b - a + 1;
};

function describeGroup(statements: ts.Statement[], sf: ts.SourceFile, comment?: string): Step {
  const first = statements[0] as ts.Statement;
  const startLine = lineAt(sf, first.getStart(sf));
  const endLine = lineAt(sf, (statements.at(-1) as ts.Statement).getEnd());
  const calls = statements.flatMap((s) => mainCalls(s, 1));
  const call = calls[0];
  const phrase = comment ? phraseOf(comment) : [];
  if (phrase.length > 0) return { startLine, endLine, what: `the lines after "${clip(comment ?? '', 60).trim()}"`, name: camelOf(phrase) };
  if (statements.length === 1 && ts.isForOfStatement(first)) {
    const over = clip(first.expression.getText(sf), 30);
    return {
      startLine,
      endLine,
      what: `the loop over \`${over}\``,
      name: call ? pluralName(call) : camelOf(['each', ...wordsOf(over).slice(-1)]),
    };
  }
  if (statements.length === 1 && ts.isIterationStatement(first, false))
    return { startLine, endLine, what: 'the loop', name: call ? pluralName(call) : 'loopStep' };
  if (statements.length === 1 && ts.isSwitchStatement(first))
    return {
      startLine,
      endLine,
      what: `the switch on \`${clip(first.expression.getText(sf), 30)}\``,
      name: camelOf(['by', ...wordsOf(first.expression.getText(sf)).slice(-2)]),
    };
  if (statements.length === 1 && ts.isIfStatement(first)) {
    const condition = clip(first.expression.getText(sf), 40);
    return {
      startLine,
      endLine,
      what: `the \`if (${condition})\` block`,
      name: call ?? camelOf(['when', ...wordsOf(condition).slice(0, 2)]),
    };
  }
  const declared = statements.flatMap((s) =>
    ts.isVariableStatement(s) ? s.declarationList.declarations.map((d) => d.name.getText(sf)) : [],
  );
  const lead = declared[0];
  return {
    startLine,
    endLine,
    what: lead
      ? `the statements computing \`${clip(lead, 30)}\``
      : `the ${statements.length === 1 ? 'statement' : `${statements.length} statements`} from \`${clip(first.getText(sf), 30)}\``,
    name: lead ? camelOf(['compute', ...wordsOf(lead).slice(0, 3)]) : (call ?? 'step'),
  };
}

const pluralName = (call: string): string => (call.endsWith('s') ? `${call}All` : `${call}s`);

/** Deepest nesting of blocks (if, loops, switch, try) in the function's own body. */
export function nestingDepth(fn: ts.FunctionLikeDeclaration): number {
  let deepest = 0;
  const visit = (node: ts.Node, depth: number): void => {
    if (node !== fn && isFunctionWithBody(node)) return;
    const nests = ts.isIfStatement(node) || ts.isIterationStatement(node, false) || ts.isSwitchStatement(node) || ts.isTryStatement(node);
    const next =
      nests && !(ts.isIfStatement(node) && ts.isIfStatement(node.parent) && node.parent.elseStatement === node) ? depth + 1 : depth;
    deepest = Math.max(deepest, next);
    ts.forEachChild(node, (child) => visit(child, next));
  };
  visit(fn, 0);
  return deepest;
}

/** Ifs without else that wrap the rest of a function body or loop body: each can become a guard clause. */
export function guardCandidates(fn: ts.FunctionLikeDeclaration, sf: ts.SourceFile): Guard[] {
  const found: Guard[] = [];
  const visit = (node: ts.Node): void => {
    if (node !== fn && isFunctionWithBody(node)) return;
    const exit = node === fn.body ? 'return' : ts.isBlock(node) && ts.isIterationStatement(node.parent, false) ? 'continue' : null;
    const last = exit && ts.isBlock(node) ? node.statements.at(-1) : undefined;
    if (exit && last && ts.isIfStatement(last) && !last.elseStatement && lineSpan(sf, last) >= 5) {
      found.push({
        line: lineAt(sf, last.getStart(sf)),
        condition: clip(last.expression.getText(sf), 50),
        exit,
        lines: lineSpan(sf, last),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(fn);
  return found.sort((a, b) => b.lines - a.lines).slice(0, 3);
}
