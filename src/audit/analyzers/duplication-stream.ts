// A file as the duplication analyzer compares it: one number per token, after
// normalization. Identifiers, property names (after `.`, as object keys, in
// destructuring) and literals are reduced to their kind, so a copy with other
// names is still a copy; keywords, operators and punctuation stay. Imports and
// re-exports are left out. Type declarations (interfaces, type aliases) keep
// their names and literals as written: two interfaces that only share a shape
// are not a copy, an interface copied with its members is.
import ts from '../compiler.cjs';
import { parse } from '../parse.js';
import { isComment, lexemesOf, type Lexeme } from '../tokens.js';
import type { SourceFile } from '../types.js';
import {
  IN_TEST,
  LEADING_JUNK,
  LINE_END,
  LOGIC,
  STATEMENT_END,
  STATEMENT_START,
  TEST_EDGE,
  streamOf,
  type NumberField,
  type Stream,
  type TextBlock,
} from './duplication-shape.js';
import { structureOf, type Span } from './duplication-units.js';

/** A union of fewer literal members than this is too small to be worth naming once. */
const MIN_UNION_MEMBERS = 4;

const LITERALS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.JsxText,
]);

/** Keywords that name a type: as interchangeable as the names of other types. */
const TYPE_KEYWORDS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.StringKeyword,
  ts.SyntaxKind.NumberKeyword,
  ts.SyntaxKind.BooleanKeyword,
  ts.SyntaxKind.BigIntKeyword,
  ts.SyntaxKind.SymbolKeyword,
  ts.SyntaxKind.ObjectKeyword,
  ts.SyntaxKind.AnyKeyword,
  ts.SyntaxKind.UnknownKeyword,
  ts.SyntaxKind.NeverKeyword,
]);

const isKeyword = (kind: ts.SyntaxKind): boolean => kind >= ts.SyntaxKind.FirstKeyword && kind <= ts.SyntaxKind.LastKeyword;
const isName = (kind: ts.SyntaxKind): boolean => kind === ts.SyntaxKind.Identifier || kind === ts.SyntaxKind.PrivateIdentifier;
const isDot = (kind: ts.SyntaxKind | undefined): boolean => kind === ts.SyntaxKind.DotToken || kind === ts.SyntaxKind.QuestionDotToken;
const startsMember = (kind: ts.SyntaxKind | undefined): boolean =>
  kind === ts.SyntaxKind.OpenBraceToken || kind === ts.SyntaxKind.CommaToken;

type Region = readonly [from: number, to: number, exact: boolean];

/** Pure: a function of the file's path and content only, so it can be cached per file. */
export function tokenStream(file: SourceFile): Stream {
  const lexemes = lexemesOf(file);
  const code = lexemes.filter((l) => !isComment(l.kind));
  const lines = lineIndex(file.content);
  const stream: Record<NumberField, number[]> = { ids: [], exact: [], flags: [], units: [], startLines: [], endLines: [] };
  const regions = regionsOf(file);
  const structure = structureOf(file);
  const boundaries = structure.boundaries;
  const [inTest, inHead, inTail] = [inside(structure.tests), inside(structure.heads), inside(structure.tails)];
  let [r, unit] = [0, 0];
  code.forEach((token, i) => {
    while (unit < boundaries.length && (boundaries[unit] as number) <= token.start) unit++;
    while (r < regions.length && (regions[r] as Region)[1] <= token.start) r++;
    const region = regions[r];
    const inside = region !== undefined && region[0] <= token.start;
    if (inside && !region[2]) return;
    const exact = exactId(file.content, token);
    const id = inside ? exact : normalizedId(token.kind, code[i - 1]?.kind, code[i + 1]?.kind);
    stream.exact.push(exact);
    stream.ids.push(id);
    const flags =
      flagsOf(token.kind) |
      (!inside && isLogic(token.kind, id) ? LOGIC : 0) |
      (structure.statementStarts.has(token.start) ? STATEMENT_START : 0) |
      (inTest(token.start) ? IN_TEST : 0) |
      (inHead(token.start) || inTail(token.start) ? TEST_EDGE : 0);
    stream.flags.push(flags);
    stream.units.push(unit);
    stream.startLines.push(lines(token.start));
    stream.endLines.push(lines(token.end));
  });
  stream.flags.forEach((flags, i) => {
    if (stream.startLines[i + 1] !== stream.endLines[i]) stream.flags[i] = flags | LINE_END;
  });
  return {
    file,
    ...streamOf(stream),
    comments: commentBlocks(file.content, lexemes, lines),
    unions: literalUnions(file.content, code, lines),
  };
}

