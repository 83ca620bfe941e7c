// The steps of a long function: its body's top-level statements grouped into
// runs a reader would name (a loop, a large if, the lines after a comment),
// each with a suggested name; and the ifs whose inversion into an early
// return or continue would flatten deep nesting.
import ts from '../compiler.cjs';
import { isFunctionWithBody } from '../functions.js';
import { lineAt } from '../parse.js';
import { mainCalls } from './code.js';
import { camelOf, phraseOf, wordsOf } from './words.js';

export interface Step {
  startLine: number;
  endLine: number;
  /** What the lines are: `the loop over files`, `the block after "// resolve imports"`. */
  what: string;
  /** The suggested function name; '' when the code offers no good one (the reader names it from `what`). */
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

const MARKER = /^\s*(\/\/|\/\*+)\s*(TODO|FIXME|HACK|XXX)\b/;

function leadingComment(s: ts.Statement, sf: ts.SourceFile): string | undefined {
  const ranges = ts.getLeadingCommentRanges(sf.text, s.getFullStart()) ?? [];
  const last = ranges.at(-1);
  const text = last ? sf.text.slice(last.pos, last.end) : undefined;
  // A marker (`// TODO refactor`) says what is wrong, not what the lines do: no name comes from it.
  return text === undefined || MARKER.test(text) ? undefined : text;
}

/** Groups of statements worth extracting, in order; a group covering most of the body is opened up (loop, if, switch cases). */
export function stepsOf(fn: ts.FunctionLikeDeclaration, sf: ts.SourceFile): Step[] {
  const body = fn.body;
  const own = fn.name && ts.isIdentifier(fn.name) ? fn.name.text : '';
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
  const steps = groupSteps(statements, sf, own).filter(
    (step) => step.endLine - step.startLine + 1 >= MIN_STEP_LINES && step.endLine - step.startLine + 1 <= total * 0.7,
  );
  // two steps suggested under one name would be one function: the later ones are left for the reader to name
  return steps.map((step, i) => (steps.findIndex((x) => x.name === step.name) < i ? { ...step, name: '' } : step));
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

function groupSteps(statements: readonly ts.Statement[], sf: ts.SourceFile, own: string): Step[] {
  const groups: { statements: ts.Statement[]; comment?: string }[] = [];
  for (const s of statements) {
    const comment = leadingComment(s, sf);
    const big = COMPOUND(s) && lineSpan(sf, s) >= MIN_STEP_LINES;
    const current = groups.at(-1);
    if (comment || big || !current || current.statements.some((x) => COMPOUND(x) && lineSpan(sf, x) >= MIN_STEP_LINES))
      groups.push({ statements: [s], ...(comment ? { comment } : {}) });
    else current.statements.push(s);
  }
  return groups.map((g) => {
    const after = statements.slice(statements.indexOf(g.statements.at(-1) as ts.Statement) + 1);
    return describeGroup(g.statements, sf, own, after, g.comment);
  });
}

const lineSpan = (sf: ts.SourceFile, n: ts.Node): number => {
  const [a, b] = linesOf(sf, n);
  return b - a + 1;
};

/** Verbs a step's name can borrow from the main function it calls (`readConfig` → read). */
const VERBS = new Set(
  'add apply build check collect compute create find format load make map merge normalize parse read render resolve write'.split(' '),
);
/** Callees whose name would only repeat the call, never say what the block is for. */
const MEANINGLESS =
  /^(is|has|throw|assert|to|get)[A-Z]|^(exists|read|write)(File)?Sync$|^(startsWith|endsWith|isArray|floor|random|keys|values|entries)$/;

/** A name for a function extracted from `statements`, or '' when nothing in the code gives a good one (see `stepName`). */
function describeGroup(statements: ts.Statement[], sf: ts.SourceFile, own: string, rest: readonly ts.Statement[], comment?: string): Step {
  const first = statements[0] as ts.Statement;
  const startLine = lineAt(sf, first.getStart(sf));
  const endLine = lineAt(sf, (statements.at(-1) as ts.Statement).getEnd());
  const phrase = comment ? phraseOf(comment) : [];
  if (phrase.length > 0) return { startLine, endLine, what: `the lines after "${clip(comment ?? '', 60).trim()}"`, name: camelOf(phrase) };
  const name = stepName(statements, sf, own, rest);
  if (statements.length === 1 && ts.isIterationStatement(first, false)) {
    const over = ts.isForOfStatement(first) || ts.isForInStatement(first) ? ` over \`${clip(first.expression.getText(sf), 30)}\`` : '';
    return { startLine, endLine, what: `the loop${over}`, name };
  }
  if (statements.length === 1 && ts.isSwitchStatement(first))
    return { startLine, endLine, what: `the switch on \`${clip(first.expression.getText(sf), 30)}\``, name };
  if (statements.length === 1 && ts.isIfStatement(first))
    return { startLine, endLine, what: `the \`if (${clip(first.expression.getText(sf), 40)})\` block`, name };
  const declared = declaredBy(statements);
  const lead = declared.at(-1);
  return {
    startLine,
    endLine,
    what: lead
      ? `the statements computing \`${clip(lead, 30)}\``
      : `the ${statements.length === 1 ? 'statement' : `${statements.length} statements`} from \`${clip(first.getText(sf), 30)}\``,
    name,
  };
}

const declaredBy = (statements: readonly ts.Statement[]): string[] =>
  statements.flatMap((s) =>
    ts.isVariableStatement(s)
      ? s.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : d.name.elements.flatMap(bindingNames)))
      : [],
  );
