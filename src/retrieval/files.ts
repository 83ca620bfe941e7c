/** Small file helpers: hashing and atomic writes (temp file, fsync, rename). */
import { createHash, randomBytes } from 'node:crypto';
import { open, rename, rm, readFile } from 'node:fs/promises';

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

export const tempPathFor = (path: string): string => `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;

/** Writes `data` to a temp file beside `path`, flushes it, then renames it over `path`. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = tempPathFor(path);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Moves an already written temp file into place. */
export async function commitTemp(temp: string, path: string): Promise<void> {
  const handle = await open(temp, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}

/** Reads a file, or returns null when it does not exist. Other errors propagate. */
export async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
