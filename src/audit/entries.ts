// Modules used from outside the tree, whose exports are never "unused": what
// a package.json publishes (`main`, `module`, `types`/`typings`, `bin`,
// `exports` with its conditions, subpaths and `*` patterns), mapped from the
// built file back to its source, and files a framework loads by convention.
import { posix } from 'node:path';
import { dirOf, isJsonObject, joinPath, readJsonObject, tsSettingsFor, type JsonObject } from './manifests.js';
import { isCodeFile } from './source-kinds.js';
import type { SourceFile } from './types.js';

/**
 * Files that a tool or framework loads by name. Kept short on purpose: each entry is a convention
 * common enough that a module following it is almost surely loaded that way.
 */
const FRAMEWORK_ENTRIES: ReadonlyArray<{ what: string; pattern: RegExp }> = [
  { what: 'tool configs (vite.config.ts, jest.config.js, next.config.mjs, …)', pattern: /(^|\/)[^/]+\.config\.[cm]?[jt]sx?$/ },
  { what: 'Storybook stories', pattern: /\.stories\.[cm]?[jt]sx?$/ },
  { what: 'Next.js pages router', pattern: /(^|\/)(src\/)?pages\/.+\.[jt]sx?$/ },
  {
    what: 'Next.js app router files',
    pattern: /(^|\/)app\/(.+\/)?(page|layout|template|loading|error|global-error|not-found|default|route|opengraph-image|icon)\.[jt]sx?$/,
  },
  { what: 'Next.js middleware and instrumentation', pattern: /(^|\/)(src\/)?(middleware|instrumentation)\.[jt]s$/ },
  {
    what: 'test setup files (jest, vitest)',
    pattern: /(^|\/)(setupTests|setup-tests|test-setup|jest\.setup|vitest\.setup)\.[cm]?[jt]sx?$/,
  },
];

export const isFrameworkEntry = (path: string): boolean => FRAMEWORK_ENTRIES.some((entry) => entry.pattern.test(path));

/** Folders a build commonly writes to, and the source folder it reads from when no tsconfig says otherwise. */
const BUILD_DIRS = new Set(['dist', 'lib', 'build', 'out', 'esm', 'cjs', 'es', 'types', 'mjs']);
const CODE_EXTENSIONS = /\.(d\.[mc]?ts|[mc]?[jt]sx?)$/;
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Code files that some package.json of the tree publishes. */
export function publishedModules(files: readonly SourceFile[], targetsOf: (json: JsonObject) => string[] = publishedTargets): Set<string> {
  const code = files.filter((f) => isCodeFile(f.path)).map((f) => f.path);
  const known = new Set(code);
  const published = new Set<string>();
  for (const manifest of files.filter((f) => posix.basename(f.path) === 'package.json')) {
    const json = readJsonObject(manifest);
    if (!json) continue;
    const dir = dirOf(manifest.path);
    for (const target of targetsOf(json)) {
      // The first reading of the built path that names sources wins: `lib/*` is `src/lib/*` when that exists, not all of `src/`.
      for (const stem of sourceStems(joinPath(dir, target), dir, files)) {
        const hits = stem.includes('*')
          ? code.filter((path) => matchesPattern(path, stem))
          : [sourceFile(stem, known)].flatMap((h) => h ?? []);
        hits.forEach((path) => published.add(path));
        if (hits.length > 0) break;
      }
    }
  }
  return published;
}

const ENTRY_FIELDS = ['main', 'module', 'types', 'typings', 'browser'];
const TEST_CODE = /(^|\/)(tests?|__tests__)\/|\.(test|spec)\.[cm]?[jt]sx?$/;

/**
 * Code files of a library that has an importable entry (`main`, `types` …) but no `exports` map: Node then lets
 * users import any file of the package (`ajv/dist/compile/codegen`), so every export is public API. Tests aside;
 * a private package or a program (only `bin`) is not a library.
 */
export function deepImportable(files: readonly SourceFile[]): Set<string> {
  const importable = new Set<string>();
  for (const manifest of files.filter((f) => posix.basename(f.path) === 'package.json')) {
    const json = readJsonObject(manifest);
    if (!json || json.private === true || json.exports !== undefined || !ENTRY_FIELDS.some((k) => typeof json[k] === 'string')) continue;
    const dir = dirOf(manifest.path);
    for (const f of files)
      if (isCodeFile(f.path) && (dir === '' || f.path.startsWith(`${dir}/`)) && !TEST_CODE.test(f.path)) importable.add(f.path);
  }
  return importable;
}

/** The programs a package.json installs (`bin`): run as processes, so their tests spawn them rather than import them. */
export function binTargets(json: Record<string, unknown>): string[] {
  const bin = json.bin;
  if (typeof bin === 'string') return [bin];
  return isJsonObject(bin) ? Object.values(bin).filter((v): v is string => typeof v === 'string') : [];
}

/** Every path a package.json names as published: entry fields, bin, and every string inside `exports`. */
export function publishedTargets(json: Record<string, unknown>): string[] {
  const targets: string[] = [];
  for (const key of ENTRY_FIELDS) if (typeof json[key] === 'string') targets.push(json[key]);
  targets.push(...binTargets(json), ...stringsIn(json.exports));
  return targets.filter((t) => !t.endsWith('.json'));
}

