import { Command } from 'commander';
import { packageVersion } from '../shared/package.js';
import { displayIo } from './display-io.js';
import { reportError } from './report-error.js';
import { registerAudit } from './commands/audit.js';
import { registerDecide } from './commands/decide.js';
import { registerProposals } from './commands/proposals.js';
import { registerDemo } from './commands/demo.js';
import { registerDoctor } from './commands/doctor.js';
import { registerDrift } from './commands/drift.js';
import { registerJudgments } from './commands/judgments.js';
import { registerRetrieval } from './commands/retrieval.js';
import { registerRun } from './commands/run.js';
import { registerInit } from './commands/init.js';
import { registerLink } from './commands/link.js';
import { registerLog } from './commands/log.js';
import { registerMcp } from './commands/mcp.js';
import { registerRebuild } from './commands/rebuild.js';
import { registerExport } from './commands/export.js';
import { registerReq } from './commands/req.js';
import { registerStatus } from './commands/status.js';
import { registerTask } from './commands/task.js';
import { registerTrace } from './commands/trace.js';
import type { CliBase, Register } from './commands/types.js';

const COMMANDS: Register[] = [
  registerInit,
  registerReq,
  registerTask,
  registerDecide,
  registerLink,
  registerTrace,
  registerLog,
  registerRebuild,
  registerExport,
  registerStatus,
  registerRetrieval,
  registerRun,
  registerDemo,
  registerJudgments,
  registerAudit,
  registerProposals,
  registerDrift,
  registerDoctor,
  registerMcp,
];

export function buildProgram(base: CliBase): Command {
  const program = new Command('crucible')
    .description('Crucible: specialized AI coding agents over one shared, gated record of your project')
    .version(packageVersion(), '-V, --version', 'print the version of Crucible')
    .option('--dir <project>', 'the project directory (default: the nearest one upward with .crucible/)')
    .option('--json', 'print one JSON document on stdout')
    .exitOverride()
    .configureOutput({ writeOut: (s) => base.io.out(s), writeErr: (s) => base.io.err(s) });
  for (const register of COMMANDS) register(program, base);
  for (const command of program.commands) inherit(command);
  return program;
}

/** Subcommands share the program's output and error handling. */
function inherit(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) inherit(sub);
}

/** Runs the CLI; returns the exit code. Every failure is one line on stderr; everything printed passes `displayIo`. */
export async function runCli(argv: string[], raw: CliBase): Promise<number> {
  const base = { ...raw, io: displayIo(raw.io) };
  const program = buildProgram(base);
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return reportError(error, base.io, base.env);
  } finally {
    process.exitCode = undefined;
  }
}
