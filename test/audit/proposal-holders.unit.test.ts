// The eighth round's asks (docs/audit-quality/verdicts-7.md): a copy inside a function another returns is named by the
// function a reader can find (`oidcFederationProvider`'s returned function), never `<anonymous>`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoredProposals } from '../../src/audit/index.js';
import { copiesAt, firstDraft } from '../../support/audit/helpers.js';

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
  const words = scoredProposals(copiesAt('rf', ['src/oidc.ts', 3, 9], ['src/user.ts', 3, 9]), files).map((s) =>
    [s.draft.title, s.draft.why, s.draft.fix].join('\n'),
  );
  assert.ok(words.length > 0);
  const text = words.join('\n');
  assert.match(text, /`oidcProvider`'s returned function and `userProvider`'s returned function/);
  assert.doesNotMatch(text, /anonymous/);
});

const tool = (fn: string, verb: string) => `import { promises as fs } from 'node:fs';
export function ${fn}(abs: string, maxBytes: number) {
  return async () => {
    const st = await fs.stat(abs);
    if (!st.isFile()) {
      throw new Error(\`${verb}: \${abs} is not a regular file\`);
    }
    const limit = maxBytes > 0 ? maxBytes : null;
    return { st, limit };
  };
}
`;

test('a copy that makes a value by a call and refuses it unless `value.isX()` is that call checked: `statFile`, unless taken', () => {
  const files = [
    { path: 'src/read.ts', content: tool('readTool', 'read') },
    { path: 'src/edit.ts', content: tool('editTool', 'edit') },
  ];
  const findings = copiesAt('st', ['src/read.ts', 4, 8], ['src/edit.ts', 4, 8]);
  const [proposal] = scoredProposals(findings, files);
  assert.match(proposal?.draft.fix ?? '', /`statFile\(/, proposal?.draft.fix);
  // A file that already declares `statFile` keeps its own: the helper gets no name rather than a colliding one.
  const taken = files.map((f) => ({ ...f, content: `${f.content}export function statFile() {}\n` }));
  const [unnamed] = scoredProposals(findings, taken);
  assert.doesNotMatch(unnamed?.draft.fix ?? '', /statFile\(/, unnamed?.draft.fix);
});

// Modelled on trpc's ws.ts (docs/audit-quality/verdicts-10.md): each copy is a whole `respondOrReport(() => ({ … }))`
// call, which starts on its callback's first line; the copy is not inside the callback but in the function making the call.
const reply = `      respondOrReport(() => ({
        id: null,
        error: errorShape({
          error,
          type: 'unknown',
          path: undefined,
          input: undefined,
        }),
      }));
`;
const handler = `export function getHandler(errorShape: (o: object) => object, client: { on(e: string, f: (raw: unknown) => void): void }) {
  return () => {
    const respondOrReport = (make: () => object) => console.log(make());
    async function createCtx() {
      const error = new Error('ctx');
${reply}    }
    client.on('message', (raw) => {
      const error = new Error('format');
${reply}      const parsed = run(() => {
        const error = new Error('parse');
${reply}        return [];
      });
      return parsed;
    });
    return createCtx;
  };
}
const run = <T>(f: () => T): T => f();
`;

test('a copy that is a whole call taking a callback is named by the function making the call, not the callback', () => {
  const files = [{ path: 'src/ws.ts', content: handler }];
  const draft = firstDraft(copiesAt('reply', ['src/ws.ts', 6, 14], ['src/ws.ts', 18, 26], ['src/ws.ts', 29, 37]), files);
  const fix = draft.fix ?? '';
  assert.doesNotMatch(fix, /respondOrReport callback/, fix);
  assert.match(fix, /src\/ws\.ts:6-14 in `getHandler\.returned function\.createCtx`/, fix);
  assert.match(fix, /src\/ws\.ts:18-26 in `getHandler\.returned function\.client\.on\("message"\) callback`/, fix);
  assert.match(fix, /src\/ws\.ts:29-37 in `getHandler\.returned function\.client\.on\("message"\) callback\.parsed`/, fix);
});

test('a copy starting inside a callback, past its call, is still named by the callback', () => {
  const files = [{ path: 'src/ws.ts', content: handler }];
  const draft = firstDraft(copiesAt('inner', ['src/ws.ts', 7, 13], ['src/ws.ts', 19, 25], ['src/ws.ts', 30, 36]), files);
  assert.match(draft.fix ?? '', /src\/ws\.ts:7-13 in `getHandler\.returned function\.createCtx\.respondOrReport callback`/, draft.fix);
});

test('two copies that are whole calls taking a callback are named by the functions making the calls, in the fix as in the title', () => {
  const files = [{ path: 'src/ws.ts', content: handler }];
  const draft = firstDraft(copiesAt('reply', ['src/ws.ts', 6, 14], ['src/ws.ts', 18, 26]), files);
  const words = [draft.title, draft.fix].join('\n');
  assert.doesNotMatch(words, /respondOrReport callback/, words);
  assert.match(
    draft.fix ?? '',
    /src\/ws\.ts:6-14 in `getHandler\.returned function\.createCtx` and src\/ws\.ts:18-26 in `getHandler/,
    draft.fix,
  );
});
