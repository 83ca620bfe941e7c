// The wording for copies that call React hooks or are a hook's whole callback: the helper is a custom hook (its name
// starts with `use`), called where each copy was, at the top level of its component or hook (the rules of hooks).
import type { HookUse } from '../suggest/hooks.js';
import { camelOf, listOf, wordsOf } from '../suggest/words.js';

/** A helper name as a custom hook's: `useFocus` for `focus`; a name already starting with `use` stays. */
export const hookName = (name: string | undefined): string | undefined =>
  name === undefined || /^use[A-Z0-9]/.test(name) ? name : camelOf(['use', ...wordsOf(name)]);

/** The fix's line on why the helper is a custom hook and where it is called. */
export function hookNote(hook: HookUse | undefined): string | undefined {
  if (!hook) return undefined;
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
