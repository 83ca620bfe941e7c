// What a helper's parameters are called and what they are (docs/audit-quality.md, tenth round): two sibling values get
// their shared role (`stream` for `stdout` / `stderr`), never one side's own name (a plain `target` when they share
// nothing: parameter-roles.unit.test.ts); a called member's name
// (`current.find` / `current.findLast`) is a key typed as the union of both names, never a function value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copiesAt, firstDraft } from '../../support/audit/helpers.js';
import { focusMover } from './fixture-code.js';

const writer = (name: string, stream: string) => `  ${name}(data: string): void {
    if (this.closed) {
      return;
    }
    this.options.stdout.write(this.begin);
    this.options.${stream}.write(data);
    this.options.stdout.write(this.end);
    this.count += data.length;
    this.restore();
  }
`;

test('sibling names (`stdout` / `stderr`) make a parameter named for their shared role, not for one side', () => {
  const content = `export class Out {\n${writer('writeToStdout', 'stdout')}${writer('writeToStderr', 'stderr')}}\n`;
  const draft = firstDraft(copiesAt('st', ['src/out.ts', 2, 11], ['src/out.ts', 12, 21]), [{ path: 'src/out.ts', content }]);
  assert.match(draft.fix ?? '', /`stream` \(`stdout` \/ `stderr`\)/, draft.fix);
  assert.doesNotMatch(draft.fix ?? '', /`stdout` \(`stdout` \/ `stderr`\)/, draft.fix);
});

test("a called member's name is a key typed as the union of both names, called on its receiver, never a function", () => {
  const content = `export function App() {\n${focusMover('next', 'findNext', 'find', 'wrap')}${focusMover('previous', 'findPrevious', 'findLast', 'wrap')}}\n`;
  const draft = firstDraft(copiesAt('mk', ['src/App.tsx', 2, 12], ['src/App.tsx', 13, 23]), [{ path: 'src/App.tsx', content }]);
  assert.match(draft.fix ?? '', /`method` \(`'find' \| 'findLast'`, a method's name, called as `current\[method\]\(…\)`/, draft.fix);
  assert.doesNotMatch(draft.fix ?? '', /\(`find` \/ `findLast`\)/, draft.fix);
});
