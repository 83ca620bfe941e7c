// Which uses of an imported name run while the module loads: only those can meet the other module of an import cycle
// half-initialized (the cycle proposal says "it works today" when none does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readsAtLoad } from '../../src/audit/suggest/load-reads.js';

const reads = (content: string, name: string): boolean => readsAtLoad({ path: 'src/a.ts', content }, [name]);

test('a base class, a decorator, a function called where it is written and top-level code read at load', () => {
  assert.equal(reads('import { Base } from "./b";\nexport class A extends Base {}\n', 'Base'), true);
  assert.equal(reads('import { dec } from "./b";\nclass A {\n  @dec() m() {}\n}\n', 'dec'), true);
  assert.equal(reads('import { b } from "./b";\nexport const x = (() => b.y)();\n', 'b'), true);
  assert.equal(reads('import { b } from "./b";\nexport const x = String(b);\n', 'b'), true);
});

test('a function body, an instance field, a type and a re-export read later or never', () => {
  assert.equal(reads('import { b } from "./b";\nexport const x = () => b.y;\n', 'b'), false);
  assert.equal(reads('import { b } from "./b";\nexport class A {\n  v = b.y;\n}\n', 'b'), false);
  assert.equal(reads('import { I } from "./b";\nexport class K implements I {}\nexport interface J extends I {}\n', 'I'), false);
  assert.equal(reads('import { b } from "./b";\nexport { b };\n', 'b'), false);
});
