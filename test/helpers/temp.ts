import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LevelEventStore } from '../../src/record/store.js';

export async function tempDir(prefix = 'crucible-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A real LevelDB record in a fresh temp dir. */
export async function tempStore(): Promise<{ store: LevelEventStore; dir: string; reopen: () => Promise<LevelEventStore>; cleanup: () => Promise<void> }> {
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
