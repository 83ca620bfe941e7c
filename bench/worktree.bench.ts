// `npm run bench -- worktree --json`: what a git worktree per task costs (docs/worktrees.md).
// (a) On a generated 1,000-file repository: worktree create + commit + merge + remove per task, as
//     the median over several tasks, against `git status` and `git rev-parse` in the same run.
// (b) Two independent tasks through the real run loop with a 2 s synthetic model latency per turn:
//     in parallel (two worktrees) vs one after the other; the speed-up ratio.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sessionOf } from '../src/app/session.js';
import { PacedModel } from '../src/model/paced.js';
import { parseScript } from '../src/model/script.js';
import { ScriptedModel } from '../src/model/scripted.js';
import { integrate } from '../src/runtime/worktrees/merge.js';
import { TaskTrees } from '../src/runtime/worktrees/task-trees.js';
import { initWorkspace } from '../src/workspace/init.js';
import { openWorkspace } from '../src/workspace/open.js';
import { tempDir } from '../support/helpers/temp.js';

const exec = promisify(execFile);
const git = (cwd: string, ...args: string[]) =>
  exec('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost', ...args], { cwd });

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const round = (x: number, digits = 1): number => Number(x.toFixed(digits));

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** A git repository on main with `files` small source files in 20 folders, and a Crucible workspace. */
async function generatedRepo(dir: string, files: number, extra: Record<string, string> = {}): Promise<void> {
  await git(dir, 'init', '-q', '-b', 'main');
  await initWorkspace(dir);
  await writeFile(join(dir, '.crucible', 'config.json'), JSON.stringify({ gate: { commands: [] } }));
  for (let i = 0; i < files; i++) {
    const folder = join(dir, 'src', `m${i % 20}`);
    if (i < 20) await mkdir(folder, { recursive: true });
    await writeFile(join(folder, `f${i}.js`), `export const value${i} = ${i};\n`.repeat(20));
  }
  for (const [path, content] of Object.entries(extra)) await writeFile(join(dir, path), content);
  await git(dir, 'add', '-A');
  await git(dir, 'commit', '-qm', 'generated');
}

async function overheadPerTask(files: number, tasks: number) {
  const { dir, cleanup } = await tempDir('crucible-bench-worktree-');
  try {
    await generatedRepo(dir, files);
    const ws = await openWorkspace({ dir });
    try {
      const trees = new TaskTrees(dir, 'main', ['node_modules'], ws.store);
      const perTask: number[] = [];
      const phases = { open: [] as number[], commitMergeAdvance: [] as number[], record: [] as number[], remove: [] as number[] };
      const status: number[] = [];
      const revParse: number[] = [];
      for (let i = 1; i <= tasks; i++) {
        const { id } = await ws.store
          .append({ type: 'task.created', actor: 'bench', data: { title: `Bench ${i}`, role: 'implementer' } })
          .then((e) => (e.type === 'task.created' ? e.data : { id: `T-${i}` }));
        status.push(await timed(() => git(dir, 'status', '--porcelain')));
        revParse.push(await timed(() => git(dir, 'rev-parse', 'HEAD')));
        let tree!: Awaited<ReturnType<TaskTrees['open']>>;
        let merged!: Awaited<ReturnType<typeof integrate>>;
        const open = await timed(async () => (tree = await trees.open(id)));
        await writeFile(join(tree.root, 'src', `task-${i}.js`), `export const task${i} = ${i};\n`);
        const commitMergeAdvance = await timed(async () => {
          merged = await integrate(trees, tree.root, {
            taskId: id,
            title: `Bench ${i}`,
            author: 'implementer',
            writePaths: ['**'],
            commands: [],
            readOnly: [],
            runGate: async () => [],
          });
        });
        if (!merged.ok) throw new Error(`${merged.code}: ${merged.reason}`);
        const done = merged;
        const record = await timed(() => ws.store.appendAll(done.events));
        const remove = await timed(() => done.release(true));
        phases.open.push(open);
        phases.commitMergeAdvance.push(commitMergeAdvance);
        phases.record.push(record);
        phases.remove.push(remove);
        perTask.push(open + commitMergeAdvance + remove);
      }
      const m = median(perTask);
      return {
        files,
        tasks,
        perTaskMedianMs: round(m),
        phasesMedianMs: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, round(median(v))])),
        gitStatusMedianMs: round(median(status)),
        gitRevParseMedianMs: round(median(revParse)),
        ratioToGitStatus: round(m / median(status)),
        ratioToGitRevParse: round(m / median(revParse)),
      };
    } finally {
      await ws.close();
    }
  } finally {
    await cleanup();
  }
}

