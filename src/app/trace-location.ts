// Tracing a code location: `path:line` or `path:start-end` reaches every link
// whose range contains (overlaps) it, and a whole-file link covers every line, so
// asking about line 11 of a range linked as 10-14 finds what that range is linked to.
import { kindOfId } from '../record/ids.js';
import { trace, type TraceResult } from '../record/queries.js';
import type { TableReader } from '../record/tx.js';

interface Place {
  path: string;
  range?: { start: number; end: number };
}

/** `path`, `path:12` or `path:12-40` as a place, or undefined for an entity id or nothing readable. */
export function placeOf(node: string): Place | undefined {
  if (kindOfId(node)) return undefined;
  const match = /^(.+?)(?::(\d+)(?:-(\d+))?)?$/.exec(node);
  if (!match?.[1]) return undefined;
  if (match[2] === undefined) return { path: match[1] };
  const start = Number(match[2]);
  return { path: match[1], range: { start, end: match[3] === undefined ? start : Number(match[3]) } };
}

const covers = (linked: Place, asked: Place): boolean =>
  linked.path === asked.path &&
  (!linked.range || !asked.range || (linked.range.start <= asked.range.end && asked.range.start <= linked.range.end));

/** The code nodes of the record's trace edges that cover `location`, in a stable order. */
export function linkedNodesCovering(view: TableReader, location: string): string[] {
  const asked = placeOf(location);
  if (!asked) return [];
  const found = new Set<string>();
  for (const edge of view.rows('edges')) {
    for (const end of [edge.from, edge.to]) {
      const place = placeOf(end);
      if (place && covers(place, asked)) found.add(end);
    }
  }
  return [...found].sort();
}

export interface LocationTrace extends TraceResult {
  /** The linked code nodes the location falls in (its own node when linked exactly). */
  matched: string[];
}

/** What every linked range containing `location` is linked to, both ways, each node once at its nearest depth. */
export function traceLocation(view: TableReader, location: string): LocationTrace {
  const matched = linkedNodesCovering(view, location);
  const base = trace(view, location);
  const merge = (lists: TraceResult['outgoing'][]) => {
    const best = new Map<string, TraceResult['outgoing'][number]>();
    for (const item of lists.flat()) {
      const seen = best.get(item.node.id);
      if (item.node.id !== location && (!seen || item.depth < seen.depth)) best.set(item.node.id, item);
    }
    return [...best.values()];
  };
  const traces = matched.map((node) => trace(view, node));
  return {
    root: base.root,
    outgoing: merge([base.outgoing, ...traces.map((t) => t.outgoing)]),
    incoming: merge([base.incoming, ...traces.map((t) => t.incoming)]),
    matched,
  };
}
