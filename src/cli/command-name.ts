// Which command an argv names, decided before anything else is loaded: the record
// commands run from a small bundle of their own (scripts/bundle-cli.mjs), every
// other command, help and the version from the full program.

/** The commands whose modules make up the record CLI (src/cli/record-cli.ts). */
export const RECORD_COMMAND_NAMES: readonly string[] = ['req', 'task', 'decide', 'link', 'trace', 'log', 'status', 'judgments', 'search'];

/** Global options that take a value: the token after them is not a command name. */
const VALUE_OPTIONS = new Set(['--dir']);

/** The command argv names (its first word that is neither an option nor an option's value), if any. */
export function commandNameOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') return argv[i + 1];
    if (VALUE_OPTIONS.has(token)) i++;
    else if (!token.startsWith('-')) return token;
  }
  return undefined;
}
