// The eighth round's asks (docs/audit-quality/verdicts-7.md): a copy inside a function another returns is named by the
// function a reader can find (`oidcFederationProvider`'s returned function), never `<anonymous>`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoredProposals, type Finding } from '../../src/audit/index.js';
import { duplicateFindings } from '../../support/audit/helpers.js';

const copies = (group: string, ...ranges: Array<[string, number, number]>): Finding[] =>
  duplicateFindings(group, ...ranges.map(([path, startLine, endLine]) => ({ path, startLine, endLine })));

const provider = (fn: string, message: string) => `export function ${fn}(url: string) {
  return async () => {
    const resp = await fetch(url);
    const data = (await resp.json()) as { expires_in: unknown; token: string };
    const expiresIn = Number(data.expires_in);
    if (!Number.isFinite(expiresIn)) {
      throw new Error(\`${message}: \${JSON.stringify(data)}\`);
    }
    return { token: data.token, expiresAt: Date.now() / 1000 + expiresIn };
  };
}
`;

test("a copy in a returned function names it by the function that returns it: `oidcProvider`'s returned function", () => {
  const files = [
    { path: 'src/oidc.ts', content: provider('oidcProvider', 'Token endpoint response missing fields') },
    { path: 'src/user.ts', content: provider('userProvider', 'User refresh response missing fields') },
  ];
  const words = scoredProposals(copies('rf', ['src/oidc.ts', 3, 9], ['src/user.ts', 3, 9]), files).map((s) =>
    [s.draft.title, s.draft.why, s.draft.fix].join('\n'),
  );
  assert.ok(words.length > 0);
  const text = words.join('\n');
  assert.match(text, /`oidcProvider`'s returned function and `userProvider`'s returned function/);
  assert.doesNotMatch(text, /anonymous/);
});
