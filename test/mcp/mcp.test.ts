import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { cli } from '../helpers/cli.js';
import { startHolder } from '../server/holder.js';
import { connectMcp, mcpProject } from './helpers.js';

const text = (result: unknown) => ((result as CallToolResult).content[0] as { text: string }).text;

interface LoggedEvent {
  type: string;
  actor: string;
  data: Record<string, unknown>;
}

async function recordEvents(dir: string): Promise<LoggedEvent[]> {
  const log = await cli(dir, 'log', '--json');
  assert.equal(log.code, 0, log.stderr);
  return log.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as LoggedEvent);
}

test('an MCP client drives a task from ready to done through the same gates as the agents', async () => {
  const { dir, cleanup } = await mcpProject();
  const { client, stderr } = await connectMcp(dir, { name: 'claude-code' });
  try {
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    for (const name of [
      'list_tasks',
      'show_task',
      'next_task',
      'claim_task',
      'complete_task',
      'add_requirement',
      'record_decision',
      'link_code',
      'search_docs',
      'remember',
      'recall',
      'ask_human',
      'trace',
      'project_status',
    ]) {
      assert.ok(names.includes(name), `${name} is listed`);
    }
    const claimSchema = tools.find((t) => t.name === 'claim_task')!.inputSchema;
    assert.deepEqual(claimSchema.required, ['task_id'], "input schemas come from the tools' zod schemas");

    const blocked = await client.callTool({ name: 'claim_task', arguments: { task_id: 'T-2' } });
    assert.equal(blocked.isError, true);
    assert.deepEqual(blocked.structuredContent, {
      code: 'deps-not-done',
      reason: 'T-2 depends on T-1, which is not done',
      fix: 'finish T-1 first; T-2 becomes ready by itself',
    });
    assert.match(text(blocked), /^REFUSED \[deps-not-done\]/);

    const next = await client.callTool({ name: 'next_task', arguments: {} });
    assert.equal((next.structuredContent as { taskId: string }).taskId, 'T-1');
    const claimed = await client.callTool({ name: 'claim_task', arguments: { task_id: 'T-1' } });
    assert.equal(claimed.isError, undefined, text(claimed));

    const evidence = { acceptance: [{ criterion: 'prints hello', how: 'check.mjs runs the greeting and sees hello' }] };
    const red = await client.callTool({ name: 'complete_task', arguments: evidence });
    assert.equal(red.isError, true);
    assert.equal((red.structuredContent as { code: string }).code, 'gate-failed');
    assert.match(text(red), /gate command `node check\.mjs` exited 1:\n1 failing: greeting is not written yet/);

    await writeFile(join(dir, 'green'), 'hello\n');
    const done = await client.callTool({ name: 'complete_task', arguments: evidence });
    assert.equal(done.isError, undefined, text(done));
    assert.match(text(done), /gate passed \(`node check\.mjs` exit 0\); T-1 is done/);

    const hits = await client.callTool({ name: 'search_docs', arguments: { query: 'exponential backoff jitter', k: 3 } });
    assert.match(text(hits), /^docs\/guide\.md:\d+-\d+ \(score /, 'search hits cite path:start-end');

    const decided = await client.callTool({
      name: 'record_decision',
      arguments: { title: 'Greetings are plain text', rationale: 'terminals differ' },
    });
    assert.match(text(decided), /^recorded D-1/);
    const status = await client.callTool({ name: 'project_status', arguments: {} });
    assert.deepEqual((status.structuredContent as { tasks: Record<string, number> }).tasks.ready, 1, 'T-2 became ready');
  } finally {
    await client.close();
  }
  try {
    const events = await recordEvents(dir);
    const byClient = events.filter((e) => e.actor === 'mcp:claude-code').map((e) => e.type);
    assert.deepEqual(
      byClient,
      ['task.claimed', 'task.started', 'task.completed', 'decision.recorded'],
      'the record names the client session as actor',
    );
    const gates = events.filter((e) => e.type === 'gate.checked').map((e) => [e.actor, e.data.ok]);
    assert.deepEqual(
      gates,
      [
        ['coordinator', false],
        ['coordinator', true],
      ],
      'the coordinator ran the gate both times',
    );
    assert.equal(stderr(), '');
  } finally {
    await cleanup();
  }
});

test('a malformed call gets a protocol error, not a crash; resources are paged briefs and lists', async () => {
  const { dir, cleanup } = await mcpProject();
  const { client, transport } = await connectMcp(dir);
  try {
    const bad = (name: string, args: Record<string, unknown>) =>
      assert.rejects(client.callTool({ name, arguments: args }), (e: unknown) => e instanceof McpError && e.code === -32602);
    await bad('claim_task', { task_id: 42 });
    await bad('claim_task', { task_id: 'T-1', force: true });
    await bad('drop_tables', {});
    assert.ok(transport.pid, 'the server is still running');
    assert.equal((await client.listTools()).tools.length > 0, true);

    const { resources } = await client.listResources();
    assert.deepEqual(
      resources.map((r) => r.uri),
      ['crucible://requirements', 'crucible://decisions', 'crucible://tasks/T-1/brief', 'crucible://tasks/T-2/brief'],
    );
    const brief = await client.readResource({ uri: 'crucible://tasks/T-1/brief' });
    const briefText = (brief.contents[0] as { text: string }).text;
    assert.match(briefText, /T-1 Write the greeting/);
    assert.match(briefText, /R-1: Greet the user/, 'the brief carries its context pack');
    const reqs = await client.readResource({ uri: 'crucible://requirements?page=1' });
    assert.match((reqs.contents[0] as { text: string }).text, /R-1\s+must\s+Greet the user\n\(requirements page 1 of 1\)/);
    await assert.rejects(
      client.readResource({ uri: 'crucible://tasks/T-9/brief' }),
      (e: unknown) => e instanceof McpError && e.code === -32002,
    );
    await assert.rejects(
      client.readResource({ uri: 'crucible://requirements?page=zero' }),
      (e: unknown) => e instanceof McpError && e.code === -32602,
    );
    const { resourceTemplates } = await client.listResourceTemplates();
    assert.ok(resourceTemplates.some((t) => t.uriTemplate === 'crucible://tasks/{id}/brief'));
  } finally {
    await client.close();
    await cleanup();
  }
});

test('crucible mcp holds the record only while it works: other commands can write between calls', async () => {
  const { dir, cleanup } = await mcpProject();
  const { client } = await connectMcp(dir);
  try {
    await client.callTool({ name: 'remember', arguments: { text: 'the greeting is in English', shared: true } });
    // `req add` is not forwarded: it waits (up to 2 s) for the MCP server to let go, one second after its last call.
    const added = await cli(dir, 'req', 'add', 'Greet in French too');
    assert.equal(added.code, 0, added.stderr);
    const recalled = await client.callTool({ name: 'recall', arguments: { query: 'greeting' } });
    assert.match(text(recalled), /\[shared\] the greeting is in English/);
    const reqs = await client.readResource({ uri: 'crucible://requirements' });
    assert.match((reqs.contents[0] as { text: string }).text, /R-2\s+must\s+Greet in French too/);
  } finally {
    await client.close();
    await cleanup();
  }
});

test('--role must name a role an agent file has', async () => {
  const { dir, cleanup } = await mcpProject();
  try {
    const result = await cli(dir, 'mcp', '--role', 'astronaut');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^crucible: --role: no agent file has the role "astronaut" \(fix: use one of: .*implementer/);
  } finally {
    await cleanup();
  }
});

test('a second MCP server on a workspace a TUI-like process holds is forwarded to it, not crashed', async () => {
  const { dir, cleanup } = await mcpProject();
  const holder = await startHolder(dir);
  const { client, stderr } = await connectMcp(dir, { name: 'cursor' });
  try {
    const blocked = await client.callTool({ name: 'claim_task', arguments: { task_id: 'T-2' } });
    assert.equal((blocked.structuredContent as { code: string }).code, 'deps-not-done');
    const claimed = await client.callTool({ name: 'claim_task', arguments: { task_id: 'T-1' } });
    assert.equal(claimed.isError, undefined, text(claimed));
    const red = await client.callTool({ name: 'complete_task', arguments: { acceptance: [{ criterion: 'prints hello', how: 'ran it' }] } });
    assert.equal((red.structuredContent as { code: string }).code, 'gate-failed', 'the holder ran the gate');
    const shown = await client.callTool({ name: 'show_task', arguments: { task_id: 'T-1' } });
    assert.match(text(shown), /ready -> claimed\s+by mcp:cursor/);
    const hits = await client.callTool({ name: 'search_docs', arguments: { query: 'greeting language' } });
    assert.match(text(hits), /docs\/guide\.md:\d+-\d+/);
    await assert.rejects(
      client.callTool({ name: 'claim_task', arguments: { task_id: 7 } }),
      (e: unknown) => e instanceof McpError && e.code === -32602,
    );
    // The holder's own view: the events came in under the session's name.
    const log = await cli(dir, 'log', '--json');
    const claimedBy = log.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as LoggedEvent)
      .find((e) => e.type === 'task.claimed');
    assert.equal(claimedBy?.actor, 'mcp:cursor');
    assert.equal(stderr(), '');
  } finally {
    await client.close();
    await holder.stop();
    await cleanup();
  }
});