/** Every string in an `exports` value, whatever its conditions. */
const stringsIn = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(stringsIn)
      : isJsonObject(value)
        ? Object.values(value).flatMap(stringsIn)
        : [];

const sourceFile = (stem: string, known: ReadonlySet<string>): string | undefined =>
  [stem, ...SOURCE_EXTENSIONS.map((e) => stem + e), ...SOURCE_EXTENSIONS.map((e) => `${stem}/index${e}`)].find((c) => known.has(c));

/**
 * Resolves `name` and `name/sub/path` of a package in the tree (a package importing itself by name, or a
 * workspace package importing another) through its `exports` (or `main`) to the source file.
 */
export function packageResolver(files: readonly SourceFile[]): (specifier: string) => string | null {
  const known = new Set(files.filter((f) => isCodeFile(f.path)).map((f) => f.path));
  const packages = files
    .filter((f) => posix.basename(f.path) === 'package.json')
    .map((f) => ({ dir: dirOf(f.path), json: readJsonObject(f) }))
    .flatMap(({ dir, json }) => (json && typeof json.name === 'string' ? [{ dir, json, name: json.name }] : []));
  return (specifier) => {
    const pkg = packages.find((p) => specifier === p.name || specifier.startsWith(`${p.name}/`));
    if (!pkg) return null;
    for (const target of exportTargets(pkg.json, `.${specifier.slice(pkg.name.length)}`)) {
      for (const stem of sourceStems(joinPath(pkg.dir, target), pkg.dir, files)) {
        const hit = stem.includes('*') ? undefined : sourceFile(stem, known);
        if (hit) return hit;
      }
    }
    return null;
  };
}

/**
 * What a subpath (`.`, `./sub`) of a package names: its `exports` entry (patterns included), else `main` or the path
 * itself (also when the map leaves it out).
 */
function exportTargets(json: Record<string, unknown>, subpath: string): string[] {
  const exported = json.exports;
  if (exported === undefined || exported === null) {
    const main = [json.module, json.main].filter((m): m is string => typeof m === 'string');
    return subpath === '.' ? [...main, './index.js'] : [subpath];
  }
  const bySubpath = isJsonObject(exported) && Object.keys(exported).some((k) => k.startsWith('.')) ? exported : { '.': exported };
  if (subpath in bySubpath) return stringsIn(bySubpath[subpath]);
  for (const [key, value] of Object.entries(bySubpath)) {
    const [before, after, extra] = key.split('*');
    if (after === undefined || extra !== undefined || before === undefined) continue;
    if (subpath.length > before.length + after.length && subpath.startsWith(before) && subpath.endsWith(after)) {
      const star = subpath.slice(before.length, subpath.length - after.length);
      return stringsIn(value).map((target) => target.replaceAll('*', star));
    }
  }
  // A subpath the map does not publish: Node refuses it, so the import builds only through an alias (tsconfig `paths`,
  // a bundler's) onto the package's own files, `name/sub` for `sub` under the package or its src/.
  return subpath === '.' ? [] : [subpath];
}

/**
 * Source paths, without extension, that a built path may come from: itself; the tsconfig's outDir swapped
 * for its rootDir; a build folder (dist/, lib/, dist/esm/ …) swapped for src/, lib/ or the package root; and
 * src/ in front of a path at the package root (packages that publish their build at the top).
 */
export function sourceStems(built: string, packageDir: string, files: readonly SourceFile[]): string[] {
  const stem = built.replace(CODE_EXTENSIONS, '');
  const inPackage = packageDir === '' ? stem : stem.slice(packageDir.length + 1);
  const stems = [stem];
  const settings = tsSettingsFor(packageDir, files);
  if (settings?.outDir !== undefined && stem.startsWith(`${settings.outDir}/`)) {
    stems.push(joinPath(settings.rootDir ?? packageDir, stem.slice(settings.outDir.length + 1)));
  }
  const parts = inPackage.split('/');
  let buildDepth = 0;
  while (buildDepth < parts.length - 1 && BUILD_DIRS.has(parts[buildDepth] as string)) buildDepth++;
  const rest = parts.slice(buildDepth).join('/');
  // A build written beside the package root (`lib/x.js` from `src/lib/x.ts`) before a build directory stripped (`lib/` from `src/`),
  // then sources kept in lib/ (`dist/ajv.js` from `lib/ajv.ts`).
  stems.push(joinPath(packageDir, `src/${inPackage}`), joinPath(packageDir, `src/${rest}`));
  if (parts[0] !== 'lib') stems.push(joinPath(packageDir, `lib/${rest}`));
  stems.push(joinPath(packageDir, rest));
  return [...new Set(stems)];
}

function matchesPattern(path: string, stemPattern: string): boolean {
  const escaped = stemPattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.+')}(\\.(d\\.)?[mc]?[jt]sx?)?$`).test(path) && !/\.d\.[mc]?ts$/.test(path);
}
