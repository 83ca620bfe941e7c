// A copy that is a React effect subscribing to something and returning the cleanup that unsubscribes:
// `useEffect(() => { emitter.on('input', handle); return () => { emitter.removeListener('input', handle); }; }, [])`.
// Idiomatic boilerplate a React reader takes in at a glance.
import ts from '../compiler.cjs';
import { lineAt, parse } from '../parse.js';
import { calleeName } from './code.js';
import type { Location, SourceFile } from '../types.js';

const EFFECTS = new Set(['useEffect', 'useLayoutEffect', 'useInsertionEffect']);
const SUBSCRIBE = new Set(['on', 'addListener', 'addEventListener', 'subscribe']);
const UNSUBSCRIBE = new Set(['off', 'removeListener', 'removeEventListener', 'unsubscribe']);

const methodCalled = (node: ts.Node): string | undefined =>
  ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : undefined;

/** Nodes under `root`, not descending into functions nested in it. */
function ownNodes(root: ts.Node): ts.Node[] {
  const found: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    found.push(node);
    if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit);
  };
  ts.forEachChild(root, visit);
  return found;
}

const anyNode = (root: ts.Node, test: (node: ts.Node) => boolean): boolean =>
  test(root) || (ts.forEachChild(root, (child) => (anyNode(child, test) ? true : undefined)) ?? false);

/** The callback subscribes (`.on(…)`, `.subscribe(…)`) and returns a cleanup: a function that unsubscribes, or what subscribing gave. */
function subscribesWithCleanup(callback: ts.ArrowFunction | ts.FunctionExpression): boolean {
  const body = callback.body;
  const subscribes = (node: ts.Node) => SUBSCRIBE.has(methodCalled(node) ?? '');
  // `() => store.subscribe(listener)`: the subscription's own result is the cleanup.
  if (!ts.isBlock(body)) return methodCalled(body) === 'subscribe';
  const own = ownNodes(body);
  // `const unsubscribe = store.subscribe(…)`: a name for what subscribing gave.
  const given = new Set(
    own.flatMap((n) =>
      ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && subscribes(n.initializer) ? [n.name.text] : [],
    ),
  );
  const unsubscribes = (node: ts.Node) =>
    UNSUBSCRIBE.has(methodCalled(node) ?? '') || (ts.isCallExpression(node) && given.has(calleeName(node) ?? ''));
  // Only `subscribe(…)` hands back its cleanup; `on` / `addListener` return the emitter or nothing.
  const cleanup = (value: ts.Expression): boolean =>
    methodCalled(value) === 'subscribe' ||
    (ts.isIdentifier(value) && given.has(value.text)) ||
    ((ts.isArrowFunction(value) || ts.isFunctionExpression(value)) && anyNode(value.body, unsubscribes));
  return own.some(subscribes) && own.some((n) => ts.isReturnStatement(n) && n.expression !== undefined && cleanup(n.expression));
}

/** The callback of an effect hook's call (`useEffect(() => …, deps)`), when the node is one. */
function effectCallback(node: ts.Node): ts.ArrowFunction | ts.FunctionExpression | undefined {
  const callback = ts.isCallExpression(node) && EFFECTS.has(calleeName(node) ?? '') ? node.arguments[0] : undefined;
  return callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) ? callback : undefined;
}

/**
 * The copy is an effect (`useEffect`, `useLayoutEffect`, `useInsertionEffect`) that subscribes and returns its cleanup:
 * the effect's call lies in the copy, or the copy is its callback's body.
 */
export function isSubscribeEffect(file: SourceFile, range: Location): boolean {
  const sf = parse(file);
  const [start, end] = [(n: ts.Node) => lineAt(sf, n.getStart(sf)), (n: ts.Node) => lineAt(sf, n.getEnd())];
  const inCopy = (n: ts.Node) => start(n) >= range.startLine && end(n) <= range.endLine;
  const holdsCopy = (n: ts.Node) => start(n) <= range.startLine && end(n) >= range.endLine;
  const search = (node: ts.Node): boolean => {
    if (end(node) < range.startLine || start(node) > range.endLine) return false;
    const callback = effectCallback(node);
    if (callback && (inCopy(node) || holdsCopy(callback)) && subscribesWithCleanup(callback)) return true;
    return ts.forEachChild(node, (child) => (search(child) ? true : undefined)) ?? false;
  };
  return search(sf);
}
