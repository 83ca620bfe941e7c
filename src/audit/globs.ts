/** Matching root-relative paths against the config's globs (gitignore semantics, via `ignore`). */
import ignore from 'ignore';

export type PathMatcher = (path: string) => boolean;

export function globMatcher(patterns: readonly string[]): PathMatcher {
  if (patterns.length === 0) return () => false;
  const rules = ignore().add([...patterns]);
  return (path) => rules.ignores(path);
}
