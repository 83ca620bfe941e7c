// Real libraries' code as the audit's tests use it, cut down to what a test needs.

/**
 * Ajv's `addEvaluatedFrom` (lib/vocabularies/core/ref.ts): after `header`, two branches that are the same code with
 * `props` in one where the other has `items` (`dynamic`: the dynamic merge's last argument).
 */
export function ajvTwins(header: string, dynamic: string): string {
  const branch = (key: 'props' | 'items') => {
    const Key = key === 'props' ? 'Props' : 'Items';
    return `  if (it.${key} !== true) {
    if (schEvaluated && !schEvaluated.dynamic${Key}) {
      if (schEvaluated.${key} !== undefined) {
        it.${key} = merge.${key}(gen, schEvaluated.${key}, it.${key});
      }
    } else {
      const ${key} = gen.var("${key}", source + ".evaluated.${key}");
      it.${key} = merge.${key}(gen, ${key}, it.${key}, ${dynamic});
    }
  }
`;
  };
  return `${header}  // TODO refactor\n${branch('props')}${branch('items')}}\n`;
}

/** One of zod 3's sibling classes whose `_parse` is one body (`ZodUndefined`, `ZodNull`, …), extending `base`. */
export const zodSibling = (cls: string, base: string, checked: string, expected = checked) => `export class ${cls} extends ${base} {
  _parse(input: { data: unknown }): string {
    const parsedType = this._getType(input);
    if (parsedType !== Kind.${checked}) {
      const ctx = this._ctx(input);
      report(ctx, {
        code: 'invalid_type',
        expected: Kind.${expected},
        received: ctx.seen,
      });
      return 'invalid';
    }
    return 'ok';
  }
}
`;

/**
 * Ink's `focusNext` / `focusPrevious` (src/components/App.tsx), as a component's callback `name` handed to `wrapper`
 * (`useCallback` adds the dependency list, a hook's; any other wrapper is a plain call).
 */
export const focusMover = (name: string, find: string, pick: string, wrapper = 'useCallback') => `  const ${name} = ${wrapper}(() => {
    setFocusables((current) => {
      setActive((active) => {
        const fallback = current.${pick}((f) => f.isActive)?.id;
        const next = ${find}(current, active);
        if (next === undefined) log('none');
        return next ?? fallback;
      });
      return current;
    });
  }${wrapper === 'useCallback' ? `, [${find}]` : ''});
`;

// MobX's `registerInterceptor` / `registerListener`, 13 lines: each writes its holder's own `_`-suffixed property.
export const mobxRegister = (
  fn: string,
  holder: string,
  property: string,
) => `export function ${fn}(${holder}: Holder, handler: Handler): Lambda {
  let list = ${holder}.${property};
  if (list) {
    list.push(handler);
  } else {
    // Allocate at the exact size
    list = ${holder}.${property} = [handler];
  }
  return once(() => {
    const idx = list.indexOf(handler);
    if (idx !== -1) {
      list.splice(idx, 1);
    }
  });
}
`;
