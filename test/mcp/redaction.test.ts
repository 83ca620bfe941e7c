import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';
import { connectMcp } from './helpers.js';

// Only the MCP server's environment has this variable: the record was written without it,
// so only the MCP boundary itself can keep it from the client.
const DEPLOY_TOKEN = 'mcp-fake-Tq9Wd2Lk7Hs4Zx1Bv6';

test("crucible mcp redacts its own environment's secrets from tool results and resources", { timeout: 60_000 }, async () => {
  const { dir, cleanup } = await tempDir('crucible-mcp-redact-');
  try {
    assert.equal((await cli(dir, 'init')).code, 0);
    assert.equal(
      (await cli(dir, 'task', 'add', `Deploy with ${DEPLOY_TOKEN}`, '--role', 'implementer', '--accept', `uses ${DEPLOY_TOKEN}`)).code,
      0,
    );
    const { client } = await connectMcp(dir, { env: { DEPLOY_TOKEN } });
    try {
      const shown = JSON.stringify(await client.callTool({ name: 'show_task', arguments: { task_id: 'T-1' } }));
      assert.match(shown, /Deploy with \[redacted\]/);
      const listed = JSON.stringify(await client.callTool({ name: 'list_tasks', arguments: {} }));
      const brief = JSON.stringify(await client.readResource({ uri: 'crucible://tasks/T-1/brief' }));
      for (const text of [shown, listed, brief]) assert.ok(!text.includes(DEPLOY_TOKEN), text);
    } finally {
      await client.close();
    }
  } finally {
    await cleanup();
  }
});
