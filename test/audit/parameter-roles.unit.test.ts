// A parameter is named after the role of what it takes, never a piece of a word (docs/audit-quality.md, "Ninth round"):
// an emitter's event name is `event`, a type a `typeof` test expects is `expectedType`, the words that differ in an error
// message are a `kind`, a property each copy writes under its own name is taken by its `key`; a shared word of both
// names is fine, a shared tail (`able` of `interceptable` / `listenable`) or a leading prefix (`use` of `useInput`) is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Finding, type SourceFile } from '../../src/audit/index.js';
import { copiesAt, firstDraft } from '../../support/audit/helpers.js';
import { mobxRegister } from './fixture-code.js';

const fixOf = (findings: Finding[], files: SourceFile[]): string => firstDraft(findings, files).fix ?? '';

const subscriber = (fn: string, event: string) => `export function ${fn}(emitter: Emitter, handler: () => void, active: boolean) {
  if (!active) {
    return undefined;
  }
  emitter.on('${event}', handler);
  count += 1;
  return () => {
    emitter.removeListener('${event}', handler);
  };
}
`;

test("an emitter's event name is `event`, not the prefix the holders share (`use` of `useInput` / `usePaste`)", () => {
  const files = [
    { path: 'src/input.ts', content: subscriber('useInput', 'input') },
    { path: 'src/paste.ts', content: subscriber('usePaste', 'paste') },
  ];
  const fix = fixOf(copiesAt('ev', ['src/input.ts', 2, 9], ['src/paste.ts', 2, 9]), files);
  assert.match(fix, /`event` \(`'input'` \/ `'paste'`\)/, fix);
  assert.doesNotMatch(fix, /`use`/, fix);
  // Passed to a plain call, the literal has no role; the holders' shared first word is still no noun for it.
  const plain = files.map((f) => ({
    ...f,
    content: f.content.replace('emitter.on(', 'track(').replace('emitter.removeListener(', 'untrack('),
  }));
  const unnamed = fixOf(copiesAt('pl', ['src/input.ts', 2, 9], ['src/paste.ts', 2, 9]), plain);
  assert.doesNotMatch(unnamed, /`use`/, unnamed);
});

const checker = (fn: string, type: string, words: string) => `export function ${fn}(name: string, value: unknown, key: string) {
  const label = name + '.' + key;
  if (typeof value !== '${type}') {
    die(\`Cannot apply '\${label}':\` + \`\\n'\${name}' can only be used on properties with a ${words} value.\`);
  }
  count += 1;
  return label;
}
`;

test('a type a `typeof` test expects is `expectedType`; the words that differ in a message are its `kind`', () => {
  const files = [
    { path: 'src/action.ts', content: checker('assertAction', 'function', 'function') },
    { path: 'src/flow.ts', content: checker('assertFlow', 'object', 'generator function') },
  ];
  const fix = fixOf(copiesAt('ty', ['src/action.ts', 2, 7], ['src/flow.ts', 2, 7]), files);
  assert.match(fix, /`expectedType` \(`'function'` \/ `'object'`\)/, fix);
  assert.match(fix, /`kind` \(`'function'` \/ `'generator function'`\)/, fix);
  assert.doesNotMatch(fix, /value\d/, fix);
  // Messages that share little but their tail stay each one's `message`.
  const own = [
    {
      path: 'src/action.ts',
      content: checker('assertAction', 'function', 'function').replace("Cannot apply '", 'Token endpoint response lacks '),
    },
    { path: 'src/flow.ts', content: checker('assertFlow', 'object', 'function').replace("Cannot apply '", 'User OAuth refresh has no ') },
  ];
  assert.match(fixOf(copiesAt('ms', ['src/action.ts', 2, 7], ['src/flow.ts', 2, 7]), own), /`message` \(`'Token endpoint response lacks'`/);
});

test('no piece of a word: a variable named two ways keeps a whole name, a property written under two names is its `key`', () => {
  const files = [
    { path: 'src/intercept.ts', content: mobxRegister('registerInterceptor', 'interceptable', 'interceptors_') },
    { path: 'src/listen.ts', content: mobxRegister('registerListener', 'listenable', 'changeListeners_') },
  ];
  const fix = fixOf(copiesAt('rg', ['src/intercept.ts', 2, 14], ['src/listen.ts', 2, 14]), files);
  assert.doesNotMatch(fix, /`able`|`rs_`/, fix);
  // Nor one side's whole name (tenth round): a plain role.
  assert.match(fix, /`target` \(`interceptable` \/ `listenable`\)/, fix);
  assert.match(fix, /`key` \(`interceptors_` \/ `changeListeners_`\)/, fix);
});

const guard = (fn: string, type: string) => `export function ${fn}(req: Request) {
  if (req.method !== 'POST') {
    throw new HttpError({
      code: 'METHOD_NOT_SUPPORTED',
      message: 'Only POST requests are supported for ${type} requests',
    });
  }
  count += 1;
  return req;
}
`;

test('two long messages alike in their first words show the words that differ, and name them a kind', () => {
  const files = [
    { path: 'src/content.ts', content: guard('parseForm', 'multipart/form-data') + guard('parseOctets', 'application/octet-stream') },
  ];
  const fix = fixOf(copiesAt('lm', ['src/content.ts', 2, 9], ['src/content.ts', 12, 19]), files);
  assert.match(fix, /`kind` \(`'…multipart\/form-data…'` \/ `'…application\/octet-stream…'`\)/, fix);
});
