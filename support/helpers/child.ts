import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The crucible CLI from source, for tests that spawn it as a real process. */
export const crucibleBin = join(repoRoot, 'src/cli/crucible.ts');
/** Resolved here so children started in other directories still find tsx. */
const tsxLoader = import.meta.resolve('tsx');

/** The compiled copy of `file` in the tree scripts/test-built-src.mjs built for this run, if it has one. */
function builtCopy(file: string): string | undefined {
  const built = process.env.CRUCIBLE_TEST_BUILT_SRC;
  const path = relative(repoRoot, resolve(repoRoot, file));
  const [top, ...rest] = path.split(sep);
  if (!built || !top || top === '..' || !/\.tsx?$/.test(path)) return undefined;
  // src/ as it is; the tests' own child entry points (support/**/x-child.ts) in support.children/.
  const copy = join(built, top === 'src' ? top : `${top}.children`, ...rest).replace(/\.tsx?$/, '.js');
  return top === 'src' || existsSync(copy) ? copy : undefined;
}

/**
 * node's arguments to run a TypeScript file: under tsx, or, for a file of src/ (or a test child entry point) when
 * the test runner compiled it once for this run (scripts/test-built-src.mjs), its compiled copy with plain node.
 * `preloads` are more modules for `--import`, loaded after tsx (when it is there) and before the file.
 */
export function tsArgv(file: string, preloads: string[] = []): string[] {
  const imports = preloads.flatMap((preload) => ['--import', preload]);
  const copy = builtCopy(file);
  return copy ? [...imports, copy] : ['--import', tsxLoader, ...imports, file];
}

/** Spawns a TypeScript file (under tsx, or its compiled copy: tsArgv), as the tests and benches do. */
export function spawnTs(file: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): ChildProcess {
  return spawn(process.execPath, [...tsArgv(file), ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function collect(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/** Resolves once the child's stderr has shown `pattern`; rejects after `ms` with what it did show. */
export function stderrShows(child: ChildProcess, pattern: RegExp, ms: number): Promise<void> {
  let seen = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`stderr never showed ${pattern}: ${seen}`)), ms);
    child.stderr?.on('data', (d: Buffer) => {
      seen += d.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}
