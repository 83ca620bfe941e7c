// Objects whose properties are built on first read: a table of schemas that a short command
// mostly never uses (the event schemas, say) costs nothing until one of them is read.

/** An object with one property per builder, each built on its first read and kept. The keys are own and enumerable from the start. */
export function lazyProperties<B extends Record<string, () => unknown>>(builders: B): { readonly [K in keyof B]: ReturnType<B[K]> } {
  const target = {} as { [K in keyof B]: ReturnType<B[K]> };
  for (const key of Object.keys(builders) as (keyof B & string)[]) {
    Object.defineProperty(target, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = builders[key]!();
        Object.defineProperty(target, key, { value, enumerable: true, writable: false, configurable: false });
        return value;
      },
    });
  }
  return target;
}
