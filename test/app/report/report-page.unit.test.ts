import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { reportModel } from '../../../src/app/report/collect.js';
import { reportPage } from '../../../src/app/report/page.js';
import type { EventDraft } from '../../../src/record/events.js';
import type { StaleLink } from '../../../src/runtime/drift.js';
import { memoryRecord } from '../../../support/report/memory-record.js';
import { reportWorkload } from '../../../support/report/workload.js';

const HOSTILE = '<script>window.pwned=1</script>\u001b]0;owned\u0007<img src=x onerror=alert(1)> "quoted" & \'single\'';

const trail: EventDraft[] = [
  { type: 'requirement.added', actor: 'planner', data: { text: `slugify titles ${HOSTILE}` } },
  { type: 'requirement.added', actor: 'planner', data: { text: 'truncate text' } },
  { type: 'decision.recorded', actor: 'architect', data: { title: `old layout ${HOSTILE}`, rationale: 'first try' } },
  { type: 'decision.recorded', actor: 'architect', data: { title: 'one module', rationale: 'simpler', supersedes: 'D-1' } },
  { type: 'task.created', actor: 'planner', data: { title: `Write slugify ${HOSTILE}`, role: 'implementer', requirements: ['R-1'] } },
  {
    type: 'judgment.asked',
    actor: 'architect',
    data: {
      question: 'Cut where?',
      options: [{ label: 'word', tradeoffs: 'reads better' }, { label: `exact ${HOSTILE}` }],
      askedBy: 'architect',
      taskId: 'T-1',
    },
  },
  { type: 'judgment.answered', actor: 'alice', data: { id: 'J-1', answer: 'word' } },
  { type: 'task.claimed', actor: 'implementer', data: { id: 'T-1', assignee: 'implementer' } },
  { type: 'task.started', actor: 'implementer', data: { id: 'T-1' } },
  {
    type: 'link.added',
    actor: 'implementer',
    data: { entity: 'T-1', path: 'src/slug.ts', range: { start: 3, end: 9 }, rel: 'implements', hash: 'a' },
  },
  {
    type: 'link.added',
    actor: 'tester',
    data: { entity: 'R-1', path: 'test/slug.test.ts', range: { start: 1, end: 5 }, rel: 'verifies', hash: 'b' },
  },
  {
    type: 'model.usage',
    actor: 'implementer',
    data: { agent: `implementer${HOSTILE}`, model: 'm', inputTokens: 100, outputTokens: 20, costUsd: 0.01 },
  },
  { type: 'model.usage', actor: 'planner', data: { agent: 'planner', model: 'm', inputTokens: 50, outputTokens: 5, costUsd: null } },
  {
    type: 'gate.checked',
    actor: 'coordinator',
    data: { gate: 'complete', taskId: 'T-1', ok: false, code: 'gate-failed', reason: `exited 1 ${HOSTILE}`, fix: 'fix it' },
  },
  { type: 'gate.checked', actor: 'coordinator', data: { gate: 'complete', taskId: 'T-1', ok: true } },
  {
    type: 'task.completed',
    actor: 'implementer',
    data: { id: 'T-1', evidence: [{ kind: 'command', command: 'npm test', exitCode: 0, outputTail: HOSTILE }] },
  },
  { type: 'proposal.created', actor: 'auditor', data: { title: `dedupe ${HOSTILE}`, why: 'two copies', fingerprint: 'fp' } },
];

const staleTest: StaleLink = {
  link: 'L-2',
  path: 'test/slug.test.ts',
  range: { start: 1, end: 5 },
  rel: 'verifies',
  entity: 'R-1',
  reason: 'changed',
  tasks: [],
  requirements: [{ id: 'R-1', text: 'slugify' }],
};

/** The page with the layout's whitespace between tags dropped and every other run of it one space. */
const flat = (page: string): string => page.replace(/>\s+</g, '><').replace(/\s+/g, ' ');

function rawPageOf(drafts: EventDraft[], stale: StaleLink[] = []): string {
  const { view, events } = memoryRecord(drafts);
  return reportPage(
    reportModel({ view, events, stale, project: `strkit ${HOSTILE}`, generatedAt: '2026-01-02T00:00:00.000Z', head: events.length }),
  );
}

const pageOf = (drafts: EventDraft[], stale: StaleLink[] = []): string => flat(rawPageOf(drafts, stale));

