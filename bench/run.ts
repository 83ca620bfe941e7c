// `npm run bench -- <name> [--json] [...args]`: runs bench/<name>.ts and prints
// one JSON object (with --json) or a readable summary.
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchModule {
  run(args: string[]): Promise<Record<string, unknown>>;
}

const here = dirname(fileURLToPath(import.meta.url));
const [name, ...rest] = process.argv.slice(2);
const json = rest.includes('--json');
const args = rest.filter((arg) => arg !== '--json');

if (!name || name.startsWith('-')) {
  console.error('usage: npm run bench -- <record|retrieval|model|runtime|...> [--json]');
  process.exit(2);
}
const file = join(here, `${name}.bench.ts`);
if (!existsSync(file)) {
  console.error(`no benchmark named "${name}" (looked for bench/${name}.bench.ts)`);
  process.exit(2);
}
const mod = (await import(pathToFileURL(file).href)) as BenchModule;
const result = await mod.run(args);
if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
else process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
