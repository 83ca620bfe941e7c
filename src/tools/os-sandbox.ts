// The OS sandbox every command runs in (bubblewrap): the mount plan, the
// scrubbed environment and the probe that says whether bwrap works here.
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { listeningSocketPaths } from './host-sockets.js';
import { mountAliasesOf } from './mount-aliases.js';

export type SandboxMode = 'auto' | 'bwrap' | 'off';

/** The `commands` config keys the sandbox reads. */
export interface SandboxPolicy {
  sandbox: SandboxMode;
  /** The bwrap executable: a name looked up in PATH, or a path. */
  bwrap: string;
  /** Hosts (host or host:port) commands may reach through the proxy; empty = no network. */
  network: readonly string[];
  /** Paths in the tree commands may read but not change (node_modules by default). */
  readOnly: readonly string[];
}

export type SandboxChoice =
  | { ok: true; kind: 'bwrap'; bwrap: string }
  | { ok: true; kind: 'off' }
  | { ok: false; code: 'sandbox-unavailable'; reason: string; fix: string };

export const SANDBOX_FIX =
  'install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap), or set "commands": {"sandbox": "off"} in .crucible/config.json to run commands unsandboxed';

/** Flags that make the sandbox: every namespace private, no capabilities (bwrap keeps them for root otherwise), a new session (no TIOCSTI). */
const ISOLATION = ['--unshare-all', '--die-with-parent', '--new-session', '--cap-drop', 'ALL'];

const probes = new Map<string, Promise<SandboxChoice>>();

/** Runs `true` in the sandbox; a working bwrap path is remembered for the process. */
export function chooseSandbox(policy: Pick<SandboxPolicy, 'sandbox' | 'bwrap'>): Promise<SandboxChoice> {
  if (policy.sandbox === 'off') return Promise.resolve({ ok: true, kind: 'off' });
  if (process.platform !== 'linux') {
    return Promise.resolve({
      ok: false,
      code: 'sandbox-unavailable',
      reason: `no command sandbox is available on ${process.platform} yet (bubblewrap is Linux-only)`,
      fix: 'set "commands": {"sandbox": "off"} in .crucible/config.json to run commands unsandboxed',
    });
  }
  let probe = probes.get(policy.bwrap);
  if (!probe) {
    probe = probeBwrap(policy.bwrap);
    probes.set(policy.bwrap, probe);
    // Only a working sandbox is remembered: installing bubblewrap mid-session takes effect on the next command.
    void probe.then((choice) => choice.ok || probes.delete(policy.bwrap));
  }
  return probe;
}

