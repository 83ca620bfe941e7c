// `npm run bench -- tui --json`: the TUI's startup and its cost under load.
//  - firstFrameMs: process start to the first full frame of the real `crucible-tui --demo`,
//    run in a pseudo-terminal (`script`), against `node -e 0` started the same way
//    (startupOverheadMs = the difference). Median of --runs (3). "First full frame": the
//    whole layout (header, agents sidebar, pane, tabs, footer) is on screen, seen when the
//    footer, its last line, is; the project is not open yet (placeholders). `entry` says
//    which was run: dist (the built bundle, scripts/bundle-tui.mjs) or tsx (the sources).
//  - load: the real bridge → channel → reducer → view models → Ink render path, in this
//    process, drawing to a fake 120×40 TTY: 8 synthetic agents stream 100 tokens/s each
//    for --seconds (20) through `EngineBridge.activity` (as the runtime's onActivity
//    would), with a tool call every 40 tokens. framesPerSec counts Ink renders;
//    cpuShareOfOneCore is this process's CPU time over wall time (rendering plus the
//    trivial generator); keyLatencyMs is a key written to stdin (switching agents every
//    250 ms) to the first frame written whose pane title shows that agent.
// Flags: --seconds N, --runs N, --only startup|load, --tsx (start from src/ through tsx even if dist/ is built).
import { spawn, spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { initWorkspace } from '../src/workspace/init.js';
import { openWorkspace } from '../src/workspace/open.js';
import { repoRoot } from '../support/helpers/child.js';
import { tempDir } from '../support/helpers/temp.js';
import { numberOption } from './args.js';

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
};
const round = (n: number, d = 1) => Number(n.toFixed(d));
const childEnv = () => {
  const { CI: _a, CONTINUOUS_INTEGRATION: _b, NODE_TEST_CONTEXT: _c, ...env } = process.env;
  return env;
};

