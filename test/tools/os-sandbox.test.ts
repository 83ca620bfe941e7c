import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { checkCommand, runArgv, type CommandOutcome } from '../../src/tools/command-runner.js';
import type { SandboxPolicy } from '../../src/tools/os-sandbox.js';
import { hostAllowed } from '../../src/tools/net-proxy.js';
import { executeTool } from '../../src/tools/registry.js';
import { defaultConfig } from '../../src/workspace/config.js';
import { cli } from '../helpers/cli.js';
import { collect, repoRoot, spawnTs } from '../../support/helpers/child.js';
import { tempDir, writeFiles } from '../../support/helpers/temp.js';
import { toolWorld } from '../helpers/tool-context.js';

const policy = (over: Partial<SandboxPolicy> = {}): SandboxPolicy => ({ ...defaultConfig().commands, ...over });

/** A project with a workspace and a git repository, and a folder beside it that is outside. */
async function project() {
  const t = await tempDir();
  const root = join(t.dir, 'project');
  const outside = join(t.dir, 'outside');
  await mkdir(outside);
  await writeFiles(root, { '.crucible/config.json': '{}\n', 'src/a.js': 'export const a = 1;\n' });
  execFileSync('git', ['init', '-q'], { cwd: root });
  const run = (
    argv: string[],
    extra: { sandbox?: SandboxPolicy; env?: NodeJS.ProcessEnv; timeoutMs?: number; signal?: AbortSignal } = {},
  ) =>
    runArgv(argv, {
      cwd: root,
      sandbox: extra.sandbox ?? policy(),
      timeoutMs: extra.timeoutMs ?? 20_000,
      maxOutputBytes: 8000,
      ...(extra.env ? { env: extra.env } : {}),
      ...(extra.signal ? { signal: extra.signal } : {}),
    });
  return { root, outside, run, cleanup: t.cleanup };
}

const nodeWrite = (path: string) => [
  'node',
  '-e',
  `require('fs').mkdirSync(require('path').dirname(${JSON.stringify(path)}), { recursive: true }); ` +
    `require('fs').writeFileSync(${JSON.stringify(path)}, 'pwned')`,
];

test('node -e cannot write outside the tree, into .crucible/ or into .git/; inside the tree it can', async () => {
  const p = await project();
  try {
    // Under /tmp the write lands in the sandbox's private /tmp and vanishes; elsewhere it is refused outright.
    const outsideFile = join(p.outside, 'escaped.txt');
    await p.run(nodeWrite(outsideFile));
    assert.equal(existsSync(outsideFile), false);
    const besideRepo = join(repoRoot, `.sandbox-escape-${process.pid}`);
    try {
      const escape = await p.run(nodeWrite(besideRepo));
      assert.equal(existsSync(besideRepo), false);
      // A checkout under /tmp (a CI clone) lands in the private /tmp like the folder above; anywhere else the write is refused.
      if (!/^\/(var\/)?tmp\//.test(repoRoot)) {
        assert.notEqual(escape.exitCode, 0, escape.outputTail);
        assert.match(escape.outputTail, /EROFS|ENOENT/);
      }
    } finally {
      await rm(besideRepo, { force: true });
    }

    await p.run(nodeWrite('.crucible/agents/planner.md'));
    assert.equal(existsSync(join(p.root, '.crucible/agents/planner.md')), false, 'the write landed in the real .crucible/');
    const peek = await p.run([
      'node',
      '-e',
      "console.log(require('fs').existsSync('.crucible/config.json') ? 'config visible' : 'config hidden')",
    ]);
    assert.match(peek.outputTail, /config hidden/);

    const hook = await p.run(nodeWrite('.git/hooks/pre-commit'));
    assert.notEqual(hook.exitCode, 0);
    assert.equal(existsSync(join(p.root, '.git/hooks/pre-commit')), false);

    const inside = await p.run(nodeWrite('src/b.js'));
    assert.equal(inside.exitCode, 0, inside.outputTail);
    assert.equal(await readFile(join(p.root, 'src/b.js'), 'utf8'), 'pwned');
  } finally {
    await p.cleanup();
  }
});

