// A shared helper's parameters as a reviewer would name them (docs/audit-quality.md, fourth round): by role, never
// shadowing a name the file declares, in the originals' order; `this` read by a protected method of the shared base;
// copies that differ only in types share a generic helper, while copies that build other classes do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoredProposals, type SourceFile } from '../../src/audit/index.js';
import { duplicateFindings } from '../../support/audit/helpers.js';

const lineOf = (content: string, text: string): number => content.slice(0, content.indexOf(text)).split('\n').length;

/** The one proposal for copies of `length` lines starting where each marker is. */
function proposalFor(files: SourceFile[], length: number, ...markers: Array<[string, string]>) {
  const ranges = markers.map(([path, marker]) => {
    const content = files.find((f) => f.path === path)?.content ?? '';
    const startLine = lineOf(content, marker);
    return { path, startLine, endLine: startLine + length - 1 };
  });
  const all = scoredProposals(duplicateFindings('g', ...ranges), files);
  const found = all.find((s) => /^Merge/.test(s.draft.title));
  assert.ok(found, all.map((s) => s.draft.title).join(' | '));
  return found;
}

const validator = (name: string, v4: string, v6: string) => `function ${name}(ip: string, version?: string): boolean {
  if ((version === 'v4' || !version) && ${v4}.test(ip)) {
    return true;
  }
  if ((version === 'v6' || !version) && ${v6}.test(ip)) {
    return true;
  }
  if (ip.length > 64) {
    return false;
  }
  return false;
}
`;

test("parameters keep the function's order and never shadow a module constant", () => {
  const content =
    'const ipv4Regex = /4/;\nconst ipv6Regex = /6/;\nconst ipv4CidrRegex = /4c/;\nconst ipv6CidrRegex = /6c/;\n' +
    validator('isValidIP', 'ipv4Regex', 'ipv6Regex') +
    validator('isValidCidr', 'ipv4CidrRegex', 'ipv6CidrRegex') +
    'export const checks = [isValidIP, isValidCidr];\n';
  const files = [{ path: 'src/ip.ts', content }];
  const { draft } = proposalFor(files, 12, ['src/ip.ts', 'function isValidIP'], ['src/ip.ts', 'function isValidCidr']);
  assert.match(draft.fix ?? '', /`isValid\(ip, version, ipv4Pattern, ipv6Pattern\)`/, draft.fix);
  assert.match(draft.fix ?? '', /`ipv4Pattern` \(`ipv4Regex` \/ `ipv4CidrRegex`\)/);
});

const writer = (fn: string, verb: string) => `export function ${fn}(root: string, file_path: string): string {
  if (!file_path) throw new Error('${verb}: file_path is required');
  const abs = resolve(root, file_path);
  const ro = readOnlyRoot(abs);
  if (ro !== undefined) {
    throw new Error(\`${verb}: \${file_path} is inside read-only directory \${ro}\`);
  }
  return abs;
}
`;
const DECLARED = "import { resolve } from 'node:path';\ndeclare function readOnlyRoot(path: string): string | undefined;\n";

test('a piece of a message that names what tells the holders apart becomes that noun, passed as the plain word', () => {
  const content = DECLARED + writer('betaWriteTool', 'write') + writer('betaEditTool', 'edit');
  const files = [{ path: 'src/tools.ts', content }];
  const { draft, belowBar } = proposalFor(
    files,
    5,
    [
      'src/tools.ts',
      'const abs = resolve(root, file_path);\n  const ro = readOnlyRoot(abs);\n  if (ro !== undefined) {\n    throw new Error(`write',
    ],
    [
      'src/tools.ts',
      'const abs = resolve(root, file_path);\n  const ro = readOnlyRoot(abs);\n  if (ro !== undefined) {\n    throw new Error(`edit',
    ],
  );
  assert.equal(belowBar, undefined, 'a copied guard is worth sharing');
  assert.match(draft.fix ?? '', /`\w*\(root, file_path, tool\)` returning `abs`/, draft.fix);
  assert.match(draft.fix ?? '', /`tool` \(`'write'` \/ `'edit'`\)/);
  assert.match(draft.why ?? '', /apart from `'write'` \/ `'edit'`/);
});

