// The tenth round's scope rules (docs/audit-quality.md, "Tenth round"): what is not proposed at all. Copies in
// `@deprecated` code, copies that are mostly signatures, and two of a family of same-shaped functions stay findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourceFile } from '../../src/audit/index.js';
import { barOf, copiesAt } from '../../support/audit/helpers.js';

// Two 12-line methods alike but for the event they report; `note` goes before the first.
const method = (name: string, event: string, note = '') => `${note}  ${name}(items: number[]): number {
    let total = 0;
    for (const item of items) {
      if (item < 0) throw new Error('negative item');
      total += item;
    }
    this.count += 1;
    this.log.push('${event}');
    this.log.push(String(total));
    this.last = total;
    this.flush();
    return total;
  }
`;
const client = (note: string): SourceFile => ({
  path: 'src/client.ts',
  content: `export class Client {
  count = 0;
  last = 0;
  log: string[] = [];
  flush(): void {}
${method('add', 'add', note)}${method('sum', 'sum')}}
`,
});

test('copies in a method its JSDoc marks @deprecated stay a finding, with the reason', () => {
  const note = '  /**\n   * Adds the items.\n   * @deprecated Use sum(); removed in the next major version.\n   */\n';
  const copies = (lines: number) => copiesAt('dep', ['src/client.ts', 6 + lines, 17 + lines], ['src/client.ts', 19 + lines, 30 + lines]);
  assert.equal(barOf(copies(0), [client('')]), undefined, 'proposed when nothing is deprecated');
  assert.match(
    barOf(copies(4), [client(note)]) ?? '',
    /^the copy at src\/client\.ts:\d+-\d+ is in `add`, marked @deprecated: it is to be removed/,
  );
});

// Two generic methods: a 15-line signature (type parameters, a parameter type, a return type) around a 2-line body.
const generic = (name: string, call: string) => `  ${name}<
    TData,
    TError = Error,
    TResult = TData,
    TKey extends string = string,
    TPage = unknown,
  >(
    options: Options<
      TData,
      TError,
      TResult,
      TKey,
      TPage
    >,
  ): Promise<Paged<TResult, TPage>> {
    options.kind = 'paged';
    return this.${call}(options as never);
  }
`;
const QUERIES: SourceFile = {
  path: 'src/queries.ts',
  content: `export interface Options<A, B, C, D, E> { kind?: string; a?: A; b?: B; c?: C; d?: D; e?: E }
export interface Paged<R, P> { pages: R[]; params: P[] }
export class Queries {
  fetch(options: object): Promise<never> { return Promise.reject(options); }
  ensure(options: object): Promise<never> { return Promise.reject(options); }
${generic('fetchPaged', 'fetch')}${generic('ensurePaged', 'ensure')}}
`,
};

test('signatures are not copied code: two methods whose bodies are two lines each stay a finding', () => {
  const bar = barOf(copiesAt('sig', ['src/queries.ts', 6, 23], ['src/queries.ts', 24, 41]), [QUERIES]);
  assert.match(bar ?? '', /^the copies are mostly types \(signatures, type parameters, overloads\)/);
});

test('a long, commented parameter list is a signature too: what is left of the bodies, two lines each, is too small to share', () => {
  const params = ['first', 'second', 'third', 'fourth'].map((p) => `    // the ${p} term, in\n    // cents\n    ${p}: number,\n`).join('');
  const method = (name: string) =>
    `  ${name}(\n${params}  ): number {\n    this.calls.push('${name}');\n` + '    return first + second + third + fourth;\n  }\n';
  const content = `export class Sums {\n  calls: string[] = [];\n${method('add')}${method('total')}}\n`;
  assert.equal(content.split('\n')[2], '  add(');
  const bar = barOf(copiesAt('sig', ['src/sums.ts', 3, 19], ['src/sums.ts', 20, 36]), [{ path: 'src/sums.ts', content }]);
  assert.match(bar ?? '', /^the copies are mostly types \(signatures, type parameters, overloads\)/);
});

