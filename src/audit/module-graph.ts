// The module graph from per-file facts: relative specifiers resolved against
// the files of the tree (NodeNext's `./x.js` names `./x.ts`), packages of the
// tree by name, and type-only-ness chosen by the nearest tsconfig. No compiler here.
import { posix } from 'node:path';
import { packageResolver } from './entries.js';
import type { FileFacts, RawExport } from './facts/types.js';
import { dirOf, tsSettingsFor } from './manifests.js';
import { isCodeFile } from './source-kinds.js';
import type { SourceFile } from './types.js';

export interface ImportRef {
  specifier: string;
  /** The file the specifier names, when it is in the tree (relative, or a package of the tree named by its name). */
  target: string | null;
  startLine: number;
  endLine: number;
  /** Erased at runtime: `import type`, `import { type A }`, `export type {..} from`, or bindings used only as types. */
  typeOnly: boolean;
  /** `import()` or `require()`: loaded lazily, names unknown. */
  dynamic: boolean;
  /** Names taken from the target (`default` for a default import), or every name. */
  names: string[] | 'all';
  /** `export * from`: names asked of this module and not its own may come from the target. */
  forwardsAll: boolean;
  /** `export ... from`: the target's names are passed on to this module's importers. */
  reexport: boolean;
}

/** An export: `surface` marks a type another export's declaration names; `origin` is `a` of `export { a as b } from`. */
export type ExportRef = RawExport;

export interface ModuleInfo {
  path: string;
  imports: ImportRef[];
  exports: ExportRef[];
}

const built = new WeakMap<readonly SourceFile[], Map<string, ModuleInfo>>();

/** The graph already built for exactly this list of files, if any (proposals reuse the audit's). */
export const knownGraph = (files: readonly SourceFile[]): Map<string, ModuleInfo> | undefined => built.get(files);

/** Modules of the code files in `files`, by path, from their facts. */
export function graphFromFacts(
  files: readonly SourceFile[],
  facts: ReadonlyMap<string, Pick<FileFacts, 'imports' | 'exports'>>,
): Map<string, ModuleInfo> {
  const cached = built.get(files);
  if (cached) return cached;
  const code = files.filter((file) => isCodeFile(file.path));
  const known = new Set(code.map((file) => file.path));
  const keeps = (path: string): boolean => tsSettingsFor(dirOf(path), files)?.keepsValueImports ?? false;
  const byName = packageResolver(files);
  const resolve = (from: string, specifier: string): string | null => resolveSpecifier(from, specifier, known) ?? byName(specifier);
  const graph = new Map<string, ModuleInfo>();
  for (const file of code) {
    const fact = facts.get(file.path);
    if (!fact) throw new Error(`audit: no facts extracted for ${file.path}`);
    const keepsValueImports = keeps(file.path);
    const imports = fact.imports.map(({ typeOnlyKept, typeOnlyErased, ...ref }) => ({
      ...ref,
      target: resolve(file.path, ref.specifier),
      typeOnly: keepsValueImports ? typeOnlyKept : typeOnlyErased,
    }));
    graph.set(file.path, { path: file.path, imports, exports: fact.exports });
  }
  built.set(files, graph);
  return graph;
}

const SWAPS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** The tree's file a relative specifier names, or null (bare packages, missing files). */
export function resolveSpecifier(from: string, specifier: string, known: ReadonlySet<string>): string | null {
  if (!/^\.\.?(\/|$)/.test(specifier)) return null;
  const base = posix.normalize(posix.join(posix.dirname(from), specifier)).replace(/\/$/, '');
  const ext = posix.extname(base);
  const stem = ext ? base.slice(0, -ext.length) : base;
  const candidates = [
    base,
    ...(SWAPS[ext] ?? []).map((swap) => stem + swap),
    ...EXTENSIONS.map((e) => base + e),
    ...EXTENSIONS.map((e) => `${base}/index${e}`),
  ];
  return candidates.find((candidate) => known.has(candidate)) ?? null;
}
