// How a long file could be split: its top-level declarations grouped by the
// file's own banner comments when it has them, else around each large
// declaration with the helpers only it uses, else by shared name prefix.
import { posix } from 'node:path';
import ts from '../compiler.cjs';
import { lineAt, parse } from '../parse.js';
import type { SourceFile } from '../types.js';
import { kebabOf, wordsOf } from './words.js';

export interface Declaration {
  name: string;
  startLine: number;
  endLine: number;
  exported: boolean;
}

export interface Move {
  /** What the group is called: a banner's words, the large declaration's name, or the shared prefix. */
  label: string;
  names: string[];
  lines: number;
  startLine: number;
  endLine: number;
  /** The members' own line ranges, adjacent ones joined: a group's helpers can sit apart from it, among other groups. */
  ranges: Array<[number, number]>;
  /** The suggested new file, beside the split one. */
  target: string;
}

const ANCHOR_LINES = 20;

/** Named top-level declarations, each with its leading comments. */
export function declarationsOf(file: SourceFile): Array<Declaration & { node: ts.Statement }> {
  const sf = parse(file);
  return sf.statements.flatMap((s) => {
    const names = namesOf(s);
    if (names.length === 0) return [];
    const exported = ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    return [{ name: names.join(', '), startLine: lineAt(sf, s.getStart(sf, true)), endLine: lineAt(sf, s.getEnd()), exported, node: s }];
  });
}

function namesOf(s: ts.Statement): string[] {
  if (ts.isVariableStatement(s)) return s.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  const named = s as ts.Statement & { name?: ts.Node };
  const isDeclaration =
    ts.isFunctionDeclaration(s) ||
    ts.isClassDeclaration(s) ||
    ts.isInterfaceDeclaration(s) ||
    ts.isTypeAliasDeclaration(s) ||
    ts.isEnumDeclaration(s);
  return isDeclaration && named.name && ts.isIdentifier(named.name) ? [named.name.text] : [];
}

/** Banner lines (`//////// ZodString ////`, `// ---- Parsing ----`) and the words they carry. */
function banners(file: SourceFile): Array<{ line: number; label: string }> {
  const found: Array<{ line: number; label: string }> = [];
  file.content.split('\n').forEach((text, i) => {
    const m =
      /^\s*\/\/\s*[/=\-*#~]{3,}\s*([A-Za-z][\w .&-]{1,40}?)\s*[/=\-*#~]{3,}\s*$/.exec(text) ??
      /^\s*\/\/\/{6,}\s+([A-Za-z][\w .&-]{1,40}?)\s*$/.exec(text);
    if (m?.[1]) found.push({ line: i + 1, label: m[1].trim() });
  });
  return found;
}

/** The groups to move out, largest first, until what stays is under `limit` lines (at least one). */
export function splitPlan(file: SourceFile, limit: number): Move[] {
  const declarations = declarationsOf(file);
  const sections = bySections(file, declarations);
  const groups = sections.length >= 2 ? sections : byAnchors(declarations);
  const total = file.content.split('\n').length;
  const moves: Move[] = [];
  let remaining = total;
  for (const group of [...groups].sort((a, b) => b.lines - a.lines || a.startLine - b.startLine)) {
    if (remaining <= limit && moves.length > 0) break;
    if (group.lines >= total - 5) continue; // moving everything is a rename, not a split
    moves.push({ ...group, target: targetFor(file.path, group.label) });
    remaining -= group.lines;
  }
  return moves;
}

type Group = Omit<Move, 'target'>;

const groupOf = (label: string, members: Declaration[]): Group => {
  const startLine = Math.min(...members.map((m) => m.startLine));
  const endLine = Math.max(...members.map((m) => m.endLine));
  return {
    label,
    names: members.map((m) => m.name),
    lines: members.reduce((n, m) => n + m.endLine - m.startLine + 1, 0),
    startLine,
    endLine,
    ranges: joined(members.map((m) => [m.startLine, m.endLine])),
  };
};

/** Ranges in order, those at most a blank line apart joined into one. */
function joined(ranges: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [a, b] of [...ranges].sort((x, y) => x[0] - y[0])) {
    const last = out.at(-1);
    if (last && a <= last[1] + 2) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function bySections(file: SourceFile, declarations: Declaration[]): Group[] {
  const marks = banners(file).filter((b, i, all) => i === 0 || all[i - 1]?.label !== b.label || b.line - (all[i - 1]?.line ?? 0) > 10);
  return marks.flatMap((mark, i) => {
    const end = marks[i + 1]?.line ?? Number.MAX_SAFE_INTEGER;
    const members = declarations.filter((d) => d.startLine > mark.line && d.startLine < end);
    return members.length > 0 ? [groupOf(mark.label, members)] : [];
  });
}

/** Each large declaration with the helpers that nothing else uses; small leftovers by shared first word. */
function byAnchors(declarations: Array<Declaration & { node: ts.Statement }>): Group[] {
  const names = new Set(declarations.flatMap((d) => d.name.split(', ')));
  const refs = new Map(declarations.map((d) => [d.name, referencedNames(d.node, names, d.name)] as const));
  const users = new Map<string, string[]>();
  for (const [user, used] of refs) for (const name of used) users.set(name, [...(users.get(name) ?? []), user]);
  const anchors = declarations.filter((d) => d.endLine - d.startLine + 1 >= ANCHOR_LINES);
  const taken = new Set(anchors.map((a) => a.name));
  const groups: Group[] = anchors.map((anchor) => {
    const helpers = declarations.filter(
      (d) => !taken.has(d.name) && (users.get(d.name) ?? []).every((u) => u === anchor.name) && refs.get(anchor.name)?.has(d.name),
    );
    helpers.forEach((h) => taken.add(h.name));
    return groupOf(anchor.name, [anchor, ...helpers]);
  });
  const byWord = new Map<string, Declaration[]>();
  for (const d of declarations.filter((x) => !taken.has(x.name))) {
    const word = wordsOf(d.name)[0] ?? d.name;
    byWord.set(word, [...(byWord.get(word) ?? []), d]);
  }
  for (const [word, members] of byWord) if (members.length >= 3) groups.push(groupOf(word, members));
  return groups;
}

function referencedNames(node: ts.Node, names: ReadonlySet<string>, self: string): Set<string> {
  const found = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && names.has(n.text) && n.text !== self) found.add(n.text);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

function targetFor(path: string, label: string): string {
  const ext = posix.extname(path) || '.ts';
  const stem = kebabOf(wordsOf(label)) || 'part';
  return posix.join(posix.dirname(path), `${stem}${ext}`);
}
