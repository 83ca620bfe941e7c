// A function that only maps a value to a constant, through an if/else-if
// chain or a switch, is a table in disguise: find such chains and what the
// table replacing them would hold.
import ts from '../compiler.cjs';
import { lineAt } from '../parse.js';

export interface LookupChain {
  /**
   * `record`: equality cases (`=== 'GET'`, `case 'GET'`); `ranges`: ordered thresholds (`< 50`);
   * `intervals`: `x >= lo && x <= hi` pairs (single values as `lo === hi`), in an if-chain or one `||` expression.
   */
  kind: 'record' | 'ranges' | 'intervals';
  /** The variable an `||` chain of intervals is assigned to (`const wide = …`), when it is. */
  name?: string;
  /** The expression every case tests. */
  subject: string;
  cases: number;
  startLine: number;
  endLine: number;
  /** Cases that compute their result instead of returning a constant: stay as code beside the table. */
  special: number;
}

const RANGE_OPERATORS = new Set([
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
]);
const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken]);

const isConstant = (e: ts.Expression | undefined): boolean =>
  e !== undefined &&
  (ts.isStringLiteralLike(e) ||
    ts.isNumericLiteral(e) ||
    e.kind === ts.SyntaxKind.TrueKeyword ||
    e.kind === ts.SyntaxKind.FalseKeyword ||
    e.kind === ts.SyntaxKind.NullKeyword ||
    ts.isIdentifier(e) ||
    (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) ||
    (ts.isPrefixUnaryExpression(e) && ts.isNumericLiteral(e.operand)));

const isLiteral = (e: ts.Expression): boolean => ts.isStringLiteralLike(e) || ts.isNumericLiteral(e) || ts.isPropertyAccessExpression(e);

/** `return CONSTANT;`, alone or as the only statement of a block. */
function returnsConstant(s: ts.Statement | undefined): boolean {
  const only = s && ts.isBlock(s) && s.statements.length === 1 ? s.statements[0] : s;
  return only !== undefined && ts.isReturnStatement(only) && isConstant(only.expression);
}

type Case = { subject: string; kind: LookupChain['kind'] };

const unwrap = (e: ts.Expression): ts.Expression => (ts.isParenthesizedExpression(e) ? unwrap(e.expression) : e);

/** The tested expression and the kind of test of `x === 'a'`, `x < 50`, `x >= 1 && x <= 9`, or an `||` of those. */
function caseOf(condition: ts.Expression, sf: ts.SourceFile): Case | null {
  const e = unwrap(condition);
  if (!ts.isBinaryExpression(e)) return null;
  const op = e.operatorToken.kind;
  if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) {
    const [left, right] = [caseOf(e.left, sf), caseOf(e.right, sf)];
    if (!left || !right || left.subject !== right.subject) return null;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken)
      return left.kind === 'ranges' && right.kind === 'ranges' ? { subject: left.subject, kind: 'intervals' } : null;
    const kinds = new Set([left.kind, right.kind]);
    return kinds.has('ranges') ? null : { subject: left.subject, kind: kinds.has('intervals') ? 'intervals' : 'record' };
  }
  const kind = EQUALITY.has(op) ? 'record' : RANGE_OPERATORS.has(op) ? 'ranges' : null;
  if (!kind) return null;
  if (isLiteral(e.right)) return { subject: e.left.getText(sf), kind };
  if (isLiteral(e.left)) return { subject: e.right.getText(sf), kind };
  return null;
}

/** Disjuncts of `a || b || c`. */
const disjuncts = (e: ts.Expression): ts.Expression[] => {
  const inner = unwrap(e);
  return ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.BarBarToken
    ? [...disjuncts(inner.left), ...disjuncts(inner.right)]
    : [inner];
};

const MIN_INTERVALS = 4;

/** The longest `||` of at least 4 interval tests on one subject in the function (a set of ranges written as code), or null. */
function intervalSet(fn: ts.FunctionLikeDeclaration, sf: ts.SourceFile): LookupChain | null {
  let best: LookupChain | null = null;
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.BarBarToken && !isOr(n.parent)) {
      const parts = disjuncts(n);
      const cases = parts.map((p) => caseOf(p, sf));
      const subject = cases[0]?.subject;
      const intervals = cases.filter((c) => c?.kind === 'intervals').length;
      if (subject && intervals >= MIN_INTERVALS && cases.every((c) => c?.subject === subject) && intervals > (best?.cases ?? 0)) {
        const holder = unwrapParent(n);
        best = {
          kind: 'intervals',
          subject,
          cases: parts.length,
          special: 0,
          startLine: lineAt(sf, n.getStart(sf)),
          endLine: lineAt(sf, n.getEnd()),
          ...(ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) ? { name: holder.name.text } : {}),
        };
      }
    }
    ts.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
  return best;
}

const isOr = (n: ts.Node): boolean =>
  (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.BarBarToken) || (ts.isParenthesizedExpression(n) && isOr(n.parent));
const unwrapParent = (n: ts.Node): ts.Node => (ts.isParenthesizedExpression(n.parent) ? unwrapParent(n.parent) : n.parent);

/** The chain that makes up (nearly) the whole body, or null. */
export function lookupChain(fn: ts.FunctionLikeDeclaration, sf: ts.SourceFile): LookupChain | null {
  const body = fn.body;
  if (!body || !ts.isBlock(body)) return null;
  return wholeChain(body, sf) ?? intervalSet(fn, sf);
}

function wholeChain(body: ts.Block, sf: ts.SourceFile): LookupChain | null {
  const statements = [...body.statements];
  const span = (from: ts.Node, to: ts.Node) => ({ startLine: lineAt(sf, from.getStart(sf)), endLine: lineAt(sf, to.getEnd()) });
  const [first] = statements;
  if (first && ts.isSwitchStatement(first) && statements.length <= 2) return switchChain(first, sf, span(first, first));
  const ifs: ts.IfStatement[] = [];
  let tail: ts.Statement | undefined;
  for (const s of statements) {
    if (tail) return null;
    if (ts.isIfStatement(s)) ifs.push(...flattenElseIf(s));
    else tail = s;
  }
  if (ifs.length < 3 || (tail && !returnsConstant(tail))) return null;
  const tests = ifs.map((s) => caseOf(s.expression, sf));
  const subject = tests[0]?.subject;
  const kind = tests[0]?.kind;
  if (!subject || tests.some((t) => t?.subject !== subject || t.kind !== kind)) return null;
  const special = ifs.filter((s) => !returnsConstant(s.thenStatement)).length;
  if (special > 1 || kind === undefined) return null;
  return { kind, subject, cases: ifs.length, special, ...span(ifs[0] as ts.Node, tail ?? (statements.at(-1) as ts.Node)) };
}

function flattenElseIf(s: ts.IfStatement): ts.IfStatement[] {
  const chain = [s];
  for (let e = s.elseStatement; e;) {
    if (ts.isIfStatement(e)) {
      chain.push(e);
      e = e.elseStatement;
    } else break;
  }
  return chain;
}

function switchChain(s: ts.SwitchStatement, sf: ts.SourceFile, lines: { startLine: number; endLine: number }): LookupChain | null {
  const clauses = s.caseBlock.clauses;
  const withCode = clauses.filter((c) => c.statements.length > 0);
  const special = withCode.filter((c) => !(c.statements.length === 1 && returnsConstant(c.statements[0]))).length;
  if (clauses.length < 3 || special > Math.max(1, Math.floor(withCode.length / 4))) return null;
  return { kind: 'record', subject: s.expression.getText(sf), cases: clauses.filter(ts.isCaseClause).length, special, ...lines };
}
