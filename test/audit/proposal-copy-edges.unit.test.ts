// What a copy's edges say about its helper (docs/audit-quality/verdicts-10.md, J5's rules 1, 2 and 4): `meta?.headers`
// against `meta.headers` is one read, not a stretch each caller keeps; a copy that only changes a value it is passed is
// named by that change, not by a word its holders share; a leading `const { req } = opts` is no value the helper returns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copiesAt, firstDraft } from '../../support/audit/helpers.js';

const headerCopy = (fn: string, head: string, guard: string, target: string) => `export function ${fn}(${target}: Headers, ${head}) {
  if (${guard}) {
    if (meta.headers instanceof Headers) {
      for (const [key, value] of meta.headers.entries()) {
        ${target}.append(key, value);
      }
    } else {
      for (const [key, value] of Object.entries(meta.headers)) {
        if (Array.isArray(value)) {
          for (const v of value) {
            ${target}.append(key, v);
          }
        } else if (typeof value === 'string') {
          ${target}.set(key, value);
        }
      }
    }
  }
  return ${target};
}
`;

const headerFiles = (adapterGuard: string, coreGuard: string) => [
  { path: 'src/adapter.ts', content: headerCopy('responseMeta', 'meta: Meta | undefined', adapterGuard, 'resHeaders') },
  { path: 'src/core.ts', content: headerCopy('initResponse', 'meta: Meta', coreGuard, 'headers') },
];
const headerFindings = copiesAt('hd', ['src/adapter.ts', 2, 18], ['src/core.ts', 2, 18]);

test('copies that differ only by `meta?.headers` / `meta.headers` pass `meta?.headers`: no stretch for each caller to keep', () => {
  const draft = firstDraft(headerFindings, headerFiles('meta?.headers', 'meta.headers'));
  const text = `${draft.why}\n${draft.fix}`;
  assert.doesNotMatch(text, /differ in shape|written differently/, text);
  assert.match(
    draft.fix ?? '',
    /`meta\?\.headers` \(src\/adapter\.ts:2\) and `meta\.headers` \(src\/core\.ts:2\) are one read, not a difference in shape/,
  );
  assert.match(
    draft.fix ?? '',
    /takes that value \(`metaHeaders`\) instead of `meta`, and the caller at src\/adapter\.ts:2 passes `meta\?\.headers`/,
  );
  assert.match(draft.fix ?? '', /Extract `appendHeaders\(headers, metaHeaders\)`/, draft.fix);
  // A guard that means something else (`!== undefined` against truthiness) is still one each caller keeps, or settles.
  const other = firstDraft(headerFindings, headerFiles('meta.headers !== undefined', 'meta.headers'));
  assert.match(other.fix ?? '', /differ in shape at src\/adapter\.ts:2/, other.fix);
  assert.doesNotMatch(other.fix ?? '', /one read/);
});