test('only the tree, the system folders and an empty HOME exist inside: other projects and /etc secrets cannot be read', async () => {
  const p = await project();
  try {
    // Crucible's own checkout stands for any other project on the machine.
    const other = join(repoRoot, 'package.json');
    const peek = await p.run(['cat', other]);
    assert.notEqual(peek.exitCode, 0, peek.outputTail);
    assert.match(peek.outputTail, /No such file/);
    const listing = await p.run(['ls', '/']);
    const top = listing.outputTail.split('\n').filter(Boolean);
    for (const hidden of ['home', 'srv', 'opt', 'mnt', 'work', 'media'])
      assert.ok(!top.includes(hidden), `/${hidden} is visible: ${top.join(' ')}`);
    if (existsSync('/etc/shadow')) {
      const shadow = await p.run(['cat', '/etc/shadow']);
      assert.doesNotMatch(shadow.outputTail, /root:/, 'the password hashes are readable');
    }
    const inside = await p.run(['cat', 'src/a.js']);
    assert.equal(inside.exitCode, 0, inside.outputTail);
  } finally {
    await p.cleanup();
  }
});

test('node_modules is read-only to commands (an agent cannot rewrite the test runner it is judged by), unless commands.readOnly says otherwise', async () => {
  const p = await project();
  try {
    await writeFiles(p.root, { 'node_modules/runner/index.js': 'module.exports = () => true;\n' });
    const rig = await p.run(nodeWrite('node_modules/runner/index.js'));
    assert.notEqual(rig.exitCode, 0, rig.outputTail);
    assert.match(rig.outputTail, /EROFS/);
    assert.equal(await readFile(join(p.root, 'node_modules/runner/index.js'), 'utf8'), 'module.exports = () => true;\n');
    // A tool's cache folder inside it stays writable (a private tmpfs): caching does not fail the gate.
    await mkdir(join(p.root, 'node_modules/.cache'));
    const cached = await p.run(nodeWrite('node_modules/.cache/babel/x.json'));
    assert.equal(cached.exitCode, 0, cached.outputTail);
    assert.equal(existsSync(join(p.root, 'node_modules/.cache/babel/x.json')), false);
    const allowed = await p.run(nodeWrite('node_modules/runner/index.js'), { sandbox: policy({ readOnly: [] }) });
    assert.equal(allowed.exitCode, 0, allowed.outputTail);
    assert.equal(await readFile(join(p.root, 'node_modules/runner/index.js'), 'utf8'), 'pwned');
  } finally {
    await p.cleanup();
  }
});

test('git option forms that run programs are refused with a fix, before anything starts', async () => {
  const p = await project();
  try {
    const where = { tree: p.root, cwd: p.root };
    const allow = defaultConfig().commands;
    const alias = checkCommand('git -c alias.x=!id x', allow, where);
    assert.equal(alias.ok, false);
    assert.match(alias.ok ? '' : alias.fix, /without/);
    for (const argv of [
      ['git', '-c', 'alias.x=!id', 'x'],
      ['git', '--exec-path=/tmp', 'status'],
      ['git', 'clone', '--upload-pack=touch /tmp/x', 'a', 'b'],
      ['git', 'fetch', '-u', 'id', 'origin'],
      ['git', 'ls-remote', '--upload-pack', 'id', '.'],
      ['git', 'clone', 'ext::sh -c id', 'x'],
    ]) {
      const outcome = await p.run(argv);
      assert.equal(outcome.refusal?.code, 'command-not-allowed', argv.join(' '));
      assert.doesNotMatch(outcome.outputTail, /uid=/);
    }
    assert.equal((await p.run(['git', 'status', '--short'])).exitCode, 0);
  } finally {
    await p.cleanup();
  }
});