/** Two tasks, each three model turns (write, complete, done) of `latencyMs`, through the real run loop. */
export async function twoTasks(concurrency: number, latencyMs: number, files: number): Promise<{ wallMs: number; merges: number }> {
  const { dir, cleanup } = await tempDir('crucible-bench-worktree-run-');
  try {
    await generatedRepo(dir, files, { 'ok.mjs': 'process.exit(0);\n' });
    const ws = await openWorkspace({ dir });
    try {
      for (const title of ['Add one', 'Add two'])
        await ws.store.append({
          type: 'task.created',
          actor: 'bench',
          data: { title, role: 'implementer', acceptance: ['works'], gate: ['node ok.mjs'] },
        });
      const job = (id: string, file: string) => ({
        implementer: [
          { tools: [{ name: 'write_file', input: { path: `src/${file}`, content: `export const x = '${id}';\n` } }] },
          { tools: [{ name: 'complete_task', input: { task_id: id, acceptance: [{ criterion: 'works', how: 'gate' }] } }] },
          { text: 'Done.' },
        ],
      });
      const script = parseScript({ version: 1, onExhausted: 'end', tasks: { 'T-1': job('T-1', 'one.js'), 'T-2': job('T-2', 'two.js') } });
      const model = new PacedModel(new ScriptedModel(script), { turnMs: latencyMs, chunkMs: 0 });
      const runtime = await sessionOf(ws).runtime(model, {
        concurrency,
        instances: { implementer: 2 },
        answerPolicy: 'first',
        search: false,
        afterRun: async () => undefined,
      });
      let summary: Awaited<ReturnType<typeof runtime.run>> | undefined;
      const wallMs = await timed(async () => (summary = await runtime.run()));
      if (summary?.state !== 'done') throw new Error(`bench run ended ${summary?.state}: ${summary?.reason}`);
      let merges = 0;
      for await (const e of ws.store.read()) if (e.type === 'merge.succeeded') merges += 1;
      return { wallMs: Math.round(wallMs), merges };
    } finally {
      await ws.close();
    }
  } finally {
    await cleanup();
  }
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const files = Number(args.find((a) => a.startsWith('--files='))?.split('=')[1] ?? 1000);
  const tasks = Number(args.find((a) => a.startsWith('--tasks='))?.split('=')[1] ?? 9);
  const latencyMs = Number(args.find((a) => a.startsWith('--latency-ms='))?.split('=')[1] ?? 2000);
  const overhead = await overheadPerTask(files, tasks);
  const sequential = await twoTasks(1, latencyMs, files);
  const parallel = await twoTasks(2, latencyMs, files);
  const speedUp = round(sequential.wallMs / parallel.wallMs, 2);
  return {
    bench: 'worktree',
    overhead,
    twoTasks: {
      latencyMs,
      sequentialMs: sequential.wallMs,
      parallelMs: parallel.wallMs,
      speedUp,
      merges: parallel.merges + sequential.merges,
    },
    goal: { perTaskMedianMs: '< 300', speedUp: '>= 1.6' },
    met: { perTask: overhead.perTaskMedianMs < 300, speedUp: speedUp >= 1.6 },
  };
}
