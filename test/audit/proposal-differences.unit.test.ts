// What is not a difference between copies (docs/audit-quality.md, "Ninth round"): operands of a commutative operator
// swapped (`__DEV__ && spy` / `spy && __DEV__`), and one name imported through two paths to the same module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type SourceFile } from '../../src/audit/index.js';
import { copiesAt, firstDraft } from '../../support/audit/helpers.js';

const reporter = (
  fn: string,
  condition: string,
  value = 'change',
) => `export function ${fn}(change: object, notify: boolean, spy: boolean) {
  const stamp = Date.now();
  if (${condition}) {
    spyReportStart(${value});
  }
  if (notify) {
    notifyListeners(change, stamp);
  }
  if (${condition}) {
    spyReportEnd();
  }
}
`;

test('operands of && or === swapped in a condition are the same code; as a value, && keeps its order', () => {
  const files = [
    { path: 'src/a.ts', content: reporter('addA', '__DEV__ && spy') + reporter('deleteA', 'spy === __DEV__') },
    { path: 'src/b.ts', content: reporter('addB', 'spy && __DEV__') + reporter('deleteB', '__DEV__ === spy') },
  ];
  const draft = firstDraft(copiesAt('sw', ['src/a.ts', 3, 11], ['src/b.ts', 3, 11]), files);
  assert.doesNotMatch(`${draft.why}\n${draft.fix}`, /__DEV__` \/ `spy|`spy` \/ `__DEV__/, draft.fix);
  // Three copies, the third with its operands swapped: not "token for token".
  const three = [
    { ...(files[0] as SourceFile), content: `${files[0]?.content}${reporter('addC', '__DEV__ && spy')}` },
    files[1] as SourceFile,
  ];
  const many = firstDraft(copiesAt('tr', ['src/a.ts', 3, 11], ['src/a.ts', 27, 35], ['src/b.ts', 3, 11]), three);
  assert.match(many.why ?? '', /alike but for local names or swapped operands/, many.why);
  const equality = firstDraft(copiesAt('eq', ['src/a.ts', 15, 23], ['src/b.ts', 15, 23]), files);
  assert.doesNotMatch(`${equality.why}\n${equality.fix}`, /__DEV__` \/ `spy|`spy` \/ `__DEV__/, equality.fix);
  // `a && b` as a value gives `b` or a falsy `a`: swapped, another value can come out.
  const valued = [
    { path: 'src/a.ts', content: reporter('addA', 'notify', '__DEV__ && spy') },
    { path: 'src/b.ts', content: reporter('addB', 'notify', 'spy && __DEV__') },
  ];
  const kept = firstDraft(copiesAt('vl', ['src/a.ts', 3, 11], ['src/b.ts', 3, 11]), valued);
  assert.match(`${kept.why}\n${kept.fix}`, /`__DEV__` \/ `spy`/, kept.fix);
});

const reader = (fn: string, from: string) => `import { isObject } from '${from}';
export function ${fn}(input: unknown, lastEventId: string | undefined) {
  if (lastEventId) {
    if (isObject(input)) {
      input = { ...input, lastEventId };
    } else {
      input ??= { lastEventId };
    }
  }
  log(input);
  return input;
}
`;

test('one name imported through two paths to one module is no parameter, only a note to import it from one place', () => {
  const files = [
    { path: 'src/adapters/ws.ts', content: reader('handleRequest', '../core') },
    { path: 'src/core/http/content.ts', content: reader('getRawInput', '../utils') },
    { path: 'src/core.ts', content: "export * from './core/utils';\n" },
    { path: 'src/core/utils.ts', content: 'export function isObject(v: unknown): v is object {\n  return typeof v === "object";\n}\n' },
  ];
  const findings = copiesAt('io', ['src/adapters/ws.ts', 3, 10], ['src/core/http/content.ts', 3, 10]);
  const draft = firstDraft(findings, files);
  assert.doesNotMatch(draft.fix ?? '', /isObjectFn|Parameters:.*isObject/, draft.fix);
  assert.match(draft.fix ?? '', /Import `isObject` \(`\.\.\/core` and `\.\.\/utils` both lead to src\/core\/utils\.ts\) from one place/);
  // Two modules that each declare it: two functions under one name, which the helper takes as a parameter.
  const two = [
    ...files.slice(0, 2),
    { path: 'src/core.ts', content: 'export const isObject = (v: unknown) => v !== null;\n' },
    files[3] as SourceFile,
  ];
  assert.match(firstDraft(findings, two).fix ?? '', /`isObject` from `\.\.\/core` \/ `\.\.\/utils`/);
});

