// Writes a project file without following a symlink anywhere the resolver did
// not already check: the named file must not be a symlink, its folder must
// still be the folder the resolver saw after mkdir (no directory symlink
// swapped in), and the open itself refuses a symlink (O_NOFOLLOW), a FIFO
// (O_NONBLOCK) and a hard link to a file elsewhere.
import { constants } from 'node:fs';
import { lstat, mkdir, open, realpath } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { refusal, type ToolResult } from './types.js';

export async function writeProjectFile(
  root: string,
  requested: string,
  resolved: string,
  content: string,
): Promise<ToolResult | undefined> {
  const named = await lstat(resolve(root, requested)).catch(() => undefined);
  if (named?.isSymbolicLink()) return notFollowed(requested);
  const folder = dirname(resolved);
  await mkdir(folder, { recursive: true });
  if ((await realpath(folder)) !== folder)
    return refusal(
      'path-changed',
      `${requested}: its folder became a symbolic link while writing`,
      'write to a real folder of the project; do not link folders in',
    );
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK;
  const handle = await open(resolve(folder, basename(resolved)), flags, 0o666).catch((error: NodeJS.ErrnoException) => error);
  if (!('fd' in handle)) {
    if (handle.code === 'ELOOP') return notFollowed(requested);
    if (handle.code === 'ENXIO' || handle.code === 'EISDIR') return notRegular(requested);
    throw handle;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return notRegular(requested);
    if (info.nlink > 1)
      return refusal(
        'hard-link',
        `${requested} is a hard link shared with another file, which may lie outside the project`,
        'delete it and write a fresh file',
      );
    await handle.truncate(0);
    await handle.writeFile(content);
    return undefined;
  } finally {
    await handle.close();
  }
}

const notFollowed = (path: string): ToolResult =>
  refusal(
    'symlink-not-followed',
    `${path} is a symbolic link; file tools do not write through links`,
    'write the file it points to by its own path, or remove the link',
  );

const notRegular = (path: string): ToolResult =>
  refusal('not-a-file', `${path} is not a regular file`, 'write to a regular file of the project');
