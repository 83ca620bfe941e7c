// A copy that makes a value with one call and refuses it unless the value passes a check (`const st = await
// fs.stat(abs); if (!st.isFile()) throw …`) is that call, checked: its helper is named by the call's verb and what the
// check asks of the value (`statFile`). Any other copy gets no name from its code: calls and comments read as noise.
import ts from '../compiler.cjs';
import type { Location, SourceFile } from '../types.js';
import { statementsIn, throwsNew } from './copy-shape.js';
import { wordsOf } from './words.js';

export function checkedCallName(file: SourceFile, range: Location): string | undefined {
  const [first, second] = statementsIn(file, range);
  const made = first && madeByCall(first);
  if (!made || !second || !ts.isIfStatement(second) || !throwsNew(second.thenStatement)) return undefined;
  const asked = askedOf(second.expression, made.value);
  const verb = wordsOf(made.callee)[0];
  return asked && verb ? `${verb}${asked}` : undefined;
}

/** `const v = [await] [obj.]callee(…)`: the value's name and the callee's. */
function madeByCall(statement: ts.Statement): { value: string; callee: string } | undefined {
  if (!ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1) return undefined;
  const [declaration] = statement.declarationList.declarations;
  let init = declaration?.initializer;
  if (init && ts.isAwaitExpression(init)) init = init.expression;
  if (!declaration || !ts.isIdentifier(declaration.name) || !init || !ts.isCallExpression(init)) return undefined;
  const callee = init.expression;
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
  return name ? { value: declaration.name.text, callee: name } : undefined;
}

/** `!value.isFile()` → `File`; `!value.hasBody()` → `Body`: what the guard asks of the value. */
function askedOf(condition: ts.Expression, value: string): string | undefined {
  if (!ts.isPrefixUnaryExpression(condition) || condition.operator !== ts.SyntaxKind.ExclamationToken) return undefined;
  const check = condition.operand;
  if (!ts.isCallExpression(check) || !ts.isPropertyAccessExpression(check.expression)) return undefined;
  const [subject, method] = [check.expression.expression, check.expression.name.text];
  if (!ts.isIdentifier(subject) || subject.text !== value) return undefined;
  return /^(?:is|has)([A-Z]\w*)$/.exec(method)?.[1];
}
