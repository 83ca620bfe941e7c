// A difference in the name of a called member (`current.find(…)` / `current.findLast(…)`): a method's name is no value,
// so the helper cannot take it as a function (`findFn`) — passed detached, `find` loses its `this`. It takes the name as
// a key typed as the union of both (`current[method](…)`, `method: 'find' | 'findLast'`), or a callback. A function of a
// namespace (`fs.lstat` / `fs.stat` of `import * as fs`, `Math.min` / `Math.max`) needs no `this` and is passed as is.
import ts from '../compiler.cjs';

/** Objects of functions that need no `this`: passing `Math.min` is passing a function. */
const NAMESPACES = new Set(['Math', 'JSON', 'Object', 'Reflect', 'Number', 'Array', 'String', 'Promise', 'console', 'path', 'fs']);

export interface MethodDifference {
  /** What the first copy calls the method on (`current`), as written. */
  receiver: string;
}

/** `import * as fs from …`: `fs` names a module, whose functions are values. */
function namespaceImports(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const s of sf.statements) {
    const bindings = ts.isImportDeclaration(s) ? s.importClause?.namedBindings : undefined;
    if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
  }
  return names;
}

/** The receiver of a called member when the token is its name and both copies call a method: `{ receiver: 'current' }`. */
export function methodOf(x: ts.Node, y: ts.Node, sf: ts.SourceFile): { method?: MethodDifference } {
  const call = (token: ts.Node): ts.PropertyAccessExpression | undefined => {
    const access = token.parent;
    const ok = access && ts.isPropertyAccessExpression(access) && access.name === token && ts.isCallExpression(access.parent);
    return ok && (access.parent as ts.CallExpression).expression === access ? access : undefined;
  };
  const [ax, ay] = [call(x), call(y)];
  if (!ax || !ay) return {};
  const receiver = ax.expression;
  const namespace = ts.isIdentifier(receiver) && (NAMESPACES.has(receiver.text) || namespaceImports(sf).has(receiver.text));
  return namespace ? {} : { method: { receiver: receiver.getText(sf) } };
}
