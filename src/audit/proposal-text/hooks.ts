// The wording for copies that call React hooks or are a hook's whole callback: the helper is a custom hook (its name
// starts with `use`), called where each copy was, at the top level of its component or hook (the rules of hooks).
import type { HookUse } from '../suggest/hooks.js';
import { camelOf, listOf, wordsOf } from '../suggest/words.js';

/** A helper name as a custom hook's: `useFocus` for `focus`; a name already starting with `use` stays. */
export const hookName = (name: string | undefined): string | undefined =>
  name === undefined || /^use[A-Z0-9]/.test(name) ? name : camelOf(['use', ...wordsOf(name)]);

/** The fix's line on why the helper is a custom hook and where it is called, and what it must not take. */
export function hookNote(hook: HookUse | undefined): string | undefined {
  if (!hook) return undefined;
  const events = effectEventNote(hook);
  const note = hookRule(hook);
  return events ? `${note}\n${events}` : note;
}

/**
 * A value made by `useEffectEvent` may be referenced only inside an Effect of the component that made it, never passed
 * to another hook (React's rules; eslint-plugin-react-hooks reports it): the custom hook takes the raw handler instead.
 */
function effectEventNote(hook: HookUse): string | undefined {
  const names = hook.effectEvents ?? [];
  if (names.length === 0) return undefined;
  const shown = listOf(
    names.map((n) => `\`${n}\``),
    3,
  );
  return (
    `${shown} ${names.length === 1 ? 'is' : 'are'} made by \`useEffectEvent\`, which React allows only inside an Effect of the ` +
    `same component, never as another hook's argument: the custom hook takes the raw handler and calls \`useEffectEvent\` itself.`
  );
}

function hookRule(hook: HookUse): string {
  const rules = 'at the top level of its component or hook, never in a condition, a loop or a callback (the rules of hooks)';
  if (hook.calls.length > 0)
    return `The block calls ${listOf(
      hook.calls.map((h) => `\`${h}\``),
      3,
    )}, so the helper is a custom hook, its name starting with \`use\`: each place calls it where its copy was, ${rules}.`;
  return (
    `Each copy is the whole callback of a \`${hook.body}\` call, so the custom hook holds that \`${hook.body}(…)\` call, ` +
    `dependency list included, and its name starts with \`use\`: each place calls it where its \`${hook.body}\` was, ${rules}.`
  );
}

/** The component's own state setters the block calls (`setFocusables`), read from its scope. */
const SETTER = /^set[A-Z]/;

/**
 * Copies whose only hook is `useCallback`, around code calling the component's setters: a custom hook taking the
 * component's own setters is more than this needs. The setters, when so; the helper is then a plain function.
 */
export function callbackSetters(hook: HookUse | undefined, inputs: readonly string[]): string[] | undefined {
  const setters = inputs.filter((name) => SETTER.test(name));
  const onlyCallback = hook !== undefined && hook.body === undefined && hook.calls.length === 1 && hook.calls[0] === 'useCallback';
  return onlyCallback && setters.length > 0 ? setters : undefined;
}

/** The fix's line for copies of `useCallback`s around setters: one plain function each callback calls, or one callback. */
export const callbackNote = (setters: readonly string[]): string =>
  `The block's only hook is \`useCallback\`, around code that calls the component's own setters (${listOf(
    setters.map((s) => `\`${s}\``),
    3,
  )}): no custom hook taking them. Keep each \`useCallback\` and move the code it wraps into one plain function each calls, ` +
  'or make one callback taking a direction argument.';