/** Whether a position is inside one of these spans (in order, not overlapping), asked for positions in increasing order. */
function inside(spans: readonly Span[]): (at: number) => boolean {
  let i = 0;
  return (at) => {
    while (i < spans.length && (spans[i] as Span)[1] <= at) i++;
    const span = spans[i];
    return span !== undefined && span[0] <= at;
  };
}

/** Token ids: a syntax kind is its own id; NAME and LITERAL stand for any; names and literals as written come after. */
const NAME = 1_000;
const LITERAL = 1_001;
const FIRST_WORD = 1_002;
/**
 * Names and literals as written are hashed into this many ids (not numbered across files, which would tie a file's
 * stream to the others). Small enough that the rolling hash stays exact in doubles; a collision only makes two
 * different words count as equal in one place.
 */
const WORD_IDS = 1 << 20;

function normalizedId(kind: ts.SyntaxKind, before: ts.SyntaxKind | undefined, after: ts.SyntaxKind | undefined): number {
  if (isName(kind)) return NAME;
  if (LITERALS.has(kind)) return LITERAL;
  if (isKeyword(kind) && (isDot(before) || TYPE_KEYWORDS.has(kind) || (startsMember(before) && after === ts.SyntaxKind.ColonToken)))
    return NAME;
  return kind;
}

function exactId(text: string, token: Lexeme): number {
  if (!isName(token.kind) && !LITERALS.has(token.kind)) return token.kind;
  let hash = 2_166_136_261;
  for (let i = token.start; i < token.end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16_777_619);
  return FIRST_WORD + ((hash >>> 0) % WORD_IDS);
}

const NOT_OPERATORS = new Set([ts.SyntaxKind.ColonToken, ts.SyntaxKind.AtToken, ts.SyntaxKind.BacktickToken, ts.SyntaxKind.HashToken]);
const VALUES = new Set([ts.SyntaxKind.ThisKeyword, ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword]);

function isLogic(kind: ts.SyntaxKind, id: number): boolean {
  if (kind >= ts.SyntaxKind.FirstBinaryOperator && kind <= ts.SyntaxKind.LastBinaryOperator) return !NOT_OPERATORS.has(kind);
  return isKeyword(kind) && !VALUES.has(kind) && id !== NAME;
}

function flagsOf(kind: ts.SyntaxKind): number {
  if (kind === ts.SyntaxKind.SemicolonToken || kind === ts.SyntaxKind.CloseBraceToken) return STATEMENT_END | LEADING_JUNK;
  if (kind === ts.SyntaxKind.CloseParenToken || kind === ts.SyntaxKind.CloseBracketToken || kind === ts.SyntaxKind.CommaToken)
    return LEADING_JUNK;
  return 0;
}

/** Left out (imports, re-exports) or compared exactly (type declarations), in order; top level and inside namespaces. */
function regionsOf(file: SourceFile): Region[] {
  const sf = parse(file);
  const regions: Region[] = [];
  const visit = (statements: readonly ts.Statement[]): void => {
    for (const s of statements) {
      if (ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s) || (ts.isExportDeclaration(s) && s.moduleSpecifier !== undefined))
        regions.push([s.getStart(sf), s.getEnd(), false]);
      else if (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) regions.push([s.getStart(sf), s.getEnd(), true]);
      else if (ts.isModuleDeclaration(s) && s.body && ts.isModuleBlock(s.body)) visit(s.body.statements);
    }
  };
  visit(sf.statements);
  return [...regions, ...castsOf(sf)].sort((a, b) => a[0] - b[0]);
}

