// Exported names that nothing in the tree imports. `export * from` passes
// requests on to the module it names; `import * as`, `import()` and
// `require()` use every export. Interfaces and type aliases that another
// export's declaration names are part of that export's signature and are not
// reported, in their module or re-exported by a barrel. Entry points are used from outside, with everything they
// re-export: what a package.json publishes, files a framework loads by
// convention (see entries.ts), and the config's `entries` globs. Tests count
// as users; in a published package without tests the finding says they may be the users.
import type { AuditConfig } from '../config.js';
import { deepImportable, isFrameworkEntry, publishedModules } from '../entries.js';
import type { AuditTree } from '../facts/types.js';
import { fingerprintOf } from '../fingerprint.js';
import { globMatcher } from '../globs.js';
import { graphFromFacts, type ExportRef, type ModuleInfo } from '../module-graph.js';
import { isCodeFile } from '../source-kinds.js';
import type { Finding } from '../types.js';

export type UnusedExportThresholds = Pick<AuditConfig['unusedExports'], 'entries'> & {
  /** Which files are tests (`untested.tests`): in a published package with none, the tests that may import an export are elsewhere. */
  tests?: readonly string[];
};

/** Ends the message of an unused export in a tree without tests (see proposal-bar.ts). */
export const NO_TESTS_NOTE = 'the package has no tests here, which may be what imports it';

type Usage = Map<string, Set<string> | 'all'>;

export function analyzeUnusedExports({ files, facts }: AuditTree, config: UnusedExportThresholds): Finding[] {
  const isConfiguredEntry = globMatcher(config.entries);
  const publishes = publishedModules(files);
  const published = new Set([...publishes, ...deepImportable(files)]);
  const graph = graphFromFacts(files, facts);
  const used = usage(graph);
  for (const path of graph.keys()) {
    if (published.has(path) || isFrameworkEntry(path) || isConfiguredEntry(path)) useAll(path, graph, used);
  }
  // Like untested.ts: a published package without a single test (its npm tarball) keeps its tests elsewhere, and they may
  // import what nothing here does.
  const isTest = globMatcher([...(config.tests ?? [])]);
  const testless = config.tests !== undefined && publishes.size > 0 && !files.some((file) => isCodeFile(file.path) && isTest(file.path));
  const findings: Finding[] = [];
  for (const module of graph.values()) {
    const names = used.get(module.path);
    if (names === 'all') continue;
    const mentions = facts.get(module.path)?.mentions ?? {};
    for (const exported of module.exports) {
      if (exported.surface || names?.has(exported.name) || isSurfaceReexport(module, exported, graph)) continue;
      findings.push({
        analyzer: 'unused-exports',
        path: module.path,
        startLine: exported.startLine,
        endLine: exported.endLine,
        message: `export ${exported.name === 'default' ? 'default' : `"${exported.name}"`} is never imported in this tree${
          (Object.hasOwn(mentions, exported.name) ? (mentions[exported.name] ?? 0) : 0) > 1
            ? '; it is used inside its module, so only the `export` is unneeded'
            : ''
        }${testless ? `; ${NO_TESTS_NOTE}` : ''}`,
        severity: 'info',
        fingerprint: fingerprintOf('unused-exports', module.path, exported.name),
      });
    }
  }
  return findings.sort((a, b) => a.path.localeCompare(b.path) || a.startLine - b.startLine);
}

/** A barrel's `export { T } from './m'` of a type that m's own exports name in their signatures. */
function isSurfaceReexport(module: ModuleInfo, exported: ExportRef, graph: Map<string, ModuleInfo>): boolean {
  const origin = exported.origin;
  if (origin === undefined) return false;
  return module.imports.some(
    (ref) =>
      ref.reexport &&
      ref.target !== null &&
      Array.isArray(ref.names) &&
      ref.names.includes(origin) &&
      (graph.get(ref.target)?.exports.some((e) => e.name === origin && e.surface) ?? false),
  );
}

/** Which names of each module some import asks for. */
function usage(graph: Map<string, ModuleInfo>): Usage {
  const used: Usage = new Map();
  for (const ref of [...graph.values()].flatMap((module) => module.imports)) {
    if (ref.target === null) continue;
    if (ref.names === 'all') useAll(ref.target, graph, used);
    else for (const name of ref.names) useName(ref.target, name, graph, used, new Set());
  }
  return used;
}

function useAll(path: string, graph: Map<string, ModuleInfo>, used: Usage): void {
  if (used.get(path) === 'all') return;
  used.set(path, 'all');
  for (const ref of graph.get(path)?.imports ?? []) if (ref.forwardsAll && ref.target !== null) useAll(ref.target, graph, used);
}

/** Marks `name` of `path` as used; a name the module does not declare is looked for behind its `export *`. */
function useName(path: string, name: string, graph: Map<string, ModuleInfo>, used: Usage, seen: Set<string>): void {
  if (seen.has(path)) return;
  seen.add(path);
  const current = used.get(path);
  if (current === 'all') return;
  used.set(path, (current ?? new Set()).add(name));
  const module = graph.get(path);
  if (!module || module.exports.some((e) => e.name === name)) return;
  for (const ref of module.imports) if (ref.forwardsAll && ref.target !== null) useName(ref.target, name, graph, used, seen);
}
