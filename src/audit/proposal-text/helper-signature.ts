// The signature of the helper that replaces copied blocks, as an extract-method
// refactoring would write it: the function's variables the block reads, the
// object state it reads (unless the helper stays a method of the same class),
// then the values that differ between the copies, and what it returns.
import type { Difference, DuplicateFacts } from '../suggest/duplicate.js';

export interface HelperSignature {
  /** Parameter names, in order. */
  names: string[];
  /** How each parameter is filled at the first copy's call site, shown beside its name. */
  sources: string[];
  /** Variables the block declares that its function still uses afterwards. */
  returns: string[];
}

/** Holders of the same class (`A.x`, `A.y`): the helper is a method of that class and reads `this` itself. */
export const sameClass = (holders: readonly string[]): boolean => {
  const owners = holders.map((h) => (h.includes('.') ? h.slice(0, h.lastIndexOf('.')) : undefined));
  return owners[0] !== undefined && owners.every((o) => o === owners[0]);
};

export function helperSignature(facts: DuplicateFacts | null, differences: readonly Difference[]): HelperSignature {
  if (!facts) return { names: [], sources: [], returns: [] };
  const method = sameClass(facts.holders);
  const state = method ? [] : facts.io.state;
  const inputs = facts.io.inputs;
  // A difference between two of the functions' own variables is already an input (`realPath` / `fullPath`).
  const values = differences.filter((d) => !d.input && d.kind !== 'key');
  const raw = [
    ...inputs.map((name) => ({ name, source: name })),
    ...state.map((path) => ({ name: stateName(path), source: path })),
    ...values.map((d, i) => ({ name: valueName(d, i), source: `\`${d.a}\` / \`${d.b}\`` })),
  ];
  const names = raw.map((p, i) => (raw.findIndex((q) => q.name === p.name) === i ? p.name : `${p.name}${i + 1}`));
  return { names, sources: raw.map((p) => p.source), returns: facts.io.outputs };
}

/** `this._def.checks` → `checks`; `this.#queue` → `queue`; `this` → `self`. */
function stateName(path: string): string {
  const last = path.split('.').at(-1) ?? path;
  return last === 'this' ? 'self' : last.replace(/^[#_]+/, '') || 'state';
}

const RESERVED = new Set(['undefined', 'null', 'true', 'false', 'this', 'void', 'new', 'typeof', 'default']);

function valueName(d: Difference, i: number): string {
  if (d.role) return d.role;
  if ((d.kind === 'name' || d.kind === 'property') && /^[A-Za-z_$][\w$]*$/.test(d.a) && !RESERVED.has(d.a))
    return d.a.charAt(0).toLowerCase() + d.a.slice(1);
  return `value${i + 1}`;
}

/** `name(a, b)` returning `x`, or "one function taking (a, b)" when no name fits. */
export function signatureText(name: string | undefined, signature: HelperSignature, maxShown: number): string {
  const shown = signature.names.slice(0, maxShown);
  const parameters = shown.join(', ') + (signature.names.length > maxShown ? ', …' : '');
  const returns =
    signature.returns.length === 0
      ? ''
      : ` returning ${signature.returns.length === 1 ? `\`${signature.returns[0]}\`` : `\`{ ${signature.returns.join(', ')} }\``}`;
  if (name) return `\`${name}(${parameters})\`${returns}`;
  return (parameters === '' ? 'one function' : `one function taking \`(${parameters})\``) + returns;
}

/** "Parameters: `checks` (from `this._def.checks`), …" — only what is not obvious from the name. */
export function parameterSources(signature: HelperSignature, maxShown: number): string | undefined {
  const shown = signature.names.slice(0, maxShown).map((name, i) => {
    const source = signature.sources[i] as string;
    return source === name ? `\`${name}\`` : `\`${name}\` (${source.startsWith('`') ? source : `from \`${source}\``})`;
  });
  if (shown.length === 0) return undefined;
  const more = signature.names.length - shown.length;
  return `Parameters: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}.`;
}
