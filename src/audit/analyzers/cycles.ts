// Import cycles: strongly connected groups of modules in the static import
// graph (dynamic `import()` and, by default, `import type` excluded). One
// finding per group, at the import that starts its shortest cycle. A group
// held together only by a module made only of re-exports, which two or more
// of its members import, is the internal-module pattern (one module that fixes
// the load order on purpose): a finding of its own kind, and any real cycle
// left without that module a finding as usual.
import type { AuditConfig } from '../config.js';
import { fingerprintOf } from '../fingerprint.js';
import type { AuditTree, FileFacts } from '../facts/types.js';
import { graphFromFacts, type ImportRef } from '../module-graph.js';
import { listOf } from '../suggest/words.js';
import type { Finding, Location } from '../types.js';

export type CycleThresholds = Pick<AuditConfig['cycles'], 'includeTypeOnly'>;

type Edges = Map<string, Map<string, ImportRef>>;

/** The metric of a cycle that runs only through modules of re-exports: deliberate, so never proposed (see proposal-bar.ts). */
export const REEXPORT_CYCLE_METRIC = 'modules-in-cycle-through-reexports';

export function analyzeCycles({ files, facts }: AuditTree, config: CycleThresholds): Finding[] {
  const edges: Edges = new Map();
  for (const [path, module] of graphFromFacts(files, facts)) {
    const out = new Map<string, ImportRef>();
    for (const ref of module.imports) {
      if (ref.target === null || ref.dynamic || (ref.typeOnly && !config.includeTypeOnly)) continue;
      if (!out.has(ref.target)) out.set(ref.target, ref);
    }
    edges.set(path, out);
  }
  const barrels = reexportOnly(facts);
  const findings: Finding[] = [];
  for (const group of stronglyConnected(edges)) {
    if (!isCycle(group, edges)) continue;
    // The pattern routes the members' imports through the module: one member importing it back is an ordinary cycle.
    const importersOf = (hub: string): number => [...group].filter((path) => edges.get(path)?.has(hub)).length;
    const through = [...group].filter((path) => barrels.has(path) && importersOf(path) >= 2).sort();
    if (through.length === 0) {
      findings.push(cycleFinding(group, edges));
      continue;
    }
    // Without the modules of re-exports, what still cycles is a real cycle.
    const rest = new Set([...group].filter((path) => !through.includes(path)));
    const inner: Edges = new Map([...rest].map((path) => [path, new Map([...(edges.get(path) ?? [])].filter(([to]) => rest.has(to)))]));
    for (const real of stronglyConnected(inner)) if (isCycle(real, inner)) findings.push(cycleFinding(real, inner));
    const hub = through[0] as string;
    const note =
      `only through ${listOf(through)}, made only of re-exports, which ${importersOf(hub)} of the ${group.size} modules import: ` +
      'the internal-module pattern, one module that fixes their load order on purpose';
    findings.push({ ...cycleFinding(group, edges, hub, note), severity: 'info' });
  }
  return findings.sort((a, b) => a.path.localeCompare(b.path));
}

const isCycle = (group: ReadonlySet<string>, edges: Edges): boolean => {
  const [only] = group;
  return group.size > 1 || (only !== undefined && (edges.get(only)?.has(only) ?? false));
};

/** The finding for one group, at the import that starts its shortest cycle from `start`; `note` marks the internal-module pattern. */
function cycleFinding(group: ReadonlySet<string>, edges: Edges, start = [...group].sort()[0] as string, note?: string): Finding {
  const cycle = shortestCycle(start, group, edges);
  const steps: Location[] = cycle.slice(0, -1).map((from, i) => {
    const ref = edges.get(from)?.get(cycle[i + 1] as string) as ImportRef;
    return { path: from, startLine: ref.startLine, endLine: ref.endLine };
  });
  const [first, ...rest] = steps as [Location, ...Location[]];
  const members = [...group].sort();
  const extra = group.size > cycle.length - 1 ? `; ${group.size} modules are entangled: ${members.join(', ')}` : '';
  return {
    analyzer: 'cycles',
    ...first,
    message: `import cycle: ${cycle.join(' → ')}${note ? `; ${note}` : ''}${extra}`,
    severity: 'warning',
    metric: { name: note ? REEXPORT_CYCLE_METRIC : 'modules-in-cycle', value: group.size, limit: 1 },
    related: rest,
    fingerprint: fingerprintOf('cycles', ...members),
  };
}

/** Modules made only of re-exports (`export * from`, `export {…} from`): nothing of their own runs, no other import. */
function reexportOnly(facts: ReadonlyMap<string, Pick<FileFacts, 'hasRuntimeCode' | 'imports'>>): Set<string> {
  const found = new Set<string>();
  for (const [path, fact] of facts) {
    const loaded = fact.imports.filter((ref) => !ref.dynamic && !ref.typeOnlyKept);
    if (!fact.hasRuntimeCode && loaded.length > 0 && loaded.every((ref) => ref.reexport)) found.add(path);
  }
  return found;
}

/** Breadth-first from `start` back to itself inside its group: the path, start repeated at the end. */
function shortestCycle(start: string, group: ReadonlySet<string>, edges: Edges): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as string;
    for (const next of [...(edges.get(node)?.keys() ?? [])].sort()) {
      if (!group.has(next)) continue;
      if (next === start) {
        const path: string[] = [];
        for (let at: string | undefined = node; at !== undefined; at = previous.get(at)) path.unshift(at);
        return [...path, start];
      }
      if (!previous.has(next) && next !== start) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

/** Tarjan's algorithm, iterative so deep import chains cannot overflow the stack. */
function stronglyConnected(edges: Edges): Set<string>[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: Set<string>[] = [];
  let counter = 0;
  for (const root of [...edges.keys()].sort()) {
    if (index.has(root)) continue;
    const work: { node: string; next: string[] }[] = [];
    const enter = (node: string): void => {
      index.set(node, counter);
      low.set(node, counter++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: [...(edges.get(node)?.keys() ?? [])].sort() });
    };
    enter(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; next: string[] };
      const child = frame.next.shift();
      if (child !== undefined) {
        if (!index.has(child)) enter(child);
        else if (onStack.has(child)) low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(child) as number));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const group = new Set<string>();
        let member: string | undefined;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          group.add(member);
        } while (member !== frame.node);
        groups.push(group);
      }
    }
  }
  return groups;
}
