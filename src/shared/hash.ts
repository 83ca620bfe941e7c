import { createHash } from 'node:crypto';

export const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/** Hash of a 1-based inclusive line range (or the whole text), used to notice when linked code changes. */
export function hashLines(content: string, range?: { start: number; end: number }): string {
  if (!range) return sha256(content);
  const lines = content.split('\n').slice(range.start - 1, range.end);
  return sha256(lines.join('\n'));
}
