// A node --test reporter added by scripts/run-tests.mjs next to the usual one: at the end, the
// slowest test files (the sum of their top-level tests' durations, by the file each test is in),
// so the files worth making cheaper are named in every run.
const SHOWN = 12;

export default async function* durations(source) {
  const files = new Map();
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0 && event.data.file) {
      files.set(event.data.file, (files.get(event.data.file) ?? 0) + (event.data.details.duration_ms ?? 0));
    }
  }
  const rows = [...files].sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
  if (rows.length === 0) return;
  yield `# slowest test files (of ${rows.length}; ${(total / 1000).toFixed(1)} s in all, files overlap ${process.env.CRUCIBLE_TEST_CONCURRENCY ?? 2} at a time):\n`;
  for (const [file, ms] of rows.slice(0, SHOWN))
    yield `#   ${(ms / 1000).toFixed(1).padStart(6)} s  ${file.replace(process.cwd() + '/', '').replace(/.*\/((unit|shared)-group-\d+)\.test\.mjs$/, '$1')}\n`;
}
