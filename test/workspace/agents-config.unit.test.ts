// The `agents` config section: which backend runs a role (the --backend override, then the role's
// own, then the default), and one clear line for a backend or role the config cannot mean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentsConfigSchema, backendFor } from '../../src/workspace/agents-config.js';
import { defaultConfig, loadConfig } from '../../src/workspace/config.js';
import { CrucibleError } from '../../src/shared/errors.js';
import { tempDir } from '../../support/helpers/temp.js';

test('the backend for a role: the override first, then the role, then the default', () => {
  const config = agentsConfigSchema.parse({ backend: 'builtin', backends: { implementer: 'claude-code' } });
  assert.equal(backendFor(config, 'implementer'), 'claude-code');
  assert.equal(backendFor(config, 'reviewer'), 'builtin');
  assert.equal(backendFor(config, 'implementer', 'builtin'), 'builtin');
  assert.equal(backendFor(config, 'reviewer', 'claude-code'), 'claude-code');
  const allClaude = agentsConfigSchema.parse({ backend: 'claude-code', backends: { reviewer: 'builtin' } });
  assert.equal(backendFor(allClaude, 'tester'), 'claude-code');
  assert.equal(backendFor(allClaude, 'reviewer'), 'builtin');
  assert.deepEqual(defaultConfig().agents, { backend: 'builtin', backends: {} });
});

async function loadError(agents: unknown): Promise<CrucibleError> {
  const t = await tempDir();
  try {
    const path = join(t.dir, 'config.json');
    writeFileSync(path, JSON.stringify({ agents }));
    try {
      loadConfig(path);
    } catch (error) {
      assert.ok(error instanceof CrucibleError, String(error));
      return error;
    }
    assert.fail(`a config with agents ${JSON.stringify(agents)} was accepted`);
  } finally {
    await t.cleanup();
  }
}

test('an unknown backend, role name or key is one line naming the file, the key and the fix', async () => {
  const unknown = await loadError({ backend: 'codex' });
  assert.equal(unknown.code, 'bad-config');
  assert.doesNotMatch(unknown.message, /\n/);
  assert.match(unknown.message, /config\.json: agents\.backend: .*builtin.*claude-code/);
  assert.match(unknown.fix ?? '', /correct that key/);
  assert.match((await loadError({ backends: { implementer: 'claude' } })).message, /agents\.backends\.implementer: .*claude-code/);
  assert.match((await loadError({ backends: { Implementer: 'builtin' } })).message, /agents\.backends.*lowercase/);
  assert.match((await loadError({ model: 'x' })).message, /agents\.model: unknown key/);
});