const writer = (fn: string, debug: string) => `export function ${fn}(out: Out, data: string) {
  if (out.closed) {
    return;
  }
  if (out.debug) {
    ${debug}
    return;
  }
  const sync = out.shouldSync();
  if (sync) {
    out.stdout.write(begin);
  }
  out.clear();
}
`;

test('copies that differ in shape are no parameter for the names paired across the change: the stretch is named instead', () => {
  const files = [
    { path: 'src/a.ts', content: writer('writeOut', 'out.stdout.write(data + out.fullStatic + out.last);') },
    { path: 'src/b.ts', content: writer('writeErr', 'out.stderr.write(data);\n    out.stdout.write(out.fullStatic + out.last);') },
  ];
  const draft = firstDraft(copiesAt('rs', ['src/a.ts', 2, 13], ['src/b.ts', 2, 14]), files);
  const text = `${draft.why}\n${draft.fix}`;
  assert.doesNotMatch(text, /`fullStatic` \/ `out`|`out` \/ `fullStatic`|`data` \/ `out`/, text);
  assert.match(text, /`stdout` \/ `stderr`/, text);
  assert.match(
    draft.fix ?? '',
    /differ in shape at src\/a\.ts:6 \(`out\.stdout\.write\(data \+ out\.fullStatic \+ out\.last\);`\) \/ src\/b\.ts:6-7 /,
    draft.fix,
  );
});

const withEventId = (fn: string, guard: string) => `export function ${fn}(input: unknown, lastEventId: string | undefined) {
  if (${guard}) {
    if (isObject(input)) {
      input = { ...input, lastEventId };
    } else {
      input ??= { lastEventId };
    }
  }
  return input;
}
`;

test('a guard one copy writes otherwise (`!== undefined` / truthy) is named and quoted: the merge must keep it or settle it', () => {
  const files = [
    { path: 'src/ws.ts', content: withEventId('handleRequest', 'lastEventId !== undefined') },
    { path: 'src/http.ts', content: withEventId('getRawInput', 'lastEventId') },
  ];
  const draft = firstDraft(copiesAt('ge', ['src/ws.ts', 2, 8], ['src/http.ts', 2, 8]), files);
  assert.match(draft.why ?? '', /nearly the same code \(a stretch is written differently, see the fix\)/, draft.why);
  assert.match(draft.fix ?? '', /src\/ws\.ts:2 \(`if \(lastEventId !== undefined\) \{`\)/, draft.fix);
  assert.match(draft.fix ?? '', /src\/http\.ts:2 \(`if \(lastEventId\) \{`\)/, draft.fix);
});

test('two whole functions that differ in an operator are not "the same function": the differing line is named', () => {
  const scale = (name: string, op: string) => `export function ${name}(value: number, factor: number): number {
  const base = Math.max(value, 0);
  const scaled = base ${op} factor;
  const rounded = Math.round(scaled * 100) / 100;
  return rounded > 1000 ? 1000 : rounded;
}
`;
  const files = [{ path: 'src/scale.ts', content: scale('grow', '+') + scale('stretch', '*') }];
  const draft = firstDraft(copiesAt('op', ['src/scale.ts', 1, 6], ['src/scale.ts', 7, 12]), files);
  assert.doesNotMatch(draft.title, /the same function/, draft.title);
  assert.match(
    draft.fix ?? '',
    /src\/scale\.ts:3 \(`const scaled = base \+ factor;`\) \/ 9 \(`const scaled = base \* factor;`\)/,
    draft.fix,
  );
});
