// Module-level proposals: untested modules (which exports a first test
// should call) and unused exports (which to un-export, which to delete).
import { posix } from 'node:path';
import ts from '../compiler.cjs';
import { lineAt, parse } from '../parse.js';
import { usesOf } from '../suggest/code.js';
import { declarationsOf } from '../suggest/split.js';
import { listOf, plural } from '../suggest/words.js';
import type { Finding, SourceFile } from '../types.js';
import { at, lineSpan, type CodeIndex, type ProposalWords, type Refactor } from './context.js';

const LISTED = 15;

const exportedName = (finding: Finding): string => /^export "?([^"\s]+)"?/.exec(finding.message)?.[1] ?? 'default';

/** `index.ts` and the like: the entry a directory or package is imported through, whose exports are its API. */
export const isBarrel = (path: string): boolean => /^index\.[cm]?[jt]sx?$/.test(posix.basename(path));

/** Lines of `export { … } from '…'` and `export * from '…'` statements: those names are re-exported, not declared here. */
function reexportLines(file: SourceFile): Set<number> {
  const sf = parse(file);
  const lines = new Set<number>();
  for (const s of sf.statements) {
    if (!ts.isExportDeclaration(s) || !s.moduleSpecifier) continue;
    for (let line = lineAt(sf, s.getStart(sf)); line <= lineAt(sf, s.getEnd()); line++) lines.add(line);
  }
  return lines;
}

const shown = (names: Array<{ name: string; line: number }>): string =>
  listOf(
    names.map((n) => `\`${n.name}\` (line ${n.line})`),
    8,
  );

/**
 * Re-exported names: stop re-exporting them (their module keeps them). Declared names still used inside their own file lose
 * `export`; names used nowhere are deleted, except in a barrel (index), whose exports are the way in: there they are
 * only un-exported, and only if they are not meant as API.
 */
export function unusedFix(file: SourceFile, members: Finding[]): string {
  const reexported = reexportLines(file);
  const names = members.map((m) => ({ name: exportedName(m), line: m.startLine }));
  const relayed = names.filter((n) => reexported.has(n.line));
  const declared = names.filter((n) => !relayed.includes(n));
  const barrel = isBarrel(file.path);
  const local = declared.filter((n) => barrel || (n.name !== 'default' && usesOf(file, n.name).length > 0));
  const dead = declared.filter((n) => !local.includes(n));
  const api = barrel ? ' if they are not meant as the API of this entry point' : '';
  return [
    ...(relayed.length > 0 ? [`Stop re-exporting${api} (the modules they come from keep them): ${shown(relayed)}.`] : []),
    ...(local.length > 0 ? [`Un-export${api || ` (still used in ${file.path})`}: ${shown(local)}.`] : []),
    ...(dead.length > 0 ? [`Delete (used nowhere): ${shown(dead)}.`] : []),
  ].join('\n');
}

/** Lines of dead code worth a proposal: an unused function, class or variable (types and one-liners are cosmetic). */
const MIN_DEAD_LINES = 3;

/** An unused export used nowhere, not even in its own file, that is a function, class or variable of some size. */
function deadCode(file: SourceFile, members: Finding[]): boolean {
  const reexported = reexportLines(file);
  const declarations = declarationsOf(file);
  return members.some((m) => {
    const name = exportedName(m);
    if (reexported.has(m.startLine) || name === 'default' || isBarrel(file.path) || usesOf(file, name).length > 0) return false;
    const declaration = declarations.find((d) => d.name.split(', ').includes(name));
    const runnable =
      declaration !== undefined &&
      (ts.isFunctionDeclaration(declaration.node) || ts.isClassDeclaration(declaration.node) || ts.isVariableStatement(declaration.node));
    return runnable && lineSpan(m) >= MIN_DEAD_LINES;
  });
}