test('git apply of a patch creating .crucible/agents/planner.md fails and writes nothing', async () => {
  const p = await project();
  try {
    const patch = [
      'diff --git a/.crucible/agents/planner.md b/.crucible/agents/planner.md',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/.crucible/agents/planner.md',
      '@@ -0,0 +1,3 @@',
      '+---',
      '+write_paths: ["**"]',
      '+---',
      '',
    ].join('\n');
    await writeFile(join(p.root, 'src/widen.patch'), patch);
    const outcome = await p.run(['git', 'apply', 'src/widen.patch']);
    assert.equal(outcome.refusal?.code, 'command-not-allowed', outcome.outputTail);
    assert.match(outcome.refusal?.reason ?? '', /\.crucible\/ or \.git\//);
    assert.equal(existsSync(join(p.root, '.crucible/agents/planner.md')), false);
    const viaC = await p.run(['git', '-C', 'src', 'apply', 'widen.patch']);
    assert.equal(viaC.refusal?.code, 'command-not-allowed', viaC.outputTail);
    const am = await p.run(['git', 'am', 'src/widen.patch']);
    assert.equal(am.refusal?.code, 'command-not-allowed');
  } finally {
    await p.cleanup();
  }
});

test('a command reading /proc/<ppid>/environ and /proc/1/environ finds no secret of its parent', async () => {
  const p = await project();
  const secret = 'sk-ant-api03-FAKEFAKEFAKEFAKE';
  const before = process.env.ANTHROPIC_API_KEY;
  process.env.ANTHROPIC_API_KEY = secret;
  try {
    const script =
      "const fs = require('fs'); for (const pid of [process.ppid, 1]) { " +
      "try { console.log(pid, fs.readFileSync('/proc/' + pid + '/environ', 'utf8').split('\\0').join(' ')); } " +
      'catch (e) { console.log(pid, e.code); } } ' +
      'console.log(JSON.stringify(process.env));';
    // The runner's own process starts with the secret in its initial environment, as crucible does.
    const child = await collect(
      spawnTs(join(import.meta.dirname, '../helpers/run-argv-child.ts'), [p.root, 'node', '-e', script], {
        env: { ANTHROPIC_API_KEY: secret },
      }),
    );
    const outcome = JSON.parse(child.stdout) as CommandOutcome;
    assert.equal(outcome.exitCode, 0, outcome.outputTail + child.stderr);
    assert.match(outcome.outputTail, /PATH=/, 'the reads happened');
    assert.doesNotMatch(outcome.outputTail, /sk-ant-|ANTHROPIC_API_KEY/);
    // In-process too: the env handed to the runner carries the key.
    const direct = await p.run(['node', '-e', script], { env: { ...process.env, ANTHROPIC_API_KEY: secret, GITHUB_TOKEN: 'ghp_fake' } });
    assert.doesNotMatch(direct.outputTail, /sk-ant-|ghp_fake/);
  } finally {
    if (before === undefined) delete process.env.ANTHROPIC_API_KEY;
    else process.env.ANTHROPIC_API_KEY = before;
    await p.cleanup();
  }
});

const listen = (server: Server, target: string | { host: string; port: number }) =>
  new Promise<void>((resolve) =>
    typeof target === 'string' ? server.listen(target, resolve) : server.listen(target.port, target.host, resolve),
  );

test('a command can reach neither the workspace socket .crucible/crucible.sock nor a loopback TCP server', async () => {
  const p = await project();
  let accepted = 0;
  const unix = createServer((s) => (accepted++, s.end()));
  const tcp = createServer((s) => (accepted++, s.end()));
  try {
    const sock = join(p.root, '.crucible/crucible.sock');
    await listen(unix, sock);
    await listen(tcp, { host: '127.0.0.1', port: 0 });
    const port = (tcp.address() as { port: number }).port;
    const connect = (target: string) => [
      'node',
      '-e',
      `const s = require('net').connect(${target}); s.on('connect', () => { console.log('connected'); process.exit(0); }); ` +
        `s.on('error', (e) => { console.log('blocked', e.code); process.exit(3); });`,
    ];
    for (const target of [JSON.stringify(sock), JSON.stringify({ host: '127.0.0.1', port })]) {
      const outcome = await p.run(connect(target));
      assert.match(outcome.outputTail, /blocked/, target);
    }
    assert.equal(accepted, 0);
  } finally {
    unix.close();
    tcp.close();
    await p.cleanup();
  }
});

test('npx runs only binaries the project installed: --yes, -p, -c and downloads are refused', async () => {
  const p = await project();
  try {
    for (const argv of [
      ['npx', '--yes', 'cowsay'],
      ['npx', 'cowsay'],
      ['npx', '-p', 'cowsay', 'cowsay'],
      ['npx', '-c', 'id'],
      ['npm', 'exec', '--yes', 'cowsay'],
      ['npm', 'x', 'cowsay', '--yes'],
    ]) {
      const outcome = await p.run(argv);
      assert.equal(outcome.refusal?.code, 'command-not-allowed', argv.join(' '));
      assert.match(outcome.refusal?.fix ?? '', /install/);
    }
    const check = checkCommand('npx --yes cowsay', defaultConfig().commands, { tree: p.root, cwd: p.root });
    assert.equal(check.ok, false);
    await writeFiles(p.root, { 'node_modules/.bin/hello': "#!/usr/bin/env node\nconsole.log('hello from the project');\n" });
    await chmod(join(p.root, 'node_modules/.bin/hello'), 0o755);
    const installed = await p.run(['npx', '--no-install', 'hello']);
    assert.equal(installed.exitCode, 0, installed.outputTail);
    assert.match(installed.outputTail, /hello from the project/);
  } finally {
    await p.cleanup();
  }
});

test('with no working sandbox commands are refused with the fix; with "sandbox": "off" they run', async () => {
  const p = await project();
  try {
    const marker = join(p.root, 'ran.txt');
    const missing = policy({ bwrap: join(p.outside, 'no-such-bwrap') });
    const refused = await p.run(nodeWrite(marker), { sandbox: missing });
    assert.equal(refused.refusal?.code, 'sandbox-unavailable');
    assert.match(refused.refusal?.fix ?? '', /install bubblewrap/);
    assert.match(refused.refusal?.fix ?? '', /"sandbox": "off"/);
    assert.equal(existsSync(marker), false);

    const w = await toolWorld();
    try {
      const config = { ...defaultConfig(), commands: { ...defaultConfig().commands, bwrap: missing.bwrap } };
      const tool = await executeTool('run_command', { command: 'node -e 0' }, { ...w.ctx('implementer'), config });
      assert.equal(tool.ok ? 'ok' : tool.code, 'sandbox-unavailable');
    } finally {
      await w.cleanup();
    }

    const off = await p.run(nodeWrite(marker), { sandbox: { ...missing, sandbox: 'off' } });
    assert.equal(off.exitCode, 0, off.outputTail);
    assert.equal(existsSync(marker), true);
  } finally {
    await p.cleanup();
  }
});

test("the home folder's keys are hidden and HOME is private and writable", async () => {
  const p = await project();
  try {
    const home = join(p.outside, 'home');
    await writeFiles(home, { '.ssh/id_ed25519': 'PRIVATE KEY', '.npmrc': '//registry.npmjs.org/:_authToken=npm_fake' });
    const script =
      `const fs = require('fs'), os = require('os'); for (const f of ['.ssh/id_ed25519', '.npmrc']) { ` +
      `try { console.log(fs.readFileSync(${JSON.stringify(home)} + '/' + f, 'utf8')); } ` +
      `catch (e) { console.log('hidden', e.code); } } ` +
      `fs.writeFileSync(os.homedir() + '/cache', 'x'); console.log('home writable');`;
    const outcome = await p.run(['node', '-e', script], { env: { ...process.env, HOME: home } });
    assert.equal(outcome.exitCode, 0, outcome.outputTail);
    assert.doesNotMatch(outcome.outputTail, /PRIVATE KEY|npm_fake/);
    assert.match(outcome.outputTail, /home writable/);
    assert.equal(existsSync(join(home, 'cache')), false);
  } finally {
    await p.cleanup();
  }
});

test('the timeout and an abort still kill a sandboxed command', async () => {
  const p = await project();
  try {
    const hang = ['node', '-e', 'setInterval(() => {}, 1000)'];
    const timed = await p.run(hang, { timeoutMs: 1500 });
    assert.equal(timed.timedOut, true);
    const controller = new AbortController();
    const pending = p.run(hang, { signal: controller.signal });
    setTimeout(() => controller.abort(), 500);
    const aborted = await pending;
    assert.notEqual(aborted.exitCode, 0);
    assert.match(aborted.outputTail, /killed by SIGKILL/);
  } finally {
    await p.cleanup();
  }
});

test('doctor reports the sandbox, and its fix when bubblewrap is missing', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await cli(dir, 'init');
    type Report = { checks: { name: string; ok: boolean; detail: string; fix?: string }[] };
    const healthy = JSON.parse((await cli(dir, 'doctor', '--skip-model', '--json')).stdout) as Report;
    const ok = healthy.checks.find((c) => c.name === 'sandbox');
    assert.equal(ok?.ok, true, ok?.detail);
    assert.match(ok?.detail ?? '', /bubblewrap .*`true` runs inside it; no network/);
    const configPath = join(dir, '.crucible/config.json');
    const config = JSON.parse(await readFile(configPath, 'utf8')) as Record<string, unknown>;
    await writeFile(configPath, JSON.stringify({ ...config, commands: { bwrap: join(dir, 'no-such-bwrap') } }));
    const broken = await cli(dir, 'doctor', '--skip-model', '--json');
    assert.equal(broken.code, 1);
    const failed = (JSON.parse(broken.stdout) as Report).checks.find((c) => c.name === 'sandbox');
    assert.equal(failed?.ok, false);
    assert.match(failed?.fix ?? '', /install bubblewrap.*"sandbox": "off"/);
  } finally {
    await cleanup();
  }
});

