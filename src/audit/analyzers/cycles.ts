// Import cycles: strongly connected groups of modules in the static import
// graph (dynamic `import()` and, by default, `import type` excluded). One
// finding per group, at the import that starts its shortest cycle.
import type { AuditConfig } from '../config.js';
import { fingerprintOf } from '../fingerprint.js';
import type { AuditTree } from '../facts/types.js';
import { graphFromFacts, type ImportRef } from '../module-graph.js';
import type { Finding, Location } from '../types.js';

export type CycleThresholds = Pick<AuditConfig['cycles'], 'includeTypeOnly'>;

type Edges = Map<string, Map<string, ImportRef>>;

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
  const findings: Finding[] = [];
  for (const group of stronglyConnected(edges)) {
    const start = [...group].sort()[0] as string;
    const isCycle = group.size > 1 || edges.get(start)?.has(start);
    if (!isCycle) continue;
    const cycle = shortestCycle(start, group, edges);
    const steps: Location[] = cycle.slice(0, -1).map((from, i) => {
      const ref = edges.get(from)?.get(cycle[i + 1] as string) as ImportRef;
      return { path: from, startLine: ref.startLine, endLine: ref.endLine };
    });
    const [first, ...rest] = steps as [Location, ...Location[]];
    const members = [...group].sort();
    const extra = group.size > cycle.length - 1 ? `; ${group.size} modules are entangled: ${members.join(', ')}` : '';
    findings.push({
      analyzer: 'cycles',
      ...first,
      message: `import cycle: ${cycle.join(' → ')}${extra}`,
      severity: 'warning',
      metric: { name: 'modules-in-cycle', value: group.size, limit: 1 },
      related: rest,
      fingerprint: fingerprintOf('cycles', ...members),
    });
  }
  return findings.sort((a, b) => a.path.localeCompare(b.path));
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
