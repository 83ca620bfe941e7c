import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScriptedModel } from '../../src/model/scripted.js';
import { loadScript, parseScript } from '../../src/model/script.js';
import { collectTurn } from '../../src/model/turn.js';
import { estimateTokens } from '../../src/model/usage.js';
import { CrucibleError } from '../../src/shared/errors.js';
import type { Message, ModelEvent, TurnRequest } from '../../src/model/types.js';
import { claimTool, events } from './support.js';

const fixture = fileURLToPath(new URL('./fixtures/gate-script.yaml', import.meta.url));

const request = (role: string, messages: Message[] = [{ role: 'user', content: 'Go.' }], taskId?: string): TurnRequest => ({
  system: { stable: `You are the ${role}.`, volatile: 'Run R-1.' },
  messages,
  tools: [claimTool],
  maxTokens: 1024,
  meta: { role, ...(taskId ? { taskId } : {}) },
});

const afterToolResult = (name: string, result: string, isError = false): Message[] => [
  { role: 'user', content: 'Go.' },
  { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name, input: {} }] },
  { role: 'user', content: [{ type: 'tool_result', toolUseId: 'toolu_1', content: result, ...(isError ? { isError } : {}) }] },
];

async function session(model: ScriptedModel): Promise<ModelEvent[][]> {
  const out: ModelEvent[][] = [];
  for (const req of [
    request('planner'),
    request('implementer'),
    request('planner'),
    request('implementer', afterToolResult('claim_task', '{"ok":true}')),
    request('implementer'),
  ]) {
    out.push(await events(model.stream(req)));
  }
  return out;
}

test('a script replays identically twice, on a new instance and after reset', async () => {
  const script = await loadScript(fixture);
  const model = new ScriptedModel(script);
  const first = await session(model);
  const second = await session(new ScriptedModel(script));
  model.reset();
  const third = await session(model);
  assert.deepEqual(second, first);
  assert.deepEqual(third, first);
  const planner = first[0] ?? [];
  const calls = planner.filter((e) => e.type === 'tool.use');
  assert.deepEqual(
    calls.map((e) => (e.type === 'tool.use' ? [e.id, e.input] : [])),
    [
      ['toolu_role-planner_1_1', { title: 'Parse the config file', deps: [] }],
      ['toolu_role-planner_1_2', { title: 'Validate the config', deps: ['T-1'] }],
    ],
  );
  const done = planner.at(-1);
  assert.ok(done?.type === 'turn.completed');
  assert.equal(done.message.id, 'msg_role-planner_1');
  assert.equal(done.message.stopReason, 'tool_use');
  assert.equal(done.message.model, 'claude-sonnet-5-5');
});

test('a turn takes its alternative when the last tool result carries a gate refusal code', async () => {
  const script = await loadScript(fixture);
  const refused = new ScriptedModel(script);
  await collectTurn(refused.stream(request('implementer')));
  const alt = await collectTurn(
    refused.stream(request('implementer', afterToolResult('claim_task', '{"ok":false,"code":"DEPS_NOT_DONE"}'))),
  );
  assert.ok(alt.ok);
  assert.equal(alt.text, 'T-2 is blocked on T-1, so I will wait.');
  assert.equal(alt.message.stopReason, 'end_turn');

  const otherTool = new ScriptedModel(script);
  await collectTurn(otherTool.stream(request('implementer')));
  const main = await collectTurn(otherTool.stream(request('implementer', afterToolResult('read_file', 'DEPS_NOT_DONE'))));
  assert.ok(main.ok);
  assert.equal(main.text, 'The change is in; completing the task.', 'toolName must match too');
});

test('a task script wins over the role script, and conditions can test regex and error flag', async () => {
  const model = new ScriptedModel(await loadScript(fixture));
  const texts: string[] = [];
  for (const messages of [
    undefined,
    afterToolResult('claim_task', 'claimed'),
    afterToolResult('complete_task', '{"code":"gate.evidence_missing"}', true),
  ]) {
    const outcome = await collectTurn(model.stream(request('implementer', messages, 'T-2')));
    texts.push(outcome.text);
  }
  assert.deepEqual(texts, ['Claiming T-2.', 'Completing T-2.', 'The gate wants evidence; running the tests first.']);
  const roleTurn = await collectTurn(model.stream(request('implementer', undefined, 'T-9')));
  assert.equal(roleTurn.text, 'Claiming the next task.', 'other tasks use the role script');
});

