import { gateCommandsOf } from '../../gates/gate-commands.js';
import { findStaleLinks } from '../../runtime/drift.js';
import { gateRunner } from '../../tools/gate-runner.js';
import { reverifyLinkedWork } from '../../runtime/reverify.js';
import { contextOf, emit, withWorkspace } from '../context.js';
import type { Register } from './types.js';
import { codeNode } from '../../record/tables.js';

export const registerDrift: Register = (program, base) => {
  program
    .command('drift')
    .description(
      'list code links whose lines changed since they were linked or last verified, with the tasks and requirements affected; exits 1 when there is drift',
    )
    .option(
      '--reverify',
      're-run the gate commands of done tasks whose linked code changed: reopen them if red, re-stamp the links if green',
    )
    .action(async (opts: { reverify?: boolean }, command) => {
      const ctx = contextOf(command, base);
      const result = await withWorkspace(ctx, async (ws) => {
        const stale = await findStaleLinks(ws.store.view, ws.paths.root);
        const reverified: string[] = [];
        if (opts.reverify) {
          const runGate = gateRunner({ root: ws.paths.root, config: ws.config });
          for (const path of new Set(stale.map((s) => s.path))) {
            reverified.push(
              ...(await reverifyLinkedWork({
                store: ws.store,
                root: ws.paths.root,
                path,
                actor: ctx.actor,
                gateCommandsOf: (id) => gateCommandsOf(ws.store.view.get('tasks', id), ws.config.gate.commands),
                runGate: (commands) => runGate(commands),
              })),
            );
          }
        }
        return { stale, reverified };
      });
      emit(ctx, result, () => {
        if (result.stale.length === 0) return 'No drift: every linked line is as it was linked or last verified.';
        const lines = result.stale.map((s) => {
          const where = codeNode(s.path, s.range);
          const tasks = s.tasks.map((t) => `${t.id} [${t.status}]`).join(', ') || '-';
          const reqs = s.requirements.map((r) => r.id).join(', ') || '-';
          return `${where}  ${s.reason}  (${s.link} ${s.rel} ${s.entity}; tasks ${tasks}; requirements ${reqs})`;
        });
        const tail = opts.reverify
          ? [`re-verified: ${result.reverified.join('; ') || 'no done task was linked to the changed code'}`]
          : ['Run `crucible drift --reverify` to re-run the gates of done tasks whose code changed.'];
        return [...lines, ...tail].join('\n');
      });
      // CI can gate on it: drift found is a failed check (exit 1), as a red test is.
      if (result.stale.length > 0) process.exitCode = 1;
    });
};