test('record text never becomes markup, script or a terminal escape: the page has exactly its own one script', () => {
  const page = pageOf(trail, [staleTest]);
  assert.equal(page.match(/<script/g)?.length, 1, 'only the page script');
  assert.doesNotMatch(page, /<img/);
  assert.doesNotMatch(page, /window\.pwned=1<\/script>/);
  assert.doesNotMatch(page, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/, 'no control character reaches the page');
  assert.match(
    page,
    /&lt;script&gt;window\.pwned=1&lt;\/script&gt;\\u001b\]0;owned\\u0007&lt;img src=x onerror=alert\(1\)&gt; &quot;quoted&quot; &amp; &#39;single&#39;/,
  );
});

test('the Content-Security-Policy forbids every load and allows the inline style and script by their hashes only', () => {
  const page = rawPageOf(trail);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)" ?\/?>/.exec(page)?.[1] ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /connect-src 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline|https?:|\*/);
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  const script = /<script>([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
  const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
  assert.ok(csp.includes(`script-src ${hash(script)}`), 'the script hash matches');
  assert.ok(csp.includes(`style-src ${hash(style)}`), 'the style hash matches');
  assert.doesNotMatch(page, /\s(src|href)="(https?:|\/\/)/, 'no external resource');
  assert.doesNotMatch(page, /\sstyle="/, 'no style attribute (the CSP would block it)');
});

test('the matrix traces each requirement to its tasks, code and tests with path:start-end, stale links marked', () => {
  const page = pageOf(trail, [staleTest]);
  const r1 = /<tr id="R-1"[\s\S]*?<\/tr>/.exec(page)?.[0] ?? '';
  assert.match(r1, /href="#T-1">T-1<\/a> Write slugify/);
  assert.match(r1, /<code>src\/slug\.ts:3-9<\/code>/);
  assert.match(r1, /<li class="stale"><code>test\/slug\.test\.ts:1-5<\/code>[\s\S]*stale: changed/);
  const r2 = /<tr id="R-2"[\s\S]*?<\/tr>/.exec(page)?.[0] ?? '';
  assert.match(r2, /no task/);
  assert.match(page, /id="drift"[\s\S]*1 stale<\/span> of 2 code links/);
});

test('the decision log strikes superseded decisions and shows the judgment behind one, with who answered', () => {
  const page = pageOf(trail);
  assert.match(page, /<article class="adr superseded" id="D-1"[\s\S]*?<del>D-1: old layout/);
  assert.match(page, /Superseded by <a href="#D-2">D-2<\/a>/);
  const d3 = /<article class="adr" id="D-3"[\s\S]*?<\/article>/.exec(page)?.[0] ?? '';
  assert.match(d3, /id="J-1"/);
  assert.match(d3, /Answered <strong>word<\/strong> by <span class="actor">alice<\/span>/);
});

test('tasks show status, evidence and gate history with the pass that fixed a refusal; charts are inline SVG', () => {
  const page = pageOf(trail);
  const t1 = /<details class="task" id="T-1"[\s\S]*?<\/details>/.exec(page)?.[0] ?? '';
  assert.match(t1, /refused \[gate-failed\][\s\S]*fixed by #15/);
  assert.match(t1, /exit 0<\/span><code>npm test<\/code>/);
  for (const id of ['chart-cost', 'chart-tokens', 'chart-burndown'])
    assert.match(page, new RegExp(`<figure class="chart" id="${id}"><figcaption>[^<]+</figcaption><svg`));
  assert.equal(
    (/<figure class="chart" id="chart-cost">[\s\S]*?<\/figure>/.exec(page)?.[0] ?? '').match(/<path class="series"/g)?.length,
    2,
    'one line per agent',
  );
  assert.match(page, /\$0\.0100 \+ 1 unpriced/);
});

test('an empty record makes a page that says so in every section', () => {
  const page = pageOf([]);
  for (const text of ['No requirements recorded.', 'No decisions recorded.', 'No tasks recorded.', 'No proposals', 'nothing recorded yet'])
    assert.ok(page.includes(text), text);
});

test('5,000 events of a long run make a page under 2 MB', () => {
  const page = pageOf(reportWorkload(5000));
  const bytes = Buffer.byteLength(page);
  assert.ok(bytes < 2 * 1024 * 1024, `${bytes} bytes`);
  assert.match(page, /<tr id="R-30"/);
});
