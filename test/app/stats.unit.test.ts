import { test } from 'node:test';
import assert from 'node:assert/strict';
import { burndown, graphLines, openTaskGraph, projectStats, resample, sparkline, usageSample, usageSeries } from '../../src/app/stats.js';
import type { RecordEventOf } from '../../src/record/events.js';
import { historyEntry, task } from '../tui/fixtures.js';

const usage = (ts: string, agent: string, input: number, costUsd: number | null): RecordEventOf<'model.usage'> => ({
  seq: 1,
  ts,
  type: 'model.usage',
  actor: agent,
  data: { agent, model: 'm', inputTokens: input, outputTokens: 10, cacheCreationTokens: 5, cacheReadTokens: 100, costUsd },
});
const h = historyEntry;

test('usage per agent over time counts tokens as status does (input + cache writes + cache reads + output)', () => {
  const s = usageSeries(
    [
      usage('2026-01-01T00:00:00.000Z', 'planner', 1000, 0.01),
      usage('2026-01-01T00:00:09.000Z', 'tester', 85, null),
      usage('2026-01-01T00:00:10.000Z', 'planner', 85, 0.02),
    ].map(usageSample),
    2,
  );
  assert.deepEqual(s.buckets, ['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:05.000Z']);
  assert.deepEqual(
    s.agents.map((a) => [a.agent, a.tokens, a.totalTokens]),
    [
      ['planner', [1115, 200], 1315],
      ['tester', [0, 200], 200],
    ],
  );
  assert.ok(Math.abs(s.agents[0]!.totalCostUsd - 0.03) < 1e-9);
  assert.deepEqual(usageSeries([]), { buckets: [], agents: [] });
});

test('the burndown follows open tasks through creation, done and reopening; the graph keeps only open dependencies', () => {
  const tasks = [
    task('T-1', { status: 'done', history: [h(1, null, 'ready'), h(4, 'ready', 'done')] }),
    task('T-2', { status: 'blocked', deps: ['T-1', 'T-3'], history: [h(2, null, 'blocked')] }),
    task('T-3', { status: 'ready', history: [h(3, null, 'ready'), h(5, 'ready', 'done'), h(6, 'done', 'ready')] }),
  ];
  assert.deepEqual(
    burndown(tasks).map((p) => p.open),
    [1, 2, 3, 2, 1, 2],
  );
  assert.deepEqual(openTaskGraph(tasks), [
    { id: 'T-2', title: 'Task T-2', status: 'blocked', waitsOn: ['T-3'] },
    { id: 'T-3', title: 'Task T-3', status: 'ready', waitsOn: [] },
  ]);
  assert.deepEqual(graphLines(openTaskGraph(tasks)), ['T-3 [ready] Task T-3', '  └ T-2 [blocked] Task T-2']);
  assert.equal(projectStats(tasks, []).burndown.at(-1)?.open, 2);
});

test('sparklines scale to the largest value; a cycle of open tasks is still drawn', () => {
  assert.equal(sparkline([0, 1, 2, 4, 8]), '▁▁▂▄█');
  assert.equal(sparkline([0, 0]), '▁▁');
  assert.deepEqual(resample([1, 2, 3], 5), [1, 2, 3]);
  assert.deepEqual(resample([9, 1, 2, 3, 4, 5, 6, 7, 8, 0], 4), [9, 3, 6, 0], 'evenly picked, the first and the last kept');
  const cycle = [task('T-1', { deps: ['T-2'] }), task('T-2', { deps: ['T-1'] })];
  assert.equal(graphLines(openTaskGraph(cycle)).length, 3);
});
