// Doctor's gate check: can the configured gate commands run in this project?
// `npm test` with no package.json, or with npm's default failing test script, would
// refuse every completion with npm's own error; say so, and propose gate.commands.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DoctorCheck } from './doctor-claude-code.js';

const NPM_DEFAULT_TEST = /no test specified/;

/** The npm script a command runs (`npm test`, `npm t`, `npm run <name>`), or undefined when it is not npm's. */
function npmScriptOf(command: string): string | undefined {
  const words = command.trim().split(/\s+/);
  if (words[0] !== 'npm') return undefined;
  if (words[1] === 'test' || words[1] === 't') return 'test';
  if ((words[1] === 'run' || words[1] === 'run-script') && words[2]) return words[2];
  return undefined;
}

function scriptsOf(root: string): Record<string, string> | undefined {
  const path = join(root, 'package.json');
  if (!existsSync(path)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { scripts?: Record<string, string> };
    return parsed.scripts ?? {};
  } catch {
    return {};
  }
}

/** What gate.commands should say here: node's own test runner when the project has tests it finds. */
function proposal(root: string): string {
  const hasTests = ['test', 'tests'].some((d) => existsSync(join(root, d))) || readdirSync(root).some((f) => /\.test\.[cm]?[jt]s$/.test(f));
  const commands = hasTests ? ['node --test'] : ['<your test command>'];
  return `set "gate": {"commands": ${JSON.stringify(commands)}} in .crucible/config.json${hasTests ? '' : ' (no tests found yet)'}`;
}

export function gateCheck(root: string, commands: readonly string[], allowed: readonly string[]): DoctorCheck {
  const scripts = scriptsOf(root);
  for (const command of commands) {
    const first = command.trim().split(/\s+/)[0] ?? '';
    if (!allowed.includes(first))
      return {
        name: 'gate',
        ok: false,
        detail: `gate command \`${command}\`: ${first} is not in commands.allow, so every completion would be refused`,
        fix: `add "${first}" to commands.allow, or ${proposal(root)}`,
      };
    const script = npmScriptOf(command);
    if (script === undefined) continue;
    if (!scripts)
      return {
        name: 'gate',
        ok: false,
        detail: `gate command \`${command}\` needs a package.json, and there is none in ${root}`,
        fix: proposal(root),
      };
    const body = scripts[script];
    if (!body)
      return {
        name: 'gate',
        ok: false,
        detail: `gate command \`${command}\`: package.json has no "${script}" script`,
        fix: proposal(root),
      };
    if (script === 'test' && NPM_DEFAULT_TEST.test(body))
      return {
        name: 'gate',
        ok: false,
        detail: `gate command \`${command}\` runs npm's placeholder test script (${body}), which always fails`,
        fix: `write a real "test" script in package.json, or ${proposal(root)}`,
      };
  }
  return {
    name: 'gate',
    ok: true,
    detail: commands.length ? `gate commands can run here: ${commands.map((c) => `\`${c}\``).join(', ')}` : 'no gate commands',
  };
}
