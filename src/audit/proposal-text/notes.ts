// Smaller, local proposals: an import cycle (which edge to cut), a file's
// `any` (which lines), a file's marker comments (which to resolve).
import { isInTypePosition, usesOf } from '../suggest/code.js';
import { readsAtLoad } from '../suggest/load-reads.js';
import { listOf, plural } from '../suggest/words.js';
import type { Finding, Location } from '../types.js';
import { at, metricOf, type CodeIndex, type ProposalWords, type Refactor } from './context.js';

interface Edge {
  at: Location;
  target: string;
  names: string[];
  typeOnlyUse: boolean;
  /** The module the target takes every one of `names` from (`export {…} from`), and their names there. */
  passedOn?: { from: string; origins: string[] };
}

/** Where `target` takes `names` from, when it only passes all of them on from one other module. */
function passedOnFrom(target: string, names: string[], index: CodeIndex): Edge['passedOn'] {
  const sources = names.map((name) => {
    const exported = index.exportsOf(target).find((e) => e.name === name && e.origin !== undefined);
    if (!exported) return undefined;
    // The `export {…} from` statement holding the name starts on its line or above.
    for (let line = exported.startLine; line >= 1 && line > exported.startLine - 500; line--) {
      const ref = index.importAt(target, line);
      if (ref)
        return ref.reexport && ref.target !== null && ref.endLine >= exported.endLine
          ? { from: ref.target, origin: exported.origin }
          : undefined;
    }
    return undefined;
  });
  const from = sources[0]?.from;
  if (from === undefined || !sources.every((source) => source?.from === from)) return undefined;
  return { from, origins: sources.map((source) => source?.origin as string) };
}

export function describeCycle(refactor: Refactor, index: CodeIndex): ProposalWords {
  const first = refactor.members[0] as Finding;
  const chain = /import cycle: (.+?)(;|$)/.exec(first.message)?.[1]?.split(' → ') ?? [];
  const edges: Edge[] = [first, ...(first.related ?? [])].map((loc, i) => {
    const ref = index.importAt(loc.path, loc.startLine);
    const names = ref && ref.names !== 'all' ? ref.names : [];
    const file = index.file(loc.path);
    // A re-export (`export {…} from`) passes the value on at runtime, however the file itself uses it.
    const typeOnlyUse =
      file !== undefined && !ref?.reexport && names.length > 0 && names.every((n) => usesOf(file, n).every(isInTypePosition));
    const target = ref?.target ?? chain[i + 1] ?? '?';
    const passedOn = names.length > 0 ? passedOnFrom(target, names, index) : undefined;
    return { at: loc, target, names, typeOnlyUse, ...(passedOn && !chain.includes(passedOn.from) ? { passedOn } : {}) };
  });
  // Cheapest first: an import of names the target only passes on (import them from where they come from), then a type-only use.
  const passEdge = edges.find((e) => e.passedOn);
  const typeEdge = passEdge ? undefined : edges.find((e) => e.typeOnlyUse);
  const cut =
    passEdge ?? typeEdge ?? [...edges].filter((e) => e.names.length > 0).sort((a, b) => a.names.length - b.names.length)[0] ?? edges[0];
  const names = listOf(
    (cut?.names ?? []).map((n) => `\`${n}\``),
    4,
  );
  const origins = (cut?.passedOn?.origins ?? []).map((o, i) => (o === cut?.names[i] ? `\`${o}\`` : `\`${o}\` (as \`${cut?.names[i]}\`)`));
  const fix = !cut
    ? 'Cut one import of the cycle.'
    : cut.passedOn
      ? `Cut ${at(cut.at)} (→ ${cut.target}): ${cut.target} only passes ${names} on from ${cut.passedOn.from}; ` +
        `import ${listOf(origins, 4)} from ${cut.passedOn.from} directly.`
      : typeEdge
        ? `Cut ${at(typeEdge.at)} (→ ${typeEdge.target}): ${names} ${typeEdge.names.length === 1 ? 'is' : 'are'} only used as types there; ` +
          'make it `import type`.'
        : `Cut ${at(cut.at)} (→ ${cut.target}), the edge with the fewest names (${names || 'none listed'}): move ${names || 'what it uses'} ` +
          `out of ${cut.target} into ${cut.at.path} or into a new module both import, so ${cut.target} no longer sits on the cycle.`;
  const modules = metricOf(first).value;
  const deferred = edges.every((e) => {
    const file = index.file(e.at.path);
    return file !== undefined && e.names.length > 0 && !readsAtLoad(file, e.names);
  });
  // The internal-module pattern (analyzers/cycles.ts): the finding's own note says why it is deliberate.
  const pattern = /; (only through .+?)(; \d+ modules are entangled|$)/.exec(first.message)?.[1];
  return {
    title: `Break the import cycle ${chain.length > 0 ? chain.join(' → ') : `through ${first.path}`}`,
    why: pattern
      ? `${plural(modules, 'module')} import each other (${chain.join(' → ')}) ${pattern}.`
      : deferred
        ? `${plural(modules, 'module')} import each other (${chain.join(' → ')}). Nothing one imports from another is read while it ` +
          'loads (only inside functions, or passed on), so it works today; but which one loads first depends on who is imported ' +
          'first, so a value one day read at load time would be undefined, and none of them can be loaded or tested alone.'
        : `${plural(modules, 'module')} import each other (${chain.join(' → ')}): which one loads first depends on who is imported first, ` +
          'so a value can be undefined at startup, and none of them can be loaded or tested alone.',
    fix,
    acceptance: [
      `${cut?.at.path ?? first.path} no longer imports ${cut?.target ?? 'the next module of the cycle'} at runtime, and nothing it imports leads back to it`,
      'The behaviour is unchanged: the tests pass without assertion edits',
    ],
    change: {
      lines: typeEdge || passEdge ? 1 : 20,
      files: typeEdge || passEdge ? 1 : 3,
      reach: typeEdge || passEdge ? 0 : (cut?.names.length ?? 1),
      untested: false,
    },
    value: 8 * modules,
  };
}

