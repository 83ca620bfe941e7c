// The tokens of a file, in order, and the comments between them. `lexemesOf`
// runs the scanner (fast; regular expressions and template literals are
// re-scanned where the grammar says so); files that may hold JSX are read from
// the syntax tree instead, where the parser knows what is text.
import ts from './compiler.cjs';
import { parse } from './parse.js';
import type { SourceFile } from './types.js';

/** One token or comment: its kind and character range. */
export interface Lexeme {
  kind: ts.SyntaxKind;
  start: number;
  end: number;
}

const cache = new WeakMap<SourceFile, ts.Node[]>();
const lexemeCache = new WeakMap<SourceFile, Lexeme[]>();

const isJsDoc = (node: ts.Node): boolean => node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode;

/** Leaf tokens, end-of-file included; JSDoc is trivia here, not tokens. */
export function tokensOf(file: SourceFile): ts.Node[] {
  const cached = cache.get(file);
  if (cached) return cached;
  const sf = parse(file);
  const leaves: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (isJsDoc(node)) return;
    const children = node.getChildren(sf);
    if (children.length === 0) leaves.push(node);
    else children.forEach(visit);
  };
  visit(sf);
  cache.set(file, leaves);
  return leaves;
}

export const isComment = (kind: ts.SyntaxKind): boolean =>
  kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia;

/** Tokens and comments in order (comments as trivia kinds), without whitespace or the end-of-file token. */
export function lexemesOf(file: SourceFile): Lexeme[] {
  let lexemes = lexemeCache.get(file);
  if (!lexemes) {
    lexemes = /\.[mc]?ts$/i.test(file.path) ? scan(file.content) : fromTree(file);
    lexemeCache.set(file, lexemes);
  }
  return lexemes;
}

const KEEPS_VALUE = new Set([
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.PrivateIdentifier,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.CloseParenToken,
  ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.ThisKeyword,
  ts.SyntaxKind.SuperKeyword,
  ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword,
  ts.SyntaxKind.NullKeyword,
]);

/** After these a `/` divides; elsewhere it starts a regular expression. Contextual keywords (`type`, `size`) are names here. */
const endsExpression = (kind: ts.SyntaxKind | undefined): boolean =>
  kind !== undefined && (KEEPS_VALUE.has(kind) || kind > ts.SyntaxKind.LastReservedWord);

function scan(text: string): Lexeme[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  const lexemes: Lexeme[] = [];
  /** Open `{` (false) and open template substitutions (true), innermost last. */
  const braces: boolean[] = [];
  let previous: ts.SyntaxKind | undefined;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.WhitespaceTrivia || kind === ts.SyntaxKind.NewLineTrivia) continue;
    if (kind === ts.SyntaxKind.ShebangTrivia || kind === ts.SyntaxKind.ConflictMarkerTrivia) continue;
    if (!isComment(kind)) {
      if ((kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) && !endsExpression(previous))
        kind = scanner.reScanSlashToken();
      else if (kind === ts.SyntaxKind.OpenBraceToken) braces.push(false);
      else if (kind === ts.SyntaxKind.CloseBraceToken && braces.pop() === true) kind = scanner.reScanTemplateToken(false);
      if (kind === ts.SyntaxKind.TemplateHead || kind === ts.SyntaxKind.TemplateMiddle) braces.push(true);
      previous = kind;
    }
    lexemes.push({ kind, start: scanner.getTokenStart(), end: scanner.getTokenEnd() });
  }
  return lexemes;
}

function fromTree(file: SourceFile): Lexeme[] {
  const sf = parse(file);
  const tokens = tokensOf(file)
    .filter((t) => t.kind !== ts.SyntaxKind.EndOfFileToken && t.kind !== ts.SyntaxKind.JsxTextAllWhiteSpaces)
    .map((t) => ({ kind: t.kind, start: t.getStart(sf), end: t.getEnd() }));
  const comments = commentRanges(file, tokensOf(file)).map((c) => ({ kind: c.kind, start: c.pos, end: c.end }));
  return [...tokens, ...comments].sort((a, b) => a.start - b.start);
}

export interface Comment {
  text: string;
  /** Character offset of the comment in the file. */
  pos: number;
}

/** Every comment in the file, once each, in order. */
export function commentsOf(file: SourceFile): Comment[] {
  if (/\.[mc]?ts$/i.test(file.path))
    return lexemesOf(file)
      .filter((l) => isComment(l.kind))
      .map((l) => ({ text: file.content.slice(l.start, l.end), pos: l.start }));
  return commentRanges(file, tokensOf(file)).map((r) => ({ text: file.content.slice(r.pos, r.end), pos: r.pos }));
}

function commentRanges(file: SourceFile, tokens: readonly ts.Node[]): ts.CommentRange[] {
  const text = file.content;
  const seen = new Set<number>();
  const comments: ts.CommentRange[] = [];
  const take = (ranges: ts.CommentRange[] | undefined): void => {
    for (const range of ranges ?? []) {
      if (seen.has(range.pos)) continue;
      seen.add(range.pos);
      comments.push(range);
    }
  };
  for (const token of tokens) {
    take(ts.getLeadingCommentRanges(text, token.pos));
    take(ts.getTrailingCommentRanges(text, token.end));
  }
  return comments.sort((a, b) => a.pos - b.pos);
}
