// The role a value plays where a copy uses it, which names the helper's parameter that takes it: stored under a key,
// reported as a message, an event's name, a type a `typeof` test expects.
import ts from '../compiler.cjs';
import { LITERAL_KINDS } from './align.js';
import { EQUALITY } from './code.js';

const REPORTING_CALLS = /^(Error|\w+Error|warn|error|log|info|debug|fail|failure|die|panic|invariant)$/;

/** Methods whose first argument names an event (`emitter.on('input', handler)`, `el.addEventListener('click', …)`). */
const EVENT_CALLS =
  /^(on|once|off|emit|addListener|removeListener|prependListener|prependOnceListener|addEventListener|removeEventListener)$/;

/** `'function'` in `typeof value === 'function'`. */
export function isTypeOfCompared(token: ts.Node): boolean {
  const parent = token.parent;
  if (!parent || !ts.isBinaryExpression(parent) || !EQUALITY.has(parent.operatorToken.kind)) return false;
  const other = parent.left === token ? parent.right : parent.left;
  return LITERAL_KINDS.has(token.kind) && ts.isTypeOfExpression(other);
}

/**
 * What a value is to its code: the key it is stored under (`expected: X.undefined` → `expected`), `message` for a
 * thrown or logged text, `event` for the first argument of an emitter's or element's listener method.
 */
export function roleOf(token: ts.Node): string | undefined {
  for (let at: ts.Node | undefined = token.parent, depth = 0; at && depth < 4; at = at.parent, depth++) {
    if (ts.isPropertyAssignment(at) && at.name !== token && ts.isIdentifier(at.name)) return at.name.text;
    if ((ts.isCallExpression(at) || ts.isNewExpression(at)) && LITERAL_KINDS.has(token.kind)) {
      const callee = at.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      if (ts.isPropertyAccessExpression(callee) && EVENT_CALLS.test(name) && at.arguments?.[0] === token) return 'event';
      return REPORTING_CALLS.test(name) ? 'message' : undefined;
    }
    if (ts.isStatement(at)) return undefined;
  }
  return undefined;
}

/** `name` in `holder.name = …` (or `+=`, `??=`): the copy writes the property. */
export function isAssigned(token: ts.Node): boolean {
  const access = token.parent;
  if (!access || !ts.isPropertyAccessExpression(access) || access.name !== token) return false;
  const parent = access.parent;
  const op = ts.isBinaryExpression(parent) && parent.left === access ? parent.operatorToken.kind : undefined;
  return op !== undefined && op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment;
}
