// Copy ranges cut back to whole statements before a helper is proposed (src/audit/suggest/snap.ts), and the rule of
// three for two short copies (copied guards aside): the shapes the third and fourth reviews (docs/audit-quality.md) found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoredProposals, type Finding } from '../../src/audit/index.js';
import { snapCopies } from '../../src/audit/suggest/snap.js';
import { duplicateFindings, keyAdder } from '../../support/audit/helpers.js';

const lineOf = (content: string, text: string): number => content.slice(0, content.indexOf(text)).split('\n').length;

const pair = (path: string, [aStart, aEnd]: [number, number], [bStart, bEnd]: [number, number]): Finding[] =>
  duplicateFindings('g', { path, startLine: aStart, endLine: aEnd }, { path, startLine: bStart, endLine: bEnd });

// Two branches alike from a guard into the middle of an object literal: the window stops where `media_type` differs.
const branch = (test: string, kind: string, label: string) => `  if (${test}) {
    if (!('blob' in content)) {
      throw new Error(\`${label} resource must have blob data, not text. URI: \${content.uri}\`);
    }
    console.log('converting', content.uri);
    console.log('size', content.blob.length);
    const block = {
      type: '${kind}' as const,
      source: {
        type: 'base64' as const,
        data: content.blob,
        media_type: mimeType,
      },
    };
    return block;
  }`;
const converter =
  `export function convert(content: { uri: string; blob: string }, mimeType: string) {\n` +
  `${branch("mimeType.startsWith('image/')", 'image', 'Image')}\n${branch("mimeType === 'application/pdf'", 'document', 'PDF')}\n` +
  `  throw new Error('unsupported');\n}\n`;

test('a copy that stops inside an object literal is cut back to the whole statements before it', () => {
  const file = { path: 'src/convert.ts', content: converter };
  const start = (label: string) => lineOf(converter, `${label} resource`) - 1;
  // As a token window reports it: from the blob guard into the middle of the object literal (`data: content.blob,`).
  const [a, b] = [start('Image'), start('PDF')].map((s) => ({ path: file.path, startLine: s, endLine: s + 9 }));
  const snapped = snapCopies([
    { file, range: a! },
    { file, range: b! },
  ]);
  assert.deepEqual(
    snapped?.map((l) => [l.startLine, l.endLine]),
    [
      [a!.startLine, a!.startLine + 4],
      [b!.startLine, b!.startLine + 4],
    ],
    'the guard and the two log lines, not the half object literal',
  );
});

test('an edge statement renamed one way there and another way in the rest of the copy is left out', () => {
  const run = (tool: string, guards: string) => `export async function ${tool}Tool(ctx: { root: string }, input: Record<string, string>) {
  const file_path = input['file_path'] ?? '';
  ${guards}
  const abs = await resolvePath(ctx, file_path);
  const ro = await readOnlyRootFor(ctx, abs);
  if (ro !== undefined) {
    throw new Error(\`${tool}: \${file_path} is inside read-only directory \${ro}\`);
  }
  return abs;
}`;
  const content =
    'declare function resolvePath(ctx: unknown, p: string): Promise<string>;\n' +
    'declare function readOnlyRootFor(ctx: unknown, p: string): Promise<string | undefined>;\n' +
    `${run('write', "if (!file_path) throw new Error('write: file_path is required');")}\n` +
    `${run(
      'edit',
      "if (!file_path) throw new Error('edit: file_path is required');\n" +
        "  const old_string = input['old_string'];\n  if (!old_string) throw new Error('edit: old_string is required');",
    )}\n`;
  const file = { path: 'src/tools.ts', content };
  // The window pairs write's `file_path` guard with edit's `old_string` guard, then `file_path` with `file_path`.
  const writeGuard = lineOf(content, "if (!file_path) throw new Error('write");
  const editGuard = lineOf(content, 'if (!old_string)');
  const snapped = snapCopies([
    { file, range: { path: file.path, startLine: writeGuard, endLine: writeGuard + 5 } },
    { file, range: { path: file.path, startLine: editGuard, endLine: editGuard + 5 } },
  ]);
  assert.deepEqual(
    snapped?.map((l) => l.startLine),
    [writeGuard + 1, editGuard + 1],
    'the copies start at `const abs`, where the same names play the same parts',
  );
  // Five lines, two copies: below the rule of three, but a copied guard (an `if` that throws) is proposed all the same.
  const [guard] = scoredProposals(pair(file.path, [writeGuard, writeGuard + 5], [editGuard, editGuard + 5]), [file]);
  assert.equal(guard?.tier, 0, guard?.belowBar);
  assert.match(guard?.draft.fix ?? '', new RegExp(`src/tools\\.ts:${writeGuard + 1}-${writeGuard + 5}`));
});

