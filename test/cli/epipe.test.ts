// A reader that goes away (`crucible log | head -1`) ends the output quietly: exit 0, no stack trace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { openWorkspace } from '../../src/workspace/open.js';
import { cli } from '../helpers/cli.js';
import { crucibleBin, spawnTs } from '../../support/helpers/child.js';
import { tempDir } from '../../support/helpers/temp.js';

/** More log than a pipe buffer (64 KiB) holds, so the child is still writing when its reader closes. */
async function longLog(dir: string): Promise<void> {
  await cli(dir, 'init');
  const ws = await openWorkspace({ dir, command: 'test' });
  try {
    for (let i = 0; i < 1500; i++) {
      await ws.store.append({ type: 'memory.remembered', actor: 'tester', data: { scope: 'shared', text: `note ${i} `.padEnd(100, '.') } });
    }
  } finally {
    await ws.close();
  }
}

/** Runs the real binary with its stdout read until the first chunk, then closed, as `| head -1` does. */
async function readFirstChunkThenClose(dir: string, args: string[]) {
  const child = spawnTs(crucibleBin, args, { cwd: dir });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const [first] = (await once(child.stdout!, 'data')) as [Buffer];
  child.stdout!.destroy();
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  return { first: first.toString(), code, signal, stderr };
}

for (const args of [['log'], ['log', '--follow'], ['log', '--json']]) {
  test(`crucible ${args.join(' ')} whose reader closes after the first chunk exits 0 with nothing on stderr`, async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await longLog(dir);
      const result = await readFirstChunkThenClose(dir, args);
      assert.match(result.first, /note 0 /);
      assert.deepEqual({ code: result.code, signal: result.signal, stderr: result.stderr }, { code: 0, signal: null, stderr: '' });
      // The workspace was let go of properly: the next command opens it.
      assert.equal((await cli(dir, 'status')).code, 0);
    } finally {
      await cleanup();
    }
  });
}
