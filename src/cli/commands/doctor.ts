import { probeModel } from '../../model/probe.js';
import { chooseSandbox, type SandboxPolicy } from '../../tools/os-sandbox.js';
import { defaultConfig, loadConfig } from '../../workspace/config.js';
import { findWorkspaceRoot } from '../../workspace/find.js';
import { workspacePaths } from '../../workspace/paths.js';
import { CrucibleError } from '../../shared/errors.js';
import { contextOf, emit } from '../context.js';
import { parseChoice } from '../parse.js';
import { AGENT_BACKENDS } from '../../workspace/agents-config.js';
import { claudeCodeCheck, type DoctorCheck as Check } from './doctor-claude-code.js';
import { gateCheck } from './doctor-gate.js';
import type { Register } from './types.js';

async function loads(name: string, specifier: string): Promise<Check> {
  try {
    await import(specifier);
    return { name, ok: true, detail: `${specifier} loads` };
  } catch (error) {
    return {
      name,
      ok: false,
      detail: `${specifier} does not load: ${(error as Error).message.split('\n')[0]}`,
      fix: `reinstall with npm 11 and allowScripts for ${specifier} (npm install), so its native addon is built`,
    };
  }
}

/** Which sandbox commands run in, proven by running `true` inside it. */
async function sandboxCheck(policy: SandboxPolicy): Promise<Check> {
  const choice = await chooseSandbox(policy);
  if (!choice.ok)
    return { name: 'sandbox', ok: false, detail: `${choice.reason}; commands are refused until this is fixed`, fix: choice.fix };
  if (choice.kind === 'off')
    return {
      name: 'sandbox',
      ok: true,
      detail: 'off: commands run unsandboxed, because .crucible/config.json says "commands": {"sandbox": "off"}',
    };
  const network = policy.network.length ? `network only to ${policy.network.join(', ')} (through the proxy)` : 'no network';
  return { name: 'sandbox', ok: true, detail: `bubblewrap (${choice.bwrap}): \`true\` runs inside it; ${network}` };
}

/** Checks the machine, the workspace and the model, each with the fix when it fails. Never writes anything. */
export const registerDoctor: Register = (program, base) => {
  program
    .command('doctor')
    .description(
      'check Node, the native addons, the workspace and its config, Claude Code when a role uses it, and the model (one tiny request when a key is set)',
    )
    .option('--skip-model', 'do not contact the model')
    .option('--backend <name>', 'check as for `crucible run --backend <name>` (claude-code: its check must pass)')
    .action(async (opts: { skipModel?: boolean; backend?: string }, command) => {
      const ctx = contextOf(command, base);
      const backend = parseChoice('--backend', opts.backend, AGENT_BACKENDS);
      const checks: Check[] = [];
      const major = Number(process.versions.node.split('.')[0]);
      checks.push({
        name: 'node',
        ok: major >= 20,
        detail: `Node ${process.versions.node}`,
        ...(major >= 20 ? {} : { fix: 'install Node 20 or later' }),
      });
      checks.push(await loads('leveldb', 'classic-level'), await loads('vector index', 'hnswlib-node'));
      let config = defaultConfig();
      let root = ctx.cwd;
      try {
        root = findWorkspaceRoot({ dir: ctx.dir, cwd: ctx.cwd });
        config = loadConfig(workspacePaths(root).config);
        checks.push({ name: 'workspace', ok: true, detail: `${root} (config valid)` });
        checks.push(gateCheck(root, config.gate.commands, config.commands.allow));
      } catch (error) {
        const e = error as CrucibleError;
        checks.push({ name: 'workspace', ok: false, detail: e.message, ...(e.fix ? { fix: e.fix } : {}) });
      }
      checks.push(await sandboxCheck(config.commands));
      checks.push(await claudeCodeCheck(config.agents, base.env, backend));
      if (!opts.skipModel) {
        const probe = await probeModel({ config: config.model, root, env: base.env });
        checks.push(
          probe.ok
            ? {
                name: 'model',
                ok: true,
                detail:
                  `${probe.provider} ${probe.model}${probe.baseURL ? ` at ${probe.baseURL}` : ''}: answered in ${probe.latencyMs} ms, ` +
                  `cost ${probe.costUsd === null ? 'unknown' : `$${probe.costUsd.toFixed(6)}`}`,
              }
            : { name: 'model', ok: false, detail: `${probe.provider} ${probe.model}: ${probe.reason}`, fix: probe.fix },
        );
      }
      emit(ctx, { ok: checks.every((c) => c.ok), checks }, () =>
        checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'} ${c.name.padEnd(13)} ${c.detail}${c.fix ? `\n     fix: ${c.fix}` : ''}`).join('\n'),
      );
      if (!checks.every((c) => c.ok)) process.exitCode = 1;
    });
};
