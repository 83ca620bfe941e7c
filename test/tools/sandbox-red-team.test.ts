// Red-team attacks on the command sandbox: what a hostile agent's commands try next.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { redactSecrets } from '../../src/shared/redact.js';
import { lastChars } from '../../src/tools/bounded.js';
import { runArgv } from '../../src/tools/command-runner.js';
import { gitDiffOf } from '../../src/tools/gate-snapshot.js';
import { parseProcNetUnix } from '../../src/tools/host-sockets.js';
import { aliasesOf, parseMountinfo } from '../../src/tools/mount-aliases.js';
import { defaultConfig } from '../../src/workspace/config.js';
import { repoRoot } from '../../support/helpers/child.js';
import { tempDir, writeFiles } from '../../support/helpers/temp.js';

const sandbox = defaultConfig().commands;

test("a .git whose config the agent wrote cannot make Crucible run its core.fsmonitor outside the sandbox (the tamper check's git diff)", async () => {
  const t = await tempDir();
  try {
    const root = join(t.dir, 'project');
    const outside = join(t.dir, 'outside');
    await mkdir(outside);
    const marker = join(outside, 'escaped');
    await writeFiles(root, {
      '.crucible/config.json': '{}\n',
      'test/a.test.js': 'ok\n',
      'hook.sh': `#!/bin/sh\necho escaped > ${marker}\nexit 1\n`,
    });
    // A repository whose config the agent wrote (a concurrent command racing the quarantine below, or a past
    // session with the sandbox off): planted here directly, since a sandboxed `git init` is now moved aside.
    const plant = [
      "const { execFileSync: git } = require('child_process'), fs = require('fs');",
      "for (const args of [['init', '-q'], ['config', 'user.email', 'a@b.c'], " +
        "['config', 'user.name', 'a'], ['add', 'test/a.test.js'], ['commit', '-qm', 'x']]) git('git', args);",
      "fs.chmodSync('hook.sh', 0o755); fs.writeFileSync('test/a.test.js', 'changed\\n');",
      `git('git', ['config', 'core.fsmonitor', ${JSON.stringify(join(root, 'hook.sh'))}]);`,
    ].join('\n');
    execFileSync(process.execPath, ['-e', plant], { cwd: root });
    assert.equal(existsSync(join(root, '.git/config')), true, 'the planted repository exists');
    // complete_task's tamper check shows the diff of a changed test file.
    await gitDiffOf(root, 'test/a.test.js', sandbox);
    assert.equal(existsSync(marker), false, "the planted fsmonitor hook ran outside the sandbox, with the holder's environment");
  } finally {
    await t.cleanup();
  }
});

test('a key cut in half by the output tail is not left half-shown: the cut drops the partial token, so no remainder escapes redaction', async () => {
  const t = await tempDir();
  try {
    const key = `sk-ant-api03-${'Q7xZ'.repeat(23)}`;
    const padding = 'y'.repeat(950);
    // A project test that prints a key from a fixture; the output is longer than the cap, and the cap cuts inside the key.
    await writeFiles(t.dir, { 'fixture.txt': `${key} ${padding}\n` });
    const outcome = await runArgv(['cat', 'fixture.txt'], { cwd: t.dir, sandbox, timeoutMs: 20_000, maxOutputBytes: 1000 });
    assert.equal(outcome.exitCode, 0, outcome.outputTail);
    const shown = redactSecrets(outcome.outputTail, []);
    assert.match(shown, /truncated/);
    for (let at = 0; at + 16 <= key.length; at++)
      assert.equal(shown.includes(key.slice(at, at + 16)), false, `a piece of the key is shown: ${shown.slice(0, 120)}`);
    assert.match(shown, /y{900}/, 'the rest of the output is kept');
  } finally {
    await t.cleanup();
  }
});

