// Cognitive complexity (G. Ann Campbell, SonarSource, 2017): how hard a
// function is to follow, not how many paths it has. +1 for each `if`,
// `else if`, `else`, `?:`, `switch` (once, whatever its cases), loop, `catch`,
// labelled `break`/`continue`, and each run of like logical operators
// (`a && b && c` is +1, `a && b || c` is +2; `??` counts as one of them).
// `if`, `?:`, `switch`, loops and `catch` add the depth at which they are
// nested, and a function nested in another one is one level deeper. Flat
// switches and lookup tables therefore score low; so does a range table
// written as a condition (`(c >= 0x1100 && c <= 0x115f) || (c >= …) || …`,
// comparisons of one subject with literals), which counts once. Deviations from the paper:
// recursion is not counted, and a nested function's increments are its own
// (measured at its depth) rather than added to the function around it, so a
// finding names the function that holds the logic.
import ts from './compiler.cjs';
import { isFunctionWithBody } from './functions.js';

const LOOPS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.WhileStatement,
  ts.SyntaxKind.DoStatement,
]);

const LOGICAL = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.AmpersandAmpersandToken,
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.QuestionQuestionToken,
]);

const cache = new WeakMap<ts.SourceFile, Map<ts.Node, number>>();

/** Cognitive complexity of every function with a body in the file (code outside functions is not scored). */
export function cognitiveScores(sf: ts.SourceFile): Map<ts.Node, number> {
  const cached = cache.get(sf);
  if (cached) return cached;
  const scores = new Map<ts.Node, number>();
  let owner: ts.Node | undefined;
  const add = (amount: number): void => {
    if (owner) scores.set(owner, (scores.get(owner) ?? 0) + amount);
  };
  const children = (node: ts.Node, nesting: number): void => ts.forEachChild(node, (child) => visit(child, nesting));
  const visit = (node: ts.Node, nesting: number): void => {
    if (isFunctionWithBody(node)) {
      const outer = owner;
      owner = node;
      scores.set(node, 0);
      children(node, outer ? nesting + 1 : 0);
      owner = outer;
    } else if (ts.isIfStatement(node)) {
      add(1 + nesting);
      visitIfChain(node, nesting);
    } else if (ts.isConditionalExpression(node)) {
      add(1 + nesting);
      visit(node.condition, nesting);
      visit(node.whenTrue, nesting + 1);
      visit(node.whenFalse, nesting + 1);
    } else if (ts.isSwitchStatement(node) || ts.isCatchClause(node) || LOOPS.has(node.kind)) {
      add(1 + nesting);
      children(node, nesting + 1);
    } else if ((ts.isBreakStatement(node) || ts.isContinueStatement(node)) && node.label) {
      add(1);
    } else if (isLogical(node) && !isLogical(outside(node))) {
      add(operatorRuns(node));
      logicalOperands(node).forEach((operand) => visit(operand, nesting));
    } else {
      children(node, nesting);
    }
  };
  /** `if … else if … else`: the head paid its nesting; every `else if` and `else` adds 1, and their blocks nest one deeper. */
  const visitIfChain = (head: ts.IfStatement, nesting: number): void => {
    for (let branch: ts.IfStatement | undefined = head; branch;) {
      visit(branch.expression, nesting);
      visit(branch.thenStatement, nesting + 1);
      const otherwise: ts.Statement | undefined = branch.elseStatement;
      if (otherwise) add(1);
      if (otherwise && ts.isIfStatement(otherwise)) branch = otherwise;
      else {
        if (otherwise) visit(otherwise, nesting + 1);
        branch = undefined;
      }
    }
  };
  visit(sf, 0);
  cache.set(sf, scores);
  return scores;
}

const isLogical = (node: ts.Node | undefined): node is ts.BinaryExpression =>
  node !== undefined && ts.isBinaryExpression(node) && LOGICAL.has(node.operatorToken.kind);

/** The node around an expression, looking through parentheses. */
function outside(node: ts.Node): ts.Node | undefined {
  let parent = node.parent;
  while (parent && ts.isParenthesizedExpression(parent)) parent = parent.parent;
  return parent;
}

const inside = (node: ts.Expression): ts.Expression => (ts.isParenthesizedExpression(node) ? inside(node.expression) : node);

/** The operators of a logical expression in reading order, through parentheses. */
function operators(node: ts.Expression): ts.SyntaxKind[] {
  const bare = inside(node);
  if (!isLogical(bare)) return [];
  return [...operators(bare.left), bare.operatorToken.kind, ...operators(bare.right)];
}

function logicalOperands(node: ts.Expression): ts.Expression[] {
  const bare = inside(node);
  return isLogical(bare) ? [...logicalOperands(bare.left), ...logicalOperands(bare.right)] : [node];
}

/** 1 for the first operator and 1 more each time the operator changes; a range table counts once. */
function operatorRuns(node: ts.BinaryExpression): number {
  if (isRangeTable(node)) return 1;
  const ops = operators(node);
  return ops.filter((op, i) => i === 0 || op !== ops[i - 1]).length;
}

const COMPARISONS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
]);

const isLiteral = (node: ts.Expression): boolean =>
  ts.isNumericLiteral(node) || ts.isStringLiteralLike(node) || (ts.isPrefixUnaryExpression(node) && ts.isNumericLiteral(node.operand));

/** `x === 'a'`, `c >= 0x1100`: the text of the compared subject, or null when `node` is not a comparison with a literal. */
function comparedSubject(node: ts.Expression): string | null {
  const bare = inside(node);
  if (!ts.isBinaryExpression(bare) || !COMPARISONS.has(bare.operatorToken.kind)) return null;
  if (isLiteral(bare.right) && !isLiteral(bare.left)) return bare.left.getText();
  if (isLiteral(bare.left) && !isLiteral(bare.right)) return bare.right.getText();
  return null;
}

/** Three or more `||` alternatives, each a comparison or an `&&` of comparisons of the same subject with literals. */
function isRangeTable(node: ts.BinaryExpression): boolean {
  if (node.operatorToken.kind !== ts.SyntaxKind.BarBarToken) return false;
  const alternatives = (e: ts.Expression): ts.Expression[] => {
    const bare = inside(e);
    return ts.isBinaryExpression(bare) && bare.operatorToken.kind === ts.SyntaxKind.BarBarToken
      ? [...alternatives(bare.left), ...alternatives(bare.right)]
      : [bare];
  };
  const subjects = new Set<string | null>();
  for (const alternative of alternatives(node)) {
    const bare = inside(alternative);
    const bounds =
      ts.isBinaryExpression(bare) && bare.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ? [bare.left, bare.right] : [bare];
    bounds.forEach((bound) => subjects.add(comparedSubject(bound)));
  }
  return alternatives(node).length >= 3 && subjects.size === 1 && !subjects.has(null);
}
