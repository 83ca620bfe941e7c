// `npm run bench -- record --json`: each record backend's figures under its name
// (`{"leveldb": {...}, "postgres": {...}}`; see bench/record-leveldb.ts and bench/record-pg.ts).
import { tempDir } from '../support/helpers/temp.js';
import { leveldbBench } from './record-leveldb.js';
import { runPostgres } from './record-pg.js';

/** Both backends; `--only=leveldb` or `--only=postgres` runs one. */
export async function run(args: string[]): Promise<Record<string, unknown>> {
  const only = args.find((a) => a.startsWith('--only='))?.split('=')[1];
  return {
    bench: 'record',
    ...(only === 'postgres' ? {} : { leveldb: await runLevel(args) }),
    ...(only === 'leveldb' ? {} : { postgres: await runPostgres(args) }),
  };
}

async function runLevel(args: string[]): Promise<Record<string, unknown>> {
  const { dir, cleanup } = await tempDir('crucible-bench-');
  try {
    return await leveldbBench(dir, args);
  } finally {
    await cleanup();
  }
}
