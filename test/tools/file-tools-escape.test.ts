// The file tools against a hostile agent: symlinks, globs and regexes that try
// to leave the project, reach .crucible/ or freeze the coordinator's thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { executeTool, formatToolResult } from '../../src/tools/registry.js';
import { compilePattern, searchFiles } from '../../src/tools/grep-search.js';
import type { ToolResult } from '../../src/tools/types.js';
import { toolWorld } from '../helpers/tool-context.js';
import { tempDir } from '../../support/helpers/temp.js';

const code = (r: ToolResult) => (r.ok ? 'ok' : r.code);
const text = (r: ToolResult) => (r.ok ? r.content : `${r.code}: ${r.reason}`);

/** A project world plus a real folder outside it holding a secret file. */
async function worldWithOutside() {
  const w = await toolWorld();
  const outside = await tempDir('crucible-outside-');
  await writeFile(join(outside.dir, 'secret.txt'), 'TOP-SECRET\n');
  await mkdir(join(w.root, 'src'));
  return { w, outside: outside.dir, cleanup: async () => (await w.cleanup(), await outside.cleanup()) };
}

test('write_file and edit_file refuse a dangling symlink that points out of the project; nothing is created outside', async () => {
  const { w, outside, cleanup } = await worldWithOutside();
  try {
    const target = join(outside, 'planted.js');
    await symlink(relative(join(w.root, 'src'), target), join(w.root, 'src/x.js'));
    const write = await executeTool('write_file', { path: 'src/x.js', content: 'pwned' }, w.ctx('implementer'));
    assert.equal(code(write), 'path-outside', text(write));
    const edit = await executeTool('edit_file', { path: 'src/x.js', old_text: 'a', new_text: 'b' }, w.ctx('implementer'));
    assert.equal(code(edit), 'path-outside', text(edit));
    assert.equal(existsSync(target), false);
  } finally {
    await cleanup();
  }
});

test('a symlink into .crucible/ is refused, dangling or not, and the agent file is not written', async () => {
  const { w, cleanup } = await worldWithOutside();
  try {
    await mkdir(join(w.root, '.crucible/agents'), { recursive: true });
    await symlink('../.crucible/agents/planner.md', join(w.root, 'src/planner.md'));
    const dangling = await executeTool(
      'write_file',
      { path: 'src/planner.md', content: '---\nwrite_paths: ["**"]\n---\n' },
      w.ctx('implementer'),
    );
    assert.equal(code(dangling), 'path-outside', text(dangling));
    assert.equal(existsSync(join(w.root, '.crucible/agents/planner.md')), false);
    await writeFile(join(w.root, '.crucible/config.json'), '{}');
    await symlink('../.crucible/config.json', join(w.root, 'src/config.json'));
    assert.equal(
      code(await executeTool('write_file', { path: 'src/config.json', content: '{"x":1}' }, w.ctx('implementer'))),
      'path-outside',
    );
    assert.equal(await readFile(join(w.root, '.crucible/config.json'), 'utf8'), '{}');
  } finally {
    await cleanup();
  }
});

test('write_file does not write through a symlink even to another project file', async () => {
  const { w, cleanup } = await worldWithOutside();
  try {
    await writeFile(join(w.root, 'src/real.js'), 'original');
    await symlink('real.js', join(w.root, 'src/alias.js'));
    const write = await executeTool('write_file', { path: 'src/alias.js', content: 'changed' }, w.ctx('implementer'));
    assert.equal(code(write), 'symlink-not-followed', text(write));
    assert.match(formatToolResult(write), /Fix: write the file it points to by its own path/);
    assert.equal(await readFile(join(w.root, 'src/real.js'), 'utf8'), 'original');
    assert.equal(code(await executeTool('write_file', { path: 'src/real.js', content: 'changed' }, w.ctx('implementer'))), 'ok');
    assert.equal(await readFile(join(w.root, 'src/real.js'), 'utf8'), 'changed');
  } finally {
    await cleanup();
  }
});

test('grep finds project matches but nothing outside: .. globs, absolute or brace-expanded globs, and linked files are refused or skipped', async () => {
  const { w, outside, cleanup } = await worldWithOutside();
  try {
    await writeFile(join(w.root, 'src/a.js'), 'const SECRET_NAME = 1;\n');
    await symlink(join(outside, 'secret.txt'), join(w.root, 'src/linked.txt'));
    const ctx = w.ctx('implementer');
    const inProject = await executeTool('grep', { pattern: 'SECRET' }, ctx);
    assert.equal(text(inProject), 'src/a.js:1: const SECRET_NAME = 1;');
    const up = relative(w.root, outside);
    for (const glob of ['../../etc/passwd', `${up}/*`, `{${outside},x}/*`, `.{.,}/**`, `src/{a,../..}/*`]) {
      const found = await executeTool('grep', { pattern: 'TOP-SECRET|root:', glob }, ctx);
      assert.equal(code(found), 'path-outside', `${glob}: ${text(found)}`);
    }
  } finally {
    await cleanup();
  }
});

