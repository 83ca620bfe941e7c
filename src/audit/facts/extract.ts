// The per-file half of the audit: one code file's path and content in, its
// facts out (see types.ts). This module brings the TypeScript compiler; the
// audit loads it only when some file's facts are not in the cache.
import ts from '../compiler.cjs';
import { packStream } from '../analyzers/duplication-shape.js';
import { tokenStream } from '../analyzers/duplication-stream.js';
import { cognitiveScores } from '../cognitive.js';
import { listFunctions } from '../functions.js';
import { moduleFacts } from '../imports.js';
import { isCodeFile, isTypeScriptFile, lineAt, parse } from '../parse.js';
import { commentsOf } from '../tokens.js';
import type { SourceFile } from '../types.js';
import type { AuditTree, FileFacts } from './types.js';

/** Loaded with this module, and so only when something is parsed. */
export { parsingMs } from '../parse.js';

export function extractFacts(file: SourceFile): FileFacts {
  const sf = parse(file);
  const scores = cognitiveScores(sf);
  const functions = listFunctions(file).map((fn) => ({
    name: fn.name,
    startLine: fn.startLine,
    endLine: fn.endLine,
    cognitive: scores.get(fn.node) ?? 0,
  }));
  const module = moduleFacts(file);
  const counts = identifierCounts(sf);
  return {
    functions,
    anys: isTypeScriptFile(file.path) ? anyKeywords(file) : [],
    commentLines: commentLines(file),
    hasRuntimeCode: sf.statements.some(isRuntimeStatement),
    imports: module.imports,
    exports: module.exports,
    mentions: Object.fromEntries(module.exports.map((e) => [e.name, counts.get(e.name) ?? 0])),
    duplication: packStream(tokenStream(file)),
  };
}

/** Facts of every code file of `files`, by path, extracted here (no cache). */
export function factsOfFiles(files: readonly SourceFile[]): Map<string, FileFacts> {
  return new Map(files.filter((f) => isCodeFile(f.path)).map((f) => [f.path, extractFacts(f)] as const));
}

const hasComment = (line: string | undefined): boolean => line !== undefined && /\/\/|\/\*|^\s*\*/.test(line);

/** The explicit `any` keywords; explained when a comment is on its line or the line above. */
function anyKeywords(file: SourceFile): FileFacts['anys'] {
  const sf = parse(file);
  const sourceLines = file.content.split('\n');
  const found: FileFacts['anys'] = [];
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) {
      const line = lineAt(sf, node.getStart(sf));
      found.push({ line, explained: hasComment(sourceLines[line - 1]) || hasComment(sourceLines[line - 2]) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Lines (1-based) of the explicit `any` keywords in a file, those a comment explains left out when asked. */
export function anyLines(file: SourceFile, ignoreCommented: boolean): number[] {
  return anyKeywords(file)
    .filter((a) => !(ignoreCommented && a.explained))
    .map((a) => a.line);
}

/** Every line of every comment, without its `//`, `/*`, `*` or closing `*\/`; empty lines left out. */
function commentLines(file: SourceFile): FileFacts['commentLines'] {
  const sf = parse(file);
  const found: FileFacts['commentLines'] = [];
  for (const comment of commentsOf(file)) {
    const firstLine = lineAt(sf, comment.pos);
    comment.text.split('\n').forEach((raw, offset) => {
      const text = raw.replace(/^\s*(\/\/+|\/\*+|\*+)?\s*/, '').replace(/\s*\*+\/\s*$/, '');
      if (text !== '') found.push({ line: firstLine + offset, text });
    });
  }
  return found;
}

/** How often each identifier occurs in a module: an exported name seen more than once is also used where it is declared. */
function identifierCounts(sf: ts.SourceFile): Map<string, number> {
  const counts = new Map<string, number>();
  const visit = (node: ts.Node): void => {
    if (ts.isExportDeclaration(node)) return; // `export { a }` names `a` again without using it
    if (ts.isIdentifier(node)) counts.set(node.text, (counts.get(node.text) ?? 0) + 1);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return counts;
}

function isRuntimeStatement(s: ts.Statement): boolean {
  if (ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) return false;
  if (ts.isEmptyStatement(s) || (ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)))
    return false;
  if (ts.isModuleDeclaration(s)) {
    if (!s.body) return false;
    return ts.isModuleBlock(s.body) ? s.body.statements.some(isRuntimeStatement) : isRuntimeStatement(s.body as ts.ModuleDeclaration);
  }
  return true;
}

/** The files with their facts extracted here: what the passes take, for callers without a cache. */
export const treeOf = (files: readonly SourceFile[]): AuditTree => ({ files, facts: factsOfFiles(files) });