test('commands.network: a listed host is reachable through the proxy; others, and direct connections, are not', async () => {
  const p = await project();
  const upstream = createServer((s) => s.on('data', () => s.end('pong')));
  const other = createServer((s) => s.end('leaked'));
  try {
    await listen(upstream, { host: '127.0.0.1', port: 0 });
    await listen(other, { host: '127.0.0.1', port: 0 });
    const allowedPort = (upstream.address() as { port: number }).port;
    const otherPort = (other.address() as { port: number }).port;
    // A CONNECT through HTTPS_PROXY by hand (Node's own fetch ignores proxy variables).
    const viaProxy = (port: number) => [
      'node',
      '-e',
      `const net = require('net'); const u = new URL(process.env.HTTPS_PROXY); ` +
        `const s = net.connect(Number(u.port), u.hostname, () => s.write('CONNECT 127.0.0.1:${port} HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n')); ` +
        `let got = ''; s.on('data', (d) => { got += d; ` +
        `if (/^HTTP\\/1.1 200/.test(got) && !got.includes('ping-sent')) { got += 'ping-sent'; s.write('ping'); } }); ` +
        `s.on('close', () => console.log(JSON.stringify(got))); ` +
        `s.on('error', (e) => console.log('error', e.code));`,
    ];
    const sandbox = policy({ network: [`127.0.0.1:${allowedPort}`] });
    const allowed = await p.run(viaProxy(allowedPort), { sandbox });
    assert.equal(allowed.exitCode, 0, allowed.outputTail);
    assert.match(allowed.outputTail, /200 Connection Established.*pong/);
    const denied = await p.run(viaProxy(otherPort), { sandbox });
    assert.match(denied.outputTail, /403 Forbidden/);
    assert.doesNotMatch(denied.outputTail, /leaked/);
    const direct = await p.run(
      [
        'node',
        '-e',
        `require('net').connect(${otherPort}, '127.0.0.1').on('connect', () => console.log('connected')).on('error', (e) => console.log('blocked', e.code))`,
      ],
      { sandbox },
    );
    assert.match(direct.outputTail, /blocked/);
  } finally {
    upstream.close();
    other.close();
    await p.cleanup();
  }
});

