// The facts about a tree that proposals ask for, from the files the audit
// read and its findings: files by path, who imports what, which modules no
// test reaches. The module graph is the one the analyzers already built.
import { binTargets, publishedModules } from './entries.js';
import { moduleGraph, type ModuleInfo } from './imports.js';
import { isBenchPath, isTestPath, isTestSupportPath, type CodeIndex } from './proposal-text/context.js';
import type { Finding, SourceFile } from './types.js';

export function codeIndex(files: readonly SourceFile[], findings: readonly Finding[]): CodeIndex {
  const byPath = new Map(files.map((f) => [f.path, f] as const));
  const graph = moduleGraph(files);
  const importers = new Map<string, Array<{ from: string; names: string[] | 'all' }>>();
  for (const module of graph.values()) {
    for (const ref of module.imports) {
      if (ref.target === null || ref.target === module.path) continue;
      importers.set(ref.target, [...(importers.get(ref.target) ?? []), { from: module.path, names: ref.names }]);
    }
  }
  const untested = new Set(findings.filter((f) => f.analyzer === 'untested').map((f) => f.path));
  // An unused export that its own module does not use either (the analyzer says when it does).
  const dead = findings.filter((f) => f.analyzer === 'unused-exports' && !f.message.includes('used inside its module'));
  const paths = files.map((f) => f.path);
  const importersOf = (path: string): string[] => (importers.get(path) ?? []).map((i) => i.from);
  const support = new Set(paths.filter((p) => isTestPath(p) || isBenchPath(p) || isTestSupportPath(p)));
  // Only imports that load the module count here: `import type { TuiOptions }` from a tested module runs nothing of it.
  const loadedBy = new Map<string, string[]>();
  for (const module of graph.values())
    for (const ref of module.imports)
      if (ref.target !== null && ref.target !== module.path && !ref.typeOnly)
        loadedBy.set(ref.target, [...(loadedBy.get(ref.target) ?? []), module.path]);
  const published = forwardedWhole(graph, publishedModules(files));
  const entryOnly = closure(publishedModules(files, binTargets), paths, (path) => loadedBy.get(path) ?? []);
  return {
    file: (path) => byPath.get(path),
    filesIn: (dir) => paths.filter((p) => dirOf(p) === dir).sort(),
    importers: (path) => new Set((importers.get(path) ?? []).map((i) => i.from)).size,
    importersOf: (path, name) => [
      ...new Set((importers.get(path) ?? []).filter((i) => i.names === 'all' || i.names.includes(name)).map((i) => i.from)),
    ],
    exportsOf: (path) => graph.get(path)?.exports ?? [],
    importsOf: (path) => [
      ...new Set((graph.get(path)?.imports ?? []).flatMap((ref) => (ref.target !== null && ref.target !== path ? [ref.target] : []))),
    ],
    declarer: (path, name) => declarer(graph, path, name, new Set()),
    reached: (path) => reached(graph, path),
    isPublished: (path) => published.has(path),
    importAt: (path, line) => graph.get(path)?.imports.find((ref) => ref.startLine === line),
    isUntested: (path) => untested.has(path),
    isTestSupport: (path) => support.has(path),
    isEntryOnly: (path) => entryOnly.has(path),
    deadAround: (range) => {
      const hit = dead.find((f) => f.path === range.path && f.startLine <= range.startLine && f.endLine >= range.endLine);
      return hit ? (/export "(.+?)"/.exec(hit.message)?.[1] ?? 'default') : undefined;
    },
  };
}

/**
 * The module that declares `name` as `path` sees it: the target of its import of `name` (or of its `export { name } from`),
 * followed on; else `path` itself when it exports its own `name`; else whichever `export * from` target declares it.
 */
function declarer(graph: ReadonlyMap<string, ModuleInfo>, path: string, name: string, seen: Set<string>): string | undefined {
  if (seen.has(path)) return undefined;
  seen.add(path);
  const module = graph.get(path);
  if (!module) return undefined;
  const named = module.imports.find((ref) => !ref.dynamic && ref.target !== null && ref.names !== 'all' && ref.names.includes(name));
  if (named?.target) return declarer(graph, named.target, name, seen);
  if (module.exports.some((e) => e.name === name && e.origin === undefined)) return path;
  for (const ref of module.imports) {
    const found = ref.forwardsAll && ref.target !== null ? declarer(graph, ref.target, name, seen) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** The targets of `path`'s imports, then of every `export … from` among them, until none is new. */
function reached(graph: ReadonlyMap<string, ModuleInfo>, path: string): Set<string> {
  const found = new Set((graph.get(path)?.imports ?? []).flatMap((ref) => (ref.target !== null && !ref.dynamic ? [ref.target] : [])));
  for (const module of found)
    for (const ref of graph.get(module)?.imports ?? []) if (ref.reexport && ref.target !== null) found.add(ref.target);
  found.delete(path);
  return found;
}

/** The modules, and every module one of them passes on whole (`export * from`), followed on. */
function forwardedWhole(graph: ReadonlyMap<string, ModuleInfo>, modules: Set<string>): Set<string> {
  for (const module of modules)
    for (const ref of graph.get(module)?.imports ?? []) if (ref.forwardsAll && ref.target !== null) modules.add(ref.target);
  return modules;
}

/** The seed, then (until nothing changes) every module all of whose importers are already in the set. */
function closure(seed: Set<string>, paths: readonly string[], importersOf: (path: string) => string[]): Set<string> {
  const support = new Set(seed);
  for (let grew = true; grew;) {
    grew = false;
    for (const path of paths) {
      const from = importersOf(path).filter((i) => i !== path);
      if (support.has(path) || from.length === 0 || !from.every((i) => support.has(i))) continue;
      support.add(path);
      grew = true;
    }
  }
  return support;
}

const dirOf = (path: string): string => path.split('/').slice(0, -1).join('/');
