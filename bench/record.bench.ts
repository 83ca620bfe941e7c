// `npm run bench -- record --json`: each record backend's figures under its name
// (`{"leveldb": {...}}`; see bench/record-leveldb.ts).
import { tempDir } from '../support/helpers/temp.js';
import { leveldbBench } from './record-leveldb.js';

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const { dir, cleanup } = await tempDir('crucible-bench-');
  try {
    return { bench: 'record', leveldb: await leveldbBench(dir, args) };
  } finally {
    await cleanup();
  }
}
