// `path:start-end`: the one way a line range in a file is written (code links, findings, citations, chunk ids).

export interface LineRangeOptions {
  /** Write a one-line range as `path:line` (search citations); otherwise it stays `path:5-5`. */
  collapseOneLine?: boolean;
}

export const lineRange = (path: string, start: number, end: number, options: LineRangeOptions = {}): string =>
  options.collapseOneLine && start === end ? `${path}:${start}` : `${path}:${start}-${end}`;