test('list_files lists nothing outside for {/outside,x}/* and other escaping patterns', async () => {
  const { w, outside, cleanup } = await worldWithOutside();
  try {
    await writeFile(join(w.root, 'src/a.js'), '');
    const ctx = w.ctx('implementer');
    for (const pattern of [`{${outside},x}/*`, `{,${outside}/}*`, '..{,}/**', `{x,{${outside},y}}/*`]) {
      const listed = await executeTool('list_files', { pattern }, ctx);
      assert.doesNotMatch(text(listed), /secret\.txt/, pattern);
      assert.equal(code(listed), 'path-outside', pattern);
    }
    assert.equal(text(await executeTool('list_files', { pattern: '{src,test}/*' }, ctx)), 'src/a.js');
  } finally {
    await cleanup();
  }
});

test('a catastrophic regex (a+)+$ answers within 2 s and the event loop keeps ticking', async () => {
  const w = await toolWorld();
  try {
    await writeFile(join(w.root, 'input.txt'), `${'a'.repeat(25)}b\n`);
    let ticks = 0;
    let lastTick = performance.now();
    let longestGap = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - lastTick);
      lastTick = now;
      ticks++;
    }, 5);
    const started = performance.now();
    const found = await executeTool('grep', { pattern: '(a+)+$', glob: '*.txt' }, w.ctx('implementer'));
    const elapsed = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
    clearInterval(timer);
    assert.ok(elapsed < 2000, `grep took ${Math.round(elapsed)} ms`);
    assert.ok(ticks > 0 && longestGap < 2000, `the event loop stalled for ${Math.round(longestGap)} ms`);
    assert.equal(text(found), '(no matches)');
  } finally {
    await w.cleanup();
  }
});

test('grep refuses patterns RE2 cannot run, with the fix, and stops at its time budget', async () => {
  const w = await toolWorld();
  try {
    const look = await executeTool('grep', { pattern: 'foo(?!bar)' }, w.ctx('implementer'));
    assert.equal(code(look), 'bad-pattern');
    assert.match(formatToolResult(look), /RE2 syntax/);
    await writeFile(join(w.root, 'a.txt'), 'x\n'.repeat(200_000));
    const regex = compilePattern('y');
    assert.ok(!('ok' in regex));
    const slow = await searchFiles([{ rel: 'a.txt', abs: join(w.root, 'a.txt') }], regex, { limit: 10, budgetMs: 0 });
    assert.equal(code(slow), 'grep-too-slow');
  } finally {
    await w.cleanup();
  }
});

test("write_file refuses git's own store even for a role allowed to write everywhere (hooks and config would run outside the sandbox)", async () => {
  const { w, cleanup } = await worldWithOutside();
  try {
    await mkdir(join(w.root, '.git', 'hooks'), { recursive: true });
    const everywhere = { ...w.ctx('implementer').agent, writePaths: ['**'] };
    for (const path of ['.git/hooks/pre-commit', '.git/config', 'vendor/lib/.git/config']) {
      const write = await executeTool(
        'write_file',
        { path, content: '#!/bin/sh\nid > /tmp/pwned\n' },
        w.ctx('implementer', { agent: everywhere }),
      );
      assert.equal(code(write), 'path-protected', `${path}: ${text(write)}`);
      assert.equal(existsSync(join(w.root, path)), false, path);
    }
    const fine = await executeTool(
      'write_file',
      { path: 'src/.gitignore', content: 'dist\n' },
      w.ctx('implementer', { agent: everywhere }),
    );
    assert.equal(code(fine), 'ok', text(fine));
  } finally {
    await cleanup();
  }
});

test('.crucible/ and .git/ are refused in any letter case (on a case-insensitive file system .Crucible and .GIT are the same folders)', async () => {
  const { w, cleanup } = await worldWithOutside();
  try {
    const everywhere = { ...w.ctx('implementer').agent, writePaths: ['**'] };
    const widen = await executeTool(
      'write_file',
      { path: '.Crucible/agents/planner.md', content: '---\nwrite_paths: ["**"]\n---\n' },
      w.ctx('implementer', { agent: everywhere }),
    );
    assert.equal(code(widen), 'path-outside', text(widen));
    for (const path of ['.GIT/hooks/pre-commit', 'vendor/.Git/config']) {
      const hook = await executeTool('write_file', { path, content: '#!/bin/sh\nid\n' }, w.ctx('implementer', { agent: everywhere }));
      assert.equal(code(hook), 'path-protected', `${path}: ${text(hook)}`);
    }
    await mkdir(join(w.root, '.CRUCIBLE'), { recursive: true });
    await writeFile(join(w.root, '.CRUCIBLE', 'config.json'), '{"secret": 1}\n');
    const listed = await executeTool('list_files', { pattern: '.CRUCIBLE/**' }, w.ctx('implementer'));
    assert.equal(text(listed), '(no files match)');
  } finally {
    await cleanup();
  }
});
