import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LevelEventStore } from '../../src/record/store.js';
import { cli } from '../helpers/cli.js';
import { collect, crucibleBin, spawnTs } from '../../support/helpers/child.js';
import { tempDir } from '../../support/helpers/temp.js';
import { completeOnceScript } from '../helpers/scripts.js';

// A signal stops `crucible run` as a signal, not as "the human"; SIGHUP (the terminal closed) is
// handled like SIGTERM: the gate command the run started dies with it, and the socket and the
// holder file are removed. Real processes; the gate is a real child that would outlive a careless parent.
const bin = crucibleBin;

const SCRIPT = completeOnceScript('holds', 'the gate holds');

/** A gate that says it started, then holds for a minute; `token` marks it in the process table. */
const HOLD =
  "import { writeFileSync } from 'node:fs';\nwriteFileSync('started', String(process.pid));\nsetTimeout(() => undefined, 60000);\n";

async function holdingRun(signal: NodeJS.Signals) {
  const t = await tempDir('crucible-signal-');
  const token = `crucible-hold-${randomUUID()}`;
  assert.equal((await cli(t.dir, 'init')).code, 0);
  await writeFile(join(t.dir, '.crucible', 'config.json'), JSON.stringify({ gate: { commands: [`node hold.mjs ${token}`] } }));
  await writeFile(join(t.dir, 'hold.mjs'), HOLD);
  await writeFile(join(t.dir, 'script.yaml'), SCRIPT);
  assert.equal((await cli(t.dir, 'task', 'add', 'Hold', '--role', 'implementer', '--accept', 'holds')).code, 0);
  const child = spawnTs(bin, ['run', '--model', 'scripted', '--script', 'script.yaml'], { cwd: t.dir });
  const result = collect(child);
  for (let i = 0; i < 1200 && !existsSync(join(t.dir, 'started')) && child.exitCode === null; i++) await sleep(50);
  assert.ok(existsSync(join(t.dir, 'started')), 'the gate command started');
  child.kill(signal);
  return { ...t, token, result: await result };
}

/** Processes whose command line carries `token` (read from /proc, so a sandbox's own pid namespace does not hide them). */
function processesWith(token: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(token)) pids.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return pids;
}

function killAll(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

test(
  'SIGTERM to a running `crucible run`: reported as SIGTERM, not as the human; exit 143; the killed gate run is recorded (gate-failed), then the task released',
  { timeout: 120_000 },
  async () => {
    const { dir, token, result, cleanup } = await holdingRun('SIGTERM');
    try {
      assert.equal(result.code, 143, result.stdout + result.stderr);
      assert.match(result.stdout, /^run stopped: SIGTERM/m);
      assert.doesNotMatch(result.stdout + result.stderr, /human/);
      // As before the agent machine: the killed gate run is recorded as a failed gate, then the task goes back.
      const store = await LevelEventStore.open({ dir: join(dir, '.crucible/db'), holderFile: join(dir, '.crucible/holder.json') });
      try {
        const seen: string[] = [];
        for await (const e of store.read()) {
          if (e.type === 'gate.checked' && e.data.gate === 'complete') seen.push(`gate ${e.data.ok ? 'ok' : e.data.code}`);
          if (e.type === 'task.released') seen.push(`released ${e.data.reason}`);
        }
        assert.deepEqual(seen, ['gate gate-failed', 'released cancelled']);
        assert.equal(store.view.get('tasks', 'T-1')?.status, 'ready');
      } finally {
        await store.close();
      }
    } finally {
      killAll(processesWith(token));
      await cleanup();
    }
  },
);

test(
  'SIGHUP to a running `crucible run`: the gate command it started is killed, the socket and the holder file are removed; exit 129',
  { timeout: 120_000 },
  async () => {
    const { dir, token, result, cleanup } = await holdingRun('SIGHUP');
    const left = processesWith(token);
    try {
      assert.deepEqual(left, [], 'no gate command outlives the run');
      assert.equal(result.code, 129, result.stdout + result.stderr);
      assert.match(result.stdout, /^run stopped: SIGHUP/m);
      assert.equal(existsSync(join(dir, '.crucible', 'crucible.sock')), false, 'the socket is removed');
      assert.equal(existsSync(join(dir, '.crucible', 'holder.json')), false, 'the holder file is removed');
      // The interrupted task goes back to the queue for `crucible run --resume`.
      const list = await cli(dir, 'task', 'list', '--json');
      assert.equal((JSON.parse(list.stdout) as { status: string }[])[0]?.status, 'ready');
    } finally {
      killAll(left);
      await cleanup();
    }
  },
);