test('commands.network entries: host means ports 443 and 80, host:port that port, *.domain its subdomains', () => {
  const allow = ['registry.npmjs.org', 'example.com:8443', '*.github.com'];
  assert.equal(hostAllowed(allow, 'registry.npmjs.org', 443), true);
  assert.equal(hostAllowed(allow, 'registry.npmjs.org', 22), false);
  assert.equal(hostAllowed(allow, 'evil-registry.npmjs.org', 443), false);
  assert.equal(hostAllowed(allow, 'example.com', 8443), true);
  assert.equal(hostAllowed(allow, 'example.com', 443), false);
  assert.equal(hostAllowed(allow, 'api.github.com', 443), true);
  assert.equal(hostAllowed(allow, 'github.com.evil.org', 443), false);
});

test('a toolchain outside the system folders still runs: a symlinked PATH folder (fnm, asdf) whose bin links into ../lib/node_modules', async () => {
  const p = await project();
  const t = await tempDir('crucible-toolchain-');
  try {
    const real = join(t.dir, 'node-v99');
    await writeFiles(real, { 'lib/node_modules/pkg/tool.sh': '#!/bin/sh\necho tool ran\n' });
    await chmod(join(real, 'lib/node_modules/pkg/tool.sh'), 0o755);
    await mkdir(join(real, 'bin'));
    await symlink('../lib/node_modules/pkg/tool.sh', join(real, 'bin', 'tool'));
    const shell = join(t.dir, 'shell-1234');
    await symlink(join(real, 'bin'), shell);
    const ran = await p.run(['tool'], { env: { ...process.env, PATH: `${shell}:${process.env.PATH ?? ''}` } });
    assert.equal(ran.exitCode, 0, ran.outputTail);
    assert.match(ran.outputTail, /tool ran/);
  } finally {
    await t.cleanup();
    await p.cleanup();
  }
});