test('a copy that only changes a value it is passed is named by that change, not by a word its holders share', () => {
  const draft = firstDraft(headerFindings, headerFiles('meta?.headers', 'meta.headers'));
  assert.match(draft.title, /into `appendHeaders`$/, draft.title);
  assert.doesNotMatch(`${draft.title}\n${draft.fix}`, /`response`|response\(/);
});

const sink = (fn: string, call: string) => `export function ${fn}(out: Sink, data: string) {
  if (out.closed) {
    console.warn('closed', data);
  }
  ${call}
  out.flush();
  console.log('sent', data.length);
  console.log('done', data.length);
  console.log('left', out.size);
  console.log('more', out.size);
  console.log('last', out.size);
  return '${fn}';
}
`;

test('with no call repeated, a copy that only changes its argument gets no name; words that start both holders stay its name', () => {
  const once = [
    { path: 'src/a.ts', content: sink('responseMeta', 'out.write(data);') },
    { path: 'src/b.ts', content: sink('initResponse', 'out.write(data);') },
  ];
  const findings = copiesAt('sk', ['src/a.ts', 2, 11], ['src/b.ts', 2, 11]);
  assert.match(firstDraft(findings, once).title, /into one helper$/);
  const twice = copiesAt('sk', ['src/a.ts', 2, 12], ['src/b.ts', 2, 12]);
  const named = (a: string, b: string) =>
    firstDraft(twice, [
      { path: 'src/a.ts', content: sink(a, 'out.write(data);\n  out.write(data);') },
      { path: 'src/b.ts', content: sink(b, 'out.write(data);\n  out.write(data);') },
    ]).title;
  assert.match(named('responseMeta', 'initResponse'), /into `writeOut`$/);
  // Words that start both holders' names say what they do: kept, whatever the copy calls.
  assert.match(named('writeToStdout', 'writeToStderr'), /into `writeTo`$/);
  assert.match(named('applyFlexStyles', 'applyDimensionStyles'), /into `applyStyles`$/);
});

const parser = (fn: string, kind: string) => `export async function ${fn}(opts: Opts) {
  const { req } = opts;
  if (req.method !== 'POST') {
    throw new TRPCError({
      code: 'METHOD_NOT_SUPPORTED',
      message: 'Only POST requests are supported for ${kind} requests',
    });
  }
  const inputs = await read(req, opts.path);
  return { inputs, signal: req.signal, url: opts.url };
}
`;

test('a destructure the copy starts with stays at each caller: the helper takes what it took apart and returns nothing', () => {
  const files = [
    {
      path: 'src/handlers.ts',
      content: `${parser('parseForm', 'multipart/form-data')}\n${parser('parseOctets', 'application/octet-stream')}`,
    },
  ];
  const draft = firstDraft(copiesAt('ds', ['src/handlers.ts', 2, 8], ['src/handlers.ts', 14, 20]), files);
  assert.doesNotMatch(draft.fix ?? '', /returning `req`|`opts`/, draft.fix);
  assert.match(draft.fix ?? '', /Copies: src\/handlers\.ts:3-8 in `parseForm` and src\/handlers\.ts:15-20 in `parseOctets`/, draft.fix);
  assert.match(draft.fix ?? '', /\(req, kind\)`? in src\/handlers\.ts, and call/, draft.fix);
});

// The SDK's read and edit tools: the stat guard, then a `const limit = …` that reads nothing of the guard and serves only
// the size check after the copy, which each tool makes its own way (twelfth round, J7 and J9: "half an invariant").
const tool = (fn: string, name: string, after: string) => `export async function ${fn}(abs: string, file_path: string, ctx: Ctx) {
  const st = await fs.stat(abs);
  if (!st.isFile()) {
    throw new ToolError(\`${name}: \${file_path} is not a regular file, so it is refused\`);
  }
  const limit = resolveMaxBytes(ctx.maxFileBytes);
  ${after}
}
`;

test('a last declaration that reads nothing the copy made and serves only the code after it is no part of the helper', () => {
  const files = [
    {
      path: 'src/tools.ts',
      content:
        `${tool('readTool', 'read', 'if (limit !== null && st.size > limit) return stream(abs, limit);')}\n` +
        `${tool('editTool', 'edit', 'if (limit !== null && st.size > limit) throw new ToolError("too large");')}`,
    },
  ];
  const draft = firstDraft(copiesAt('ta', ['src/tools.ts', 2, 6], ['src/tools.ts', 11, 15]), files);
  assert.doesNotMatch(draft.fix ?? '', /limit/, draft.fix);
  assert.match(draft.fix ?? '', /Copies: src\/tools\.ts:2-5 in `readTool` and src\/tools\.ts:11-14 in `editTool`/, draft.fix);
  // A last declaration that reads what the copy made stays: it is the copy's own result.
  const reading = files.map((f) => ({
    ...f,
    content: f.content.replaceAll('resolveMaxBytes(ctx.maxFileBytes)', 'resolveMaxBytes(st.size)'),
  }));
  const kept = firstDraft(copiesAt('tk', ['src/tools.ts', 2, 6], ['src/tools.ts', 11, 15]), reading);
  assert.match(kept.fix ?? '', /Copies: src\/tools\.ts:2-6 in `readTool` and src\/tools\.ts:11-15 in `editTool`/, kept.fix);
});
