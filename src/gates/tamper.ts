// The tamper check: did this task change what its gate means (test scripts, runner config, finished tests)?

import type { GateFile } from '../record/events.js';
import type { Judgment, Task } from '../record/tables.js';
import type { TableReader } from '../record/tx.js';
import { sha256 } from '../shared/hash.js';
import { isRunnerConfig, protectedTestPaths } from './gate-files.js';

export interface GateChange {
  path: string;
  before?: GateFile;
  after?: GateFile;
}

type Snapshot = { seq: number; files: GateFile[] };

/** The option that approves a gate change; the first option keeps the gate, so an automatic answer never approves. */
export const APPROVE_GATE_CHANGE = 'approve this gate change';
export const KEEP_GATE = 'keep the gate as it was';
export const GATE_JUDGE = 'coordinator';

/**
 * What the gate files should be: the latest state a passing gate recorded
 * (any task's gate evidence), else the first baseline any task recorded when
 * it started. A change since the last check is a change, whoever made it: the
 * working tree is shared, and a tampering task that gives up, or whose change
 * another task's claim happens to snapshot, must not launder it.
 */
function checkedStates(view: TableReader): Snapshot[] {
  return [...view.rows('tasks')].flatMap((t) => (t.gateChecked ? [t.gateChecked] : [])).sort((a, b) => b.seq - a.seq);
}

function firstBaseline(view: TableReader): Snapshot | undefined {
  return [...view.rows('tasks')].flatMap((t) => (t.gateBaseline ? [t.gateBaseline] : [])).sort((a, b) => a.seq - b.seq)[0];
}

export function gateChanges(view: TableReader, task: Task, current: readonly GateFile[]): GateChange[] {
  const checked = checkedStates(view);
  const now = new Map(current.map((f) => [f.path, f]));
  const changes: GateChange[] = [];
  const configRef = checked[0] ?? firstBaseline(view) ?? task.gateBaseline;
  if (configRef) {
    const before = new Map(configRef.files.filter((f) => isRunnerConfig(f.path)).map((f) => [f.path, f]));
    const after = [...now.values()].filter((f) => isRunnerConfig(f.path));
    const paths = new Set([...before.keys(), ...after.map((f) => f.path)]);
    for (const path of paths) pushIfChanged(changes, path, before.get(path), now.get(path));
  }
  for (const path of protectedTestPaths(view, task)) {
    const ref = [...checked, ...(task.gateBaseline ? [task.gateBaseline] : [])]
      .map((s) => s.files.find((f) => f.path === path))
      .find((f) => f !== undefined);
    if (ref) pushIfChanged(changes, path, ref, now.get(path));
  }
  return changes.sort((a, b) => a.path.localeCompare(b.path));
}

function pushIfChanged(out: GateChange[], path: string, before: GateFile | undefined, after: GateFile | undefined): void {
  if (before?.hash === after?.hash) return;
  out.push({ path, ...(before ? { before } : {}), ...(after ? { after } : {}) });
}

/** Names exactly one set of changed contents; an approval covers this fingerprint and nothing else. */
export function changeFingerprint(changes: readonly GateChange[]): string {
  return sha256(JSON.stringify(changes.map((c) => [c.path, c.after?.hash ?? null]))).slice(0, 12);
}

const short = (hash: string | undefined) => (hash ? hash.slice(0, 12) : 'absent');

/** Lines that show one change: old and new lines of canonical JSON, else what git shows, else the hashes. */
export function renderChange(change: GateChange, gitDiff?: string): string[] {
  const what = !change.before ? 'added' : !change.after ? 'deleted' : 'changed';
  const head = `${change.path} ${what}`;
  if (change.before?.text !== undefined || change.after?.text !== undefined) {
    const old = (change.before?.text ?? '').split('\n');
    const next = (change.after?.text ?? '').split('\n');
    const removed = old.filter((l) => !next.includes(l) && /\w/.test(l)).map((l) => `  - ${l.trim()}`);
    const added = next.filter((l) => !old.includes(l) && /\w/.test(l)).map((l) => `  + ${l.trim()}`);
    return [head, ...removed, ...added];
  }
  const diff = gitDiff?.trim()
    ? gitDiff
        .trim()
        .split('\n')
        .slice(0, 30)
        .map((l) => `  ${l}`)
    : [];
  return [`${head} (sha256 ${short(change.before?.hash)} -> ${short(change.after?.hash)})`, ...diff];
}

export const gateChangeQuestion = (task: Pick<Task, 'id'>, fingerprint: string): string =>
  `May ${task.id} change what its gate checks (gate change ${fingerprint})?`;

/** The human's approval of exactly this change: a coordinator-asked judgment on this task, answered (not automatically) to approve. */
export function approvalOf(view: TableReader, task: Pick<Task, 'id'>, fingerprint: string): Judgment | undefined {
  const question = gateChangeQuestion(task, fingerprint);
  return [...view.rows('judgments')].find(
    (j) =>
      j.taskId === task.id &&
      j.askedBy === GATE_JUDGE &&
      j.question === question &&
      j.status === 'answered' &&
      j.answeredBy !== 'auto-answer' &&
      /^approve\b/i.test((j.answer ?? '').trim()) &&
      j.decisionId !== undefined &&
      view.get('decisions', j.decisionId)?.status === 'active',
  );
}

/** The judgment already asked about exactly this change, if any. */
export const gateChangeJudgment = (view: TableReader, task: Pick<Task, 'id'>, fingerprint: string): Judgment | undefined =>
  [...view.rows('judgments')].find(
    (j) => j.taskId === task.id && j.askedBy === GATE_JUDGE && j.question === gateChangeQuestion(task, fingerprint),
  );
