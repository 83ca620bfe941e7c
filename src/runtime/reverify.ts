// The drift guard for done work: when a file linked to a done task changes,
// that task's gate commands run again. If they still pass, the task stays
// done (and the check is in the log); if not, the task is reopened with the
// failure, instead of silently trusting the old result.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventStore } from '../record/event-store.js';
import { hashLines } from '../shared/hash.js';
import type { CommandOutcome } from '../gates/task-gates.js';

export async function reverifyLinkedWork(options: {
  store: EventStore;
  root: string;
  path: string;
  actor: string;
  gateCommandsOf: (taskId: string) => readonly string[];
  runGate: (commands: readonly string[]) => Promise<CommandOutcome[]>;
}): Promise<string[]> {
  const { store, path } = options;
  const linked = [...store.view.rows('links')].filter((l) => l.path === path && store.view.get('tasks', l.entity)?.status === 'done');
  if (linked.length === 0) return [];
  const content = await readFile(join(options.root, path), 'utf8').catch(() => undefined);
  const touched = new Set<string>();
  for (const link of linked) {
    const task = store.view.get('tasks', link.entity)!;
    if (content !== undefined && link.hash && hashLines(content, link.range) === link.hash) continue;
    touched.add(task.id);
  }
  const notes: string[] = [];
  for (const id of touched) {
    const outcomes = await options.runGate(options.gateCommandsOf(id));
    const failed = outcomes.find((o) => o.exitCode !== 0);
    await store.append({
      type: 'gate.checked',
      actor: 'coordinator',
      data: {
        gate: 'reverify',
        taskId: id,
        ok: !failed,
        ...(failed
          ? {
              code: 'reverify-failed',
              reason: `after ${path} changed, \`${failed.command}\` exited ${failed.exitCode}`,
              fix: 'fix the regression; the task was reopened',
            }
          : {}),
      },
    });
    if (failed) {
      await store.append({
        type: 'task.reopened',
        actor: 'coordinator',
        data: { id, reason: `${path} changed and \`${failed.command}\` now exits ${failed.exitCode}` },
      });
      notes.push(`${id} (reopened: its gate now fails)`);
    } else {
      // Green again: the links now vouch for the new content.
      const drafts = [...store.view.rows('links')]
        .filter((l) => l.path === path && l.entity === id && content !== undefined)
        .map((l) => ({ type: 'link.verified' as const, actor: 'coordinator', data: { id: l.id, hash: hashLines(content!, l.range) } }));
      await store.appendAll(drafts);
      notes.push(`${id} (re-verified: its gate still passes)`);
    }
  }
  return notes;
}
