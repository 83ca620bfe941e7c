// Which Claude Code executable a session runs: CRUCIBLE_CLAUDE_PATH when set, else `claude` on
// PATH (the one its user is logged in with), else the binary the Agent SDK ships for this platform.
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, isAbsolute, join } from 'node:path';

export interface ClaudeExecutable {
  path: string;
  source: 'CRUCIBLE_CLAUDE_PATH' | 'PATH' | 'bundled';
}

const executable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** The SDK's own Claude Code for this platform (`@anthropic-ai/claude-agent-sdk-<os>-<arch>`), when it was installed. */
function bundledClaude(): string | undefined {
  const musl = process.platform === 'linux' && !existsSync('/lib64/ld-linux-x86-64.so.2') && existsSync('/lib/ld-musl-x86_64.so.1');
  const name = `@anthropic-ai/claude-agent-sdk-${process.platform}-${process.arch}${musl ? '-musl' : ''}`;
  try {
    const manifest = createRequire(import.meta.url).resolve(`${name}/package.json`);
    const binary = join(dirname(manifest), process.platform === 'win32' ? 'claude.exe' : 'claude');
    return executable(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

export type Located = { ok: true; claude: ClaudeExecutable } | { ok: false; reason: string; fix: string };

export function locateClaude(env: NodeJS.ProcessEnv = process.env): Located {
  const configured = env.CRUCIBLE_CLAUDE_PATH?.trim();
  if (configured) {
    if (!isAbsolute(configured) || !executable(configured))
      return {
        ok: false,
        reason: `CRUCIBLE_CLAUDE_PATH=${configured} is not an executable file`,
        fix: 'set it to the absolute path of the claude binary (`which claude`), or unset it',
      };
    return { ok: true, claude: { path: configured, source: 'CRUCIBLE_CLAUDE_PATH' } };
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const candidate = dir && isAbsolute(dir) ? join(dir, 'claude') : undefined;
    if (candidate && executable(candidate)) return { ok: true, claude: { path: candidate, source: 'PATH' } };
  }
  const bundled = bundledClaude();
  if (bundled) return { ok: true, claude: { path: bundled, source: 'bundled' } };
  return {
    ok: false,
    reason: 'Claude Code was not found: no CRUCIBLE_CLAUDE_PATH, no `claude` on PATH, and no bundled binary for this platform',
    fix: 'install it (npm install -g @anthropic-ai/claude-code) or set CRUCIBLE_CLAUDE_PATH',
  };
}

/** `claude --version`'s first word (e.g. 2.1.332), or undefined when it does not answer within 15 s. */
export function claudeVersion(path: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(path, ['--version'], { timeout: 15_000, maxBuffer: 64 * 1024 }, (error, stdout) => {
      resolve(error ? undefined : (/\d+\.\d+\.\d+\S*/.exec(String(stdout))?.[0] ?? undefined));
    });
  });
}
