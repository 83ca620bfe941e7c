// Parsing with the TypeScript 5.9 compiler API, which reads TS, TSX and
// JavaScript alike. Parses are cached per SourceFile object, so the analyzers
// of one run share them without any of them holding state.
import ts from './compiler.cjs';
import { extensionOf as extension } from './source-kinds.js';
import type { SourceFile } from './types.js';

export { isCodeFile, isTypeScriptFile, lineCount } from './source-kinds.js';

const KINDS: Record<string, ts.ScriptKind> = {
  ts: ts.ScriptKind.TS,
  mts: ts.ScriptKind.TS,
  cts: ts.ScriptKind.TS,
  tsx: ts.ScriptKind.TSX,
  js: ts.ScriptKind.JS,
  mjs: ts.ScriptKind.JS,
  cjs: ts.ScriptKind.JS,
  jsx: ts.ScriptKind.JSX,
};

const cache = new WeakMap<SourceFile, ts.SourceFile>();
let parsing = 0;

export function parse(file: SourceFile): ts.SourceFile {
  let parsed = cache.get(file);
  if (!parsed) {
    const started = performance.now();
    const kind = KINDS[extension(file.path)] ?? ts.ScriptKind.TS;
    parsed = ts.createSourceFile(file.path, file.content, ts.ScriptTarget.Latest, true, kind);
    cache.set(file, parsed);
    parsing += performance.now() - started;
  }
  return parsed;
}

/** Time spent in the compiler's parser by this process so far, in ms: what the audit's timings tell apart from its own work. */
export const parsingMs = (): number => parsing;

/** 1-based line of a character position. */
export const lineAt = (sf: ts.SourceFile, pos: number): number => sf.getLineAndCharacterOfPosition(pos).line + 1;
