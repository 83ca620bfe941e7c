// Unix sockets are reached by path, whatever the network namespace: a socket
// another program listens on outside the hidden folders (another project's
// `.crucible/crucible.sock`, a container or VM daemon under /var or /srv) is
// reachable from the sandbox unless something is mounted over it.
import { lstatSync, readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';

/** __SO_ACCEPTCON in /proc/net/unix's Flags column: the socket listens. */
const LISTENING = 0x10000;

/** Paths of the unix sockets listening in this network namespace (abstract ones, `@…`, stay behind the sandbox's own). */
export function parseProcNetUnix(text: string): string[] {
  const paths = new Set<string>();
  for (const line of text.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    const path = fields.slice(7).join(' ');
    if (fields.length < 8 || !isAbsolute(path)) continue;
    if ((parseInt(fields[3] ?? '0', 16) & LISTENING) !== 0) paths.add(path);
  }
  return [...paths];
}

/** Listening socket paths that exist as sockets now. */
export function listeningSocketPaths(): string[] {
  let text: string;
  try {
    text = readFileSync('/proc/net/unix', 'utf8');
  } catch {
    return [];
  }
  return parseProcNetUnix(text).filter((path) => {
    try {
      return lstatSync(path).isSocket();
    } catch {
      return false;
    }
  });
}
