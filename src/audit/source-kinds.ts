// Which files are code, and their line counts: plain string tests, kept apart
// from parse.ts so the cross-file passes can use them without loading the compiler.

const CODE_EXTENSIONS = new Set(['ts', 'mts', 'cts', 'tsx', 'js', 'mjs', 'cjs', 'jsx']);

export const extensionOf = (path: string): string => /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';

/** JavaScript or TypeScript source the compiler can parse. */
export const isCodeFile = (path: string): boolean => CODE_EXTENSIONS.has(extensionOf(path));

/** TypeScript proper (where `any` is a choice someone made); declaration files excluded. */
export const isTypeScriptFile = (path: string): boolean =>
  ['ts', 'mts', 'cts', 'tsx'].includes(extensionOf(path)) && !/\.d\.[mc]?ts$/i.test(path);

/** Number of lines, not counting the empty one after a final newline. */
export function lineCount(content: string): number {
  if (content === '') return 0;
  const lines = content.split('\n').length;
  return content.endsWith('\n') ? lines - 1 : lines;
}
