// Parsing with the TypeScript 5.9 compiler API, which reads TS, TSX and
// JavaScript alike. Parses are cached per SourceFile object, so the analyzers
// of one run share them without any of them holding state.
import ts from 'typescript';
import type { SourceFile } from './types.js';

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

const extension = (path: string): string => /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';

/** JavaScript or TypeScript source the compiler can parse. */
export const isCodeFile = (path: string): boolean => extension(path) in KINDS;

/** TypeScript proper (where `any` is a choice someone made); declaration files excluded. */
export const isTypeScriptFile = (path: string): boolean =>
  ['ts', 'mts', 'cts', 'tsx'].includes(extension(path)) && !/\.d\.[mc]?ts$/i.test(path);

const cache = new WeakMap<SourceFile, ts.SourceFile>();

export function parse(file: SourceFile): ts.SourceFile {
  let parsed = cache.get(file);
  if (!parsed) {
    const kind = KINDS[extension(file.path)] ?? ts.ScriptKind.TS;
    parsed = ts.createSourceFile(file.path, file.content, ts.ScriptTarget.Latest, true, kind);
    cache.set(file, parsed);
  }
  return parsed;
}

/** 1-based line of a character position. */
export const lineAt = (sf: ts.SourceFile, pos: number): number => sf.getLineAndCharacterOfPosition(pos).line + 1;

/** Number of lines, not counting the empty one after a final newline. */
export function lineCount(content: string): number {
  if (content === '') return 0;
  const lines = content.split('\n').length;
  return content.endsWith('\n') ? lines - 1 : lines;
}
