// `path:start-end`: the one way a line range in a file is written (code links, findings, citations, chunk ids).

export interface LineRangeOptions {
  /** Write a one-line range as `path:line` (search citations); otherwise it stays `path:5-5`. */
  collapseOneLine?: boolean;
}

export const lineRange = (path: string, start: number, end: number, options: LineRangeOptions = {}): string =>
  options.collapseOneLine && start === end ? `${path}:${start}` : `${path}:${start}-${end}`;

/** How far apart two line ranges of one file are: lines from the end of the first to the start of the next; 0 or less when they overlap. */
export const linesApart = (a: { startLine: number; endLine: number }, b: { startLine: number; endLine: number }): number =>
  Math.max(a.startLine, b.startLine) - Math.min(a.endLine, b.endLine);
