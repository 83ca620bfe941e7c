// Copies in two parts of a tree, one of which already imports from the other (an adapter and the core it uses, reached
// through a barrel's `export … from`): the helper goes beside the core's copy, not into the root both share
// (docs/audit-quality.md, "Ninth round").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoredProposals, type SourceFile } from '../../src/audit/index.js';
import { copiesAt } from '../../support/audit/helpers.js';

const withId = (fn: string, head: string) => `${head}
export function ${fn}(input: unknown, lastEventId: string | undefined) {
  if (lastEventId) {
    if (typeof input === 'object') {
      input = { ...(input as object), lastEventId };
    } else {
      input ??= { lastEventId };
    }
  }
  log(input);
  return input;
}
`;

const tree = (adapterHead: string): SourceFile[] => [
  { path: 'src/adapters/ws.ts', content: withId('handleRequest', adapterHead) },
  { path: 'src/core/http/content.ts', content: withId('getRawInput', "import { log } from '../log';") },
  { path: 'src/core/log.ts', content: 'export const log = (x: unknown) => x;\n' },
  { path: 'src/server.ts', content: "export { log } from './core/log';\n" },
];

test("the helper goes beside the copy whose part of the tree the other's file already imports, through a barrel", () => {
  const findings = copiesAt('ly', ['src/adapters/ws.ts', 3, 10], ['src/core/http/content.ts', 3, 10]);
  const [layered] = scoredProposals(findings, tree("import { log } from '../server';"));
  assert.match(
    layered?.draft.fix ?? '',
    /in src\/core\/http\/ \(src\/adapters\/ws\.ts already imports from src\/core\/; content\.ts imports nothing from src\/adapters\/\)/,
  );
  // Neither part imports the other: a module both can import, under the folder they share.
  const [shared] = scoredProposals(findings, tree('declare const log: (x: unknown) => unknown;'));
  assert.match(shared?.draft.fix ?? '', /in src\/ \(a module both files can import\)/, shared?.draft.fix);
});

// An adapter that reaches the core only through an entry the package publishes (`@trpc/server/http`, exports listed one by
// one): a new core helper becomes public API there, or the adapter imports it past its entry (verdicts-10.md, J5's rule 3).
const publishedTree = (manifest: object): SourceFile[] => [
  { path: 'package.json', content: JSON.stringify(manifest) },
  { path: 'src/adapters/fetch.ts', content: withId('handleRequest', "import { log } from '../http';") },
  { path: 'src/core/http/content.ts', content: withId('getRawInput', "import { log } from '../log';") },
  { path: 'src/core/log.ts', content: 'export const log = (x: unknown) => x;\n' },
  { path: 'src/http.ts', content: "export { log } from './core/log';\n" },
];

test('a caller that reaches the core only through a published entry: the helper becomes a public export there, and ranks lower', () => {
  const findings = copiesAt('pe', ['src/adapters/fetch.ts', 3, 10], ['src/core/http/content.ts', 3, 10]);
  const [entry] = scoredProposals(
    findings,
    publishedTree({ name: 'pkg', exports: { '.': './dist/index.js', './http': './dist/http.js' } }),
  );
  assert.match(
    entry?.draft.fix ?? '',
    new RegExp(
      String.raw`in src/core/http/ \(content\.ts imports nothing from src/adapters/; src/adapters/fetch\.ts reaches src/core/ only through ` +
        String.raw`src/http\.ts, an entry the package publishes: the helper becomes a public export there, or fetch\.ts imports it past ` +
        String.raw`that entry, a deep import\)`,
    ),
    entry?.draft.fix,
  );
  assert.doesNotMatch(entry?.draft.fix ?? '', /already imports from/);
  // The same barrel, published by no package.json: an import like any other, and the change is smaller.
  const [plain] = scoredProposals(findings, publishedTree({ name: 'pkg', exports: { '.': './dist/index.js' } }));
  assert.match(plain?.draft.fix ?? '', /src\/adapters\/fetch\.ts already imports from src\/core\//, plain?.draft.fix);
  assert.ok((entry?.score ?? 0) < (plain?.score ?? 0), `${entry?.score} < ${plain?.score}`);
});

test('two copies up to 20 lines are not worth a new export of a published entry; through a plain import they are proposed', () => {
  // Past the rule of three (12 lines), so only the public export tells the two apart (round twelve, J8).
  const longer = (files: SourceFile[]): SourceFile[] =>
    files.map((f) => ({
      ...f,
      content: f.content.replace('  log(input);\n', '  log(input);\n  log([input]);\n  log({ input });\n  log(String(input));\n'),
    }));
  const findings = copiesAt('pl', ['src/adapters/fetch.ts', 3, 13], ['src/core/http/content.ts', 3, 13]);
  const [entry] = scoredProposals(findings, longer(publishedTree({ name: 'pkg', exports: { '.': './a.js', './http': './dist/http.js' } })));
  assert.match(entry?.belowBar ?? '', /two 11-line copies whose helper one of them could call only as a new export of src\/http\.ts/);
  const [plain] = scoredProposals(findings, longer(publishedTree({ name: 'pkg', exports: { '.': './dist/index.js' } })));
  assert.equal(plain?.belowBar, undefined, plain?.belowBar);
});

// Two providers that both call `parseTokenResponse` from their folder's `types.ts` (the SDK's credentials): the helper's
// home is that module, named, not "a module both files can import" (round twelve, J7).
test('copies in two files that both call a function of one module they import put the helper in that module', () => {
  const provider = (fn: string, message: string) => `import { parseTokenResponse } from './types';
export async function ${fn}(resp: Response, requestId: string) {
  const data = await parseTokenResponse(resp, requestId);
  const expiresIn = data.expires_in;
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn)) {
    throw new Error('${message}');
  }
  return { data, expiresIn };
}
`;
  const files: SourceFile[] = [
    { path: 'src/credentials/oidc.ts', content: provider('oidcToken', 'Token endpoint response missing expires_in') },
    { path: 'src/credentials/oauth.ts', content: provider('oauthToken', 'OAuth refresh response missing expires_in') },
    {
      path: 'src/credentials/types.ts',
      content: 'export const parseTokenResponse = async (r: Response, id: string) => ({ id, ...(await r.json()) });\n',
    },
  ];
  const findings = copiesAt('ih', ['src/credentials/oidc.ts', 3, 8], ['src/credentials/oauth.ts', 3, 8]);
  const [home] = scoredProposals(findings, files);
  assert.match(
    home?.draft.fix ?? '',
    /in src\/credentials\/types\.ts \(both files import it already, and the copies call its `parseTokenResponse`\)/,
  );
  // Without the shared import, the folder they share.
  const apart = files.map((f) => (f.path === 'src/credentials/types.ts' ? f : { ...f, content: f.content.replace(/^import .*\n/, '') }));
  const [folder] = scoredProposals(findings, apart);
  assert.match(folder?.draft.fix ?? '', /in src\/credentials\/ \(a module both files can import\)/, folder?.draft.fix);
});