const bindingNames = (e: ts.BindingElement | ts.ArrayBindingElement): string[] =>
  ts.isBindingElement(e) && ts.isIdentifier(e.name) ? [e.name.text] : [];

/**
 * What the step produces, as a verb and a noun: the variable it declares that later code reads (its return value), else the
 * variable or property it assigns or adds to; the verb from its main call when that is a verb, else compute/set/add.
 * A callee alone (`existsSync`, `floor`), the function's own name or words of a condition are no name: '' then.
 */
function stepName(statements: ts.Statement[], sf: ts.SourceFile, own: string, rest: readonly ts.Statement[]): string {
  const later = new Set<string>();
  const collect = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) later.add(n.text);
    ts.forEachChild(n, collect);
  };
  rest.forEach(collect);
  const output = declaredBy(statements)
    .filter((d) => later.has(d))
    .at(-1);
  const assigned = output ? undefined : assignedIn(statements);
  const noun = output ?? assigned?.target;
  if (!noun) return '';
  const verb = statements
    .flatMap((s) => mainCalls(s, 3))
    .filter((c) => c !== own && !MEANINGLESS.test(c))
    .map((c) => wordsOf(c)[0] ?? '')
    .find((w) => VERBS.has(w));
  const words = noun.length < 3 ? [] : wordsOf(noun).slice(-3);
  const name = camelOf([verb ?? assigned?.verb ?? 'compute', ...words]);
  return words.length === 0 || name === own ? '' : name;
}

/** The first thing the statements write that outlives them: `x = …`, `x.key = …`, `x['$key'] = …`, `x.push(…)`. */
function assignedIn(statements: readonly ts.Statement[]): { target: string; verb: string } | undefined {
  const local = new Set(declaredBy(statements));
  let found: { target: string; verb: string } | undefined;
  const visit = (n: ts.Node): void => {
    if (found || (n !== statements[0] && isFunctionWithBody(n))) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = n.left;
      if (ts.isIdentifier(left) && !local.has(left.text)) found = { target: left.text, verb: 'compute' };
      const key = ts.isElementAccessExpression(left)
        ? left.argumentExpression
        : ts.isPropertyAccessExpression(left)
          ? left.name
          : undefined;
      const base = ts.isElementAccessExpression(left) || ts.isPropertyAccessExpression(left) ? left.expression : undefined;
      if (key && base && ts.isIdentifier(base) && !local.has(base.text) && (ts.isStringLiteral(key) || ts.isIdentifier(key)))
        found = { target: key.text, verb: 'set' };
    }
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && /^(push|add|set|unshift)$/.test(n.expression.name.text)) {
      const base = n.expression.expression;
      if (ts.isIdentifier(base) && !local.has(base.text)) found = { target: base.text, verb: 'add' };
    }
    ts.forEachChild(n, visit);
  };
  statements.forEach(visit);
  return found;
}

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