/** Runs `command` in a pty; resolves with the ms until each marker first appears on its output (no markers: until it exits). */
function timeInPty(command: string, markers: string[]): Promise<number[]> {
  const started = performance.now();
  const child = spawn('script', ['-qfec', `stty cols 100 rows 30; exec ${command}`, '/dev/null'], {
    env: childEnv(),
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  let out = '';
  const seen: number[] = [];
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    while (seen.length < markers.length && out.includes(markers[seen.length]!)) seen.push(performance.now() - started);
    if (markers.length === 0 || seen.length < markers.length) return;
    markers = [];
    child.stdin.write('\x03'); // Ctrl-C: the TUI quits at once
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
  const wanted = markers.length;
  return new Promise((resolve, reject) =>
    child.on('close', () => {
      clearTimeout(killer);
      if (wanted === 0) resolve([performance.now() - started]);
      else if (seen.length === wanted) resolve(seen);
      else reject(new Error(`${command}: saw ${seen.length} of ${wanted} markers: ${out.slice(-300)}`));
    }),
  );
}

/** dist/ only if it was built after the TUI's sources changed; otherwise through tsx. */
function distIsFresh(): boolean {
  const built = join(repoRoot, 'dist/tui/main.js');
  return existsSync(built) && statSync(built).mtimeMs >= statSync(join(repoRoot, 'src/tui/main.tsx')).mtimeMs;
}

async function startup(runs: number, useTsx: boolean) {
  const dist = join(repoRoot, 'dist/cli/crucible-tui.js');
  const entry = !useTsx && distIsFresh() ? 'dist' : 'tsx';
  const base =
    entry === 'dist' ? `node ${dist}` : `node --import ${import.meta.resolve('tsx')} ${join(repoRoot, 'src/cli/crucible-tui.ts')}`;
  const node: number[] = [];
  const tui: number[] = [];
  const ready: number[] = [];
  for (let i = 0; i < runs; i++) {
    node.push((await timeInPty('node -e 0', []))[0]!);
    const { dir, cleanup } = await tempDir('crucible-bench-tui-');
    try {
      // The footer is the last line drawn: once it is on screen the whole first frame is.
      // "ready": the project is open and the agents are listed (the runtime loaded behind the first frame).
      const [first, agents] = await timeInPty(`${base} --demo --dir ${join(dir, 'demo')}`, ['q quit', 'requirements']);
      tui.push(first!);
      ready.push(agents!);
    } finally {
      await cleanup();
    }
  }
  const firstFrameMs = pct(tui, 50);
  const nodeStartMs = pct(node, 50);
  return {
    entry,
    nodeStartMs: round(nodeStartMs),
    firstFrameMs: round(firstFrameMs),
    startupOverheadMs: round(firstFrameMs - nodeStartMs),
    readyMs: round(pct(ready, 50)),
    samples: tui.map((t) => round(t)),
  };
}

class FakeStdout extends EventEmitter {
  isTTY = true;
  columns = 120;
  rows = 40;
  bytes = 0;
  constructor(private readonly onWrite: (chunk: string) => void) {
    super();
  }
  write = (chunk: string) => {
    this.bytes += chunk.length;
    this.onWrite(chunk);
    return true;
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(data: string) {
    this.data = data;
    this.emit('readable');
  }
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding() {}
  setRawMode() {}
  ref() {}
  unref() {}
  resume() {}
  pause() {}
}

async function load(seconds: number) {
  delete process.env.CI; // Ink draws only a final frame when it thinks it runs in CI.
  delete process.env.CONTINUOUS_INTEGRATION;
  process.env.NODE_ENV ??= 'production'; // as crucible-tui runs React
  const [{ createElement }, { render }, { App }, { initialState }, { TuiStore }, { EngineBridge }, { RENDER_OPTIONS }] = await Promise.all([
    import('react'),
    import('ink'),
    import('../src/tui/components/app.js'),
    import('../src/tui/state/initial.js'),
    import('../src/tui/store.js'),
    import('../src/tui/session/bridge.js'),
    import('../src/tui/components/render-options.js'),
  ]);
  const { dir, cleanup } = await tempDir('crucible-bench-tui-load-');
  await initWorkspace(dir);
  const ws = await openWorkspace({ dir });
  const names = Array.from({ length: 8 }, (_, i) => `agent-${i + 1}`);
  const base = initialState({ cols: 120, rows: 40, project: { name: 'bench', root: dir, goal: 'stream' } });
  const store = new TuiStore({
    ...base,
    run: { kind: 'live', phase: 'running' },
    agents: names.map((name, i) => ({ name, role: 'implementer', state: 'thinking', job: { kind: 'work', taskId: `T-${i + 1}` } })),
  });
  const bridge = new EngineBridge({ ws, store });
  bridge.start();
  let pending: { marker: string; at: number } | undefined;
  const latencies: number[] = [];
  const stdout = new FakeStdout((chunk) => {
    if (pending && chunk.includes(pending.marker)) {
      latencies.push(performance.now() - pending.at);
      pending = undefined;
    }
  });
  const stdin = new FakeStdin();
  let frames = 0;
  const renderMs: number[] = [];
  // Cast: the fakes implement what Ink uses of the TTY streams, not all of WriteStream/ReadStream.
  const ink = render(createElement(App, { store }), {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    ...RENDER_OPTIONS,
    onRender: ({ renderTime }) => {
      frames += 1;
      renderMs.push(renderTime);
    },
  });
  await sleep(200);
  const words = ['the', 'gate', 'refused', 'because', 'a', 'test', 'failed;', 'fixing', 'truncate', 'now'];
  let tokens = 0;
  let keyTurn = 0;
  frames = 0;
  renderMs.length = 0;
  const flushes0 = bridge.channel.flushes;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  // Every tick, each agent streams the tokens due at 100 a second (so timer drift does not lower the rate).
  let sent = 0;
  const tick = setInterval(() => {
    const due = Math.floor(((performance.now() - t0) / 1000) * 100);
    for (; sent < due; sent++) {
      for (const name of names) {
        tokens += 1;
        bridge.activity(name, { type: 'text', text: `${words[tokens % words.length]}${tokens % 14 === 0 ? '.\n' : ' '}` });
        if (tokens % 40 === 0)
          bridge.activity(name, {
            type: 'tool',
            name: 'edit_file',
            input: {},
            ok: tokens % 80 !== 0,
            summary: 'edited src/strings.js at line 11',
          });
      }
    }
  }, 10);
  const keys = setInterval(() => {
    keyTurn += 1;
    const n = (keyTurn % 7) + 1;
    pending = { marker: `agent-${n} (implementer)`, at: performance.now() };
    stdin.write(String(n));
  }, 250);
  await sleep(seconds * 1000);
  clearInterval(tick);
  clearInterval(keys);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const flushes = bridge.channel.flushes - flushes0;
  ink.unmount();
  bridge.close();
  await ws.close();
  await cleanup();
  return {
    agents: names.length,
    tokensPerSecPerAgent: round(tokens / names.length / (wallMs / 1000), 0),
    seconds,
    framesPerSec: round(frames / (wallMs / 1000)),
    engineFlushesPerSec: round(flushes / (wallMs / 1000)),
    cpuShareOfOneCore: round((cpu.user + cpu.system) / 1000 / wallMs, 3),
    cpuMsPerFrame: round((cpu.user + cpu.system) / 1000 / Math.max(1, frames), 1),
    keyLatencyMsP50: round(pct(latencies, 50)),
    keyLatencyMsP95: round(pct(latencies, 95)),
    keySamples: latencies.length,
    renderMsP50: round(pct(renderMs, 50), 2),
    renderMsP95: round(pct(renderMs, 95), 2),
    bytesPerSec: round(stdout.bytes / (wallMs / 1000), 0),
  };
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const only = args[args.indexOf('--only') + 1];
  const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
  const start =
    only === 'load'
      ? {}
      : hasScript
        ? await startup(numberOption(args, 'runs', 3), args.includes('--tsx'))
        : { skipped: 'no `script` (util-linux) to give the TUI a pseudo-terminal' };
  const loadRun = only === 'startup' ? undefined : await load(numberOption(args, 'seconds', 20));
  return {
    bench: 'tui',
    ...start,
    load: loadRun,
    goals: { startupOverheadMs: '< 500', cpuShareOfOneCore: '< 0.30', keyLatencyMsP95: '< 50' },
  };
}