test("in a git worktree, git works inside the sandbox: the main repository's store is bound read-only, its files stay unseen", async () => {
  const t = await tempDir('crucible-worktree-');
  try {
    const main = join(t.dir, 'main');
    await writeFiles(main, { 'a.txt': 'a\n', 'secret-of-main.txt': 'main only\n' });
    const git = (cwd: string, ...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, stdio: 'pipe' });
    git(main, 'init', '-q');
    git(main, 'add', '.');
    git(main, 'commit', '-qm', 'init');
    const tree = join(t.dir, 'wt');
    git(main, 'worktree', 'add', '-q', tree);
    const run = (argv: string[]) => runArgv(argv, { cwd: tree, sandbox: policy(), timeoutMs: 20_000, maxOutputBytes: 8000 });
    const status = await run(['git', 'status', '--short']);
    assert.equal(status.exitCode, 0, status.outputTail);
    const log = await run(['git', 'log', '--oneline']);
    assert.match(log.outputTail, /init/);
    const peek = await run(['cat', join(main, 'secret-of-main.txt')]);
    assert.notEqual(peek.exitCode, 0, peek.outputTail);
    const hook = await run(nodeWrite(join(main, '.git', 'hooks', 'pre-commit')));
    assert.notEqual(hook.exitCode, 0, hook.outputTail);
    assert.equal(existsSync(join(main, '.git', 'hooks', 'pre-commit')), false);
  } finally {
    await t.cleanup();
  }
});
