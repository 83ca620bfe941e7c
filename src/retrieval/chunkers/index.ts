/** Picks a chunker by file extension. Every chunk's lines are exact 1-based lines of the file. */
import { extname, basename } from 'node:path';
import type { RetrievalConfig } from '../config.js';
import type { Chunk } from '../types.js';
import { chunkCode, isCodeExtension } from './code.js';
import { chunkLineWindows, splitLines } from './lines.js';
import { chunkMarkdown } from './markdown.js';
import { chunkText } from './text.js';

export { splitLines } from './lines.js';

const MARKDOWN = new Set(['md', 'markdown', 'mdx']);
const TEXT = new Set(['txt', 'text', 'rst', 'adoc', '']);

/** Bump when chunking output changes, so stored documents are re-chunked. */
export const CHUNKER_VERSION = 1;

export function chunkFile(path: string, text: string, chunking: RetrievalConfig['chunking']): Chunk[] {
  const lines = splitLines(text);
  const name = basename(path);
  const ext = name.startsWith('.') && !name.slice(1).includes('.') ? name.slice(1) : extname(name).slice(1).toLowerCase();
  if (MARKDOWN.has(ext)) return chunkMarkdown(path, lines, chunking.maxLines, chunking.overlapLines);
  if (isCodeExtension(ext)) return chunkCode(path, lines, ext, chunking);
  if (TEXT.has(ext)) return chunkText(path, lines, chunking);
  return chunkLineWindows(path, lines, chunking.windowLines, chunking.overlapLines);
}

/** The text a chunk is indexed and embedded as: where it is, under which headings, then its lines. */
export function indexText(chunk: Chunk): string {
  const heading = chunk.heading.length > 0 ? `${chunk.heading.join(' > ')}\n` : '';
  return `${chunk.path}\n${heading}${chunk.text}`;
}
