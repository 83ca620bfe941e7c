// Preloaded with `--import` into a child process: on exit, says on stderr whether
// the TypeScript compiler was loaded (it is CommonJS, so it lands in require's cache).
import { createRequire } from 'node:module';

const cache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  const loaded = Object.keys(cache).some((path) => /[\\/]node_modules[\\/]typescript[\\/]/.test(path));
  process.stderr.write(`compiler-probe: typescript ${loaded ? 'loaded' : 'not loaded'}\n`);
});