test('a planner session plans over MCP: create_task and update_task, duplicates refused; other roles may not plan', async () => {
  const { dir, cleanup } = await mcpProject();
  const planner = await connectMcp(dir, { name: 'planner-session', args: ['--role', 'planner'] });
  try {
    const created = await planner.client.callTool({
      name: 'create_task',
      arguments: { title: 'Translate the greeting', role: 'implementer', acceptance: ['prints bonjour'], loop_guard: false },
    });
    assert.equal(created.isError, undefined, text(created));
    const dup = await planner.client.callTool({
      name: 'create_task',
      arguments: { title: 'Translate the greeting function', role: 'implementer', acceptance: ['prints bonjour'] },
    });
    assert.equal((dup.structuredContent as { code: string }).code, 'duplicate-task', text(dup));
    const updated = await planner.client.callTool({
      name: 'update_task',
      arguments: { task_id: 'T-3', deps: ['T-1'], acceptance: ['prints bonjour', 'keeps hello'], reason: 'builds on the greeting' },
    });
    assert.equal(updated.isError, undefined, text(updated));
    const wrongRole = await planner.client.callTool({
      name: 'update_task',
      arguments: { task_id: 'T-3', role: 'translator', reason: 'x' },
    });
    assert.equal((wrongRole.structuredContent as { code: string }).code, 'unknown-role');
  } finally {
    await planner.client.close();
  }
  const implementer = await connectMcp(dir, { name: 'impl-session' });
  try {
    const refused = await implementer.client.callTool({
      name: 'create_task',
      arguments: { title: 'Anything', role: 'implementer', acceptance: ['x'] },
    });
    assert.equal((refused.structuredContent as { code: string }).code, 'tool-not-allowed');
  } finally {
    await implementer.client.close();
  }
  try {
    const events = await recordEvents(dir);
    const edit = events.find((e) => e.type === 'task.edited');
    assert.equal(edit?.actor, 'mcp:planner-session');
    const shown = await cli(dir, 'task', 'show', 'T-3', '--json');
    const task = (JSON.parse(shown.stdout) as { task: { deps: string[]; loopGuard: boolean; status: string } }).task;
    assert.deepEqual([task.deps, task.loopGuard, task.status], [['T-1'], false, 'blocked']);
  } finally {
    await cleanup();
  }
});
