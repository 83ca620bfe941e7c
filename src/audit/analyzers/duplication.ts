// The duplication analyzer over read files (see duplication-findings.ts for what it reports): each code file's
// token stream and functions taken from its parsed tree, here, with the compiler.
import { listFunctions } from '../functions.js';
import { isCodeFile } from '../source-kinds.js';
import type { Finding, SourceFile } from '../types.js';
import { duplicationFindings, type DuplicationThresholds } from './duplication-findings.js';
import { tokenStream } from './duplication-stream.js';

export type { DuplicationThresholds } from './duplication-findings.js';

export function analyzeDuplication(files: readonly SourceFile[], limits: DuplicationThresholds): Finding[] {
  const streams = files.filter((f) => isCodeFile(f.path)).map((f) => tokenStream(f));
  return duplicationFindings(streams, listFunctions, limits);
}
