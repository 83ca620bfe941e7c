// A stretch copied across a proposal's copies and past them goes in the same change; one lying wholly inside its copies
// is not named (it is part of the change already), nor then a copy of it elsewhere (docs/audit-quality.md, tenth and
// eleventh rounds).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoredProposals } from '../../src/audit/index.js';
import { copiesAt } from '../../support/audit/helpers.js';

const stretch = `    const sync = this.shouldSync();
    if (sync) {
      this.options.stdout.write(this.begin);
    }
    this.log.clear();
    this.options.stdout.write(this.staticOutput);
    this.lastOutputHeight = this.countLines(this.staticOutput);
    this.throttled.cancel();
    this.options.stdout.write(this.cursorHome);
`;
const method = (name: string, stream: string) => `  ${name}(data: string): void {
    this.history.push(data.length);
${stretch}    this.options.${stream}.write(data);
    this.restoreLastOutput();
    if (sync) {
      this.options.stdout.write(this.end);
    }
    this.frames.push({ at: this.clock.now(), height: this.lastOutputHeight });
    if (this.frames.length > this.maxFrames) {
      this.frames.shift();
    }
    this.emit('write', { bytes: data.length });
    this.metrics.record(this.lastOutputHeight, data.length);
  }
`;
const render = `  onRender(output: string): void {
${stretch}    this.log(output);
  }
`;

const content = `export class Ink {\n${method('writeToStdout', 'stdout')}${method('writeToStderr', 'stderr')}${render}}\n`;
const files = [{ path: 'src/ink.ts', content }];

test('a stretch copied inside the copies is not named, nor its copy elsewhere that goes on differently', () => {
  const findings = [
    ...copiesAt('host', ['src/ink.ts', 3, 23], ['src/ink.ts', 26, 46]),
    ...copiesAt('sub', ['src/ink.ts', 4, 12], ['src/ink.ts', 27, 35], ['src/ink.ts', 49, 57]),
  ];
  const all = scoredProposals(findings, files);
  const [first] = all;
  assert.ok(first);
  const fix = first.draft.fix ?? '';
  assert.match(fix, /src\/ink\.ts:3-23/, fix);
  assert.doesNotMatch(fix, /Overlapping|overlapping|src\/ink\.ts:4-12|src\/ink\.ts:49-57|repeats that stretch/, fix);
  assert.ok(!all.some((p) => p.tier < 2 && p.draft.fix?.includes('src/ink.ts:49-57')), 'the stretch is not a proposal of its own');
});

test('copies of a stretch that reach past the copies go in the same change', () => {
  const findings = [
    ...copiesAt('host', ['src/ink.ts', 4, 12], ['src/ink.ts', 27, 35], ['src/ink.ts', 49, 57]),
    ...copiesAt('longer', ['src/ink.ts', 3, 17], ['src/ink.ts', 26, 40]),
  ];
  const [first] = scoredProposals(findings, files);
  assert.ok(first);
  const fix = first.draft.fix ?? '';
  assert.match(fix, /Overlapping copies of another stretch go in the same change: src\/ink\.ts:3-17, src\/ink\.ts:26-40\./, fix);
});
