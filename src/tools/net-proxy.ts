// The network allow-list. A sandboxed command has no network of its own; when
// `commands.network` lists hosts, Crucible serves an HTTP CONNECT proxy on a
// unix socket bound into the sandbox, and a tiny bridge inside the sandbox
// exposes it as http://127.0.0.1:3128 (HTTPS_PROXY). Only CONNECT to a listed
// host (and port) is relayed; everything else gets 403.
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROXY_PORT_INSIDE = 3128;
export const PROXY_SOCKET_INSIDE = '/run/crucible-proxy.sock';

/** `host` allows ports 443 and 80; `host:port` that port only; `*.example.org` any subdomain. Names match literally (no DNS). */
export function hostAllowed(allow: readonly string[], host: string, port: number): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  return allow.some((entry) => {
    const [pattern = '', fixedPort] = entry.toLowerCase().split(':');
    const ports = fixedPort ? [Number(fixedPort)] : [443, 80];
    const hostMatches = pattern.startsWith('*.') ? name.endsWith(pattern.slice(1)) : name === pattern;
    return hostMatches && ports.includes(port);
  });
}

export interface NetworkProxy {
  socketPath: string;
  close(): Promise<void>;
}

export async function startNetworkProxy(allow: readonly string[]): Promise<NetworkProxy> {
  const dir = await mkdtemp(join(tmpdir(), 'crucible-net-'));
  const socketPath = join(dir, 'proxy.sock');
  const open = new Set<Socket>();
  const server = createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) {
        if (head.length > 8192) client.end('HTTP/1.1 431 Request Header Fields Too Large\r\n\r\n');
        return;
      }
      client.off('data', onData);
      const match = /^CONNECT ([^\s:]+|\[[^\]]+\]):(\d+) HTTP\/1\.[01]\r\n/.exec(head);
      if (!match) return void client.end('HTTP/1.1 405 Method Not Allowed\r\n\r\nonly CONNECT (HTTPS) goes through the sandbox proxy\n');
      const host = match[1]!;
      const port = Number(match[2]);
      if (!hostAllowed(allow, host, port))
        return void client.end(`HTTP/1.1 403 Forbidden\r\n\r\n${host}:${port} is not in commands.network\n`);
      const upstream = connect(port, host.replace(/^\[|\]$/g, ''));
      open.add(upstream);
      upstream.on('close', () => open.delete(upstream));
      upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
      upstream.on('connect', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        const rest = Buffer.from(head.slice(end + 4), 'latin1');
        if (rest.length) upstream.write(rest);
        client.pipe(upstream).pipe(client);
      });
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(socketPath, resolve));
  return {
    socketPath,
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs inside the sandbox as `node -e BRIDGE port socket argv...`: relays
 * 127.0.0.1:port to the proxy's unix socket, runs the command with the proxy
 * in its environment, and exits with the command's status.
 */
export const NETWORK_BRIDGE =
  `
const net = require('net'), { spawn } = require('child_process');
const [port, socket, ...argv] = process.argv.slice(1);
const server = net.createServer((c) => { const u = net.connect(socket); c.on('error', () => u.destroy()); ` +
  `u.on('error', () => c.destroy()); c.pipe(u).pipe(c); });
server.listen(Number(port), '127.0.0.1', () => {
  const url = 'http://127.0.0.1:' + port;
  const env = { ...process.env, HTTPS_PROXY: url, https_proxy: url, HTTP_PROXY: url, http_proxy: url, npm_config_proxy: url, npm_config_https_proxy: url };
  const child = spawn(argv[0], argv.slice(1), { stdio: 'inherit', env });
  child.on('error', (e) => { console.error('could not start ' + argv[0] + ': ' + e.message); process.exit(127); });
  child.on('exit', (code, signal) => process.exit(code === null ? 128 + (require('os').constants.signals[signal] || 9) : code));
});
`;