test('a member renamed (`fs.lstat` / `fs.stat`) beside a variable of that name (`stat`) is not an inconsistent rename', () => {
  const look = (fn: string, call: string) => `export async function ${fn}(path: string) {
  let stat;
  try {
    stat = await fs.${call}(path);
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') throw new Error(\`The path \${path} does not exist.\`);
    throw err;
  }
  return stat;
}`;
  const content = `import * as fs from 'node:fs/promises';\n${look('view', 'lstat')}\n${look('edit', 'stat')}\n`;
  const file = { path: 'src/memory.ts', content };
  const body = (fn: string) => ({
    path: file.path,
    startLine: lineOf(content, `function ${fn}`) + 1,
    endLine: lineOf(content, `function ${fn}`) + 7,
  });
  const snapped = snapCopies([
    { file, range: body('view') },
    { file, range: body('edit') },
  ]);
  assert.deepEqual(snapped, [body('view'), body('edit')]);
});

test('two short copies stay a finding (the rule of three); three copies, or one function the same as another, are proposed', () => {
  // A log label differs between the copies, so each is a block to share, not a function another can call.
  const content = [keyAdder('addA', 'a'), keyAdder('addB', 'b'), keyAdder('addC', 'c')].join('');
  const file = { path: 'src/guards.ts', content };
  const body = (fn: string) => ({
    path: file.path,
    startLine: lineOf(content, `function ${fn}`) + 1,
    endLine: lineOf(content, `function ${fn}`) + 7,
  });
  const [twice] = scoredProposals(duplicateFindings('k', body('addA'), body('addB')), [file]);
  assert.equal(twice?.tier, 3);
  assert.match(twice?.belowBar ?? '', /two 7-line copies: .*rule of three/);
  const [thrice] = scoredProposals(duplicateFindings('k', body('addA'), body('addB'), body('addC')), [file]);
  assert.equal(thrice?.belowBar, undefined);
  assert.match(thrice?.draft.title ?? '', /Merge the 3 copies/);
  // Token for token the same function: the fix is one calling the other, no helper, so two short copies are worth it.
  const twins = { path: 'src/twins.ts', content: keyAdder('addA') + keyAdder('addB') };
  const whole = (fn: string) => ({ ...body(fn), path: twins.path, startLine: lineOf(twins.content, `function ${fn}`) });
  const [alias] = scoredProposals(duplicateFindings('t', whole('addA'), whole('addB')), [twins]);
  assert.equal(alias?.tier, 0, alias?.belowBar);
  assert.match(alias?.draft.title ?? '', /^Make `addB` call `addA`/);
});

