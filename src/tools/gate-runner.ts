import type { CommandOutcome } from '../gates/result.js';
import type { Config } from '../workspace/config.js';
import { checkCommand, runArgv } from './command-runner.js';
import type { GateRunOptions } from './types.js';

// The coordinator's gate: runs a task's gate commands in order, each in the OS
// sandbox, and stops at the first that fails.

export function gateRunner(where: { root: string; config: Config }) {
  const { root, config } = where;
  return async (commands: readonly string[], signal?: AbortSignal, options: GateRunOptions = {}): Promise<CommandOutcome[]> => {
    const outcomes: CommandOutcome[] = [];
    for (const command of commands) {
      const check = checkCommand(command, config.commands);
      if (!check.ok) {
        outcomes.push({ command, exitCode: 126, outputTail: `${check.reason} (${check.fix})` });
        break;
      }
      const outcome = await runArgv(check.argv, {
        cwd: options.root ?? root,
        sandbox: config.commands,
        ...(options.shared ? { shared: options.shared } : {}),
        ...(options.readOnly ? { readOnly: options.readOnly } : {}),
        timeoutMs: config.gate.timeoutMs,
        maxOutputBytes: config.commands.maxOutputBytes,
        ...(signal ? { signal } : {}),
      });
      outcomes.push({ command, exitCode: outcome.exitCode, outputTail: outcome.outputTail });
      if (outcome.exitCode !== 0) break;
    }
    return outcomes;
  };
}
