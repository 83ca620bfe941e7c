// Copies that call React hooks, or that are a hook's whole callback, share a custom hook, never a plain function
// (docs/audit-quality.md, "Ninth round"): its name starts with `use`, and each component or hook calls it where its copy
// was, at its top level (the rules of hooks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copiesAt, firstDraft } from '../../support/audit/helpers.js';
import { focusMover as mover } from './fixture-code.js';

test('copies that call a hook share a custom hook named `use…`, called where each copy was', () => {
  const content = `export function App() {\n${mover('next', 'findNext', 'find', 'useMemo')}${mover('previous', 'findPrevious', 'findLast', 'useMemo')}}\n`;
  const draft = firstDraft(copiesAt('cb', ['src/App.tsx', 2, 12], ['src/App.tsx', 13, 23]), [{ path: 'src/App.tsx', content }]);
  assert.match(draft.title, /into one custom hook$/, draft.title);
  assert.match(draft.fix ?? '', /Extract one custom hook taking/, draft.fix);
  assert.match(draft.fix ?? '', /The block calls `useMemo`, so the helper is a custom hook, its name starting with `use`/);
  assert.match(draft.fix ?? '', /the rules of hooks/);
  // A named helper gets a hook's name.
  const named = content.replace(/\bnext\b(?= = )/, 'focusNext').replace(/\bprevious\b(?= = )/, 'focusPrevious');
  const hook = firstDraft(copiesAt('cn', ['src/App.tsx', 2, 12], ['src/App.tsx', 13, 23]), [{ path: 'src/App.tsx', content: named }]);
  assert.match(hook.fix ?? '', /Extract `useFocus\(/, hook.fix);
});

const subscriber = (hook: string, event: string) => `export function ${hook}(handler: () => void, options: { isActive?: boolean }) {
  useEffect(() => {
    if (options.isActive === false) {
      return;
    }
    emitter.on('${event}', handler);
    count += 1;
    return () => {
      emitter.removeListener('${event}', handler);
    };
  }, [options.isActive]);
}
`;

test("copies that are a hook's whole callback move that hook's call, dependency list included, into a custom hook", () => {
  const files = [
    { path: 'src/hooks/use-input.ts', content: subscriber('useInput', 'input') },
    { path: 'src/hooks/use-paste.ts', content: subscriber('usePaste', 'paste') },
  ];
  const draft = firstDraft(copiesAt('fx', ['src/hooks/use-input.ts', 3, 10], ['src/hooks/use-paste.ts', 3, 10]), files);
  assert.match(
    draft.fix ?? '',
    /Extract one custom hook taking `\([^)]*\bevent\)` in src\/hooks\/ \(a module both files can import\)/,
    draft.fix,
  );
  assert.match(
    draft.fix ?? '',
    /whole callback of a `useEffect` call, so the custom hook holds that `useEffect\(…\)` call, dependency list included/,
  );
  // Callbacks of a function that is no hook (`subscribe(() => …)`) share a plain function.
  const plain = files.map((f) => ({ ...f, content: f.content.replace('useEffect(', 'subscribe(') }));
  const fn = firstDraft(copiesAt('pf', ['src/hooks/use-input.ts', 3, 10], ['src/hooks/use-paste.ts', 3, 10]), plain);
  assert.doesNotMatch(`${fn.title}\n${fn.fix}`, /custom hook|rules of hooks/, fn.fix);
});

test("`useCallback`s around the component's own setters share a plain function each calls, not a custom hook taking the setters", () => {
  const state = '  const [, setFocusables] = useState([]);\n  const [, setActive] = useState();\n';
  const content = `export function App() {\n${state}${mover('next', 'findNext', 'find')}${mover('previous', 'findPrevious', 'findLast')}}\n`;
  const draft = firstDraft(copiesAt('uc', ['src/App.tsx', 4, 14], ['src/App.tsx', 15, 25]), [{ path: 'src/App.tsx', content }]);
  const text = `${draft.title}\n${draft.fix}`;
  assert.doesNotMatch(text, /Extract one custom hook|rules of hooks|into one custom hook/, text);
  assert.match(
    draft.fix ?? '',
    /only hook is `useCallback`, around code that calls the component's own setters \(`setFocusables` and `setActive`\)/,
    text,
  );
  assert.match(draft.fix ?? '', /one plain function each calls, or make one callback taking a direction argument/, text);
});

test('a value made by `useEffectEvent` is no argument of the custom hook: it takes the raw handler and calls `useEffectEvent` itself', () => {
  const withEvent = (hook: string, event: string) =>
    subscriber(hook, event)
      .replace('{\n  useEffect', '{\n  const handle = useEffectEvent(handler);\n  useEffect')
      .replace(/, handler\)/g, ', handle)');
  const files = [
    { path: 'src/hooks/use-input.ts', content: withEvent('useInput', 'input') },
    { path: 'src/hooks/use-paste.ts', content: withEvent('usePaste', 'paste') },
  ];
  const draft = firstDraft(copiesAt('ee', ['src/hooks/use-input.ts', 4, 11], ['src/hooks/use-paste.ts', 4, 11]), files);
  assert.match(draft.fix ?? '', /`handle` is made by `useEffectEvent`.*takes the raw handler and calls `useEffectEvent` itself/, draft.fix);
});