test('a pair of functions copied in pieces proposes its best piece, cut back to whole statements, with what really differs', () => {
  // read and edit share a stat guard and a catch, matched as two pairs of one clone class around a middle that differs.
  const tool = (
    name: string,
    middle: string,
  ) => `export async function ${name}(ctx: { maxFileBytes?: number }, file_path: string, abs: string) {
  let data: string;
  try {
    const st = await fs.stat(abs);
    if (!st.isFile()) {
      throw new ToolError(
        \`${name}: \${file_path} is not a regular file\`,
      );
    }
    const limit = resolveMaxBytes(ctx.maxFileBytes);
${middle}
    data = await fs.readFile(abs, 'utf8');
  } catch (e) {
    if (e instanceof ToolError) throw e;
    throw new ToolError(\`${name}: \${fsErrorMessage(e, file_path)}\`);
  }
  return data.length;
}`;
  const read = tool(
    'read',
    '    if (limit !== null && st.size > limit) {\n      if (!ctx.maxFileBytes) return -1;\n      log.push(limit);\n    }',
  );
  const edit = tool(
    'edit',
    '    if (limit !== null && st.size > limit) {\n      throw new ToolError(`edit: ${file_path} is too large`);\n    }',
  );
  const content =
    "import * as fs from 'node:fs/promises';\nclass ToolError extends Error {}\ndeclare const log: number[];\n" +
    'declare function resolveMaxBytes(n?: number): number | null;\ndeclare function fsErrorMessage(e: unknown, p: string): string;\n' +
    `${read}\n${edit}\n`;
  const file = { path: 'src/tools.ts', content };
  const at = (text: string, from: string) => lineOf(content.slice(content.indexOf(from)), text) + lineOf(content, from) - 1;
  const [readAt, editAt] = ['function read', 'function edit'];
  const piece = (from: string, to: string, fn: string) => ({ path: file.path, startLine: at(from, fn), endLine: at(to, fn) });
  const findings = [
    ...duplicateFindings('rw', piece('let data', 'if (limit', readAt), piece('let data', 'if (limit', editAt)),
    ...duplicateFindings('rw', piece('data = await', 'fsErrorMessage(e', readAt), piece('data = await', 'fsErrorMessage(e', editAt)),
  ];
  const [proposal] = scoredProposals(findings, [file]);
  assert.equal(proposal?.tier, 0, proposal?.belowBar);
  // The stat guard, from `const st` to the guard's end: `const limit`, read only by each tool's own size check after the
  // copy, stays with the callers (edge-statements.ts), so the helper returns `st` alone, not `{ limit, st }`.
  const guard = (fn: string) => `src/tools.ts:${at('const st', fn)}-${at('const limit', fn) - 1}`;
  assert.deepEqual(proposal?.draft.evidence, [guard(readAt), guard(editAt)], 'the stat guard, from `const st` to its end');
  assert.match(proposal?.draft.fix ?? '', /`statFile\(file_path, abs, \w+\)` returning `st`/, proposal?.draft.fix);
  assert.match(proposal?.draft.fix ?? '', /`\w+` \(`'read'` \/ `'edit'`\)/);
  assert.doesNotMatch(proposal?.draft.fix ?? '', /readFile|fsErrorMessage|isFile` \//, 'no parameter pairs two different calls');
  assert.match(proposal?.draft.fix ?? '', /The same two functions also copy .*: a separate block\./);
});

test('two copies of up to 10 lines stay a finding unless they are a guard or differ in a number (rule of three)', () => {
  // zod's isValidIP / isValidCidr: two stable 10-line functions, other patterns: not worth a change.
  const ip = (fn: string, v4: string, v6: string) => `export function ${fn}(ip: string, version?: string) {
  if ((version === 'v4' || !version) && ${v4}.test(ip)) {
    return true;
  }
  if ((version === 'v6' || !version) && ${v6}.test(ip)) {
    return true;
  }

  return false;
}
`;
  const content =
    `declare const v4: RegExp, v6: RegExp, v4Cidr: RegExp, v6Cidr: RegExp;\n` +
    ip('isValidIP', 'v4', 'v6') +
    ip('isValidCidr', 'v4Cidr', 'v6Cidr');
  const file = { path: 'src/ip.ts', content };
  const whole = (fn: string) => ({
    path: file.path,
    startLine: lineOf(content, `function ${fn}`),
    endLine: lineOf(content, `function ${fn}`) + 9,
  });
  const [ips] = scoredProposals(duplicateFindings('ip', whole('isValidIP'), whole('isValidCidr')), [file]);
  assert.equal(ips?.tier, 3);
  assert.match(ips?.belowBar ?? '', /two 10-line copies: up to 10 lines.*rule of three/);
  // The same shape, drifted apart in one number: one of the two may be the bug, so the pair is worth a look.
  const limits = content
    .replace('return false;\n}\nexport function isValidCidr', 'return ip.length > 45;\n}\nexport function isValidCidr')
    .replace(/return false;\n}\n$/, 'return ip.length > 43;\n}\n');
  const drifted = { path: 'src/ip.ts', content: limits.replace(/v4Cidr|v6Cidr/g, (m) => m.slice(0, 2)) };
  const [numbers] = scoredProposals(duplicateFindings('ip', whole('isValidIP'), whole('isValidCidr')), [drifted]);
  assert.equal(numbers?.tier, 0, numbers?.belowBar);
  assert.match(numbers?.draft.why ?? '', /except `45` \/ `43`: check that this difference is meant/);
});
