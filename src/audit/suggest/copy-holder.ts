// The function a reader is told a copy sits in. A callback starts on the line of the call it is passed to, so a copy that
// starts at the call (`respondOrReport(() => ({ … }))`, the whole call copied) lies within the callback's lines without
// being inside it: the copy is the call, and the place to name is the function that makes the call. A callback a
// variable names (`const focusNext = useCallback(() => …)`) is what a reader looks up, and still names the copy.
// Only the words change: the facts (the holder whose whole body a copy is, the helper's name) keep the callback.
import { listFunctions, type FunctionInfo } from '../functions.js';
import { parse } from '../parse.js';
import type { Location, SourceFile } from '../types.js';
import { holderFunction } from './duplicate.js';

/** The holding function, or the one that makes the call when the copy starts at a callback's call; undefined outside functions. */
export function callHolder(file: SourceFile, copy: Location): FunctionInfo | undefined {
  const sf = parse(file);
  const lineStart = sf.getLineStarts()[copy.startLine - 1] ?? 0;
  let firstToken = lineStart;
  while (/\s/.test(file.content[firstToken] ?? '')) firstToken++;
  const startsLater = (f: FunctionInfo) => / callback$/.test(f.path.at(-1) ?? '') && f.node.getStart(sf) > firstToken;
  let holder = holderFunction(file, copy);
  while (holder && startsLater(holder)) {
    const inner = holder.node;
    const outer = listFunctions(file).filter((f) => f.node !== inner && f.node.pos <= inner.pos && f.node.end >= inner.end);
    holder = outer.sort((a, b) => a.node.end - a.node.pos - (b.node.end - b.node.pos))[0];
  }
  return holder;
}
