// Opens a file with the system's opener (xdg-open, macOS `open`, Windows `start`) when one is on
// the PATH, detached so the command does not wait for a browser; without one it says so and goes on.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export type Opened = { launched: true; with: string } | { launched: false; reason: string };

function opener(platform: NodeJS.Platform, path: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [path] };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', path] };
  return { command: 'xdg-open', args: [path] };
}

/** The executable's full path on `PATH`, if there is one. */
export function onPath(command: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export function openWithSystem(path: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Opened {
  const { command, args } = opener(platform, path);
  const found = onPath(command, env);
  if (!found) return { launched: false, reason: `no ${command} on PATH: open ${path} in a browser yourself` };
  const child = spawn(found, args, { env, detached: true, stdio: 'ignore' });
  // A failure to start after this point (rare: the file was checked) only loses the convenience.
  child.on('error', () => undefined);
  child.unref();
  return { launched: true, with: command };
}
