import { join } from 'node:path';

export const WORKSPACE_DIR = '.crucible';

/** Where things live inside a project's `.crucible/` directory. */
export interface WorkspacePaths {
  root: string;
  dir: string;
  db: string;
  index: string;
  config: string;
  holder: string;
  socket: string;
  agents: string;
}

export function workspacePaths(root: string): WorkspacePaths {
  const dir = join(root, WORKSPACE_DIR);
  return {
    root,
    dir,
    db: join(dir, 'db'),
    index: join(dir, 'index'),
    config: join(dir, 'config.json'),
    holder: join(dir, 'holder.json'),
    socket: join(dir, 'crucible.sock'),
    agents: join(dir, 'agents'),
  };
}
