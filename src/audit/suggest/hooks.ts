// Copies that call React hooks (`useCallback(…)`, `useEffect(…)`, any `use[A-Z]…(…)`), or that are the whole callback of
// one: a plain function cannot hold them (the rules of hooks: hooks are called only from components and other hooks, at
// their top level), so the shared helper is a custom hook, named `use…`, called where each copy was.
import ts from '../compiler.cjs';
import { lineAt, parse } from '../parse.js';
import type { Location, SourceFile } from '../types.js';
import { enclosingFunction, tokensIn } from './code.js';

export interface HookUse {
  /** Hooks the copy calls, first call first (`useCallback`). */
  calls: string[];
  /** The hook whose callback the copy is the whole of (`useEffect` for a copy of an effect's body). */
  body?: string;
  /** Names the copy uses that its function made with `useEffectEvent` (`handleData`): no other hook may take them. */
  effectEvents?: string[];
}

/** Names a file declares as `const x = useEffectEvent(…)`. */
const effectEventsOf = new WeakMap<ts.SourceFile, Set<string>>();

/** Walked once per file, not per copy's hook check: on zod's 5,000-line types.ts those walks were a quarter of drafting. */
function effectEventNames(sf: ts.SourceFile): Set<string> {
  const known = effectEventsOf.get(sf);
  if (known) return known;
  const names = new Set<string>();
  effectEventsOf.set(sf, names);
  if (!sf.text.includes('useEffectEvent')) return names;
  const visit = (node: ts.Node): void => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      hookCalled(node.initializer) === 'useEffectEvent'
    )
      names.add(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return names;
}

const HOOK = /^use[A-Z0-9]/;

/** The hook a call calls (`useEffect(…)`, `React.useEffect(…)`), if it calls one. */
function hookCalled(call: ts.Node): string | undefined {
  if (!ts.isCallExpression(call)) return undefined;
  const callee = call.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  return name !== undefined && HOOK.test(name) ? name : undefined;
}

/** What of React's hooks a copy holds or is, when anything. */
export function hookUse(file: SourceFile, range: Location): HookUse | undefined {
  const calls = [
    ...new Set(
      tokensIn(file, range).flatMap((token) => {
        const access = ts.isPropertyAccessExpression(token.parent) && token.parent.name === token ? token.parent : token;
        const hook = ts.isIdentifier(token) && access.parent && hookCalled(access.parent);
        return hook && (access.parent as ts.CallExpression).expression === access ? [hook] : [];
      }),
    ),
  ];
  const fn = enclosingFunction(file, range);
  const whole = fn !== undefined && fn.startLine >= range.startLine - 1 && fn.endLine <= range.endLine + 1;
  let holder: ts.Node | undefined = fn?.node.parent;
  while (holder && ts.isParenthesizedExpression(holder)) holder = holder.parent;
  // The hook's call itself outside the copy: the copy is the callback's body (a copy holding the call calls the hook).
  const outside = holder !== undefined && lineAt(parse(file), holder.getStart()) < range.startLine;
  const body = whole && holder && outside ? hookCalled(holder) : undefined;
  const declared = effectEventNames(parse(file));
  const events = [...new Set(tokensIn(file, range).flatMap((t) => (ts.isIdentifier(t) && declared.has(t.text) ? [t.text] : [])))];
  const effectEvents = events.length > 0 ? { effectEvents: events } : {};
  return calls.length > 0 || body ? { calls, ...(body ? { body } : {}), ...effectEvents } : undefined;
}