test('the evidence tail a completion stores is cut the same way', () => {
  const key = `ghp_${'a1B2'.repeat(10)}`;
  const kept = lastChars(`${key}${' z'.repeat(20)}`, 50);
  assert.equal(kept.includes(key.slice(-8)), false, kept);
  assert.equal(lastChars('short', 50), 'short');
  assert.equal(lastChars('abc def', 4), ' def', 'a cut at a word boundary keeps everything after it');
});

test('npm credentials (a .npmrc is now a gate-defining file whose diff is shown) are redacted; code that merely says _password is not', () => {
  const token = `npm_${'Ab3d'.repeat(9)}`;
  const npmrc =
    `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${token}\n` +
    `_auth=dXNlcjpodW50ZXIy\n//npm.example.com/:_password=aHVudGVyMg==\n`;
  const shown = redactSecrets(npmrc, []);
  assert.equal(shown.includes(token), false, shown);
  assert.equal(shown.includes('dXNlcjpodW50ZXIy'), false, shown);
  assert.equal(shown.includes('aHVudGVyMg=='), false, shown);
  assert.match(shown, /:_authToken=\[redacted\]/);
  assert.match(shown, /registry=https:\/\/registry\.npmjs\.org\//);
  assert.equal(redactSecrets(`echo ${token}`, []), 'echo [redacted]');
  const code = 'const user_password = readPassword();\nconst my_auth = login(user);\n';
  assert.equal(redactSecrets(code, []), code);
});

test('a .git a sandboxed command creates in a project that had none is moved aside, with the command refused', async () => {
  const t = await tempDir();
  try {
    const root = join(t.dir, 'project');
    await writeFiles(root, { '.crucible/config.json': '{}\n', 'src/a.js': 'export const a = 1;\n' });
    const outcome = await runArgv(['git', 'init', '-q'], { cwd: root, sandbox, timeoutMs: 20_000, maxOutputBytes: 8000 });
    assert.equal(
      existsSync(join(root, '.git')),
      false,
      "git init planted a repository whose config the human's next git command would obey",
    );
    assert.notEqual(outcome.exitCode, 0);
    assert.match(outcome.outputTail, /created \.git\/.*moved to \.crucible\/quarantine\/git-\d+/);
    // A dangling symlink is a repository as soon as its target is written: moved aside too.
    const link = await runArgv(['node', '-e', "require('fs').symlinkSync('src/gitdir', '.git')"], {
      cwd: root,
      sandbox,
      timeoutMs: 20_000,
      maxOutputBytes: 8000,
    });
    assert.match(link.outputTail, /created \.git\//);
    assert.throws(() => lstatSync(join(root, '.git')));
    // A project that is already a repository keeps its (read-only) store.
    await runArgv(['node', '-e', '0'], { cwd: root, sandbox, timeoutMs: 20_000, maxOutputBytes: 8000 });
    await mkdir(join(root, '.git'));
    const fine = await runArgv(['node', '-e', '0'], { cwd: root, sandbox, timeoutMs: 20_000, maxOutputBytes: 8000 });
    assert.equal(fine.exitCode, 0, fine.outputTail);
    assert.equal(existsSync(join(root, '.git')), true);
  } finally {
    await t.cleanup();
  }
});

const MOUNTINFO = [
  '22 1 254:0 / / rw,relatime - ext4 /dev/vda rw',
  '40 22 254:0 /srv/data /mnt/host\\040data rw,relatime - ext4 /dev/vda rw',
  '41 22 254:0 /srv/data/proj/.crucible /opt/leak rw,relatime - ext4 /dev/vda rw',
  '42 22 0:50 / /srv/data/proj/node_modules rw - tmpfs tmpfs rw',
  '43 22 254:1 /srv/data /mnt/other-disk rw - ext4 /dev/vdb rw',
].join('\n');

test('the other paths a folder is mounted at are found: a volume of a parent folder, a bind mount of the folder itself', () => {
  assert.deepEqual(aliasesOf('/srv/data/proj/.crucible', parseMountinfo(MOUNTINFO)).sort(), ['/mnt/host data/proj/.crucible', '/opt/leak']);
  assert.deepEqual(aliasesOf('/srv/data/proj/.crucible', parseMountinfo('22 1 254:0 / / rw - ext4 /dev/vda rw')), []);
});

test('.crucible/ reached through a second mount of the project (a bind mount, a volume) is hidden too', async (t) => {
  const tmp = await tempDir();
  // Outside the folders the sandbox hides (/tmp, /home, ...), or the alias would be hidden anyway.
  const alias = join(repoRoot, `.alias-${process.pid}`);
  try {
    const root = join(tmp.dir, 'project');
    await writeFiles(root, { '.crucible/config.json': '{"secret":"in the workspace"}\n' });
    await mkdir(alias);
    try {
      execFileSync('mount', ['--bind', root, alias], { stdio: 'ignore' });
    } catch {
      return t.skip('no permission to bind-mount here');
    }
    try {
      const peek = await runArgv(['cat', join(alias, '.crucible/config.json')], {
        cwd: root,
        sandbox,
        timeoutMs: 20_000,
        maxOutputBytes: 8000,
      });
      assert.doesNotMatch(peek.outputTail, /in the workspace/);
      assert.notEqual(peek.exitCode, 0);
    } finally {
      execFileSync('umount', [alias]);
    }
  } finally {
    await rm(alias, { recursive: true, force: true });
    await tmp.cleanup();
  }
});

test("a unix socket listening outside the hidden folders (another project's workspace socket, a daemon's) cannot be connected to", async () => {
  const tmp = await tempDir();
  // Another Crucible project beside the repository, outside /tmp and /home: its holder serves .crucible/crucible.sock.
  const sibling = join(repoRoot, `.sibling-${process.pid}`);
  const socketPath = join(sibling, '.crucible/crucible.sock');
  await mkdir(join(sibling, '.crucible'), { recursive: true });
  const server = createServer((client) => client.end('answered as the human\n'));
  try {
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    const root = join(tmp.dir, 'project');
    await writeFiles(root, { 'src/a.js': '1\n' });
    // A socket inside the tree that some other process serves is no more the command's than one outside it.
    const inTree = createServer((client) => client.end('answered in the tree\n'));
    await new Promise<void>((resolve) => inTree.listen(join(root, 'other.sock'), resolve));
    try {
      const connect = (path: string) =>
        `const s = require('net').connect(${JSON.stringify(path)}); s.on('data', (d) => process.stdout.write('got ' + d)); ` +
        `s.on('error', (e) => console.log('refused ' + e.code));`;
      for (const path of [socketPath, join(root, 'other.sock')]) {
        const outcome = await runArgv(['node', '-e', connect(path)], { cwd: root, sandbox, timeoutMs: 20_000, maxOutputBytes: 8000 });
        assert.doesNotMatch(outcome.outputTail, /answered/, path);
        assert.match(outcome.outputTail, /refused/);
      }
    } finally {
      inTree.close();
    }
  } finally {
    server.close();
    await rm(sibling, { recursive: true, force: true });
    await tmp.cleanup();
  }
});

test('/proc/net/unix: only listening path sockets are taken', () => {
  const text = [
    'Num       RefCount Protocol Flags    Type St Inode Path',
    '0000000000000000: 00000002 00000000 00010000 0001 01 20 /srv/p/.crucible/crucible.sock',
    '0000000000000000: 00000002 00000000 00010000 0001 01 21 @abstract',
    '0000000000000000: 00000003 00000000 00000000 0001 03 22 /srv/p/client.sock',
    '0000000000000000: 00000003 00000000 00000000 0001 03 23',
    '0000000000000000: 00000002 00000000 00010000 0001 01 24 /srv/with space.sock',
  ].join('\n');
  assert.deepEqual(parseProcNetUnix(text), ['/srv/p/.crucible/crucible.sock', '/srv/with space.sock']);
});
