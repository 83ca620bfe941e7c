import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';
import { LevelEventStore } from '../../src/record/store.js';

export async function tempDir(prefix = 'crucible-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  // A child killed moments before may still be writing into the folder (ENOTEMPTY): rm retries, as node lets it.
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }) };
}

/** A real LevelDB record in a fresh temp dir. */
export async function tempStore(): Promise<{
  store: LevelEventStore;
  dir: string;
  reopen: () => Promise<LevelEventStore>;
  cleanup: () => Promise<void>;
}> {
  const { dir, cleanup } = await tempDir();
  const options = { dir: join(dir, 'db'), holderFile: join(dir, 'holder.json'), command: 'test' };
  const store = await LevelEventStore.open(options);
  let current = store;
  return {
    store,
    dir,
    reopen: async () => {
      await current.close();
      current = await LevelEventStore.open(options);
      return current;
    },
    cleanup: async () => {
      await current.close();
      await cleanup();
    },
  };
}

/** Writes files (creating their directories) under a root. */
export async function writeFiles(root: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

/** A temp project with the given files, removed when the test ends. */
export async function tempProject(t: TestContext, files: Record<string, string | Uint8Array>): Promise<string> {
  const { dir, cleanup } = await tempDir('crucible-project-');
  t.after(cleanup);
  await writeFiles(dir, files);
  return dir;
}
