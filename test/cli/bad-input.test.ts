import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';

test('the run, demo, audit, proposals, judgments, ingest and search commands answer bad input with one line and exit 2, before doing any work', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await cli(dir, 'init');
    const cases: [string[], RegExp][] = [
      [['run', '--max-usd', 'abc', '--goal', 'x'], /--max-usd: "abc" is not a positive number/],
      [['run', '--concurrency', '0', '--goal', 'x'], /--concurrency must be at least 1/],
      [['run', '--auto-answer', 'last', '--goal', 'x'], /--auto-answer: "last" is not one of first/],
      [['run'], /nothing to run: no goal and no tasks/],
      [['run', '--model', 'scripted', '--goal', 'x'], /--model scripted needs a script/],
      [['demo', '--model', 'nope'], /--model: "nope" is not one of scripted, mock/],
      [['demo', '--dir', dir], /is not empty/],
      [['audit', '--model', 'nope'], /--model: "nope" is not one of anthropic, openai, scripted/],
      [['proposals', 'list', '--status', 'weird'], /--status: "weird" is not one of/],
      [['proposals', 'approve', 'X-1'], /"X-1" is not a proposal id/],
      [['ingest', '--embedder', 'nope'], /--embedder: "nope" is not an embedder/],
      [['search', 'foo', '-k', 'abc'], /--k: "abc" is not a whole number/],
      [['drift', '--bogus'], /unknown option '--bogus'/],
    ];
    for (const [argv, pattern] of cases) {
      const result = await cli(dir, ...argv);
      assert.equal(result.code, 2, `${argv.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, pattern, argv.join(' '));
      assert.equal(result.stderr.trim().split('\n').length, 1, `${argv.join(' ')}: ${result.stderr}`);
    }
    const missing = await cli(dir, 'judgments', 'answer', 'J-9', '1');
    assert.equal(missing.code, 4, `an unknown id is "not found": ${missing.stderr}`);
    assert.match(missing.stderr, /judgment J-9 does not exist/);
    const status = await cli(dir, 'status', '--json');
    assert.equal(JSON.parse(status.stdout).head, 0, 'nothing was written');
  } finally {
    await cleanup();
  }
});
