// A child process that appends to a record as fast as it can and prints each
// acknowledged sequence number on its own line. Used by crash tests and the bench.
import { LevelEventStore } from '../../src/record/store.js';

const [dir, holderFile, mode] = process.argv.slice(2);
if (!dir || !holderFile) {
  console.error('usage: append-child <dbDir> <holderFile> [open-only]');
  process.exit(2);
}
try {
  const store = await LevelEventStore.open({ dir, holderFile, command: 'append-child' });
  if (mode === 'open-only') {
    console.log('opened');
    await store.close();
    process.exit(0);
  }
  let n = 0;
  for (;;) {
    const batch = Array.from({ length: 8 }, () =>
      store
        .append({ type: 'memory.remembered', actor: 'child', data: { scope: 'shared', text: `note ${++n}` } })
        .then((e) => process.stdout.write(`${e.seq}\n`)),
    );
    await Promise.all(batch);
  }
} catch (error) {
  const e = error as { oneLine?: () => string; message: string };
  console.error(e.oneLine ? e.oneLine() : e.message);
  process.exit(1);
}
