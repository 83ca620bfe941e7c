import { join } from 'node:path';
import { LevelEventStore } from '../../src/record/store.js';
import { collect, repoRoot, spawnTs } from './child.js';

export interface CrashResult {
  acked: number;
  recovered: number;
  lost: number;
  gapFree: boolean;
}

/**
 * Runs a child that appends as fast as it can, SIGKILLs it once it has
 * acknowledged `killAfter` appends, reopens the log and checks every
 * acknowledged sequence number survived and the log has no gaps.
 */
export async function crashMidAppend(dir: string, killAfter: number): Promise<CrashResult> {
  const dbDir = join(dir, 'db');
  const holderFile = join(dir, 'holder.json');
  const child = spawnTs(join(repoRoot, 'support/helpers/append-child.ts'), [dbDir, holderFile]);
  const acked: number[] = [];
  let buffer = '';
  const done = collect(child);
  child.stdout?.on('data', (d: Buffer) => {
    buffer += d.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) if (line) acked.push(Number(line));
    if (acked.length >= killAfter && !child.killed) child.kill('SIGKILL');
  });
  const result = await done;
  if (result.signal !== 'SIGKILL') throw new Error(`child ended without being killed: ${result.code} ${result.stderr}`);
  const store = await LevelEventStore.open({ dir: dbDir, holderFile, command: 'crash-check' });
  try {
    const seqs: number[] = [];
    for await (const event of store.read()) seqs.push(event.seq);
    const present = new Set(seqs);
    const lost = acked.filter((seq) => !present.has(seq)).length;
    const gapFree = seqs.every((seq, i) => seq === i + 1);
    return { acked: acked.length, recovered: seqs.length, lost, gapFree };
  } finally {
    await store.close();
  }
}