export function describeAny(refactor: Refactor): ProposalWords {
  const first = refactor.members[0] as Finding;
  const lines = [...new Set(/on lines ([\d, ]+)$/.exec(first.message)?.[1]?.split(', ') ?? [])];
  const count = Number(/^(\d+) explicit/.exec(first.message)?.[1] ?? lines.length);
  return {
    title: `Type the ${plural(count, '`any`')} in ${first.path}`,
    why: `${first.path} has ${first.message.replace(/; on lines.*$/, '')}: the type checker is off for whatever flows through them.`,
    fix:
      `Give each \`any\` on line${lines.length === 1 ? '' : 's'} ${listOf(lines, 12)} a real type, or \`unknown\` narrowed where it is used; ` +
      'where `any` is really needed, say why in a comment on that line.',
    acceptance: [
      'Each listed `any` is a real type, `unknown` with narrowing, or explained by a comment; the type check and the tests pass',
    ],
    change: { lines: count * 2, files: 1, reach: 0, untested: false },
    value: Math.min(25, 1.5 * count),
  };
}

export function describeMarkers(refactor: Refactor): ProposalWords {
  const { members } = refactor;
  const first = members[0] as Finding;
  const warnings = members.filter((m) => m.severity === 'warning').length;
  return {
    title: `Resolve ${plural(members.length, 'marker comment')} in ${first.path}`,
    why: `${first.path} records unfinished or fragile work${warnings > 0 ? ` (${plural(warnings, 'FIXME or HACK')})` : ''}: ${listOf(
      members.map((m) => `line ${m.startLine} "${m.message}"`),
      4,
    )}.`,
    fix: members.map((m) => `- line ${m.startLine}: do what "${m.message}" asks, or file it as a task and delete the comment`).join('\n'),
    acceptance: ['Each marker is resolved (the work done) or turned into a task in the record and the comment removed'],
    change: { lines: 5 * members.length, files: 1, reach: 0, untested: false },
    value: 2 * members.length + 2 * warnings,
  };
}
