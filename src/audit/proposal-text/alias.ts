// Two functions identical token for token: one behaviour under two names. Which one calls the other follows the module
// graph: the importer calls what it already imports; when neither file imports the other, a new import either way would
// add a dependency between modules that have none (Crucible's production `ScriptedModel` on the loopback test server's
// SSE module), so the function moves into a module of its own that both import. Never an import that closes a cycle.
import { posix } from 'node:path';
import { at, lineSpan, type CodeIndex, type ProposalWords } from './context.js';
import { deadCopy, deprecatedCopy } from './duplicate-bar.js';
import { kebabOf, wordsOf } from '../suggest/words.js';
import type { Location } from '../types.js';
import type { LiteralMember } from '../suggest/literal-members.js';
import { hoistMember } from './literal-alias.js';

export interface AliasCopies {
  first: Location;
  other: Location;
  sameFile: boolean;
  /** The nearest directory both files share (`src/model/`), as DuplicateFacts.home gives it. */
  home: string;
}

/** `from` imports `to`, directly or through other modules of the tree. */
function reaches(index: CodeIndex, from: string, to: string): boolean {
  const seen = new Set([from]);
  for (let queue = [from]; queue.length > 0;) {
    const next: string[] = [];
    for (const path of queue)
      for (const target of index.importsOf(path)) {
        if (target === to) return true;
        if (!seen.has(target)) (next.push(target), seen.add(target));
      }
    queue = next;
  }
  return false;
}

const bare = (holder: string): string => holder.replace(/`/g, '');
const exported = (index: CodeIndex, copy: Location, holder: string): boolean =>
  index.exportsOf(copy.path).some((e) => e.name === bare(holder));

/** The new module's path: in `dir` (the nearest directory both files share), named for the function, unless that name is taken. */
function sharedModule(index: CodeIndex, dir: string, ext: string, name: string): string {
  const stem = kebabOf(wordsOf(name));
  const candidates = [stem, `${stem}-shared`, `shared-${stem}`].map((s) => `${dir === './' ? '' : dir}${s}${ext}`);
  return candidates.find((p) => !index.file(p)) ?? (candidates[2] as string);
}

export type AliasWords = Words;
interface Words {
  why: string;
  copies: string;
  base: Pick<ProposalWords, 'change' | 'value' | 'belowBar'>;
}

export function describeAlias(
  c: AliasCopies,
  [holderA, holderB]: [string, string],
  index: CodeIndex,
  literal?: { members: [LiteralMember, LiteralMember]; scope: ReadonlySet<string> },
): ProposalWords {
  const copyLines = Math.max(lineSpan(c.first), lineSpan(c.other));
  const words: Words = {
    why:
      `${holderA} (${at(c.first)}) and ${holderB} (${at(c.other)}) are the same ${copyLines} lines token for token, ` +
      'names aside: two names for one behaviour, kept in step by hand.',
    copies: `Copies: ${at(c.first)} in ${holderA} and ${at(c.other)} in ${holderB}.`,
    base: {
      change: { lines: copyLines, files: c.sameFile ? 1 : 2, reach: 0, untested: index.isUntested(c.other.path) },
      value: copyLines * 1.2,
      // No rule of three here: one function calling the other adds no helper and no parameter, so even a short pair pays.
      belowBar: deadCopy([c.first, c.other], index) ?? deprecatedCopy([c.first, c.other], index),
    },
  };
  // Members of object literals have no name to call each other by: one hoisted function, assigned to both keys.
  if (literal) return hoistMember(c, [holderA, holderB], literal.members, literal.scope, words);
  // The module that already depends on the other (directly or not) calls its function: no new dependency, no cycle. In one
  // file, the second calls the first.
  const [aNeedsB, bNeedsA] = c.sameFile
    ? [false, true]
    : [reaches(index, c.first.path, c.other.path), reaches(index, c.other.path, c.first.path)];
  if (aNeedsB !== bNeedsA) {
    const [caller, callee] = bNeedsA ? [holderB, holderA] : [holderA, holderB];
    return callOther(c, [caller, bNeedsA ? c.first : c.other, callee], words, index);
  }
  return moveOut(c, [holderA, holderB], aNeedsB ? 'import each other already (a cycle)' : 'imports the other', words, index);
}

function callOther(c: AliasCopies, [caller, from, callee]: [string, Location, string], words: Words, index: CodeIndex): ProposalWords {
  const where = c.sameFile
    ? 'in the same file'
    : `importing it from ${from.path}, which its module already depends on${exported(index, from, callee) ? '' : ` (export ${callee} there)`}`;
  return {
    title: `Make ${caller} call ${callee}: the two are the same function`,
    why: words.why,
    fix: [words.copies, `Replace the body of ${caller} with a call to ${callee}, ${where}.`].join('\n'),
    acceptance: [
      `The logic exists once: ${caller} calls ${callee}`,
      `The behaviour of ${caller} and ${callee} is unchanged: their tests pass without assertion edits`,
    ],
    ...words.base,
  };
}

/** Neither module depends on the other (or each does): the function moves into a module of its own, which both import. */
function moveOut(c: AliasCopies, [holderA, holderB]: [string, string], relation: string, words: Words, index: CodeIndex): ProposalWords {
  const [kept, keptAt, other, otherAt] =
    exported(index, c.other, holderB) && !exported(index, c.first, holderA)
      ? [holderB, c.other, holderA, c.first]
      : [holderA, c.first, holderB, c.other];
  const home = sharedModule(index, c.home, posix.extname(c.first.path) || '.ts', bare(kept));
  const files = `${c.first.path} and ${c.other.path}`;
  return {
    title: `Move ${kept} into ${home} for ${other} to import: the two are the same function`,
    why: words.why,
    fix: [
      words.copies,
      `${relation === 'imports the other' ? `Neither of ${files} imports the other` : `${files} ${relation}`}, and an import between ` +
        `them would add a dependency the code does not need: move ${kept} (${at(keptAt)}) into a new module, ${home}, that both ` +
        `import, and delete ${other} (${at(otherAt)}), calling ${kept} in its place (or importing it as ${other}).`,
      ...(exported(index, keptAt, kept)
        ? [`Modules importing ${kept} from ${keptAt.path} import it from ${home} instead (or ${keptAt.path} re-exports it).`]
        : []),
    ].join('\n'),
    acceptance: [
      `The logic exists once, in ${home}: ${holderA} and ${holderB} are one function`,
      `The behaviour of ${holderA} and ${holderB} is unchanged: their tests pass without assertion edits`,
    ],
    ...words.base,
    change: { ...words.base.change, files: 3 },
  };
}
