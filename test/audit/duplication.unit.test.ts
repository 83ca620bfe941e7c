// The duplication analyzer on small, hand-made copies: what counts as a copy
// (renamed names and properties, 40-token blocks, doc comments, literal unions),
// what does not (shape-only types), one pair per region, a group
// fingerprint that survives a copy growing by a line, and tables: a whole
// function of one repeated pattern copied with a few words changed is a copy;
// the same pattern with other words, a data table or a six-times idiom is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDuplication } from '../../src/audit/analyzers/duplication.js';
import { defaultAuditConfig } from '../../src/audit/config.js';
import type { Finding, SourceFile } from '../../src/audit/index.js';

const file = (path: string, content: string): SourceFile => ({ path, content });
const limits = defaultAuditConfig().duplication;
const where = (findings: Finding[]): string[] => findings.map((f) => `${f.path}:${f.startLine}-${f.endLine}`);

const writer = (name: string, stream: string, count: string) =>
  [
    `export function ${name}(text: string, options: { newline?: boolean } = {}): number {`,
    `  const line = options.newline === false ? text : text + '\\n';`,
    `  if (!process.${stream}.writable) return 0;`,
    `  process.${stream}.write(line);`,
    `  stats.${count} += line.length;`,
    `  return line.length;`,
    `}`,
  ].join('\n');

test('a copy that differs only in names and property names (stdout/stderr) is found, with each side’s function', () => {
  const files = [
    file('out.ts', `${writer('writeToStdout', 'stdout', 'outBytes')}\n`),
    file('err.ts', `const stats = { outBytes: 0, errBytes: 0 };\n${writer('writeToStderr', 'stderr', 'errBytes')}\n`),
  ];
  const found = analyzeDuplication(files, limits);
  assert.deepEqual(where(found), ['err.ts:2-8', 'out.ts:1-7']);
  assert.deepEqual(
    found.map((f) => f.symbol),
    ['writeToStderr', 'writeToStdout'],
  );
  assert.equal(found[0]?.group, found[1]?.group);
  assert.match(found[0]?.message ?? '', /^lines 2-8 duplicate out\.ts:1-7 \(\d+ tokens\)$/);
});

test('object keys and destructured names are normalized too (margin/padding with other edge constants)', () => {
  const edges = (fn: string, prop: string, start: string, end: string) =>
    `export function ${fn}(node: Node, value: Box) {\n` +
    `  const { top, bottom } = value;\n` +
    `  node.${prop} = { [${start}]: value.${start} ?? 0, [${end}]: value.${end} ?? 0 };\n` +
    `  if (top !== undefined) node.set(${start}, top * scale);\n` +
    `  if (bottom !== undefined) node.set(${end}, bottom * scale);\n` +
    `  return node;\n}\n`;
  const files = [
    file('margin.ts', edges('applyMargin', 'margin', 'EDGE_START', 'EDGE_END')),
    file('padding.ts', edges('applyPadding', 'padding', 'EDGE_LEFT', 'EDGE_RIGHT')),
  ];
  assert.deepEqual(where(analyzeDuplication(files, limits)), ['margin.ts:1-7', 'padding.ts:1-7']);
});

test('a 6-line copy of about 40 tokens is found with the default thresholds (70 used to miss it)', () => {
  const focus = (name: string, step: string) =>
    `function ${name}(list) {\n  const items = list.items;\n  list.index = (list.index ${step}) % items.length;\n` +
    `  const item = items[list.index];\n  item.focus();\n}\n`;
  const files = [file('nav.js', `${focus('focusNext', '+ 1')}\n${focus('focusPrevious', '- 1 + items.length')}`)];
  const found = analyzeDuplication(files, limits);
  assert.deepEqual(where(found), []);
  const twin = [file('a.js', focus('focusNext', '+ 1')), file('b.js', `let n = 0;\n${focus('focusSecond', '+ 2')}`)];
  const pair = analyzeDuplication(twin, limits);
  assert.deepEqual(where(pair), ['a.js:1-6', 'b.js:2-7']);
  const tokens = pair[0]?.metric?.value ?? 0;
  assert.ok(tokens >= 35 && tokens < 50, `about 40 tokens (${tokens})`);
  assert.deepEqual(analyzeDuplication(twin, { ...limits, minTokens: 70 }), []);
});

