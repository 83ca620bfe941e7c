// Differences a merge must keep (src/audit/suggest/callees.ts): a function the copies call by one name that each file
// defines its own way (the SDK's two `getOutputFormat`, the beta one reading the deprecated `output_format` first) is a
// difference the fix names; two names whose definitions are themselves copied blocks of the pair
// (`parseBetaOutputFormat` / `parseOutputFormat`) are merged with the rest, so they are none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoredProposals, type SourceFile } from '../../src/audit/index.js';
import { codeIndex } from '../../src/audit/code-index.js';
import { differencesOf, sharedModuleOver } from '../../src/audit/proposal-text/shared-files.js';
import { duplicateFindings } from '../../support/audit/helpers.js';

const parser = (prefix: string, format: string) => `import { log } from './log.js';
type ${prefix}Params = { legacy?: string; config?: { format?: string } };
function getFormat(p: ${prefix}Params | null): string | undefined {
  return ${format};
}
export function parse${prefix}(p: ${prefix}Params, text: string): unknown {
  const format = getFormat(p);
  if (format !== 'json') return null;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(\`bad output: \${String(e)}\`);
  }
}
export function read${prefix}(p: ${prefix}Params, texts: string[]): unknown[] {
  const out: unknown[] = [];
  for (const t of texts) {
    const value = parse${prefix}(p, t);
    log(getFormat(p), t.length);
    out.push(value);
  }
  log('read', out.length);
  return out;
}
`;
const beta: SourceFile = { path: 'src/beta.ts', content: parser('Beta', 'p?.legacy ?? p?.config?.format') };
const ga: SourceFile = { path: 'src/ga.ts', content: parser('Ga', 'p?.config?.format') };
const files = [beta, ga, { path: 'src/log.ts', content: 'export function log(...args: unknown[]): void {\n  console.log(...args);\n}\n' }];
const lineOf = (file: SourceFile, text: string): number => file.content.slice(0, file.content.indexOf(text)).split('\n').length;
const fn = (file: SourceFile, name: string, lines: number) => ({
  path: file.path,
  startLine: lineOf(file, `function ${name}`),
  endLine: lineOf(file, `function ${name}`) + lines - 1,
});

test('a same-named function each file defines its own way is a difference the fix names; the same body is not', () => {
  const findings = duplicateFindings('read', fn(beta, 'readBeta', 10), fn(ga, 'readGa', 10));
  const [proposal] = scoredProposals(findings, files);
  const fix = proposal?.draft.fix ?? '';
  assert.match(fix, /`getFormatFn` \(`getFormat`, each file's own: src\/beta\.ts:3-5 \/ src\/ga\.ts:3-5\)/, fix);
  // The same body in both files (types aside) is one behaviour: no difference.
  const same = { ...ga, content: parser('Ga', 'p?.legacy ?? p?.config?.format') };
  const [alike] = scoredProposals(findings, [beta, same, ...files.slice(2)]);
  assert.doesNotMatch(alike?.draft.fix ?? '', /getFormat/, alike?.draft.fix);
});

test('two files copying each other: a callee copied with them is no difference, a callee each defines its own way is kept', () => {
  const findings = [
    ...duplicateFindings('parse', fn(beta, 'parseBeta', 8), fn(ga, 'parseGa', 8)),
    ...duplicateFindings('read', fn(beta, 'readBeta', 10), fn(ga, 'readGa', 10)),
  ];
  const differences = differencesOf({ kind: 'shared-files', fingerprint: 'shared-files:x', members: findings }, codeIndex(files, findings));
  assert.ok(!differences.some((d) => d.a === 'parseBeta'), `parseBeta / parseGa is a copied block: ${JSON.stringify(differences)}`);
  const own = differences.find((d) => d.a === 'getFormat');
  assert.deepEqual(own?.own, [
    { path: 'src/beta.ts', startLine: 3, endLine: 5 },
    { path: 'src/ga.ts', startLine: 3, endLine: 5 },
  ]);
  const over = sharedModuleOver(differences);
  assert.match(over, /keep each file's own `getFormat` \(src\/beta\.ts:3-5 \/ src\/ga\.ts:3-5\) and pass it in/, over);
  assert.doesNotMatch(over, /parseBeta/);
  // Beside a base class (the SDK's two message streams, each with its own `tracksToolInput`), each class keeps its own.
  assert.match(
    sharedModuleOver(differences, ['Beta', 'Ga']),
    /keep each file's own `getFormat` \(.*\) behind a method each class overrides/,
  );
});
