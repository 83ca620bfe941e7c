// Cognitive complexity, checked against SonarSource's definition on small functions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cognitiveScores } from '../../src/audit/cognitive.js';
import { listFunctions } from '../../src/audit/functions.js';
import { parse } from '../../src/audit/parse.js';

/** Score of every function in `code`, by qualified name. */
function scores(code: string): Record<string, number> {
  const source = { path: 'f.ts', content: code };
  const byNode = cognitiveScores(parse(source));
  return Object.fromEntries(listFunctions(source).map((fn) => [fn.name, byNode.get(fn.node) ?? -1]));
}

test('a flat switch counts once, however many cases it has; a lookup table counts nothing', () => {
  const cases = Array.from({ length: 20 }, (_, i) => `    case ${i}: return 'v${i}';`).join('\n');
  assert.deepEqual(scores(`function name(n: number) {\n  switch (n) {\n${cases}\n    default: return '?';\n  }\n}`), { name: 1 });
  const rows = Array.from({ length: 20 }, (_, i) => `  k${i}: 'v${i}',`).join('\n');
  assert.deepEqual(scores(`const TABLE: Record<string, string> = {\n${rows}\n};\nfunction look(k: string) { return TABLE[k]; }`), {
    look: 0,
  });
});

test('if, else if and else: +1 each, and only the head pays for its nesting', () => {
  const code = `function f(a: number, b: number) {
    for (const x of [a]) {
      if (x > 1) { return 1; }
      else if (x > 2) { return 2; }
      else { return 3; }
    }
    return b;
  }`;
  assert.deepEqual(scores(code), { f: 1 + 2 + 1 + 1 }); // for, if at depth 1, else if, else
});

test('nesting: loops, catch and ternaries cost one more for each level around them', () => {
  const code = `function f(rows: number[][]) {
    try {
      for (const row of rows) {          // +1
        while (row.length) {              // +2
          row.pop() ? row.shift() : 0;    // +3
        }
      }
    } catch (error) {                     // +1
      if (error) throw error;             // +2
    } finally {
      rows.length = 0;
    }
  }`;
  assert.deepEqual(scores(code), { f: 1 + 2 + 3 + 1 + 2 });
});

test('logical operators: a run of one operator counts once, each change of operator once more', () => {
  const code = `function f(a: boolean, b: boolean, c: boolean, d?: boolean) {
    const all = a && b && c;       // +1
    const mixed = a && b || c && d; // +3
    const grouped = a && (b && c);  // +1, through parentheses
    const negated = a && !(b || c); // +1 and +1 for the run inside the negation
    return d ?? (all || mixed || grouped || negated); // +1 ?? and +1 ||
  }`;
  assert.deepEqual(scores(code), { f: 1 + 3 + 1 + 2 + 2 });
});

test('nested functions are measured on their own, one level deeper than where they stand', () => {
  const code = `function outer(items: number[]) {
    if (items.length) {                               // +1
      items.forEach((item) => {                        // nested at depth 1, body at depth 2
        if (item > 0) console.log(item);               // +3 for the callback
      });
    }
    return function inner(n: number) { return n > 0 ? n : -n; }; // body at depth 1: ?: +2
  }
  class K { m(x: number) { if (x) return 1; return 0; } }`;
  assert.deepEqual(scores(code), {
    outer: 1,
    'outer.items.forEach callback': 3,
    'outer.inner': 2,
    'K.m': 1,
  });
});

test('labelled break and continue add one; plain ones do not', () => {
  const code = `function f(grid: number[][]) {
    outer: for (const row of grid) {   // +1
      for (const cell of row) {        // +2
        if (cell < 0) continue outer;  // +3, +1 for the label
        if (cell === 0) break;         // +3
      }
    }
  }`;
  assert.deepEqual(scores(code), { f: 1 + 2 + 3 + 1 + 3 });
});

test('a range table written as a condition counts once; mixed logic around other subjects does not', () => {
  const ranges = Array.from({ length: 9 }, (_, i) => `(code >= ${i * 100} && code <= ${i * 100 + 50})`).join(' ||\n    ');
  assert.deepEqual(scores(`function wide(code: number) {\n  return ${ranges};\n}`), { wide: 1 });
  assert.deepEqual(scores("function f(k: string) { return k === 'a' || k === 'b' || (k >= 'x' && k <= 'z'); }"), { f: 1 });
  assert.deepEqual(scores('function g(a: number, b: number) { return (a > 1 && b < 2) || (a < 0 && b > 3) || a === 7; }'), { g: 4 });
});

test('a callback passed to a long call chain is named after the chain start and its last call', () => {
  const code =
    "program.command('audit').description('a long description of the command').option('--self').action(() => { if (1) return; });";
  assert.deepEqual(scores(code), { 'program….action callback': 1 });
});
