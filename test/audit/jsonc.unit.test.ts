// tsconfig.json read without the compiler: comments and trailing commas allowed, strings left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJsonc } from '../../src/audit/jsonc.js';

test('comments and trailing commas are allowed; what looks like them inside strings is kept', () => {
  const text = `{
    // line comment
    "compilerOptions": { /* block */ "outDir": "dist//x", "rootDir": "src/*x*/", },
    "include": ["a,]", "b\\"//c",],
  }`;
  assert.deepEqual(parseJsonc(text), { compilerOptions: { outDir: 'dist//x', rootDir: 'src/*x*/' }, include: ['a,]', 'b"//c'] });
});

test('text that is not JSON, even without comments, is undefined rather than an error', () => {
  assert.equal(parseJsonc('{ "a": '), undefined);
  assert.equal(parseJsonc('{ a: 1 }'), undefined);
  assert.equal(parseJsonc('/* never closed'), undefined);
});
