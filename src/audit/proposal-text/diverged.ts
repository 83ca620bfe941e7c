// Two top-level functions of one name in two files that share part of their
// body: one was copied from the other and they have drifted (the SDK's
// `atomicWriteFile`, whose second copy lost the mode-keeping step). The fix is
// not a new helper but keeping the fuller one and importing it, whatever the
// size of the shared part: the copy that lacks the fix is the bug.
import ts from '../compiler.cjs';
import { parse } from '../parse.js';
import { enclosingFunction } from '../suggest/code.js';
import type { Location, SourceFile } from '../types.js';
import { at, lineSpan, type CodeIndex, type ProposalWords } from './context.js';
import { deadCopy, variantCopies } from './duplicate-bar.js';

interface Side {
  copy: Location;
  file: SourceFile;
}

/** The proposal for a copy shared by two same-named top-level functions in two files, else undefined. */
export function describeDiverged(a: Side, b: Side, holder: string, index: CodeIndex): ProposalWords | undefined {
  if (a.copy.path === b.copy.path || holder.includes('.') || holder.startsWith('<') || holder.startsWith('class ')) return undefined;
  const [fnA, fnB] = [enclosingFunction(a.file, a.copy), enclosingFunction(b.file, b.copy)];
  if (!fnA || !fnB || fnA.name !== holder || fnB.name !== holder) return undefined;
  const sizeA = fnA.endLine - fnA.startLine + 1;
  const sizeB = fnB.endLine - fnB.startLine + 1;
  // Another signature (`parseBody(text): MessageParams | string` / `…: ChatParams | string`) is another job under one name.
  const [signatureA, signatureB] = [signatureOf(a.file, holder), signatureOf(b.file, holder)];
  if (signatureA === undefined || signatureA !== signatureB) return undefined;
  // Of one length, neither copy holds what the other lacks: a twin for another type or version, not a drift.
  if (sizeA === sizeB) return undefined;
  const [kept, dropped] =
    sizeA >= sizeB
      ? [
          { ...a, fn: fnA },
          { ...b, fn: fnB },
        ]
      : [
          { ...b, fn: fnB },
          { ...a, fn: fnA },
        ];
  const only = outside(kept.fn, kept.copy);
  const name = `\`${holder}\``;
  const exported = index.exportsOf(kept.copy.path).some((e) => e.name === holder);
  const use = exported ? `Import ${name} (exported already) from ${kept.copy.path}` : `Export ${name} from ${kept.copy.path} and import it`;
  const keptAt = at({ path: kept.copy.path, startLine: kept.fn.startLine, endLine: kept.fn.endLine });
  const droppedAt = at({ path: dropped.copy.path, startLine: dropped.fn.startLine, endLine: dropped.fn.endLine });
  return {
    title: `Keep one ${name}: the copies in ${kept.copy.path} and ${dropped.copy.path} have drifted apart`,
    why:
      `${name} is written twice, ${keptAt} (${kept.fn.endLine - kept.fn.startLine + 1} lines) and ${droppedAt} ` +
      `(${dropped.fn.endLine - dropped.fn.startLine + 1} lines); they share ${Math.min(lineSpan(a.copy), lineSpan(b.copy))} lines ` +
      `(${at(kept.copy)} / ${at(dropped.copy)}) and differ in the rest, so a fix made in one (${only}) is missing from the other.`,
    fix: [
      `${use} in ${dropped.copy.path} in place of its own copy (${droppedAt}).`,
      `First check that what only the copy in ${kept.copy.path} does (${only}) is right for the callers in ${dropped.copy.path}; ` +
        'if one of them needs the other behaviour, give the function an option for it rather than a second copy.',
    ].join('\n'),
    acceptance: [
      `${name} exists once, in ${kept.copy.path}; ${dropped.copy.path} imports it`,
      `The callers in ${dropped.copy.path} get what the kept copy adds (${only}), with a test showing it`,
    ],
    change: { lines: dropped.fn.endLine - dropped.fn.startLine + 1, files: 2, reach: 0, untested: index.isUntested(dropped.copy.path) },
    // A drifted copy is a bug already, not only a future cost.
    value: (Math.max(sizeA, sizeB) + Math.min(lineSpan(a.copy), lineSpan(b.copy))) * 1.5,
    concrete: true,
    belowBar: variantCopies([a.copy.path, b.copy.path]) ?? deadCopy([a.copy, b.copy], index),
  };
}

/** The lines of the function outside the shared copy, header and closing brace aside. */
function outside(fn: { startLine: number; endLine: number }, copy: Location): string {
  const span = (from: number, to: number) => (from === to ? `${from}` : `${from}-${to}`);
  const before = copy.startLine - 1 > fn.startLine ? [span(fn.startLine + 1, copy.startLine - 1)] : [];
  const after = copy.endLine + 1 < fn.endLine ? [span(copy.endLine + 1, fn.endLine - 1)] : [];
  const ranges = [...before, ...after];
  return ranges.length === 0 ? 'its own lines' : `lines ${ranges.join(' and ')}`;
}

/** The parameters and return type of the top-level function declaration `name`, as written (spaces folded). */
function signatureOf(file: SourceFile, name: string): string | undefined {
  const sf = parse(file);
  const declaration = sf.statements.find((s): s is ts.FunctionDeclaration => ts.isFunctionDeclaration(s) && s.name?.text === name);
  if (!declaration) return undefined;
  const text = `(${declaration.parameters.map((p) => p.getText(sf)).join(', ')}): ${declaration.type?.getText(sf) ?? ''}`;
  return text.replace(/\s+/g, ' ');
}
