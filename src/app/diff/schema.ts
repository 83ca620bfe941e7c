// What a task changed, as every surface receives it: where the change was read
// from (its worktree, its branch, its merge commit, or its linked files against
// the commit recorded with each link), a line of numbers per file, and the
// unified diff. The patch is the file content as git prints it: the CLI's output
// boundary and the TUI's `clean` make it inert before it reaches a terminal.
import { z } from 'zod';

export const DIFF_SOURCES = ['worktree', 'branch', 'merge', 'links'] as const;
export type DiffSource = (typeof DIFF_SOURCES)[number];

export const diffFileSchema = z
  .object({
    path: z.string(),
    status: z.enum(['added', 'modified', 'deleted', 'unchanged', 'missing', 'unknown']),
    additions: z.number().int(),
    deletions: z.number().int(),
    /** The commit this file is compared against (for linked files: the one recorded with the link). */
    base: z.string().nullable(),
    /** Why a file could not be compared, e.g. a link recorded outside a git checkout. */
    note: z.string().optional(),
  })
  .strict();
export type DiffFile = z.infer<typeof diffFileSchema>;

export const taskDiffSchema = z
  .object({
    task: z.string(),
    title: z.string(),
    source: z.enum(DIFF_SOURCES),
    /** In words: what is compared with what. */
    compared: z.string(),
    files: z.array(diffFileSchema),
    additions: z.number().int(),
    deletions: z.number().int(),
    /** The unified diff (empty with `stat`). */
    patch: z.string(),
    /** The patch was cut at its size limit. */
    truncated: z.boolean(),
  })
  .strict();
export type TaskDiff = z.infer<typeof taskDiffSchema>;