export function describeUnused(refactor: Refactor, index: CodeIndex): ProposalWords {
  const first = refactor.members[0] as Finding;
  const file = index.file(first.path);
  const fix = file ? unusedFix(file, refactor.members) : `Remove \`export\` from ${listOf(refactor.members.map(exportedName))}.`;
  const deleting = /Delete/.test(fix);
  const relaying = /Stop re-exporting/.test(fix) && !/Un-export|Delete/.test(fix);
  return {
    title: relaying
      ? `Stop re-exporting ${plural(refactor.members.length, 'unused name')} from ${first.path}`
      : `Remove ${plural(refactor.members.length, 'unused export')} from ${first.path}`,
    why:
      `Nothing in the tree imports ${listOf(
        refactor.members.map((m) => `\`${exportedName(m)}\` (${at(m)})`),
        6,
      )}` +
      `${deleting ? '; some are not used in their own file either, so they are dead code' : ''}. An export no one imports is API kept for no one.`,
    fix,
    acceptance: [
      relaying
        ? 'Each listed name is no longer re-exported here; the module it comes from still exports it; the type check and the tests pass'
        : 'Each listed name is no longer exported, or is deleted when nothing uses it; the type check and the tests pass',
    ],
    change: { lines: refactor.members.reduce((n, m) => n + (deleting ? lineSpan(m) : 1), 0), files: 1, reach: 0, untested: false },
    value: 2 * refactor.members.length,
    belowBar: file && deadCode(file, refactor.members) ? undefined : 'nothing dead but types, re-exports or one-liners: cosmetic',
  };
}

export function describeUntested(refactor: Refactor, index: CodeIndex): ProposalWords {
  const { members } = refactor;
  const first = members[0] as Finding;
  const dir = posix.dirname(first.path);
  const targets = members.slice(0, LISTED).map((m) => ({ path: m.path, calls: firstCalls(m.path, index) }));
  const fix = targets
    .map(
      (t) =>
        `- ${t.path}: ${
          t.calls.length > 0
            ? `call ${listOf(
                t.calls.map((c) => `\`${c}\``),
                4,
              )}`
            : 'exercise what it runs at import'
        }`,
    )
    .concat(members.length > LISTED ? [`- and ${members.length - LISTED} more modules`] : [])
    .join('\n');
  const lines = members.reduce((n, m) => n + lineSpan(m), 0);
  return {
    title: members.length === 1 ? `Add a test for ${first.path}` : `Add tests for ${members.length} untested modules in ${dir}`,
    why: `No test reaches ${listOf(
      members.map((m) => `${m.path} (${lineSpan(m)} lines)`),
      5,
    )}: ${lines} lines that can break without a test noticing.`,
    fix: `A first test per module, calling the exports other modules use most:\n${fix}`,
    acceptance: [
      ...targets.map(
        (t) =>
          `A test calls ${
            t.calls.length > 0
              ? listOf(
                  t.calls.map((c) => `\`${c}\``),
                  4,
                )
              : 'the code'
          } of ${t.path} and checks the results`,
      ),
      ...(members.length > LISTED ? [`A test reaches each of the other ${members.length - LISTED} modules in the evidence`] : []),
    ],
    change: { lines: Math.min(400, 15 * members.length + lines / 10), files: members.length, reach: 0, untested: false },
    value: Math.min(60, lines / 15),
    // modules that only run code at import (scripts, benchmarks) give a first test nothing to call
    concrete: targets.some((t) => t.calls.length > 0),
    belowBar: members.every((m) => index.isEntryOnly(m.path))
      ? "reached only through the package's entry points (binaries), which tests may run as processes rather than import"
      : undefined,
  };
}

/** Exported functions and classes, the ones other modules import most first. */
function firstCalls(path: string, index: CodeIndex): string[] {
  const file = index.file(path);
  const runnable = new Set(
    (file ? declarationsOf(file) : [])
      .filter((d) => ts.isFunctionDeclaration(d.node) || ts.isClassDeclaration(d.node) || ts.isVariableStatement(d.node))
      .flatMap((d) => d.name.split(', ')),
  );
  return index
    .exportsOf(path)
    .filter((e) => e.name !== 'default' && !e.surface && runnable.has(e.name) && !/^[A-Z][A-Z0-9_]+$/.test(e.name))
    .map((e) => ({ name: e.name, users: index.importersOf(path, e.name).length }))
    .filter((e, i, all) => all.findIndex((x) => x.name === e.name) === i)
    .sort((a, b) => b.users - a.users)
    .slice(0, 3)
    .map((e) => e.name);
}
