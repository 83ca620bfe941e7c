// The tokens of a parsed file, in order, from the syntax tree (so regular
// expressions and template literals come out right), and the comments
// between them.
import ts from 'typescript';
import { parse } from './parse.js';
import type { SourceFile } from './types.js';

const cache = new WeakMap<SourceFile, ts.Node[]>();

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

export interface Comment {
  text: string;
  /** Character offset of the comment in the file. */
  pos: number;
}

/** Every comment in the file, once each, in order. */
export function commentsOf(file: SourceFile): Comment[] {
  const text = file.content;
  const seen = new Set<number>();
  const comments: Comment[] = [];
  const take = (ranges: ts.CommentRange[] | undefined): void => {
    for (const range of ranges ?? []) {
      if (seen.has(range.pos)) continue;
      seen.add(range.pos);
      comments.push({ text: text.slice(range.pos, range.end), pos: range.pos });
    }
  };
  for (const token of tokensOf(file)) {
    take(ts.getLeadingCommentRanges(text, token.pos));
    take(ts.getTrailingCommentRanges(text, token.end));
  }
  return comments.sort((a, b) => a.pos - b.pos);
}
