// `crucible mcp`: the record and its gates as a Model Context Protocol server
// over stdio, for Claude Code and other MCP clients (see docs/mcp.md).
import { format } from 'node:util';
import { DEFAULT_ROLE } from '../../mcp/session.js';
import { loadAgentsFor } from '../../app/services.js';
import { usageError } from '../../shared/errors.js';
import { findWorkspaceRoot } from '../../workspace/find.js';
import { workspacePaths } from '../../workspace/paths.js';
import { contextOf } from '../context.js';
import { untilStopSignal } from '../stop-signals.js';
import type { Register } from './types.js';

export const registerMcp: Register = (program, base) => {
  program
    .command('mcp')
    .description('serve the record to an MCP client (Claude Code, ...) over stdio: tasks, gates, search, decisions')
    .option('--role <role>', 'the role the session works as: which tasks it may claim, which gate commands apply', DEFAULT_ROLE)
    .action(async (opts: { role: string }, command) => {
      const ctx = contextOf(command, base);
      const root = findWorkspaceRoot({ dir: ctx.dir, cwd: ctx.cwd });
      const roles = [...new Set([...(await loadAgentsFor(root, workspacePaths(root).agents)).values()].map((a) => a.role))];
      if (!roles.includes(opts.role))
        throw usageError('bad-flag', `--role: no agent file has the role "${opts.role}"`, `use one of: ${roles.join(', ')}`);
      // Loaded only here, so other commands do not pay for the MCP SDK.
      const { runMcpServer } = await import('../../mcp/stdio-server.js');
      // Stdout carries only the protocol: anything a library logs goes to stderr instead.
      const log = (line: string) => ctx.io.err(`${line}\n`);
      console.log = console.info = console.debug = (...args: unknown[]) => log(format(...args));
      // SIGHUP too: the client that started it went away; the record and socket are let go of the same way.
      await untilStopSignal((signal) => runMcpServer({ root, role: opts.role, log, signal }));
    });
};
