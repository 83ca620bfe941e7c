// A workspace in a temp folder holding a small tree of files, open for the length of a test: what the audit loop's
// tests record into.
import { initWorkspace } from '../../src/workspace/init.js';
import { openWorkspace, type Workspace } from '../../src/workspace/open.js';
import { tempDir, writeFiles } from '../../support/helpers/temp.js';

export async function withWorkspaceTree(files: Record<string, string>, fn: (ws: Workspace, dir: string) => Promise<void>): Promise<void> {
  const { dir, cleanup } = await tempDir('crucible-audit-tree-');
  try {
    await initWorkspace(dir);
    await writeFiles(dir, files);
    const ws = await openWorkspace({ dir });
    try {
      await fn(ws, dir);
    } finally {
      await ws.close();
    }
  } finally {
    await cleanup();
  }
}
