// One definition of "tokens" everywhere: `crucible status` counts what the run summary and the budget count
// (fresh input, cache writes, cache reads and output), so the two agree after the demo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tempDir } from '../../support/helpers/temp.js';
import { cli, cliJson } from '../helpers/cli.js';

interface DemoSummary {
  summary: { usage: { totalTokens: number } };
}

test('status reports the same token total as the demo summary, with its parts', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const root = join(dir, 'strkit');
    const demo = await cliJson<DemoSummary>(dir, 'demo', '--dir', root);
    const total = demo.summary.usage.totalTokens;
    assert.ok(total > 0, 'the demo used tokens');
    const status = await cli(root, 'status');
    assert.equal(status.code, 0, status.stderr);
    const usage = /usage\s+([\d,]+) tokens \(input ([\d,]+), cache writes ([\d,]+), cache reads ([\d,]+), output ([\d,]+)\)/.exec(
      status.stdout,
    );
    assert.ok(usage, status.stdout);
    const [shown, ...parts] = usage.slice(1).map((n) => Number(n.replace(/,/g, '')));
    assert.equal(shown, total);
    assert.equal(
      parts.reduce((a, b) => a + b, 0),
      total,
      'the parts add up to the total',
    );
  } finally {
    await cleanup();
  }
});
