// `crucible doctor`'s claude-code check: which Claude Code a session would run (CRUCIBLE_CLAUDE_PATH,
// PATH or the SDK's bundled binary), its version, and how it would authenticate (never the secret).
// A failure counts only when the project's config (or --backend) puts a role on claude-code;
// otherwise the check still reports what it found, as information.
import { claudeAuth } from '../../runtime/claude-code/auth.js';
import { claudeVersion, locateClaude } from '../../runtime/claude-code/locate.js';
import type { AgentBackend, AgentsConfig } from '../../workspace/agents-config.js';

export interface DoctorCheck {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

/** Which roles the config puts on claude-code: every one, some by name, or none. */
function claudeCodeRoles(agents: AgentsConfig, override?: AgentBackend): string | undefined {
  if (override) return override === 'claude-code' ? '--backend claude-code' : undefined;
  if (agents.backend === 'claude-code') return 'agents.backend is claude-code';
  const roles = Object.entries(agents.backends)
    .filter(([, backend]) => backend === 'claude-code')
    .map(([role]) => role);
  return roles.length ? `agents.backends puts ${roles.join(', ')} on claude-code` : undefined;
}

async function probe(env: NodeJS.ProcessEnv): Promise<{ ok: true; detail: string } | { ok: false; detail: string; fix: string }> {
  const located = locateClaude(env);
  if (!located.ok) return { ok: false, detail: located.reason, fix: located.fix };
  const { path, source } = located.claude;
  const where = `${path} (${source === 'bundled' ? 'bundled with the Agent SDK' : `from ${source}`})`;
  const version = await claudeVersion(path);
  if (!version)
    return {
      ok: false,
      detail: `${where} does not answer \`--version\``,
      fix: 'point CRUCIBLE_CLAUDE_PATH at a working Claude Code (`which claude`), or reinstall it (npm install -g @anthropic-ai/claude-code)',
    };
  const auth = claudeAuth(env);
  const found = `Claude Code ${version} at ${where}`;
  return auth.ok
    ? { ok: true, detail: `${found}; authenticates with ${auth.detail}` }
    : { ok: false, detail: `${found}; ${auth.reason}`, fix: auth.fix };
}

export async function claudeCodeCheck(agents: AgentsConfig, env: NodeJS.ProcessEnv, override?: AgentBackend): Promise<DoctorCheck> {
  const usedBecause = claudeCodeRoles(agents, override);
  const result = await probe(env);
  if (usedBecause)
    return result.ok
      ? { name: 'claude-code', ok: true, detail: `${result.detail} (${usedBecause})` }
      : { name: 'claude-code', ok: false, detail: `${result.detail} (${usedBecause})`, fix: result.fix };
  return {
    name: 'claude-code',
    ok: true,
    detail:
      `not used by this project's config (${result.ok ? '' : 'not ready: '}${result.detail}; ` +
      '`crucible doctor --backend claude-code` checks it as required)',
  };
}
