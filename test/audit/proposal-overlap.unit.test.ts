// A shorter stretch copied inside a proposal's copies goes in the same change; a copy of it elsewhere, where the code
// goes on differently, is named apart and not pulled into the change (docs/audit-quality.md, tenth round).
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

test('overlapping copies join the change only inside its copies; a copy elsewhere that goes on differently is named apart', () => {
  const content = `export class Ink {\n${method('writeToStdout', 'stdout')}${method('writeToStderr', 'stderr')}${render}}\n`;
  const files = [{ path: 'src/ink.ts', content }];
  const findings = [
    ...copiesAt('host', ['src/ink.ts', 2, 23], ['src/ink.ts', 24, 45]),
    ...copiesAt('sub', ['src/ink.ts', 4, 12], ['src/ink.ts', 26, 34], ['src/ink.ts', 47, 55]),
  ];
  const all = scoredProposals(findings, files);
  const [first] = all;
  assert.ok(first);
  const fix = first.draft.fix ?? '';
  assert.match(fix, /Overlapping copies of another stretch go in the same change: src\/ink\.ts:4-12, src\/ink\.ts:26-34\./, fix);
  assert.doesNotMatch(fix, /same change: (src\/ink\.ts:\d+-\d+, )*src\/ink\.ts:47-55/, fix);
  assert.match(fix, /src\/ink\.ts:47-55 repeats that stretch outside these copies and goes on differently: not part of this change/, fix);
});