const statter = (
  method: string,
  variable: string,
  call: string,
) => `  async ${method}(${variable}: string, command: string): Promise<number> {
    let stat;
    try {
      stat = await fs.${call}(${variable});
    } catch (error) {
      if (error instanceof Error) throw new Error(\`\${command}: \${${variable}} does not exist\`);
      throw error;
    }
    if (!stat.isFile()) throw new Error(\`\${command}: \${${variable}} is not a file\`);
    return stat.size;
  }
`;

test('a called member that differs takes a function named by its role; a variable named two ways, by what both names share', () => {
  const content =
    "import fs from 'node:fs/promises';\nimport path from 'node:path';\nexport class Files {\n" +
    statter('view', 'realPath', 'lstat') +
    statter('edit', 'fullPath', 'stat') +
    statter('insert', 'fullPath', 'stat') +
    '}\nexport const sep = path.sep;\n';
  const files = [{ path: 'src/files.ts', content }];
  const { draft } = proposalFor(
    files,
    9,
    ['src/files.ts', 'let stat;'],
    ['src/files.ts', 'let stat;\n    try {\n      stat = await fs.stat'],
    ['src/files.ts', 'async insert'],
  );
  assert.match(draft.fix ?? '', /`filePath` \(`realPath` \/ `fullPath`\)/, draft.fix);
  assert.match(draft.fix ?? '', /`statFn` \(`lstat` \/ `stat`\)/);
  assert.doesNotMatch(draft.fix ?? '', /`path`|`lstat`,/, 'no parameter shadows the `path` import or is named after one of its values');
});

const parser = (cls: string, kind: string) => `export class ${cls} extends Base<${kind}> {
  _parse(input: Input): Result {
    const type = this._getType(input);
    if (type !== Parsed.${kind}) {
      const ctx = this._getOrReturnCtx(input);
      addIssue(ctx, {
        code: 'invalid_type',
        expected: Parsed.${kind},
        received: ctx.parsedType,
      });
      return INVALID;
    }
    return OK(input.data);
  }
}
`;

test('methods of two classes that extend one base become a protected method there, reading `this` itself', () => {
  const content =
    'declare class Base<T> { _getType(i: Input): string; _getOrReturnCtx(i: Input): object; }\n' +
    'type Input = { data: unknown };\ntype Result = unknown;\ndeclare const Parsed: Record<string, string>;\n' +
    'declare function addIssue(ctx: object, issue: object): void;\ndeclare const INVALID: Result;\n' +
    'declare function OK(x: unknown): Result;\n' +
    parser('Undef', 'undefined') +
    parser('Void', 'void');
  const files = [{ path: 'src/types.ts', content }];
  const { draft } = proposalFor(
    files,
    12,
    ['src/types.ts', '  _parse(input: Input): Result {\n    const type = this._getType(input);\n    if (type !== Parsed.undefined'],
    ['src/types.ts', '  _parse(input: Input): Result {\n    const type = this._getType(input);\n    if (type !== Parsed.void'],
  );
  assert.match(draft.fix ?? '', /on `Base` \(a protected method of the class they extend\)/, draft.fix);
  assert.doesNotMatch(draft.fix ?? '', /self/);
  assert.match(draft.fix ?? '', /`expected` \(`undefined` \/ `void`\)/);
});

const summer = (fn: string, type: string) => `export function ${fn}(items: readonly ${type}[], start: ${type}): ${type} {
  let total: ${type} = start;
  for (const item of items) {
    if (item > start) total += item;
    console.log('item', String(item));
  }
  console.log('summed', items.length);
  console.log('total', String(total));
  console.log('start', String(start));
  console.log('count', items.length);
  console.log('done');
  return total;
}
`;
const builder = (fn: string, cls: string) => `export function ${fn}(inner: Inner, label: string): ${cls} {
  const made = new ${cls}({
    inner,
    label,
    kind: 'wrapped',
  });
  console.log('made', label);
  console.log('inner', inner.name);
  console.log('kind', made.kind);
  console.log('done');
  return made;
}
`;

