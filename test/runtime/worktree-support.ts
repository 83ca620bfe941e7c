// A git project for the worktree tests: a real repository in a temp dir (branch main, one commit),
// a Crucible workspace in it, tasks with their own gate commands, and a run of the scripted model.
import { execFileSync } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sessionOf } from '../../src/app/session.js';
import { ScriptedModel } from '../../src/model/scripted.js';
import { parseScript } from '../../src/model/script.js';
import type { RecordEvent } from '../../src/record/events.js';
import type { RunSummary } from '../../src/runtime/runtime.js';
import { projectWorktreesDir } from '../../src/runtime/worktrees/location.js';
import { TaskTrees } from '../../src/runtime/worktrees/task-trees.js';
import { initWorkspace } from '../../src/workspace/init.js';
import { openWorkspace, type Workspace } from '../../src/workspace/open.js';
import { tempDir, writeFiles } from '../../support/helpers/temp.js';

export const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@localhost', ...args], { cwd, encoding: 'utf8' }).trim();

export interface GitProject {
  root: string;
  cleanup: () => Promise<void>;
}

/** A repository on `main` holding `files`, with `.crucible/` initialised and committed around (its .gitignore). */
export async function gitProject(files: Record<string, string>, config: object = {}, options: { git?: boolean } = {}): Promise<GitProject> {
  const { dir, cleanup } = await tempDir('crucible-worktrees-');
  await writeFiles(dir, files);
  // As a person would: a repository first, then `crucible init` (which keeps .crucible/ out of git).
  if (options.git !== false) git(dir, 'init', '-q', '-b', 'main');
  await initWorkspace(dir);
  await writeFile(join(dir, '.crucible', 'config.json'), JSON.stringify({ gate: { commands: [] }, ...config }));
  if (options.git !== false) {
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'start');
  }
  // The project's worktrees live outside it (under CRUCIBLE_WORKTREES_DIR in `npm test`): they go with it.
  const worktrees = projectWorktreesDir(dir);
  return { root: dir, cleanup: () => Promise.all([cleanup(), rm(worktrees, { recursive: true, force: true })]).then(() => undefined) };
}

export interface TaskSpec {
  title: string;
  gate: string[];
}

/** Runs the scripted model over `tasks` (T-1, T-2, ... in order) and returns the summary and the log. */
export async function runTasks(
  root: string,
  tasks: TaskSpec[],
  script: object,
  concurrency = 2,
  before?: (ws: Workspace) => Promise<void>,
): Promise<{ summary: RunSummary; events: RecordEvent[]; notices: string[] }> {
  const ws = await openWorkspace({ dir: root });
  try {
    if ([...ws.store.view.rows('tasks')].length === 0)
      for (const t of tasks)
        await ws.store.append({
          type: 'task.created',
          actor: 'test',
          data: { title: t.title, role: 'implementer', acceptance: ['works'], gate: t.gate },
        });
    await before?.(ws);
    const model = new ScriptedModel(parseScript({ version: 1, onExhausted: 'end', ...script }));
    const notices: string[] = [];
    const runtime = await sessionOf(ws).runtime(model, {
      concurrency,
      instances: { implementer: concurrency },
      answerPolicy: 'first',
      search: false,
      afterRun: async () => undefined,
      onNotice: (text) => notices.push(text),
    });
    const summary = await runtime.run();
    const events: RecordEvent[] = [];
    for await (const e of ws.store.read()) events.push(e);
    return { summary: withFailures(summary, events, notices), events, notices };
  } finally {
    await ws.close();
  }
}

/** A run that did not finish says why each failed task failed, so a rare failure under load can be read from the CI log. */
function withFailures(summary: RunSummary, events: RecordEvent[], notices: string[]): RunSummary {
  if (summary.state === 'done') return summary;
  const failures = events.flatMap((e) => (e.type === 'task.failed' ? [`${e.data.id}: ${e.data.reason}`] : []));
  const refusals = events.flatMap((e) =>
    e.type === 'gate.checked' && !e.data.ok
      ? [`${e.data.taskId ?? '?'} refused ${e.data.code ?? e.data.gate}: ${e.data.reason ?? ''}`]
      : [],
  );
  const last = new Map(events.flatMap((e) => (e.type.startsWith('task.') && 'id' in e.data ? [[String(e.data.id), e.type] as const] : [])));
  const states = [...last].map(([id, type]) => `${id} last ${type}`);
  return { ...summary, reason: [summary.reason, ...failures, ...refusals, ...states, ...notices.map((n) => `notice: ${n}`)].join(' | ') };
}

/** One turn that writes files, then one that completes the task; `alternatives` replace a turn when its `when` matches. */
export const write = (files: Record<string, string>) => ({
  tools: Object.entries(files).map(([path, content]) => ({ name: 'write_file', input: { path, content } })),
});
export const complete = (taskId: string) => ({
  tools: [{ name: 'complete_task', input: { task_id: taskId, acceptance: [{ criterion: 'works', how: 'the gate' }] } }],
});

/** Records a task (T-1 in a new project) and opens its worktree from main as a run does; the worktree's path. */
export async function taskWorktree(root: string, title: string): Promise<string> {
  const ws = await openWorkspace({ dir: root });
  try {
    const created = await ws.store.append({ type: 'task.created', actor: 'test', data: { title, role: 'implementer' } });
    return (await new TaskTrees(root, 'main', ['node_modules'], ws.store).open(created.data.id)).root;
  } finally {
    await ws.close();
  }
}
