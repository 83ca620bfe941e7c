// Two members of an object literal identical token for token (a host config passed to `createReconciler({…})`): neither
// can call the other — no name in scope, and the reader calls them detached — so the fix hoists one module-level
// function assigned to both keys, following the literal's own `key: fn` entries (docs/audit-quality.md, tenth round).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copiesAt, firstDraft } from '../../support/audit/helpers.js';

const remover = (key: string) => `  ${key}(node: Node, removed: Node) {
    removeChildNode(node, removed);
    if (removed.kind === 'element') {
      cleanupYogaNode(removed.yogaNode);
    }
    node.dirty = true;
  },
`;

const config = (inline: boolean) =>
  'declare function removeChildNode(a: Node, b: Node): void;\ndeclare function cleanupYogaNode(n: unknown): void;\n' +
  'declare function appendChildNode(a: Node, b: Node): void;\n' +
  `export default createReconciler({\n  appendChildToContainer: appendChildNode,\n${remover('removeChildFromContainer')}` +
  `  commitUpdate() {},\n${inline ? remover('removeChild') : ''}});\n`;

test('identical members of an object literal share one hoisted function assigned to both keys, never "make X call Y"', () => {
  const content = config(true);
  const draft = firstDraft(copiesAt('hc', ['src/reconciler.ts', 6, 12], ['src/reconciler.ts', 14, 20]), [
    { path: 'src/reconciler.ts', content },
  ]);
  const text = `${draft.title}\n${draft.fix}`;
  assert.doesNotMatch(text, /call `?removeChild|Replace the body/, text);
  assert.match(draft.title, /^Hoist `removeChild` for `removeChildFromContainer` and `removeChild`/, draft.title);
  assert.match(draft.fix ?? '', /members of an object literal/, draft.fix);
  assert.match(
    draft.fix ?? '',
    /assign it to both keys \(`removeChildFromContainer: removeChild` and `removeChild` \(shorthand\)\)/,
    draft.fix,
  );
  assert.match(draft.fix ?? '', /as the literal already does for `appendChildToContainer: appendChildNode`/, draft.fix);
});

test('identical module-level functions still call one another', () => {
  const plain = (name: string) => remover(name).replace(/^  /, 'export function ').replace(/},\n$/, '}\n').replace(/\n  /g, '\n');
  const content = `${plain('removeFromContainer')}${plain('removeChild')}`;
  const draft = firstDraft(copiesAt('pl', ['src/a.ts', 1, 7], ['src/a.ts', 8, 14]), [{ path: 'src/a.ts', content }]);
  assert.match(draft.title, /^Make `removeChild` call `removeFromContainer`/, draft.title);
});

test('arrows of a literal a variable holds are reachable by name: one still calls the other', () => {
  const member = remover('remove').replace(/^ {2}remove\((.*)\) \{/, '  remove: ($1) => {');
  const arrow = (holder: string) => `export const ${holder} = {\n  name: '${holder}',\n${member}};\n`;
  const content = `${arrow('v1Processor')}${arrow('v2Processor')}`;
  const draft = firstDraft(copiesAt('nv', ['src/p.ts', 3, 9], ['src/p.ts', 13, 19]), [{ path: 'src/p.ts', content }]);
  assert.match(draft.title, /^Make `v2Processor\.remove` call `v1Processor\.remove`/, draft.title);
});

// Verdicts 10 and 11: hoisted out of `createReconciler<…>({…})`, `removeChild(node, removeNode)` lost the types the
// literal gave its parameters; the reviewers wrote `(node: DOMElement, removeNode: DOMElement | TextNode)` by hand.
const untyped = (content: string) => content.replace(/\(node: Node, removed: Node\)/g, '(node, removed)');
const hoisted = (content: string) =>
  firstDraft(copiesAt('hc', ['src/reconciler.ts', 6, 12], ['src/reconciler.ts', 14, 20]), [{ path: 'src/reconciler.ts', content }]).fix ??
  '';

test('hoisting members with untyped parameters says they lose the types the literal gave them, and what gave them', () => {
  const fix = hoisted(untyped(config(true)));
  assert.match(
    fix,
    /Its parameters `node` and `removed` are typed by the object `createReconciler` takes: as a module-level function/,
    fix,
  );
  assert.match(fix, /it loses those types, so give them explicit ones\.$/m, fix);
  // Typed parameters keep their types wherever the function goes: nothing to say.
  const typed = hoisted(config(true));
  assert.doesNotMatch(typed, /typed by|explicit/, typed);
});

test('a literal a type annotation gives its types names that type, and the types when the same file declares it', () => {
  const content = untyped(config(true))
    .replace('export default createReconciler({', 'export const hostConfig: HostConfig = {')
    .replace(/\}\);\n$/, '};\n');
  const fix = hoisted(content);
  assert.match(fix, /Its parameters `node` and `removed` are typed by `HostConfig`: .*give them explicit ones\./, fix);
  const declared = hoisted(`${content}interface HostConfig {\n  removeChildFromContainer(parent: Node, child: Node | Text): void;\n}\n`);
  assert.match(declared, /give them explicit ones: `\(node: Node, removed: Node \| Text\)`\./, declared);
});
