// Source modules that no test reaches. A module is tested when a test loads
// it through its chain of runtime imports (ordinary imports, re-exports,
// `import()` and `require()` of a literal path); imports TypeScript erases
// (type-only) load nothing. Modules with nothing to run (types, re-exports
// only) need no test of their own. A tree with no test at all is not
// reported: its tests live outside what was audited.
import type { AuditConfig } from '../config.js';
import type { AuditTree } from '../facts/types.js';
import { fingerprintOf } from '../fingerprint.js';
import { globMatcher } from '../globs.js';
import { graphFromFacts, type ModuleInfo } from '../module-graph.js';
import { isCodeFile, lineCount } from '../source-kinds.js';
import type { Finding } from '../types.js';

export type UntestedThresholds = Pick<AuditConfig['untested'], 'tests' | 'ignore'>;

export function analyzeUntested({ files, facts }: AuditTree, config: UntestedThresholds): Finding[] {
  const isTest = globMatcher(config.tests);
  const isIgnored = globMatcher(config.ignore);
  // A tree without a single test (a published src/ folder, say) keeps its tests elsewhere: every module would be reported.
  if (!files.some((file) => isCodeFile(file.path) && isTest(file.path))) return [];
  const graph = graphFromFacts(files, facts);
  const tested = new Set<string>();
  for (const file of files) {
    if (isTest(file.path)) markTested(file.path, graph, tested);
  }
  const findings: Finding[] = [];
  for (const file of files) {
    if (!isCodeFile(file.path) || isTest(file.path) || isIgnored(file.path) || tested.has(file.path)) continue;
    if (!facts.get(file.path)?.hasRuntimeCode) continue;
    findings.push({
      analyzer: 'untested',
      path: file.path,
      startLine: 1,
      endLine: Math.max(1, lineCount(file.content)),
      message: `no test reaches ${file.path}, directly or through the modules it imports`,
      severity: 'info',
      fingerprint: fingerprintOf('untested', file.path),
    });
  }
  return findings;
}

/** Everything `start` loads at runtime, transitively (iterative: import chains can be deep). */
function markTested(start: string, graph: Map<string, ModuleInfo>, tested: Set<string>): void {
  const stack = [start];
  for (let path = stack.pop(); path !== undefined; path = stack.pop()) {
    for (const ref of graph.get(path)?.imports ?? []) {
      if (ref.target === null || ref.typeOnly || tested.has(ref.target)) continue;
      tested.add(ref.target);
      stack.push(ref.target);
    }
  }
}