test('contextContains and contextMatches branch on what the model was shown (the brief, any message), and combine with tool-result tests', async () => {
  const script = parseScript({
    version: 1,
    roles: {
      tester: [
        {
          text: 'word boundary',
          alternatives: [
            {
              when: { contextContains: 'chose: at exactly max characters', toolResultContains: 'gate-failed' },
              text: 'exact, after a refusal',
            },
            { when: { contextContains: 'chose: at exactly max characters' }, text: 'exact' },
            { when: { contextMatches: 'D-\\d+: .* chose: shout' }, text: 'shout' },
          ],
        },
      ],
    },
  });
  const brief = (choice: string): Message[] => [
    { role: 'user', content: `## Decisions in force\n- D-2: How should truncate cut text? — chose: ${choice}` },
  ];
  const play = async (req: TurnRequest) => (await collectTurn(new ScriptedModel(script).stream(req))).text;
  assert.equal(await play(request('tester', brief('at a word boundary'))), 'word boundary');
  assert.equal(await play(request('tester', brief('at exactly max characters'))), 'exact', 'matches the brief with no tool result at all');
  assert.equal(await play(request('tester', brief('shout'))), 'shout');
  const refusedAfterBrief: Message[] = [
    ...brief('at exactly max characters'),
    ...afterToolResult('complete_task', 'REFUSED gate-failed', true).slice(1),
  ];
  assert.equal(
    await play(request('tester', refusedAfterBrief)),
    'exact, after a refusal',
    'the brief is in the first message, the refusal in the last',
  );
  const refusedOnly = afterToolResult('complete_task', 'REFUSED gate-failed', true);
  assert.equal(await play(request('tester', refusedOnly)), 'word boundary', 'both tests of a condition must hold');
  const inSystem: TurnRequest = {
    ...request('tester'),
    system: { stable: 'You are the tester.', volatile: 'D-2 chose: at exactly max characters' },
  };
  assert.equal(await play(inSystem), 'exact', 'the system prompt counts as shown');
  const inToolResult = afterToolResult('read_file', 'D-2 chose: at exactly max characters');
  assert.equal(await play(request('tester', inToolResult)), 'exact', 'so does an earlier tool result');
  const same = [
    await events(new ScriptedModel(script).stream(request('tester', refusedAfterBrief))),
    await events(new ScriptedModel(script).stream(request('tester', refusedAfterBrief))),
  ];
  assert.deepEqual(same[0], same[1], 'the same conversation plays the same events');
});

test('a role without a script uses "*"; running out of turns is a clear, final error', async () => {
  const model = new ScriptedModel(await loadScript(fixture));
  assert.equal((await collectTurn(model.stream(request('reviewer')))).text, 'Nothing for me to do.');
  const out = await collectTurn(model.stream(request('reviewer')));
  assert.ok(!out.ok);
  if (out.ok) return;
  assert.equal(out.error.kind, 'script');
  assert.equal(out.error.retryable, false);
  assert.match(out.error.message, /role "reviewer" has 1 turn\(s\); turn 2 was asked for/);

  const ending = new ScriptedModel(parseScript({ version: 1, onExhausted: 'end', roles: { tester: [] } }));
  const end = await collectTurn(ending.stream(request('tester')));
  assert.ok(end.ok && end.message.content.length === 0 && end.message.stopReason === 'end_turn');
  const none = await collectTurn(new ScriptedModel(parseScript({ version: 1 })).stream(request('auditor')));
  assert.ok(!none.ok && /no script for role "auditor"/.test(none.error.message));
});

