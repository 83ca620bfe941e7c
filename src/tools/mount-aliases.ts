// The other paths a folder is reachable at: the same filesystem mounted twice,
// or bind-mounted elsewhere (a container volume, /mnt/host/...). Hiding a
// folder inside the sandbox must hide it at each of them.
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';

interface Mount {
  device: string;
  /** The folder of the filesystem this mount shows. */
  root: string;
  /** Where it is shown. */
  point: string;
}

/** mountinfo escapes space, tab, newline and backslash as octal. */
const unescape = (field: string): string => field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));

export function parseMountinfo(text: string): Mount[] {
  return text
    .split('\n')
    .map((line) => line.split(' '))
    .filter((f) => f.length >= 5)
    .map((f) => ({ device: f[2]!, root: unescape(f[3]!), point: unescape(f[4]!) }));
}

const within = (parent: string, child: string): string | undefined => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)) ? rel : undefined;
};

/**
 * Every path other than `path` itself (a real path) at which the same folder
 * of the same filesystem is mounted, and mounts of folders inside it.
 */
export function aliasesOf(path: string, mounts: readonly Mount[]): string[] {
  // The mount that shows `path`: the deepest point containing it; of equal points, the later (it stacks on top).
  let holder: Mount | undefined;
  for (const m of mounts) if (within(m.point, path) !== undefined && (!holder || m.point.length >= holder.point.length)) holder = m;
  if (!holder) return [];
  const inFs = join(holder.root, within(holder.point, path)!);
  const out = new Set<string>();
  for (const m of mounts) {
    if (m.device !== holder.device || m === holder) continue;
    const below = within(m.root, inFs);
    if (below !== undefined) out.add(join(m.point, below));
    else if (within(inFs, m.root) !== undefined) out.add(m.point);
  }
  out.delete(path);
  return [...out];
}

export function mountAliasesOf(path: string): string[] {
  try {
    return aliasesOf(path, parseMountinfo(readFileSync('/proc/self/mountinfo', 'utf8')));
  } catch {
    return [];
  }
}
