// Code by top-level declarations, where a line-start regex finds them cheaply
// (TypeScript/JavaScript, Python, Go, Rust, Ruby, shell). Leading comments and
// decorators stay with their declaration; tiny neighbours are merged; long
// declarations become overlapping windows. Other languages get line windows.
import type { Chunk } from '../types.js';
import { chunkRange, isBlank } from './lines.js';

interface Language {
  declaration: RegExp;
  /** Lines that belong to the declaration below them (comments, decorators). */
  leading: RegExp;
}

const C_LEADING = /^\s*(\/\/|\/\*|\*|@\w)/;
const HASH_LEADING = /^\s*(#|@\w)/;

const TS_MODIFIERS = String.raw`(?:export\s+(?:default\s+)?)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?`;
const TS_KEYWORDS = String.raw`(?:function\*?|class|interface|type|enum|const|let|var|namespace)`;
const TS: Language = {
  declaration: new RegExp(String.raw`^${TS_MODIFIERS}${TS_KEYWORDS}\s+([A-Za-z_$][\w$]*)|^(describe|test|it)\(`),
  leading: C_LEADING,
};
const LANGUAGES: Record<string, Language> = {
  ts: TS,
  tsx: TS,
  mts: TS,
  cts: TS,
  js: TS,
  jsx: TS,
  mjs: TS,
  cjs: TS,
  py: { declaration: /^(?:async\s+def|def|class)\s+([A-Za-z_]\w*)/, leading: HASH_LEADING },
  go: { declaration: /^(?:func(?:\s+\([^)]*\))?|type|var|const)\s+([A-Za-z_]\w*)/, leading: C_LEADING },
  rs: {
    declaration:
      /^(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:unsafe\s+)?(?:fn|struct|enum|trait|impl|mod|type|const|static|macro_rules!)\s*(?:<[^>]*>\s*)?([A-Za-z_]\w*)/,
    leading: /^\s*(\/\/|\/\*|\*|#\[)/,
  },
  rb: { declaration: /^(?:class|module|def)\s+([A-Za-z_][\w:.]*)/, leading: HASH_LEADING },
  sh: { declaration: /^(?:function\s+)?([A-Za-z_][\w-]*)\s*\(\)\s*\{?/, leading: /^\s*#/ },
  bash: { declaration: /^(?:function\s+)?([A-Za-z_][\w-]*)\s*\(\)\s*\{?/, leading: /^\s*#/ },
};

export const isCodeExtension = (ext: string): boolean => ext in LANGUAGES;

interface Segment {
  start: number;
  end: number;
  names: string[];
}

export function findDeclarations(lines: readonly string[], ext: string): Array<{ line: number; name: string }> {
  const language = LANGUAGES[ext];
  if (!language) return [];
  const found: Array<{ line: number; name: string }> = [];
  lines.forEach((line, index) => {
    const match = language.declaration.exec(line);
    if (!match) return;
    let start = index + 1;
    while (start > 1 && !isBlank(lines[start - 2]) && language.leading.test(lines[start - 2] ?? '')) start--;
    if (found.length > 0 && start <= (found.at(-1)?.line ?? 0)) start = index + 1;
    found.push({ line: start, name: match[1] ?? match[2] ?? '' });
  });
  return found;
}

export function chunkCode(
  path: string,
  lines: readonly string[],
  ext: string,
  options: { maxLines: number; overlapLines: number; minLines: number },
): Chunk[] {
  const declarations = findDeclarations(lines, ext);
  const segments: Segment[] = [];
  const first = declarations[0]?.line ?? lines.length + 1;
  if (first > 1) segments.push({ start: 1, end: first - 1, names: [] });
  declarations.forEach((declaration, index) => {
    const end = (declarations[index + 1]?.line ?? lines.length + 1) - 1;
    segments.push({ start: declaration.line, end, names: declaration.name ? [declaration.name] : [] });
  });
  return mergeSmall(segments, options.minLines, options.maxLines).flatMap((segment) =>
    chunkRange(
      path,
      lines,
      { start: segment.start, end: segment.end, kind: 'code', heading: segment.names },
      options.maxLines,
      options.overlapLines,
    ),
  );
}

/** Joins a segment shorter than `minLines` with the next one, while the result stays within `maxLines`. */
function mergeSmall(segments: Segment[], minLines: number, maxLines: number): Segment[] {
  const merged: Segment[] = [];
  for (const segment of segments) {
    const previous = merged.at(-1);
    const previousSize = previous ? previous.end - previous.start + 1 : Infinity;
    if (previous && previousSize < minLines && segment.end - previous.start + 1 <= maxLines) {
      previous.end = segment.end;
      previous.names.push(...segment.names);
    } else {
      merged.push({ ...segment, names: [...segment.names] });
    }
  }
  return merged;
}