function probeBwrap(bwrap: string): Promise<SandboxChoice> {
  return new Promise((resolve) => {
    const args = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', ...ISOLATION, '--', 'true'];
    const child = spawn(bwrap, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const fail = (why: string) =>
      resolve({ ok: false, code: 'sandbox-unavailable', reason: `the bubblewrap sandbox does not work here: ${why}`, fix: SANDBOX_FIX });
    child.on('error', (error) => {
      clearTimeout(timer);
      fail(`\`${bwrap}\` could not start (${(error as NodeJS.ErrnoException).code ?? error.message})`);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve({ ok: true, kind: 'bwrap', bwrap });
      else fail(`\`${bwrap} … true\` exited ${code ?? 'by a signal'}: ${stderr.trim().split('\n')[0] ?? ''}`);
    });
  });
}

const SECRET_NAME = /KEY|TOKEN|SECRET|PASSWORD|PASSWD|AUTH|CREDENTIAL|COOKIE|SESSION/i;

/** Variables a command may see; everything else (and any secret-looking name) is dropped. NODE_OPTIONS is not passed: it can preload code. */
const PASSED_ENV = new Set([
  'PATH',
  'LANG',
  'LANGUAGE',
  'TERM',
  'TZ',
  'CI',
  'NODE_ENV',
  'USER',
  'LOGNAME',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'NODE_EXTRA_CA_CERTS',
]);

export const looksSecret = (name: string): boolean => SECRET_NAME.test(name);

/** The whole environment of a sandboxed command: an allow-list, never a deny-list. */
export function sandboxEnv(env: NodeJS.ProcessEnv, home: string): Record<string, string> {
  const kept = Object.entries(env).filter(
    ([name, value]) => value !== undefined && (PASSED_ENV.has(name) || name.startsWith('LC_')) && !looksSecret(name),
  );
  return {
    ...Object.fromEntries(kept as [string, string][]),
    PATH: env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    // The tree is its own mount; without this git stops looking for a parent repository at its edge.
    GIT_DISCOVERY_ACROSS_FILESYSTEM: '1',
    HOME: home,
    TMPDIR: '/tmp',
    // Output is evidence, stored and shown inert: colour codes would only be noise in it.
    NO_COLOR: '1',
    // npm would otherwise try the network on every run.
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
}

const inside = (parent: string, child: string): boolean => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

const isDir = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

export interface SandboxPlan {
  /** The bwrap arguments up to and including `--`; the command's argv follows. */
  args: string[];
  home: string;
}

/**
 * Toolchains outside the system folders (~/.nvm, /opt/node, fnm's symlinked
 * shells, ...) stay usable, read-only: each PATH folder at its real path (and,
 * where PATH names it through a symlink, the same symlink, so relative links
 * such as npm's `../lib/node_modules/...` still resolve), the `lib/node_modules`
 * beside a `bin`, and Node's own folder. Left out: another project's
 * node_modules/.bin (npm puts the caller's on PATH; its links point into a
 * project the command must not see), and any folder that would show HOME, the
 * scratch folders or the whole root again.
 */
function toolchainMounts(
  path: string,
  where: { tree: string; home: string; system: readonly string[] },
): { binds: string[]; links: { target: string; at: string }[] } {
  const binds = new Set<string>();
  const links = new Map<string, string>();
  const exposes = (dir: string) => dir === '/' || [where.home, ...SCRATCH].some((hidden) => inside(dir, hidden));
  const usable = (dir: string) => isAbsolute(dir) && !exposes(dir) && !inside(where.tree, dir) && !where.system.some((s) => inside(s, dir));
  for (const dir of [...path.split(':'), dirname(process.execPath)]) {
    if (!isAbsolute(dir) || !isDir(dir) || dir.endsWith('/node_modules/.bin')) continue;
    const real = realpathSync(dir);
    if (!usable(real)) continue;
    binds.add(real);
    if (real !== dir && usable(dir)) links.set(dir, real);
    const lib = join(dirname(real), 'lib', 'node_modules');
    if (real.endsWith('/bin') && isDir(lib) && usable(lib)) binds.add(lib);
  }
  const all = [...binds];
  return {
    binds: all.filter((dir) => !all.some((other) => other !== dir && inside(other, dir))),
    links: [...links].map(([at, target]) => ({ target, at })),
  };
}

/**
 * git's store for the tree, read-only: its `.git` folder, or for a worktree
 * (`.git` is a file: `gitdir: …`) the worktree's folder in the main repository
 * and the common store it shares, so `git status` works there too.
 */
function gitStores(tree: string): string[] {
  const dotGit = join(tree, '.git');
  const kind = kindOf(dotGit);
  if (kind === 'dir' || kind === 'link') return [dotGit];
  if (kind !== 'file') return [];
  const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
  if (!pointer) return [dotGit];
  const gitdir = resolve(tree, pointer);
  const stores = [dotGit, ...(isDir(gitdir) ? [gitdir] : [])];
  const common = join(gitdir, 'commondir');
  if (kindOf(common) === 'file') {
    const store = resolve(gitdir, readFileSync(common, 'utf8').trim());
    if (isDir(store)) stores.push(store);
  }
  // The common store holds the worktree's folder: bind it once.
  return stores.filter((dir, _, all) => !all.some((other) => other !== dir && inside(other, dir)));
}

/** The existing paths of `paths` (relative to the tree) that lie inside it, resolved: each becomes a read-only bind. */
function readOnlyInside(tree: string, paths: readonly string[]): string[] {
  const found = new Set<string>();
  for (const path of paths) {
    const absolute = join(tree, path);
    if (!existsSync(absolute)) continue;
    const real = realpathSync(absolute);
    if (inside(tree, real) && real !== tree) found.add(real);
  }
  return [...found];
}

/** What a toolchain needs to run, read-only; everything else on the host is simply not there. */
const SYSTEM_DIRS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/etc'];

/** Inside /etc, what holds secrets rather than configuration: masked (files by /dev/null, folders by an empty tmpfs). */
const ETC_SECRET_FILES = ['/etc/shadow', '/etc/shadow-', '/etc/gshadow', '/etc/gshadow-', '/etc/sudoers', '/etc/security/opasswd'];
const ETC_SECRET_DIRS = ['/etc/ssh', '/etc/ssl/private', '/etc/sudoers.d', '/etc/credstore', '/etc/credstore.encrypted'];

/** Cache folders inside a read-only node_modules that tools write to; they become private tmpfs. */
const CACHE_DIRS = ['.cache', '.vite', '.vitest'];

/** Scratch folders a command may expect; each is a fresh, private tmpfs. */
const SCRATCH = ['/tmp', '/var/tmp', '/run'];

const kindOf = (path: string): 'dir' | 'link' | 'file' | undefined => {
  try {
    const info = lstatSync(path);
    return info.isSymbolicLink() ? 'link' : info.isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
};

/** The system folders, as they are: a symlinked one (merged /usr: /bin -> usr/bin) stays a symlink. */
function systemMounts(): string[] {
  const args: string[] = [];
  for (const dir of SYSTEM_DIRS) {
    const kind = kindOf(dir);
    if (kind === 'link') args.push('--symlink', readlinkSync(dir), dir);
    else if (kind === 'dir') args.push('--ro-bind', dir, dir);
  }
  for (const file of ETC_SECRET_FILES) if (kindOf(file) === 'file') args.push('--ro-bind', '/dev/null', file);
  for (const dir of ETC_SECRET_DIRS) if (kindOf(dir) === 'dir') args.push('--tmpfs', dir);
  return args;
}

/**
 * The mount plan. The sandbox starts from an empty root: only the system
 * folders (read-only, /etc without its secrets), the toolchain on PATH and
 * Node's own install (read-only), private scratch folders, an empty HOME and
 * the task's tree (writable) exist. Other projects, homes, /var, /srv, /opt,
 * /mnt and the rest of the host are not there at all. Order matters: bwrap
 * applies mounts in sequence, so the tree is bound over the scratch tmpfs
 * (projects in tests live under /tmp), and the root is made read-only last.
 */
export function bwrapPlan(options: {
  tree: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  readOnly?: readonly string[];
  shared?: readonly string[]; // absolute paths outside the tree, read-only where they are (a worktree's linked node_modules)
  extraArgs?: readonly string[];
}): SandboxPlan {
  const tree = realpathSync(options.tree);
  const cwd = inside(tree, realpathSync(options.cwd)) ? realpathSync(options.cwd) : tree;
  const realHome =
    options.env.HOME && isAbsolute(options.env.HOME) && options.env.HOME !== '/' && !inside(tree, options.env.HOME)
      ? options.env.HOME
      : undefined;
  const home = realHome ?? '/tmp/home';
  const system = SYSTEM_DIRS.filter((dir) => kindOf(dir) === 'dir');
  const toolchain = toolchainMounts(options.env.PATH ?? '', { tree, home, system });
  const args = [...systemMounts(), '--dev', '/dev', '--proc', '/proc'];
  for (const dir of SCRATCH) args.push('--tmpfs', dir);
  args.push('--tmpfs', home);
  for (const dir of toolchain.binds) args.push('--ro-bind', dir, dir);
  for (const { target, at } of toolchain.links) args.push('--symlink', target, at);
  args.push('--bind', tree, tree);
  const shared = new Set((options.shared ?? []).filter((p) => isAbsolute(p) && existsSync(p)).map((p) => realpathSync(p)));
  for (const path of shared) if (!inside(path, tree) && !inside(tree, path)) args.push('--ro-bind', path, path);
  // The record, config, agent overrides and the workspace socket are unreachable; git's own store is read-only.
  const workspace = join(tree, '.crucible');
  // What the command can see of the host: the tree (but its workspace), and the bound system folders and toolchain outside scratch and HOME.
  const shown = (path: string): boolean =>
    inside(tree, path)
      ? !inside(workspace, path)
      : ![...SCRATCH, home].some((dir) => inside(dir, path)) && [...system, ...toolchain.binds].some((dir) => inside(dir, path));
  if (existsSync(workspace)) {
    args.push('--tmpfs', workspace);
    // The same folder mounted at another path (a volume, a bind mount) would show it again.
    for (const alias of mountAliasesOf(workspace).filter((path) => existsSync(path) && shown(path))) {
      args.push(...(isDir(alias) ? ['--tmpfs', alias] : ['--ro-bind', '/dev/null', alias]));
    }
  }
  for (const store of gitStores(tree)) args.push('--ro-bind', store, store);
  for (const path of readOnlyInside(tree, options.readOnly ?? [])) {
    args.push('--ro-bind', path, path);
    // Tools keep caches inside node_modules (babel, nyc, vite, vitest): those stay writable, as throwaway tmpfs.
    for (const cache of CACHE_DIRS.map((c) => join(path, c)).filter(isDir)) args.push('--tmpfs', cache);
  }
  // Every socket already listening where the command can see it (another project's workspace socket,
  // a daemon's), in the tree too: connecting to /dev/null is refused.
  for (const socket of listeningSocketPaths().filter(shown)) args.push('--ro-bind', '/dev/null', socket);
  args.push(...(options.extraArgs ?? []), '--remount-ro', '/', ...ISOLATION, '--chdir', cwd, '--');
  return { args, home };
}
