// Copies that are a few instances of a protocol written in more places (proposal-text/protocol-bar.ts): a helper for
// 3 of 10 leaves the protocol in ten places, so the copies stay a finding. Modelled on mobx's spy / notify bracket.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourceFile } from '../../src/audit/index.js';
import { barOf, copiesAt } from '../../support/audit/helpers.js';

const SPY: SourceFile = {
  path: 'src/types/spy.ts',
  content: `declare global {
  const __DEV__: boolean
}
export const listeners = new Map<object, Array<(change: unknown) => void>>()
export const hasListeners = (target: object): boolean => (listeners.get(target) ?? []).length > 0
export const isSpyEnabled = (): boolean => listeners.size > 0
export function spyReportStart(change: object) {
  console.log('start', change)
}
export function spyReportEnd() {
  console.log('end')
}
export function notifyListeners(target: object, change: unknown) {
  for (const listener of listeners.get(target) ?? []) listener(change)
}
export function transaction(action: () => void) {
  action()
}
`,
};

/** The protocol: report the start to the spy, (do `middle`,) notify the listeners, report the end. 9 lines without a middle. */
const bracket = (middle: string[]) =>
  [
    '    if (__DEV__ && notifySpy) {',
    '      spyReportStart(change!)',
    '    }',
    ...middle.map((line) => `    ${line}`),
    '    if (notify) {',
    '      notifyListeners(this, change)',
    '    }',
    '    if (__DEV__ && notifySpy) {',
    '      spyReportEnd()',
    '    }',
  ].join('\n');

/** A method building the change, then the protocol around `middle`. */
const method = (name: string, type: string, middle: string[] = []) => `  ${name}(key: string, value: number) {
    const notifySpy = __DEV__ && isSpyEnabled()
    const notify = hasListeners(this)
    const change = notify || notifySpy ? { type: '${type}', object: this, name: key, newValue: value } : null
${bracket(middle)}
  }
`;

const module = (
  name: string,
  methods: string[],
) => `import { hasListeners, isSpyEnabled, notifyListeners, spyReportEnd, spyReportStart, transaction } from './spy.js'

export class ${name} {
  values = new Map<string, number>()
${methods.join('')}}
`;

/** The copies: the bracket with nothing between its steps, twice in object.ts and once in set.ts (lines 9-17, 23-31). */
const OBJECT: SourceFile = {
  path: 'src/types/object.ts',
  content: module('ObjectAdministration', [method('delete_', 'remove'), method('notifyPropertyAddition_', 'add')]),
};
const SET = (withDelete: boolean): SourceFile => ({
  path: 'src/types/set.ts',
  content: module('ObservableSet', [
    method('add', 'add'),
    ...(withDelete ? [method('delete', 'delete', ['transaction(() => {', '  this.values.delete(key)', '})'])] : []),
  ]),
});
/** The protocol with the change made between the start and the notification, as most of its places have it. */
const MAP: SourceFile = {
  path: 'src/types/map.ts',
  content: module('ObservableMap', [
    method('delete', 'delete', ['transaction(() => {', '  this.values.delete(key)', '})']),
    method('updateValue_', 'update', ['this.values.set(key, value)']),
    method('addValue_', 'add', ['this.values.set(key, value)']),
  ]),
};
const ARRAY: SourceFile = {
  path: 'src/types/array.ts',
  content: module('ObservableArray', [method('notifyChildUpdate_', 'update', ['this.values.set(key, value)'])]),
};

const copies = () => copiesAt('spy', ['src/types/object.ts', 9, 17], ['src/types/object.ts', 23, 31], ['src/types/set.ts', 9, 17]);

test('the fixture lines up: each copy is the 9-line bracket', () => {
  const lines = OBJECT.content.split('\n');
  assert.equal(lines[8], '    if (__DEV__ && notifySpy) {');
  assert.equal(lines[16], '    }');
  assert.equal(lines[22], '    if (__DEV__ && notifySpy) {');
  assert.equal(SET(false).content.split('\n')[8], '    if (__DEV__ && notifySpy) {');
});

test('three copies of a bracket written nowhere else are proposed', () => {
  assert.equal(barOf(copies(), [SPY, OBJECT, SET(false)]), undefined);
});

test('three copies of a protocol written in more places, most with code between its steps, stay a finding', () => {
  const bar = barOf(copies(), [SPY, OBJECT, SET(true), MAP, ARRAY]);
  assert.match(
    bar ?? '',
    new RegExp(
      String.raw`^the block is part of a protocol written in 8 places \(\`spyReportStart\` … \`notifyListeners\` … \`spyReportEnd\`\), ` +
        String.raw`5 of them with other code between its steps: a helper for these 3 leaves the other 5 ` +
        String.raw`\(\`ObservableArray\.notifyChildUpdate_\` \(src/types/array\.ts:10-17\), \`ObservableMap\.delete\` \(src/types/map\.ts:10-19\), ` +
        String.raw`\`ObservableMap\.updateValue_\` \(src/types/map\.ts:27-34\) and 2 more\); ` +
        'only one for all 8, taking what lies between the steps as a callback, would be worth proposing$',
    ),
  );
});

test('a protocol written in no more places than the copies does not bar them', () => {
  // Two further places beside three copies: the helper would serve most of the protocol.
  const two: SourceFile = { ...MAP, content: module('ObservableMap', [method('delete', 'delete', ['this.values.delete(key)'])]) };
  assert.equal(barOf(copies(), [SPY, OBJECT, SET(true), two]), undefined);
});

test('calls made everywhere else too are no steps: a check of `validate` with the assertions every check makes', () => {
  const asserted = ['  assert(result.ok)', '  equal(result.value, input.trim())', '  equal(result.errors, [])'];
  const copy = (name: string) =>
    `export function ${name}(input: string) {\n  const result = validate(input)\n` +
    `  if (result.errors.length > 0) throw new Error('${name}')\n${asserted.join('\n')}\n  return result\n}\n`;
  // Five more checks of `validate`, with another step between; thirty checks of other functions, asserting the same way.
  const check = (name: string, call: string) =>
    `export function ${name}(input: string) {\n  const result = ${call}(input)\n  result.seen += 1\n${asserted.join('\n')}\n}\n`;
  const content =
    'declare function validate(input: string): { ok: boolean; value: string; errors: string[]; seen: number }\n' +
    'declare function assert(ok: boolean): void\ndeclare function equal(a: unknown, b: unknown): void\n' +
    ['first', 'second', 'third'].map(copy).join('') +
    Array.from({ length: 5 }, (_, i) => check(`validates${i}`, 'validate')).join('') +
    Array.from({ length: 30 }, (_, i) => check(`other${i}`, `parse${i % 3}`)).join('');
  const file = { path: 'src/checks.ts', content };
  assert.equal(content.split('\n')[4], '  const result = validate(input)');
  const found = copiesAt('checks', ['src/checks.ts', 5, 10], ['src/checks.ts', 13, 18], ['src/checks.ts', 21, 26]);
  assert.equal(barOf(found, [file]), undefined);
});
