// A decline covers every place the proposal showed (src/audit/declined.ts): the sibling methods folded into a pair the
// detector found, and the twin copies named beside a proposal's own (zod's `min*` getters beside the `max*` ones), are
// anchors of the proposal as much as the findings it came from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoredProposals, type Finding, type SourceFile } from '../../src/audit/index.js';
import { listFunctions } from '../../src/audit/functions.js';
import { duplicateFindings } from '../../support/audit/helpers.js';

const lineOf = (content: string, text: string): number => content.slice(0, content.indexOf(text)).split('\n').length;
/** Findings as the detector reports them: each names the innermost function holding it. */
const copies = (file: SourceFile, group: string, ...ranges: Array<[string, number, number]>): Finding[] =>
  duplicateFindings(group, ...ranges.map(([path, startLine, endLine]) => ({ path, startLine, endLine }))).map((f) => {
    const holders = listFunctions(file).filter((fn) => fn.startLine <= f.startLine && fn.endLine >= f.endLine);
    const symbol = holders.sort((x, y) => x.endLine - x.startLine - (y.endLine - y.startLine))[0]?.name;
    return symbol ? { ...f, symbol } : f;
  });

const BASE = `export class Base {
  _getType(input: { data: unknown }): string {
    return typeof input.data;
  }
  _ctx(input: { data: unknown }): { seen: string } {
    return { seen: typeof input.data };
  }
}
declare const Kind: Record<string, string>;
declare function report(ctx: object, issue: object): void;
`;
// Each class checks the type it accepts, logs and reports a miss, and accepts the rest: one body, one word apart.
const parse = (cls: string, checked: string) => `export class ${cls} extends Base {
  _parse(input: { data: unknown }): string {
    const seen = this._getType(input);
    const ctx = this._ctx(input);
    console.log('checking', seen, ctx.seen);
    if (seen === Kind.${checked}) return 'ok';
    report(ctx, { code: 'invalid_type', expected: Kind.${checked}, received: ctx.seen });
    console.log('rejected', seen);
    return 'invalid';
  }
}
`;

test('declining the siblings proposal covers every sibling it names, not only the pair the detector found', () => {
  const content = BASE + parse('ZSymbol', 'symbol') + parse('ZUndefined', 'undefined') + parse('ZNull', 'null') + parse('ZVoid', 'void');
  const method = (cls: string): [string, number, number] => {
    const start = lineOf(content, `class ${cls} `) + 1;
    return ['src/types.ts', start, start + 8];
  };
  const file = { path: 'src/types.ts', content };
  const all = scoredProposals(copies(file, 'pair', method('ZUndefined'), method('ZVoid')), [file]);
  const proposed = all.find((s) => s.tier < 2);
  assert.match(proposed?.draft.title ?? '', /Merge the 4 copies/, all.map((s) => `${s.draft.title} ${s.belowBar ?? ''}`).join(' | '));
  assert.deepEqual(proposed?.draft.anchors, [
    'duplication:src/types.ts#ZNull._parse',
    'duplication:src/types.ts#ZSymbol._parse',
    'duplication:src/types.ts#ZUndefined._parse',
    'duplication:src/types.ts#ZVoid._parse',
  ]);
});

const getters = (cls: string, suffix: string) => `export class ${cls} {
  readonly checks: { kind: string; value: number }[] = [];
  get min${suffix}(): number | null {
    let min: number | null = null;
    for (const ch of this.checks) {
      if (ch.kind === 'min') {
        if (min === null || ch.value > min) min = ch.value;
      }
    }
    return min;
  }

  get max${suffix}(): number | null {
    let max: number | null = null;
    for (const ch of this.checks) {
      if (ch.kind === 'max') {
        if (max === null || ch.value < max) max = ch.value;
      }
    }
    return max;
  }
}
`;

test('declining a proposal covers the twin copies it names beside its own (the min getters beside the max ones)', () => {
  const content = getters('Str', 'Length') + getters('Num', 'Value') + getters('Dat', 'Date');
  const files = [{ path: 'src/types.ts', content }];
  const body = (getter: string): [string, number, number] => [
    'src/types.ts',
    lineOf(content, `get ${getter}`) + 1,
    lineOf(content, `get ${getter}`) + 6,
  ];
  const findings = [
    ...copies(files[0] as SourceFile, 'max', body('maxLength'), body('maxValue'), body('maxDate')),
    ...copies(files[0] as SourceFile, 'min', body('minLength'), body('minValue'), body('minDate')),
  ];
  const all = scoredProposals(findings, files);
  const proposed = all.filter((s) => s.tier < 2);
  assert.equal(proposed.length, 1, all.map((s) => `${s.draft.title} [${s.tier}] ${s.belowBar ?? ''}`).join(' | '));
  assert.match(proposed[0]?.draft.fix ?? '', /The copies beside them go the same way/);
  const anchors = proposed[0]?.draft.anchors ?? [];
  assert.deepEqual(
    anchors.map((a) => a.replace('duplication:src/types.ts#', '')),
    ['Dat.get maxDate', 'Dat.get minDate', 'Num.get maxValue', 'Num.get minValue', 'Str.get maxLength', 'Str.get minLength'],
  );
});
