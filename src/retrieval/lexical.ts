// What BM25 indexes for a chunk: its path, its heading path counted
// `headingWeight` times (a heading names what its section is about, so a word
// there says more than the same word in the body) without the addresses in it
// (badge and link URLs, HTML attributes: they are not what the section is
// about, and counted twice they outweigh its title), then its lines minus
// in-page navigation (a table of contents repeats the headings of sections
// that are indexed on their own, so it would match every question about them).
// A section titled "Contents" or "Table of contents" is navigation through and
// through (its items may link elsewhere and carry a blurb), so only its heading
// is indexed: a search for the table of contents still finds it.
import type { Chunk } from './types.js';
import { tokenize } from './tokenize.js';

/** A list item that is nothing but a link to an anchor in the same page: `- [Options](#options)`. */
const IN_PAGE_LINK_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+\[[^\]]*\]\(#[^)\s]*\)\s*$/;

export const isInPageLinkItem = (line: string): boolean => IN_PAGE_LINK_ITEM.test(line);

/** The chunk's lines without in-page link items (the lines a table of contents is made of). */
export function withoutNavigation(text: string): string {
  return text
    .split('\n')
    .filter((line) => !isInPageLinkItem(line))
    .join('\n');
}

/** A Markdown link or image destination: the `(url "title")` after `]`. */
const LINK_DESTINATION = /(?<=\])\([^()\s]*(?:\s+"[^"]*")?\)/g;
/**
 * An HTML tag with a quoted attribute (`<a href="...">`, `<img src="..." />`) or a closing tag.
 * `<Text>` (a component name) and `Array<string | Ignore>` (a type) stay.
 */
const HTML_TAG = /<[A-Za-z][\w-]*\s[^<>]*?=\s*["'][^<>]*>|<\/[A-Za-z][\w-]*\s*>/g;

/** Heading text as words: link text kept, link destinations and HTML tags dropped. */
export function headingWords(title: string): string {
  return title.replace(LINK_DESTINATION, ' ').replace(HTML_TAG, ' ');
}

/** `Contents`, `Table of contents`, `Table Of Main Contents`, `TOC`. */
const TABLE_OF_CONTENTS = /^(?:table of (?:main )?)?contents$|^toc$/i;

export const isTableOfContents = (heading: readonly string[]): boolean => TABLE_OF_CONTENTS.test(headingWords(heading.at(-1) ?? '').trim());

export function chunkTokens(chunk: Chunk, headingWeight: number): string[] {
  const heading = tokenize(chunk.heading.map(headingWords).join(' '));
  const tokens = tokenize(chunk.path);
  for (let i = 0; i < headingWeight; i++) tokens.push(...heading);
  if (isTableOfContents(chunk.heading)) return tokens;
  tokens.push(...tokenize(withoutNavigation(chunk.text)));
  return tokens;
}
