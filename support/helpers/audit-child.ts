// A child process that audits a directory with a facts cache and reports, as
// JSON, how many files it parsed and whether the TypeScript compiler was loaded.
import { createRequire } from 'node:module';
import { runAudit } from '../../src/audit/run.js';

const [dir, cacheDir] = process.argv.slice(2);
if (!dir || !cacheDir) {
  console.error('usage: audit-child <dir> <cacheDir>');
  process.exit(2);
}
const result = await runAudit(dir, {}, { cacheDir });
// The compiler is CommonJS: loaded through `import` or `require`, it lands in require's cache.
const loaded = Object.keys(createRequire(import.meta.url).cache);
const compilerLoaded = loaded.some((path) => /[\\/]node_modules[\\/]typescript[\\/]/.test(path));
console.log(JSON.stringify({ filesParsed: result.filesParsed, findings: result.findings.length, compilerLoaded }));
