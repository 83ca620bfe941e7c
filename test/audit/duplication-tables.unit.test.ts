// The duplication analyzer on tables and repeated patterns: a whole function of
// one repeated pattern copied with a few words changed is a copy (one setter
// chain copied for another option, even after its constants drifted); the same
// pattern with other words, a pattern repeated inside one function, a data
// table, and a small function written six times over are not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDuplication } from '../../src/audit/analyzers/duplication.js';
import { defaultAuditConfig } from '../../src/audit/config.js';
import type { Finding, SourceFile } from '../../src/audit/index.js';

const file = (path: string, content: string): SourceFile => ({ path, content });
const limits = defaultAuditConfig().duplication;
const where = (findings: Finding[]): string[] => findings.map((f) => `${f.path}:${f.startLine}-${f.endLine}`);

/** `applyRetry(client, opts)`: one `if (key in opts) client.setX(Scope.S, opts.key ?? 0)` per scope. */
const chain = (option: string, setter: string, scopes: Array<[suffix: string, scope: string]>, receiver = 'client') =>
  `export const apply${setter} = (${receiver}: Client, opts: Options): void => {\n` +
  scopes
    .map(
      ([suffix, scope]) =>
        `  if ('${option}${suffix}' in opts) {\n    ${receiver}.set${setter}(Scope.${scope}, opts.${option}${suffix} ?? 0);\n  }\n`,
    )
    .join('\n') +
  '};\n';

const SCOPES: Array<[string, string]> = [
  ['', 'ALL'],
  ['Read', 'READ'],
  ['Write', 'WRITE'],
  ['Connect', 'CONNECT'],
  ['Upload', 'UPLOAD'],
];

test('a setter chain copied for another option, its constants drifted, is one copy from start to end', () => {
  const drifted = SCOPES.map(([suffix, scope]): [string, string] => [suffix, scope === 'UPLOAD' ? 'SEND' : scope]);
  const files = [file('retry.ts', chain('retry', 'Retry', SCOPES)), file('timeout.ts', chain('timeout', 'Timeout', drifted))];
  const found = analyzeDuplication(files, limits);
  assert.deepEqual(where(found), ['retry.ts:1-21', 'timeout.ts:1-21']);
});

test('the same chain with other words, or one chain alone, is not a copy', () => {
  const other: Array<[string, string]> = [
    ['', 'TOP'],
    ['Left', 'LEFT'],
    ['Right', 'RIGHT'],
    ['Bottom', 'BOTTOM'],
    ['Inner', 'INNER'],
  ];
  const files = [file('retry.ts', chain('retry', 'Retry', SCOPES)), file('border.ts', chain('border', 'Border', other, 'node'))];
  assert.deepEqual(analyzeDuplication(files, limits), [], 'only the shape is shared');
  assert.deepEqual(analyzeDuplication([files[0] as SourceFile], limits), [], 'a pattern repeated inside one function');
});

test('two data tables sharing most of their words are not a copy: there is no logic to merge', () => {
  const theme = (name: string, accent: string) =>
    `export const ${name} = {\n` +
    ['title', 'body', 'link', 'muted', 'error', 'warning']
      .map((k) => `  ${k}: { color: '${accent}', weight: 400, underline: false },`)
      .join('\n') +
    '\n};\n';
  assert.deepEqual(analyzeDuplication([file('light.ts', theme('light', 'black')), file('dark.ts', theme('dark', 'white'))], limits), []);
});

test('a small function written six times over with other bounds is an idiom, not six copies', () => {
  const bounds = ['0x30, 0x3f', '0x20, 0x2f', '0x40, 0x7e', '0x21, 0x2e', '0x31, 0x7d', '0x80, 0x9f'];
  const check = (name: string, range: string) => {
    const [low, high] = range.split(', ');
    return (
      `const is${name} = (character: string): boolean => {\n  const codePoint = character.codePointAt(0);\n\n` +
      `  return codePoint !== undefined && codePoint >= ${low} && codePoint <= ${high};\n};\n`
    );
  };
  const source = bounds.map((range, i) => check(`Kind${i}`, range)).join('\n');
  assert.deepEqual(analyzeDuplication([file('chars.ts', source)], limits), []);
});
