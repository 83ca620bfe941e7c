// Twin branches whose swapped word selects members of different types (Ajv's `it.props: EvaluatedProperties | Name`,
// `it.items: EvaluatedItems | Name`): `key: 'props' | 'items'` does not type-check there, so the fix names a generic
// helper taking the values that differ, one parameter per member, each with its role and both copies' values.
import type { SwappedMember } from '../suggest/member-types.js';
import { camelOf, listOf, wordsOf } from '../suggest/words.js';

export interface HelperParameter {
  name: string;
  role: string;
  member: SwappedMember;
  /** Its type written over the type parameter (`MergeEvaluatedFunc<T>`), when one substitution gives both copies' types. */
  type?: string;
}

/** `EvaluatedProperties` / `EvaluatedItems`: the pair most members differ by, which the helper's `T` stands for. */
function typeParameterOf(members: readonly SwappedMember[]): [string, string] | undefined {
  const pairs = members.flatMap((m) => (m.varies && !m.varies[0].includes('<') ? [m.varies.join('\n')] : []));
  const best = pairs.sort((x, y) => pairs.filter((p) => p === y).length - pairs.filter((p) => p === x).length)[0];
  return best ? (best.split('\n') as [string, string]) : undefined;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const sorted = (type: string): string => type.split(' | ').sort().join(' | ');

/** `MergeEvaluatedFunc<EvaluatedProperties>` / `MergeEvaluatedFunc<EvaluatedItems>` over `T` = that pair: `MergeEvaluatedFunc<T>`. */
function overT(member: SwappedMember, pair: [string, string]): string | undefined {
  if (!member.typeA || !member.typeB) return undefined;
  const [a, b] = pair.map((t) => new RegExp(`\\b${escape(t)}\\b`, 'g')) as [RegExp, RegExp];
  const [overA, overB] = [member.typeA.replace(a, 'T'), member.typeB.replace(b, 'T')];
  return sorted(overA) === sorted(overB) ? overA : undefined;
}

/** The type a parameter takes: for the value it updates, the type the guard leaves it (the callee's parameter type). */
function parameterType(member: SwappedMember, pair: [string, string] | undefined, generic: boolean): string | undefined {
  if (member.passedAs && generic && member.use === 'assigned') return member.passedAs;
  if (member.unexported && generic) return member.unexported;
  const type = pair ? overT(member, pair) : member.typeA === member.typeB ? member.typeA : undefined;
  if (!type || member.use === 'assigned') return member.use === 'assigned' ? undefined : type;
  return member.optional && !type.split(' | ').includes('undefined') ? `${type} | undefined` : type;
}

/** A parameter's name and role, from what the branch does with the member. */
function nameAndRole(member: SwappedMember, key: [string, string]): [string, string] {
  const [receiver, own] = [member.a.split('.').slice(0, -1).join('.'), member.a.split('.').at(-1) ?? member.a];
  const rest = wordsOf(own).filter((w) => w !== key[0]);
  if (member.use === 'called') return [wordsOf(receiver)[0] ?? 'fn', 'the function it calls'];
  if (member.use === 'assigned') return ['current', 'the value it updates, returned and assigned by each call'];
  if (rest.length === 0) return [wordsOf(receiver).at(-1) ?? 'value', 'the value it reads'];
  return [camelOf(rest), member.typeA === 'boolean' ? 'the flag it tests' : 'the value it reads'];
}

/** Named by what the branch does with it: the function it calls, the value it updates, a flag, a value it reads. */
function helperParameters(members: readonly SwappedMember[], key: [string, string], pair?: [string, string]): HelperParameter[] {
  // The callee's parameter types are written over its own type parameter: they are the helper's only when that is `T`.
  const called = members.find((m) => m.use === 'called');
  const generic = !!called && !!pair && /<T>$/.test(overT(called, pair) ?? '');
  const taken = new Set(['key']);
  return members.map((member) => {
    const [name, role] = nameAndRole(member, key);
    let unique = name;
    for (let i = 2; taken.has(unique); i++) unique = `${name}${i}`;
    taken.add(unique);
    const type = parameterType(member, pair, generic);
    return { name: unique, role, member, ...(type ? { type } : {}) };
  });
}

/** `mergeFrom`: the verb of the function the branch calls and the last word of the function's own name. */
function helperName(fn: string, parameters: readonly HelperParameter[], taken: (name: string) => boolean): string {
  const own = wordsOf(fn.split('.').at(-1) ?? fn);
  const called = parameters.find((p) => p.member.use === 'called');
  const verb = called ? called.name : (own[0] ?? 'each');
  const candidates = [camelOf([verb, ...own.slice(-1)]), camelOf([...own, 'one']), camelOf([...own, 'twin'])];
  return candidates.find((c) => !taken(c) && c !== fn) ?? `${candidates[0]}Helper`;
}

/** Types every TypeScript module has without an import. */
const GLOBAL_TYPES = new Set([
  'Exclude',
  'Extract',
  'Partial',
  'Required',
  'Readonly',
  'Record',
  'Pick',
  'Omit',
  'NonNullable',
  'ReturnType',
  'Parameters',
  'Promise',
  'Array',
  'ReadonlyArray',
  'Map',
  'Set',
  'Date',
  'RegExp',
  'Error',
  'Awaited',
  'T',
]);

const argument = (m: SwappedMember, text: string): string => (m.optional ? text.replace('.', '?.') : text);

export function genericFix(fn: string, key: [string, string], members: readonly SwappedMember[], taken: (name: string) => boolean): string {
  const differing = members.filter((m) => m.differ);
  const pair = typeParameterOf(members);
  const parameters = helperParameters(members, key, pair);
  const name = helperName(fn, parameters, taken);
  const show = (p: HelperParameter): string =>
    `\`${p.name}${p.type ? `: ${p.type}` : ''}\`, ${p.role} (\`${argument(p.member, p.member.a)}\` / \`${argument(p.member, p.member.b)}\`)`;
  const updates = parameters.find((p) => p.member.use === 'assigned');
  const returns = updates && pair ? overT(updates.member, pair) : undefined;
  const types = listOf(
    differing.map((m) => `\`${m.a}: ${m.typeA}\` / \`${m.b}: ${m.typeB}\``),
    2,
  );
  const typeParameter = pair ? `<T extends ${pair[0]} | ${pair[1]}>` : '<T>';
  const named = [typeParameter, returns ?? '', ...parameters.map((p) => p.type ?? '')].join(' ').match(/\b[A-Z]\w+/g) ?? [];
  const missing = [...new Set(named)].filter((t) => !GLOBAL_TYPES.has(t) && !taken(t));
  return [
    `A \`key: '${key[0]}' | '${key[1]}'\` indexing the members does not type-check: the members the word selects have ` +
      `different types (${types}), a correlated union TypeScript cannot follow.`,
    `Write the branch once as a generic local function \`${name}${typeParameter}(key, ${parameters.map((p) => p.name).join(', ')})\`` +
      `${returns ? ` returning \`${returns}\`` : ''}, taking \`key: '${key[0]}' | '${key[1]}'\` for the strings that name the word ` +
      `and the values that differ: ${parameters.map(show).join('; ')}.`,
    updates
      ? `Call it once per twin, each keeping its guard: \`${updates.member.a} = ${name}('${key[0]}', …)\` and ` +
        `\`${updates.member.b} = ${name}('${key[1]}', …)\`.`
      : `Call it once per twin, each keeping its guard.`,
    ...(missing.length > 0
      ? [`Import the types it names that the module does not import yet (${missing.map((t) => `\`${t}\``).join(', ')}).`]
      : []),
  ].join('\n');
}
