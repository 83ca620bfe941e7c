// `npm run bench -- sandbox --json [--runs 30]`: the median cost of the OS
// sandbox per command (`true`, `node -e 0`), sandboxed vs unsandboxed, run
// alternately through the same runArgv so load affects both alike.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runArgv } from '../src/tools/command-runner.js';
import { chooseSandbox, type SandboxPolicy } from '../src/tools/os-sandbox.js';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const round = (ms: number) => Math.round(ms * 10) / 10;

async function timed(argv: string[], tree: string, sandbox: SandboxPolicy): Promise<number> {
  const started = performance.now();
  const outcome = await runArgv(argv, { cwd: tree, sandbox, timeoutMs: 30_000, maxOutputBytes: 1000 });
  if (outcome.exitCode !== 0) throw new Error(`\`${argv.join(' ')}\` failed (${sandbox.sandbox}): ${outcome.outputTail}`);
  return performance.now() - started;
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const runsArg = args.indexOf('--runs');
  const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : 30;
  const sandboxed: SandboxPolicy = { sandbox: 'auto', bwrap: 'bwrap', network: [], readOnly: ['node_modules'] };
  const unsandboxed: SandboxPolicy = { ...sandboxed, sandbox: 'off' };
  const choice = await chooseSandbox(sandboxed);
  if (!choice.ok) return { bench: 'sandbox', ok: false, reason: choice.reason, fix: choice.fix };
  const tree = await mkdtemp(join(tmpdir(), 'crucible-bench-sandbox-'));
  try {
    await mkdir(join(tree, '.crucible'));
    await mkdir(join(tree, '.git'));
    const commands: Record<string, unknown> = {};
    for (const argv of [['true'], ['node', '-e', '0']]) {
      const on: number[] = [];
      const off: number[] = [];
      await timed(argv, tree, sandboxed); // warm the page cache
      for (let i = 0; i < runs; i++) {
        off.push(await timed(argv, tree, unsandboxed));
        on.push(await timed(argv, tree, sandboxed));
      }
      commands[argv.join(' ')] = {
        runs,
        medianOffMs: round(median(off)),
        medianSandboxedMs: round(median(on)),
        medianOverheadMs: round(median(on) - median(off)),
      };
    }
    const overheads = Object.values(commands).map((c) => (c as { medianOverheadMs: number }).medianOverheadMs);
    return {
      bench: 'sandbox',
      loadAverage: loadavg().map(round),
      sandbox: `bubblewrap (${choice.kind === 'bwrap' ? choice.bwrap : 'off'})`,
      targetMs: 50,
      withinTarget: overheads.every((ms) => ms < 50),
      commands,
    };
  } finally {
    await rm(tree, { recursive: true, force: true });
  }
}