/** A type by a plain name (`PureSpyEvent`), not `const`, a qualified name (`z.ZodError`) or a generic (`Parsed<T>`). */
const isNamedType = (type: ts.TypeNode): boolean =>
  ts.isTypeReferenceNode(type) && !type.typeArguments && ts.isIdentifier(type.typeName) && type.typeName.text !== 'const';

/** The `as T` of each type assertion, left out: a cast (`change as PureSpyEvent`) does not make a copy another block. */
function castsOf(sf: ts.SourceFile): Region[] {
  const casts: Region[] = [];
  const visit = (node: ts.Node): void => {
    const plain = ts.isAsExpression(node) && isNamedType(node.type);
    const keyword = plain ? node.getChildren(sf).find((c) => c.kind === ts.SyntaxKind.AsKeyword) : undefined;
    if (keyword) casts.push([keyword.getStart(sf), node.getEnd(), false]);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return casts;
}

/** 1-based line of a character position, by binary search over the line starts. */
function lineIndex(text: string): (pos: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (pos) => {
    let [low, high] = [0, starts.length - 1];
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= pos) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}

/** Multi-line block comments and runs of 3+ line comments, as whitespace-normalized prose (`*` and `//` margins dropped). */
function commentBlocks(text: string, lexemes: readonly Lexeme[], lines: (pos: number) => number): TextBlock[] {
  const blocks: TextBlock[] = [];
  /** The run of line comments being read: its first and last comment. */
  const run: Lexeme[] = [];
  const flush = (): void => {
    const [first, last] = [run[0], run[run.length - 1]];
    if (first && last) blocks.push(blockOf(text, first.start, last.end, lines));
    run.length = 0;
  };
  for (const lexeme of lexemes) {
    if (lexeme.kind === ts.SyntaxKind.SingleLineCommentTrivia) {
      const last = run[run.length - 1];
      if (!last || lines(last.start) !== lines(lexeme.start) - 1 || /\S/.test(text.slice(last.end, lexeme.start))) flush();
      run.push(lexeme);
    } else {
      flush();
      if (lexeme.kind === ts.SyntaxKind.MultiLineCommentTrivia) blocks.push(blockOf(text, lexeme.start, lexeme.end, lines));
    }
  }
  flush();
  return blocks.filter((b) => b.endLine - b.startLine >= 2);
}

const blockOf = (text: string, start: number, end: number, lines: (pos: number) => number): TextBlock => ({
  text: prose(text.slice(start, end)),
  startLine: lines(start),
  endLine: lines(end - 1),
});

const prose = (comment: string): string =>
  comment
    .replace(/^\s*(\/\*+|\/\/+|\*+(?!\/))/gm, ' ')
    .replace(/\*+\/\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Runs of `LIT | LIT | ...` with at least MIN_UNION_MEMBERS literals: in TypeScript only a union type looks like that. */
function literalUnions(text: string, code: readonly Lexeme[], lines: (pos: number) => number): TextBlock[] {
  const unions: TextBlock[] = [];
  const isMember = (l: Lexeme | undefined): boolean =>
    l !== undefined && (l.kind === ts.SyntaxKind.StringLiteral || l.kind === ts.SyntaxKind.NumericLiteral);
  for (let i = 0; i < code.length; i++) {
    if (!isMember(code[i])) continue;
    let j = i;
    while (code[j + 1]?.kind === ts.SyntaxKind.BarToken && isMember(code[j + 2])) j += 2;
    const members = (j - i) / 2 + 1;
    if (members >= MIN_UNION_MEMBERS) {
      const values = new Set<string>();
      for (let k = i; k <= j; k += 2) values.add(literalValue(text, code[k] as Lexeme));
      const [first, last] = [code[i] as Lexeme, code[j] as Lexeme];
      unions.push({ text: [...values].sort().join('|'), startLine: lines(first.start), endLine: lines(last.end) });
    }
    i = j;
  }
  return unions;
}

function literalValue(text: string, literal: Lexeme): string {
  const raw = text.slice(literal.start, literal.end);
  return literal.kind === ts.SyntaxKind.StringLiteral ? raw.slice(1, -1) : raw;
}
