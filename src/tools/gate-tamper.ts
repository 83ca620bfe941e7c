// complete_task's tamper check: hash the gate-defining files, refuse `gate-tampered` unless the human approved exactly this change.

import type { GateFile } from '../record/events.js';
import type { Task } from '../record/tables.js';
import picomatch from 'picomatch';
import { TEST_LOCATIONS, ownTestPaths, protectedTestPaths } from '../gates/gate-files.js';
import type { Refusal } from '../gates/result.js';
import {
  APPROVE_GATE_CHANGE,
  GATE_JUDGE,
  KEEP_GATE,
  approvalOf,
  changeFingerprint,
  gateChangeJudgment,
  gateChangeQuestion,
  gateChanges,
  renderChange,
} from '../gates/tamper.js';
import { gitDiffOf, snapshotGateFiles } from './gate-snapshot.js';
import { projectFiles } from './project-glob.js';
import type { ToolContext } from './types.js';

/** The gate-defining files a task's claim records as its baseline: runner config and the finished tests of other tasks. */
export const baselineOf = (ctx: ToolContext, task: Pick<Task, 'id'>): Promise<GateFile[]> =>
  snapshotGateFiles(ctx.root, protectedTestPaths(ctx.store.view, task));

/** The test files a tester's task may have written: those in test locations that its role may write (linked or not). */
async function writableTestFiles(ctx: ToolContext, task: Task): Promise<string[]> {
  if (task.role !== 'tester' || ctx.agent.writePaths.length === 0) return [];
  const found = await projectFiles(ctx.root, `{${TEST_LOCATIONS}}`, { dot: true });
  if (!Array.isArray(found)) return [];
  const mayWrite = picomatch(ctx.agent.writePaths as string[], { dot: true });
  return found.map((f) => f.rel).filter((rel) => mayWrite(rel));
}

/** The gate-defining files as a completion sees them: runner config, finished tests of others, this task's own tests. */
const completionSnapshot = async (ctx: ToolContext, task: Task): Promise<GateFile[]> =>
  snapshotGateFiles(ctx.root, [
    ...protectedTestPaths(ctx.store.view, task),
    ...ownTestPaths(ctx.store.view, task),
    ...(await writableTestFiles(ctx, task)),
  ]);

/**
 * The gate's own commands run the project's code (the tests import it), which
 * can rewrite a test before the runner reaches it: the files are hashed again
 * after the gate, and any change made while it ran voids its verdict.
 */
export async function changedDuringGate(ctx: ToolContext, task: Task, before: readonly GateFile[]): Promise<Refusal | undefined> {
  const after = new Map((await completionSnapshot(ctx, task)).map((f) => [f.path, f.hash]));
  const changed = before.filter((f) => after.get(f.path) !== f.hash).map((f) => f.path.replace(/#.*$/, ''));
  if (changed.length === 0) return undefined;
  const paths = [...new Set(changed)].join(', ');
  return {
    ok: false,
    code: 'gate-tampered',
    reason:
      `${task.id}'s gate commands changed ${paths} while they ran, so their verdict is void ` +
      `(the code under test must not rewrite the tests or their configuration)`,
    fix: `restore ${paths}, remove the code that writes ${changed.length === 1 ? 'it' : 'them'} during the tests, and call complete_task again`,
  };
}

/** `approved`: the human approved this very change of the gate's files (tests removed on purpose may then run fewer). */
export async function checkGateFiles(ctx: ToolContext, task: Task): Promise<{ ok: true; files: GateFile[]; approved: boolean } | Refusal> {
  const view = ctx.store.view;
  const files = await completionSnapshot(ctx, task);
  const changes = gateChanges(view, task, files);
  if (changes.length === 0) return { ok: true, files, approved: false };
  const fingerprint = changeFingerprint(changes);
  if (approvalOf(view, task, fingerprint)) return { ok: true, files, approved: true };

  const shown: string[] = [];
  for (const change of changes) {
    const keptText = change.before?.text !== undefined || change.after?.text !== undefined;
    shown.push(...renderChange(change, keptText ? undefined : await gitDiffOf(ctx.root, change.path, ctx.config.commands)));
  }
  const question = gateChangeQuestion(task, fingerprint);
  let judgment = gateChangeJudgment(view, task, fingerprint);
  if (!judgment) {
    const asked = await ctx.store.append({
      type: 'judgment.asked',
      actor: GATE_JUDGE,
      data: {
        question,
        options: [
          { label: KEEP_GATE, tradeoffs: `${task.assignee ?? 'the agent'} restores the files; the gate keeps its meaning` },
          { label: APPROVE_GATE_CHANGE, tradeoffs: 'the gate accepts exactly the change shown, and nothing else' },
        ],
        context: shown.join('\n').slice(0, 8000),
        taskId: task.id,
        askedBy: GATE_JUDGE,
      },
    });
    judgment = view.get('judgments', asked.data.id)!;
  }
  const paths = changes.map((c) => c.path.replace(/#.*$/, ''));
  const restore =
    `restore ${[...new Set(paths)].join(', ')} to what ${paths.length === 1 ? 'it was' : 'they were'} ` +
    `(the gate is not yours to change) and call complete_task again`;
  const kept = judgment.status === 'answered' ? `\nthe human answered ${judgment.id}: "${judgment.answer ?? ''}"` : '';
  return {
    ok: false,
    code: 'gate-tampered',
    reason: `${task.id} changed what its gate checks:\n${shown.join('\n')}${kept}`,
    fix:
      judgment.status === 'answered'
        ? restore
        : `${restore}; if the change is truly needed, call ask_human ` +
          `with the question "${question}" and the options "${KEEP_GATE}" and "${APPROVE_GATE_CHANGE}" ` +
          `(${judgment.id} is open for it), then call complete_task again once the human approves`,
  };
}
