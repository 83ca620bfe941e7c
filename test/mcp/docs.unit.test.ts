// docs/mcp.md describes the server that exists: its tool table, its config example and its refusal transcript.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mcpToolList, toCallToolResult } from '../../src/mcp/stdio-server.js';
import { refusal } from '../../src/tools/types.js';

const doc = readFileSync(new URL('../../docs/mcp.md', import.meta.url), 'utf8');

test('the documented tools are exactly the tools the server lists, each with a JSON Schema from its zod schema', () => {
  const documented = [...doc.matchAll(/^\| `([a-z_]+) \{/gm)].map((m) => m[1]!);
  const recallRow = /`remember \{[^`]*\}` \/ `recall \{/.test(doc) ? ['recall'] : [];
  const listed = mcpToolList();
  assert.deepEqual([...documented, ...recallRow].sort(), listed.map((t) => t.name).sort());
  for (const tool of listed) assert.equal(tool.inputSchema.type, 'object', tool.name);
});

test('the documented client config runs `crucible mcp`, and the documented refusal is what the server sends', () => {
  const json = /```json\n([\s\S]*?)```/.exec(doc)?.[1];
  const config = JSON.parse(json ?? '{}') as { mcpServers: Record<string, { command: string; args: string[] }> };
  assert.deepEqual(config.mcpServers.crucible?.args.slice(0, 2), ['mcp', '--dir']);
  const wire = /<-- (\{"result".*)$/m.exec(doc)?.[1];
  const sent = JSON.parse(wire ?? '{}') as { result: unknown };
  assert.deepEqual(
    sent.result,
    toCallToolResult(refusal('deps-not-done', 'T-2 depends on T-1, which is not done', 'finish T-1 first; T-2 becomes ready by itself')),
  );
});
