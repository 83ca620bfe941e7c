import { Command } from 'commander';
import { packageVersion } from '../shared/package.js';
import { displayIo } from './display-io.js';
import { reportError } from './report-error.js';
import { COMMAND_MODULES, commandNameOf, type CommandModule } from './command-table.js';
import type { CliBase } from './commands/types.js';

function rootProgram(base: CliBase): Command {
  return new Command('crucible')
    .description('Crucible: specialized AI coding agents over one shared, gated record of your project')
    .version(packageVersion(), '-V, --version', 'print the version of Crucible')
    .option('--dir <project>', 'the project directory (default: the nearest one upward with .crucible/)')
    .option('--json', 'print one JSON document on stdout')
    .exitOverride()
    .configureOutput({ writeOut: (s) => base.io.out(s), writeErr: (s) => base.io.err(s) });
}

/**
 * The program with the given command modules registered (all of them by default,
 * in the order `--help` lists them). Each module is imported here, so a command
 * run loads only its own module and what that imports.
 */
export async function buildProgram(base: CliBase, modules: readonly CommandModule[] = COMMAND_MODULES): Promise<Command> {
  const program = rootProgram(base);
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

/** Only the named command's module when argv names a known command; every module for help, the version or a typo. */
function modulesFor(argv: string[]): readonly CommandModule[] {
  const name = commandNameOf(argv);
  const one = COMMAND_MODULES.find((m) => name !== undefined && m.names.includes(name));
  return one ? [one] : COMMAND_MODULES;
}

/** Runs the CLI; returns the exit code. Every failure is one line on stderr; everything printed passes `displayIo`. */
export async function runCli(argv: string[], raw: CliBase): Promise<number> {
  const base = { ...raw, io: displayIo(raw.io) };
  process.exitCode = undefined;
  try {
    const program = await buildProgram(base, modulesFor(argv));
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return reportError(error, base.io, base.env);
  } finally {
    process.exitCode = undefined;
  }
}
