// Where `crucible audit` records: the project's workspace, or with --self
// Crucible's own checkout's workspace, never the workspace of the current directory.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CrucibleError, usageError } from '../../shared/errors.js';
import { findWorkspaceRoot } from '../../workspace/find.js';
import { WORKSPACE_DIR } from '../../workspace/paths.js';

/** `recordIn`: the project root whose workspace keeps the proposals; otherwise `notRecorded` says why they are only printed. */
export type AuditTarget = { recordIn: string } | { recordIn: undefined; notRecorded: string };

/**
 * `--self` reads Crucible's checkout (`selfRoot`), so its proposals belong to that
 * checkout's own `.crucible/`, if it has one (exactly there, not a parent's): recording
 * them into the current project would add Crucible's proposals to it and close its
 * own as "fixed". Without one, the self-audit only prints.
 */
export function auditTarget(self: boolean, ctx: { dir: string | undefined; cwd: string }, selfRoot: () => string): AuditTarget {
  if (!self) {
    const recordIn = workspaceRootOrUndefined(ctx);
    if (recordIn) return { recordIn };
    throw usageError(
      'no-workspace',
      `no Crucible workspace in ${ctx.cwd} or any parent directory`,
      'run `crucible init` first, or use --self to audit Crucible itself',
    );
  }
  const root = selfRoot();
  if (ctx.dir !== undefined && resolve(ctx.cwd, ctx.dir) !== root)
    throw usageError(
      'audit-self-dir',
      `--self audits Crucible's own checkout (${root}), not --dir ${ctx.dir}`,
      'drop --dir to audit Crucible, or drop --self to audit that project',
    );
  if (existsSync(join(root, WORKSPACE_DIR))) return { recordIn: root };
  return {
    recordIn: undefined,
    notRecorded: `not recorded: Crucible's checkout ${root} has no workspace (run \`crucible init\` there to keep its proposals)`,
  };
}

function workspaceRootOrUndefined(ctx: { dir: string | undefined; cwd: string }): string | undefined {
  try {
    return findWorkspaceRoot(ctx);
  } catch (error) {
    if (error instanceof CrucibleError && error.code === 'no-workspace') return undefined;
    throw error;
  }
}
