// Preloaded with `--import` into a child process: records every module the process
// loads (each ESM specifier's resolved URL, and each CommonJS file in require's cache)
// and, on exit, writes them one per line to the file named by CRUCIBLE_MODULES_OUT.
// Used by the lazy-loading test and `npm run bench -- cli`.
import { createRequire, register } from 'node:module';
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';

const out = process.env.CRUCIBLE_MODULES_OUT;
if (out) {
  const seen = new Set();
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (url) => seen.add(url));
  port1.unref();
  const hook = `let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  port.postMessage(resolved.url);
  return resolved;
}`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`, { data: { port: port2 }, transferList: [port2] });
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () => {
    for (const path of Object.keys(cache)) seen.add(pathToFileURL(path).href);
    writeFileSync(out, [...seen].join('\n'));
  });
}