test('the same signatures around a body of real code are still proposed', () => {
  const body = (call: string) =>
    `    options.kind = 'paged';\n    const started = Date.now();\n    const result = this.${call}(options as never);\n` +
    `    if (Date.now() - started > 1000) options.kind = 'slow';\n    void result.catch(() => undefined);\n`;
  const content = QUERIES.content
    .replace("    options.kind = 'paged';\n    return this.fetch(options as never);\n", `${body('fetch')}    return result;\n`)
    .replace("    options.kind = 'paged';\n    return this.ensure(options as never);\n", `${body('ensure')}    return result;\n`);
  assert.equal(barOf(copiesAt('sig', ['src/queries.ts', 6, 27], ['src/queries.ts', 28, 49]), [{ ...QUERIES, content }]), undefined);
});

// Range checks, one per grammar element: two of them have the same range by the standard, not by copying.
const check = (name: string, low: string, high: string) => `const ${name} = (character: string): boolean => {
  const codePoint = character.codePointAt(0);

  return codePoint !== undefined && codePoint >= ${low} && codePoint <= ${high};
};
`;

test('two equal functions among further functions of their shape with other values stay a finding', () => {
  const pair = check('isCsiIntermediate', '0x20', '0x2f') + check('isEscapeIntermediate', '0x20', '0x2f');
  const family = check('isCsiParameter', '0x30', '0x3f') + pair + check('isCsiFinal', '0x40', '0x7e');
  const use = 'export const checks = [isCsiIntermediate, isEscapeIntermediate];\n';
  const alone = [{ path: 'src/tokenizer.ts', content: `${pair}${use}` }];
  assert.equal(barOf(copiesAt('fam', ['src/tokenizer.ts', 1, 5], ['src/tokenizer.ts', 6, 10]), alone), undefined, 'a lone pair is merged');
  const inFamily = [{ path: 'src/tokenizer.ts', content: `${family}${use}` }];
  assert.match(
    barOf(copiesAt('fam', ['src/tokenizer.ts', 6, 10], ['src/tokenizer.ts', 11, 15]), inFamily) ?? '',
    new RegExp(
      '^`isCsiIntermediate` and `isEscapeIntermediate` are 2 of 4 parallel functions of one shape with their own values ' +
        String.raw`\(also \`isCsiParameter\` \(src/tokenizer\.ts:1-5\) and \`isCsiFinal\` \(src/tokenizer\.ts:16-20\)\)`,
    ),
  );
});

// One assertion per annotation module, in files side by side: two check the same thing, the others another.
const assertion = (kind: string, check: string, what: string) => `import { die, type Admin } from './die.js';

export function assert${kind}Descriptor(adm: Admin, type: string, key: PropertyKey, descriptor: PropertyDescriptor): void {
  const { value, get } = descriptor;
  if (adm.dev && ${check}) {
    die(
      \`Cannot apply '\${type}' to '\${adm.name}.\${key.toString()}':\` +
        \`\\n'\${type}' can only be used on \${adm.kind} with ${what}.\`,
    );
  }
  adm.checked += 1;
  adm.log.push(String(key));
  void value;
  void get;
}
`;

test('two alike among further same-shaped functions of sibling modules stay a finding; a pair alone is proposed', () => {
  const die = {
    path: 'src/types/die.ts',
    content:
      'export interface Admin { dev: boolean; name: string; kind: string; checked: number; log: string[] }\nexport declare function die(m: string): never;\n',
  };
  const action = { path: 'src/types/action.ts', content: assertion('Action', "typeof value !== 'function'", 'a function value') };
  const flow = { path: 'src/types/flow.ts', content: assertion('Flow', "typeof value !== 'function'", 'a generator function value') };
  const computed = { path: 'src/types/computed.ts', content: assertion('Computed', '!get', 'a getter') };
  const copies = copiesAt('fam', ['src/types/action.ts', 3, 15], ['src/types/flow.ts', 3, 15]);
  assert.equal(barOf(copies, [die, action, flow]), undefined, 'two alone are merged');
  // Every sibling copied in a module beside it too: the modules copy each other, and the pair is merged.
  const mirrored = { path: 'src/types/computed2.ts', content: computed.content.replace('assertComputed', 'assertComputed2') };
  assert.equal(barOf(copies, [die, action, flow, computed, mirrored]), undefined, 'a copied module is no family');
  assert.match(
    barOf(copies, [die, action, flow, computed]) ?? '',
    /^`assertActionDescriptor` and `assertFlowDescriptor` are 2 of 3 parallel functions .*\(also `assertComputedDescriptor` \(src\/types\/computed\.ts:3-15\)/,
  );
});
