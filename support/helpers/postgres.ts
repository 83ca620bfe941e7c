// A real, throwaway PostgreSQL cluster for tests and benches: initdb in a temp dir, a free port
// on 127.0.0.1, the unix socket in the same dir, stopped and removed at the end. PostgreSQL
// refuses to run as root, so under root the server runs as `nobody` owning the temp dir.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PgEventStore } from '../../src/record/pg/store.js';

export interface PostgresCluster {
  /** The URL of a database on this cluster. */
  url(database: string): string;
  /** A new empty database; returns its URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

export const INSTALL_HINT = 'install it with `apt-get install -y postgresql` (.ci/run does)';
const USER = 'crucible';

/** The directory holding initdb and pg_ctl, or undefined when PostgreSQL is not installed. */
export function postgresBin(): string | undefined {
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return join(onPath, '..');
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(base, v, 'bin')).find((dir) => existsSync(join(dir, 'initdb')));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Root may not run PostgreSQL: the uid and gid to run it as instead, when this process is root. */
function unprivileged(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'nobody'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function run(file: string, args: string[], as: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'], ...(as ?? {}) });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${file} ${args[0]} exited ${code}: ${stderr.trim()}`))));
  });
}

export interface StartOptions {
  /** Durable commits (fsync) as in production; tests turn them off for speed. */
  durable?: boolean;
}

/** Starts a cluster, or says why it cannot (PostgreSQL missing or refusing to start). */
export async function startPostgres(options: StartOptions = {}): Promise<PostgresCluster | { skip: string }> {
  const bin = postgresBin();
  if (!bin) return { skip: `PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql/*/bin): ${INSTALL_HINT}` };
  const dir = await mkdtemp(join(tmpdir(), 'crucible-pg-'));
  const data = join(dir, 'data');
  const as = unprivileged();
  const pgCtl = join(bin, 'pg_ctl');
  try {
    if (as) await chown(dir, as.uid, as.gid);
    await run(join(bin, 'initdb'), ['-D', data, '-U', USER, '-A', 'trust', '-E', 'UTF8', '--no-sync'], as);
    const port = await freePort();
    const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300${options.durable ? '' : ' -c fsync=off'}`;
    await run(pgCtl, ['start', '-w', '-D', data, '-l', join(dir, 'server.log'), '-o', settings], as);
    const stopNow = () => spawnSync(pgCtl, ['stop', '-D', data, '-m', 'immediate'], { stdio: 'ignore', ...(as ?? {}) });
    // A test that dies early still stops its server.
    process.once('exit', stopNow);
    const url = (database: string) => `postgres://${USER}@127.0.0.1:${port}/${database}`;
    let databases = 0;
    return {
      url,
      async createDatabase() {
        const name = `record_${process.pid}_${++databases}`;
        const admin = new pg.Client({ connectionString: url('postgres') });
        await admin.connect();
        try {
          await admin.query(`CREATE DATABASE ${name}`);
        } finally {
          await admin.end();
        }
        return url(name);
      },
      async stop() {
        process.removeListener('exit', stopNow);
        await run(pgCtl, ['stop', '-w', '-D', data, '-m', 'fast'], as).catch(() => stopNow());
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    return { skip: `PostgreSQL did not start: ${(error as Error).message}` };
  }
}

/** A PostgreSQL record in a fresh database, with the same shape as tempStore's. */
export async function tempPgStore(cluster: PostgresCluster): Promise<{
  store: PgEventStore;
  url: string;
  reopen: () => Promise<PgEventStore>;
  cleanup: () => Promise<void>;
}> {
  const url = await cluster.createDatabase();
  let current = await PgEventStore.open({ url });
  return {
    store: current,
    url,
    reopen: async () => {
      await current.close();
      current = await PgEventStore.open({ url });
      return current;
    },
    cleanup: () => current.close(),
  };
}
