// Two members of object literals (or arguments of calls) identical token for token: neither can call the other — a
// member has no name in scope, and a caller that reads it off calls it detached, without `this` — so the fix hoists one
// module-level function and assigns it to both keys, the way the literal's own `key: fn` entries already read.
import { at } from './context.js';
import type { AliasCopies, AliasWords } from './alias.js';
import type { ProposalWords } from './context.js';
import { literalMember, type LiteralMember } from '../suggest/literal-members.js';
import type { Location, SourceFile } from '../types.js';
import { listOf } from '../suggest/words.js';
import type { ContextualTypes } from '../suggest/contextual-types.js';

const bare = (holder: string): string => holder.replace(/`/g, '').split('.').at(-1) ?? holder;

/** `scope`: the names the first file declares at its top level (the hoisted function must not collide with one). */
export function hoistMember(
  c: AliasCopies,
  holders: [string, string],
  members: [LiteralMember, LiteralMember],
  scope: ReadonlySet<string>,
  words: AliasWords,
): ProposalWords {
  const keys = members.map((m, i) => m.key ?? bare(holders[i] as string)) as [string, string];
  const shorter = [...keys].sort((x, y) => x.length - y.length)[0] as string;
  const name = scope.has(shorter) ? undefined : shorter;
  const fn = name ?? 'one module-level function';
  const example = members.flatMap((m) => m.assigned).find(([key, value]) => key !== value);
  const pattern = example ? `, as the literal already does for \`${example[0]}: ${example[1]}\`` : '';
  const where = c.sameFile ? `in ${c.first.path}` : `in ${c.home} (a module both files import)`;
  const entry = (k: string) => (k === name ? `\`${k}\` (shorthand)` : `\`${k}: ${name ?? 'fn'}\``);
  const assign = keys[0] === keys[1] ? `${entry(keys[0])} in each literal` : keys.map(entry).join(' and ');
  return {
    title: `Hoist ${name ? `\`${name}\`` : 'one function'} for ${holders[0]} and ${holders[1]}: the two members are the same function`,
    why: words.why,
    fix: [
      words.copies,
      `Both are ${members.every((m) => m.key !== undefined) ? 'members of an object literal' : 'functions passed inline to a call'}, ` +
        'so neither has a name in scope and whoever reads them off may call them detached, without `this`: one cannot call the ' +
        `other. Move the body of ${holders[0]} (${at(c.first)}) into ${name ? `a module-level function \`${name}\`` : fn} ${where} ` +
        `and assign it to both keys (${assign})${pattern}; delete the body of ${holders[1]} (${at(c.other)}).`,
      ...(members[0].types ? [typesNote(members[0].types, members[0].key !== undefined)] : []),
    ].join('\n'),
    acceptance: [
      `The logic exists once: ${holders[0]} and ${holders[1]} are one function, assigned to both keys`,
      `The behaviour of ${holders[0]} and ${holders[1]} is unchanged: their tests pass without assertion edits`,
    ],
    ...words.base,
  };
}

/** The untyped parameters lose the types the literal (or the call) gave them once the function moves out of it. */
function typesNote({ untyped, typedBy, written }: ContextualTypes, inLiteral: boolean): string {
  const one = untyped.length === 1;
  const names = listOf(
    untyped.map((p) => `\`${p}\``),
    untyped.length,
  );
  const source = typedBy ?? (inLiteral ? "the literal's context" : 'the call it is passed to');
  return (
    `${one ? 'Its parameter' : 'Its parameters'} ${names} ${one ? 'is' : 'are'} typed by ${source}: as a module-level function it loses ` +
    `${one ? 'that type' : 'those types'}, so give ${one ? 'it an explicit one' : 'them explicit ones'}${written ? `: \`${written}\`` : ''}.`
  );
}

/** Both copies' literal membership, when both are members of object literals or arguments of calls. */
export function literalPair(
  [fileA, fileB]: [SourceFile | undefined, SourceFile | undefined],
  [first, other]: [Location, Location],
  scope: ReadonlySet<string>,
): { members: [LiteralMember, LiteralMember]; scope: ReadonlySet<string> } | undefined {
  const [a, b] = [fileA && literalMember(fileA, first), fileB && literalMember(fileB, other)];
  return a && b ? { members: [a, b], scope } : undefined;
}
