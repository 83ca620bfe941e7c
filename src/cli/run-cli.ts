// Parses argv over a table of command modules and runs the one it names: the
// program and its global options, registration of only that command's module
// (every module for help, the version or a typo), and one line per failure.
import { Command } from 'commander';
import { packageVersion } from '../shared/package.js';
import { commandNameOf } from './command-name.js';
import { displayIo } from './display-io.js';
import { reportError, wantsJson } from './report-error.js';
import type { CliBase, Register } from './commands/types.js';

export interface CommandModule {
  /** The top-level command names the module registers. */
  names: readonly string[];
  load(): Promise<Register>;
}

function rootProgram(base: CliBase, json: boolean): Command {
  return new Command('crucible')
    .description('Crucible: specialized AI coding agents over one shared, gated record of your project')
    .version(packageVersion(), '-V, --version', 'print the version of Crucible')
    .option('--dir <project>', 'the project directory (default: the nearest one upward with .crucible/)')
    .option('--json', 'print one JSON document on stdout')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => base.io.out(s),
      writeErr: (s) => base.io.err(s),
      // With --json the error is reported once, as JSON, by reportError.
      outputError: (s, write) => (json ? undefined : write(s)),
    });
}

/** The program with the given command modules registered, in their order. */
export async function buildProgram(base: CliBase, modules: readonly CommandModule[], json = false): Promise<Command> {
  const program = rootProgram(base, json);
  const registers = await Promise.all(modules.map((m) => m.load()));
  for (const register of registers) register(program, base);
  for (const command of program.commands) inherit(command);
  return program;
}

/** Subcommands share the program's output and error handling. */
function inherit(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) inherit(sub);
}

function modulesFor(argv: string[], table: readonly CommandModule[]): readonly CommandModule[] {
  const name = commandNameOf(argv);
  const one = table.find((m) => name !== undefined && m.names.includes(name));
  return one ? [one] : table;
}

/** Runs the CLI over `table`; returns the exit code. Every failure is one line on stderr; everything printed passes `displayIo`. */
export async function runCliOver(table: readonly CommandModule[], argv: string[], raw: CliBase): Promise<number> {
  const base = { ...raw, io: displayIo(raw.io) };
  const json = wantsJson(argv);
  process.exitCode = undefined;
  try {
    const program = await buildProgram(base, modulesFor(argv, table), json);
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return reportError(error, base.io, base.env, 'crucible', json);
  } finally {
    process.exitCode = undefined;
  }
}