test('a cast (`change as SpyEvent`) does not make a copy another block', () => {
  const report = (name: string, cast: string) =>
    [
      `export function ${name}(target: object, change: object | null) {`,
      '  const notifySpy = isSpyEnabled();',
      '  const notify = hasListeners(target);',
      '  if (notifySpy) {',
      `    spyReportStart(change!${cast});`,
      '  }',
      '  if (notify) {',
      '    notifyListeners(target, change);',
      '  }',
      '  if (notifySpy) {',
      '    spyReportEnd();',
      '  }',
      '}',
    ].join('\n');
  const files = [file('set.ts', `${report('reportAdd', '')}\n`), file('map.ts', `${report('reportSet', ' as SpyEvent')}\n`)];
  assert.deepEqual(where(analyzeDuplication(files, limits)), ['map.ts:1-13', 'set.ts:1-13']);
  // Only a cast to a plain name: `as const`, `as spy.Event` and `as Event<T>` stay tokens (dropping them split or lost other trees' copies).
  for (const cast of [' as const', ' as spy.Event', ' as Event<Change>']) {
    const other = [files[0] as SourceFile, file('map.ts', `${report('reportSet', cast)}\n`)];
    assert.notDeepEqual(where(analyzeDuplication(other, limits)), ['map.ts:1-13', 'set.ts:1-13'], cast);
  }
});

test('a block with one changed line in the middle is one pair, not two', () => {
  const block = (middle: string) =>
    `export function sum(items: Item[], rate: number): number {\n` +
    `  let total = 0;\n  for (const item of items) {\n    if (item.qty > 0 && item.price > 0) total += item.price * item.qty;\n  }\n` +
    `  ${middle}\n` +
    `  const reduced = total - total * rate;\n  if (reduced < 0) throw new Error('negative total');\n` +
    `  const fee = reduced > 1000 ? 0 : Math.min(5, reduced / 10);\n` +
    `  return Math.round(reduced * 100) / 100;\n}\n`;
  const files = [file('a.ts', block("console.log('a');")), file('b.ts', block('await flush(items, { force: true });'))];
  const found = analyzeDuplication(files, limits);
  assert.deepEqual(where(found), ['a.ts:1-11', 'b.ts:1-11']);
});

test('a copied multi-line doc comment is a duplicate; short or single-line comments are not', () => {
  const doc =
    '/**\n * Resolves the configured backend, falling back to the scripted one when no key is set,\n * and remembers the choice.\n */';
  const files = [
    file('a.ts', `${doc}\nexport const a = 1;\n// short\n`),
    file('b.ts', `export const b = 2;\n\n${doc.replace(/\n \*/g, '\n    *')}\nexport const c = 3;\n// short\n`),
  ];
  const found = analyzeDuplication(files, limits);
  assert.deepEqual(where(found), ['a.ts:1-4', 'b.ts:3-6']);
  assert.match(found[0]?.message ?? '', /\(comment\)$/);
});

test('a string-literal union copied between two files is found; its order does not matter', () => {
  const files = [
    file('status.ts', "export type AgentStatus = 'idle' | 'claiming' | 'thinking' | 'failed' | 'blocked';\n"),
    file(
      'view.ts',
      "import x from './x.js';\n\nexport type AgentState =\n  | 'claiming'\n  | 'idle'\n  | 'thinking'\n  | 'blocked'\n  | 'failed';\n",
    ),
    file('small.ts', "export type Tone = 'idle' | 'failed';\n"),
  ];
  const found = analyzeDuplication(files, limits);
  assert.deepEqual(where(found), ['status.ts:1-1', 'view.ts:4-8']);
  assert.match(found[0]?.message ?? '', /\(literal union\)$/);
});

test('interfaces that only share a shape are not a copy; an interface copied with its members is', () => {
  const shape = (name: string, members: string[]) =>
    `export interface ${name} {\n${members.map((m, i) => `  ${m}: ${i % 2 ? 'number' : 'string'};`).join('\n')}\n}\n`;
  const a = shape('User', ['id', 'age', 'name', 'score', 'email', 'rank', 'city', 'zip', 'note']);
  const b = shape('Product', ['sku', 'price', 'title', 'stock', 'vendor', 'weight', 'color', 'size', 'tags']);
  assert.deepEqual(analyzeDuplication([file('a.ts', a), file('b.ts', b)], limits), []);
  const copied = analyzeDuplication([file('a.ts', a), file('c.ts', a.replace('User', 'Member'))], limits);
  assert.deepEqual(where(copied), ['a.ts:2-11', 'c.ts:2-11'], 'from the first member: the names differ');
});

