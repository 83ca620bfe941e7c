import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runArgv } from '../../src/tools/command-runner.js';
import { defaultConfig } from '../../src/workspace/config.js';
import { ROLES, code, done, explain, claimedAddWorld } from './helpers.js';

// npm reads the project's .npmrc for `npm test`: `script-shell=/bin/true` turns the test script into `/bin/true -c "node --test"`,
// and `node-options=--require ./rig.js` loads code that forces exit 0 after failing tests. Both make the default gate pass.
for (const [how, files] of [
  ['script-shell', { '.npmrc': 'script-shell=/bin/true\n' }],
  ['node-options', { '.npmrc': 'node-options=--require ./rig.cjs\n', 'rig.cjs': "process.on('exit', () => { process.exitCode = 0; });\n" }],
] as const) {
  test(`an implementer that rigs npm through .npmrc (${how}) is refused gate-tampered, not passed by a gate that ran no test`, async () => {
    const w = await claimedAddWorld();
    try {
      // write_file may not write .npmrc; a command the implementer runs (node -e, in the sandbox) can.
      const write = `for (const [path, content] of Object.entries(${JSON.stringify(files)})) require('fs').writeFileSync(path, content)`;
      const wrote = await runArgv(['node', '-e', write], {
        cwd: w.root,
        sandbox: defaultConfig().commands,
        timeoutMs: 20_000,
        maxOutputBytes: 4000,
      });
      assert.equal(wrote.exitCode, 0, wrote.outputTail);
      const result = await w.call(ROLES.implementer, 'T-1', 'complete_task', done('add adds'));
      assert.equal(code(result), 'gate-tampered', explain(result));
      assert.match(explain(result), /\.npmrc/);
    } finally {
      await w.cleanup();
    }
  });
}