test('scripts can produce malformed tool input and failures, for testing the runtime', async () => {
  const model = new ScriptedModel(
    parseScript({
      version: 1,
      roles: {
        implementer: [
          { text: 'Trying.', tools: [{ name: 'claim_task', rawInput: '{"task": T-1}' }] },
          { text: 'Half an answer', fail: { kind: 'overloaded' } },
        ],
      },
    }),
  );
  const bad = await collectTurn(model.stream(request('implementer')));
  assert.ok(bad.ok);
  const error = bad.events.find((e) => e.type === 'tool.input_error');
  assert.ok(error?.type === 'tool.input_error' && error.rawInput === '{"task": T-1}');
  assert.equal(bad.message.toolInputErrors.length, 1);
  const failed = await collectTurn(model.stream(request('implementer')));
  assert.ok(!failed.ok);
  if (failed.ok) return;
  assert.equal(failed.error.kind, 'overloaded');
  assert.equal(failed.error.retryable, true);
  assert.equal(failed.text, 'Half an answer');
});

test('token counts follow text length, and the stable prefix is cached after the first turn', async () => {
  const text = 'A realistic answer of some length. '.repeat(10);
  const model = new ScriptedModel(parseScript({ version: 1, roles: { tester: [{ text }, { text }] } }));
  const req = request('tester');
  const first = await collectTurn(model.stream(req));
  const second = await collectTurn(model.stream(req));
  assert.ok(first.ok && second.ok);
  const prefix = estimateTokens(req.system.stable + JSON.stringify(req.tools));
  assert.equal(first.message.usage.outputTokens, estimateTokens(text));
  assert.equal(first.message.usage.cacheCreationTokens, prefix);
  assert.equal(second.message.usage.cacheReadTokens, prefix);
  assert.equal(second.message.usage.cacheCreationTokens, 0);
  assert.equal(first.message.usage.inputTokens, estimateTokens('Run R-1.' + JSON.stringify(req.messages)));
  assert.ok(first.events.filter((e) => e.type === 'text.delta').length > 5, 'text is streamed in chunks');
});

test('an aborted signal cancels a scripted turn', async () => {
  const model = new ScriptedModel(await loadScript(fixture));
  const out = await collectTurn(model.stream({ ...request('planner'), signal: AbortSignal.abort() }));
  assert.ok(!out.ok && out.error.kind === 'cancelled');
});

test('scripts load from JSON too, and a bad script names the key at fault', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'crucible-script-'));
  const good = join(dir, 'script.json');
  await writeFile(good, JSON.stringify({ version: 1, roles: { planner: [{ text: 'hi' }] } }));
  assert.equal((await loadScript(good)).roles['planner']?.length, 1);

  const bad = join(dir, 'bad.yaml');
  await writeFile(bad, 'version: 1\nroles:\n  implementer:\n    - tools:\n        - input: {}\n');
  await assert.rejects(loadScript(bad), (err: unknown) => {
    assert.ok(err instanceof CrucibleError);
    assert.equal(err.code, 'model.script_invalid');
    assert.match(err.message, /bad\.yaml: roles\.implementer\[0\]\.tools\[0\]\.name/);
    return true;
  });
  await assert.rejects(loadScript(join(dir, 'missing.yaml')), /cannot read model script/);
  assert.throws(() => parseScript({ version: 1, roles: { x: [{ alternatives: [{ when: {}, text: 'a' }] }] } }), /at least one test/);
  assert.throws(
    () => parseScript({ version: 1, roles: { x: [{ alternatives: [{ when: { toolResultMatches: '(' } }] }] } }),
    /regular expression/,
  );
  assert.throws(
    () => parseScript({ version: 1, roles: { x: [{ alternatives: [{ when: { contextMatches: '(' } }] }] } }),
    /roles\.x\[0\]\.alternatives\[0\]\.when\.contextMatches: not a valid regular expression/,
  );
  assert.throws(
    () => parseScript({ version: 1, roles: { x: [{ alternatives: [{ when: { contextContains: '' } }] }] } }),
    /when\.contextContains/,
  );
  assert.throws(() => parseScript({ version: 1, roles: { x: [{ alternatives: [{ when: { decision: 'D-2' } }] }] } }), /when/);
});