test('tables and field mappings that only share a shape are not copies', () => {
  const table = (name: string, keys: string[]) =>
    `export const ${name} = {\n${keys.map((k, i) => `  ${k}: { label: '${k}', weight: ${i}, enabled: true },`).join('\n')}\n};\n`;
  const files = [
    file('a.ts', table('COLORS', ['red', 'green', 'blue', 'cyan', 'magenta', 'yellow', 'black'])),
    file('b.ts', table('SIZES', ['xs', 's', 'm', 'l', 'xl', 'xxl', 'xxxl'])),
  ];
  assert.deepEqual(analyzeDuplication(files, limits), []);
});

test('the group fingerprint survives the copy growing by a line on one side', () => {
  const copy = writer('writeToStdout', 'stdout', 'outBytes');
  const other = writer('writeToStderr', 'stderr', 'errBytes');
  const before = analyzeDuplication([file('out.ts', copy), file('err.ts', other)], limits);
  const inside = other.replace('  return line.length;', "  log('wrote', line);\n  return line.length;");
  const next = other.replace('{\n', "{\n  assertOpen('stderr');\n");
  for (const grown of [inside, next]) {
    const after = analyzeDuplication([file('out.ts', copy), file('err.ts', grown)], limits);
    assert.equal(after.length, 2);
    assert.deepEqual(
      after.map((f) => f.group),
      before.map((f) => f.group),
    );
  }
  const outside = analyzeDuplication(
    [file('x.ts', `const pad = 1;\n${copy.replace('export function writeToStdout', 'const f = function')}`)],
    limits,
  );
  assert.deepEqual(outside, [], 'one copy alone is not a duplicate');
});

const parallelTests = (kind: string, input: string) =>
  `test('valid ${kind}', () => {\n  const result = schema.safeParse(${input});\n  expect(result.success).toEqual(true);\n` +
  `  type out = z.output<typeof schema>;\n  util.assertEqual<out, ${kind}<string>>(true);\n});\n\n` +
  `test('chain', () => {\n  const complex = z.string().${kind}('x').transform((v) => v + '!').optional();\n  expect(complex.parse('a')).toBe('a!');\n});\n`;

test('a copy running from the end of one test into the start of the next, in two parallel test files, is one pair', () => {
  const map = parallelTests('Map', "new Map([['a', 1]])");
  const set = parallelTests('Set', "new Set(['a', 'b'].map((x) => x + '!'))");
  const found = analyzeDuplication([file('map.test.ts', map), file('set.test.ts', set)], limits);
  assert.deepEqual(where(found), ['map.test.ts:3-11', 'set.test.ts:3-11'], 'each test alone holds too little of the copy');
});

test('a short shared test prologue (temp dir, try, init) or teardown is not reported', () => {
  const prologue = (title: string, body: string) =>
    `test('${title}', async () => {\n  const { dir, cleanup } = await tempDir('x-');\n  try {\n    await cli(dir, 'init', '--name', 'demo');\n` +
    `    await writeFile(join(dir, 'a.ts'), 'export const a = 1;');\n    ${body}\n  } finally {\n    await cleanup();\n  }\n});\n`;
  const files = [
    file('a.test.ts', prologue('one', 'assert.ok(1);')),
    file('b.test.ts', prologue('two', "assert.equal(await count(dir), 2, 'two');")),
  ];
  assert.deepEqual(analyzeDuplication(files, limits), []);
});

test('outside functions the group is anchored on the first statement: a line added next to the copy keeps it', () => {
  const setup = [
    'const registry = new Map<string, Handler>();',
    "for (const name of ['open', 'close', 'read', 'write']) {",
    '  const handler = createHandler(name, { retries: 3, timeout: 1000 });',
    '  if (!handler.enabled) continue;',
    '  registry.set(name, handler);',
    '  logger.info(`registered ${name}`, { count: registry.size });',
    '}',
  ].join('\n');
  const other = setup.replace(/registry/g, 'handlers');
  const before = analyzeDuplication([file('a.ts', `${setup}\n`), file('b.ts', `${other}\n`)], limits);
  assert.equal(before.length, 2);
  assert.equal(before[0]?.symbol, undefined, 'top-level code: no function to name the group after');
  const after = analyzeDuplication([file('a.ts', `${setup}\n`), file('b.ts', `${other}\nexport const size = handlers.size;\n`)], limits);
  assert.deepEqual(
    after.map((f) => f.group),
    before.map((f) => f.group),
  );
});

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
  const other = ['', 'Left', 'Right', 'Bottom', 'Inner'].map((side): [string, string] => [side, side.toUpperCase() || 'TOP']);
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
