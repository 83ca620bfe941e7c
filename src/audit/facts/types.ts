// What the per-file extraction records about one code file: a pure function of
// its path and content, JSON-serializable, so it can be cached by content hash.
// Everything that depends on other files or on the config is left to the passes.
import type { PackedStream } from '../analyzers/duplication-shape.js';
import type { SourceFile } from '../types.js';

/** Part of the caches' key with the audit's own code (facts/code-version.ts): bump it to drop every cache at once. */
export const FACTS_VERSION = 2;

export interface FunctionFact {
  /** Qualified name, as functions.ts names it. */
  name: string;
  startLine: number;
  endLine: number;
  cognitive: number;
}

/** An import as written, before resolution against the tree. */
export interface RawImport {
  specifier: string;
  startLine: number;
  endLine: number;
  /** Erased when the compiler keeps imports used only as types (verbatimModuleSyntax, preserveValueImports). */
  typeOnlyKept: boolean;
  /** Erased otherwise. */
  typeOnlyErased: boolean;
  dynamic: boolean;
  names: string[] | 'all';
  forwardsAll: boolean;
  reexport: boolean;
}

export interface RawExport {
  name: string;
  startLine: number;
  endLine: number;
  surface?: boolean;
  origin?: string;
}

export interface FileFacts {
  functions: FunctionFact[];
  /** Explicit `any` keywords (TypeScript files only), with whether a comment explains them. */
  anys: Array<{ line: number; explained: boolean }>;
  /** Comment lines, stripped of their comment syntax, with their 1-based line. */
  commentLines: Array<{ line: number; text: string }>;
  /** False for modules that only declare types or pass on other modules' exports. */
  hasRuntimeCode: boolean;
  imports: RawImport[];
  exports: RawExport[];
  /** How often each exported name occurs as an identifier in the module (outside `export {…}`). */
  mentions: Record<string, number>;
  /** The token stream the duplication analyzer compares, packed. */
  duplication: PackedStream;
}

/** The files of one audit and the facts of its code files, by path. */
export interface AuditTree {
  files: readonly SourceFile[];
  facts: ReadonlyMap<string, FileFacts>;
}
