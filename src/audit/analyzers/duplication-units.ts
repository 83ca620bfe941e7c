// The structure of a file that a copy is measured against: units (a match
// stays inside one, except across consecutive test calls), the edges of test
// callbacks (their shared setup and teardown is not worth a finding), and
// where statements start (a copy starts at one). Pure: one file's syntax tree.
import ts from '../compiler.cjs';
import { parse } from '../parse.js';
import type { SourceFile } from '../types.js';

/** Character ranges, [from, to). */
export type Span = readonly [from: number, to: number];

export interface Structure {
  /** Sorted positions where units start and end. */
  boundaries: number[];
  /** Test-style calls (`test('x', () => ...)`, not suites): a copy may run from one into the next. */
  tests: Span[];
  /** The head of each test callback: the call up to the end of its first statement (inside a leading `try`, too). */
  heads: Span[];
  /** The tail of each test callback: its last statement (a `finally` block when it ends with one) to the call's end. */
  tails: Span[];
  /** Positions where a statement or class member starts. */
  statementStarts: Set<number>;
}

const SUITES = /^(describe|suite|context)\b/;

/**
 * Units: every function (declared, or an arrow or function held by a variable),
 * class and test-style call, also inside `describe` blocks; runs of other
 * statements (constants, schemas) stay one unit. A class is one unit, so a run
 * of copied small methods is one copy. A copy of several units is found piece
 * by piece and merged; what this rules out is a seam (the end of one function
 * and the start of the next) passing for a copy — except between two test
 * calls copied in the same order (parallel test files).
 */
export function structureOf(file: SourceFile): Structure {
  const sf = parse(file);
  const structure: Structure = { boundaries: [], tests: [], heads: [], tails: [], statementStarts: new Set() };
  const visit = (statements: readonly ts.Statement[]): void => {
    for (const s of statements) {
      if (ts.isClassDeclaration(s)) structure.boundaries.push(s.getStart(sf), s.getEnd());
      else if (ts.isModuleDeclaration(s) && s.body && ts.isModuleBlock(s.body)) visit(s.body.statements);
      else if (isFunctionStatement(s)) structure.boundaries.push(s.getStart(sf), s.getEnd());
      const callback = callbackOf(s);
      if (!callback) continue;
      structure.boundaries.push(s.getStart(sf), s.getEnd());
      const suite = SUITES.test(((s as ts.ExpressionStatement).expression as ts.CallExpression).expression.getText(sf));
      if (suite && ts.isBlock(callback.body)) visit(callback.body.statements);
      else if (!suite) addTest(structure, sf, s, callback);
    }
  };
  visit(sf.statements);
  structure.boundaries.sort((x, y) => x - y);
  const starts = (node: ts.Node): void => {
    if (ts.isStatement(node) || ts.isClassElement(node)) structure.statementStarts.add(node.getStart(sf));
    ts.forEachChild(node, starts);
  };
  ts.forEachChild(sf, starts);
  return structure;
}

function addTest(structure: Structure, sf: ts.SourceFile, call: ts.Statement, callback: ts.ArrowFunction | ts.FunctionExpression): void {
  const [start, end] = [call.getStart(sf), call.getEnd()];
  structure.tests.push([start, end]);
  if (!ts.isBlock(callback.body)) return;
  const body = callback.body.statements;
  const first = body[0];
  const inner = first && ts.isTryStatement(first) ? first.tryBlock.statements[0] : first;
  structure.heads.push([start, (inner ?? callback.body).getEnd()]);
  const last = body[body.length - 1];
  const tail = last && ts.isTryStatement(last) ? (last.finallyBlock ?? last.catchClause) : last;
  structure.tails.push([(tail ?? callback.body).getStart(sf), end]);
}

const isFunctionValue = (node: ts.Node | undefined): node is ts.ArrowFunction | ts.FunctionExpression =>
  node !== undefined && (ts.isArrowFunction(node) || ts.isFunctionExpression(node));

const isFunctionStatement = (s: ts.Statement): boolean =>
  ts.isFunctionDeclaration(s) ||
  ts.isExportAssignment(s) ||
  (ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => isFunctionValue(d.initializer)));

/** The function handed to a call statement (`test('x', () => {...})`, `describe(...)`), if any. */
function callbackOf(s: ts.Statement): ts.ArrowFunction | ts.FunctionExpression | undefined {
  if (!ts.isExpressionStatement(s)) return undefined;
  const call = s.expression;
  return ts.isCallExpression(call) ? call.arguments.find(isFunctionValue) : undefined;
}
