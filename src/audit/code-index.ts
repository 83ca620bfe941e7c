// The facts about a tree that proposals ask for, from the files the audit
// read and its findings: files by path, who imports what, which modules no
// test reaches. The module graph is the one the analyzers already built.
import { moduleGraph } from './imports.js';
import type { CodeIndex } from './proposal-text/context.js';
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
  return {
    file: (path) => byPath.get(path),
    importers: (path) => new Set((importers.get(path) ?? []).map((i) => i.from)).size,
    importersOf: (path, name) => [
      ...new Set((importers.get(path) ?? []).filter((i) => i.names === 'all' || i.names.includes(name)).map((i) => i.from)),
    ],
    exportsOf: (path) => graph.get(path)?.exports ?? [],
    importAt: (path, line) => graph.get(path)?.imports.find((ref) => ref.startLine === line),
    isUntested: (path) => untested.has(path),
  };
}