test('copies that differ only in types share a generic helper; copies that build other classes do not', () => {
  const sums = summer('sumNumbers', 'number') + summer('sumBigInts', 'bigint');
  const generic = proposalFor(
    [{ path: 'src/sum.ts', content: sums }],
    12,
    ['src/sum.ts', 'let total: number'],
    ['src/sum.ts', 'let total: bigint'],
  );
  assert.equal(generic.belowBar, undefined);
  assert.match(
    generic.draft.fix ?? '',
    /Types that differ \(`number` \/ `bigint`\): a type parameter, or the type both share\./,
    generic.draft.fix,
  );
  assert.doesNotMatch(generic.draft.why ?? '', /`number` \/ `bigint`, which become the helper's arguments/);

  const classes =
    'type Inner = { name: string };\ndeclare class Optional { constructor(o: object); kind: string }\n' +
    'declare class Nullable { constructor(o: object); kind: string }\n' +
    builder('makeOptional', 'Optional') +
    builder('makeNullable', 'Nullable');
  const built = proposalFor(
    [{ path: 'src/make.ts', content: classes }],
    11,
    ['src/make.ts', 'const made = new Optional'],
    ['src/make.ts', 'const made = new Nullable'],
  );
  assert.match(built.belowBar ?? '', /use other classes \(`Optional` \/ `Nullable`\)/, built.belowBar);
});

test('the helper never takes a name the file imports', () => {
  const content =
    "import { isValid } from './parse-util.js';\n" +
    'const ipv4Regex = /4/;\nconst ipv6Regex = /6/;\nconst ipv4CidrRegex = /4c/;\nconst ipv6CidrRegex = /6c/;\n' +
    validator('isValidIP', 'ipv4Regex', 'ipv6Regex') +
    validator('isValidCidr', 'ipv4CidrRegex', 'ipv6CidrRegex') +
    'export const checks = [isValidIP, isValidCidr, isValid];\n';
  const files = [{ path: 'src/ip.ts', content }];
  const { draft } = proposalFor(files, 12, ['src/ip.ts', 'function isValidIP'], ['src/ip.ts', 'function isValidCidr']);
  assert.doesNotMatch(draft.fix ?? '', /`isValid\(/, draft.fix);
  assert.match(draft.fix ?? '', /\(ip, version, ipv4Pattern, ipv6Pattern\)/, draft.fix);
});

const classifier = (name: string, first: string, last: string) => `export function ${name}(err: unknown, attempts: number): string {
  ${first}
  const tag = attempts > 1 ? 'again' : 'first';
  if (err instanceof TypeError) return 'type ' + tag;
  if (err instanceof RangeError) return 'range ' + tag;
  if (err instanceof SyntaxError) return 'syntax ' + tag;
  if (err instanceof URIError) return 'uri ' + tag;
  if (err instanceof EvalError) return 'eval ' + tag;
  if (typeof err === 'string') return 'text ' + tag;
  if (typeof err === 'number') return 'code ' + tag;
  if (err === null) return 'null ' + tag;
  if (err === undefined) return 'undefined ' + tag;
  return '${last} ' + tag;
}
`;

test('a copy that runs to the end of its function moves into a helper despite its returns', () => {
  const content =
    'declare function count(name: string): void;\n' +
    classifier('classifyAnthropic', "count('anthropic');", 'anthropic') +
    classifier('classifyOpenAI', 'const started = Date.now(); count(String(started));', 'openai');
  const files = [{ path: 'src/classify.ts', content }];
  const { draft, belowBar } = proposalFor(
    files,
    12,
    ['src/classify.ts', "const tag = attempts > 1 ? 'again' : 'first';\n  if (err instanceof TypeError) return 'type ' + tag;"],
    ['src/classify.ts', classifier('x', '', 'openai').split('\n').slice(2, 12).join('\n').trim()],
  );
  assert.equal(belowBar, undefined, draft.fix);
  assert.match(draft.fix ?? '', /\(err, attempts/, draft.fix);
});

test('a name each copy imports from another module is a difference the helper takes', () => {
  const body = (name: string) =>
    classifier(name, "count('x');", 'other').replace(
      "if (err instanceof TypeError) return 'type ' + tag;",
      "if (err instanceof APIError) return 'api ' + tag;",
    );
  const files = [
    {
      path: 'src/anthropic.ts',
      content: "import { APIError } from '@anthropic-ai/sdk';\ndeclare function count(name: string): void;\n" + body('classifyA'),
    },
    {
      path: 'src/openai.ts',
      content: "import { APIError } from 'openai';\ndeclare function count(name: string): void;\n" + body('classifyB'),
    },
  ];
  const marker = "const tag = attempts > 1 ? 'again' : 'first';";
  const { draft } = proposalFor(files, 11, ['src/anthropic.ts', marker], ['src/openai.ts', marker]);
  assert.match(draft.fix ?? '', /`APIError` from `@anthropic-ai\/sdk` \/ `openai`/, draft.fix);
});
