// The PreToolUse decision for a Claude Code session's own tools, over a real temp tree: paths stay in
// the tree, writes stay in write_paths and out of .git, each tool needs its Crucible grant, Bash is wrapped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  claudeToolsFor,
  decideToolUse,
  MCP_PREFIX,
  withoutWorkspace,
  type ShellWrapper,
  type ToolDecision,
} from '../../src/runtime/claude-code/permissions.js';
import { refusal } from '../../src/record/refusal.js';
import { AGENTS, toolWorld } from '../helpers/tool-context.js';

const wrapped: string[] = [];
const fakeShell: ShellWrapper = async (command) => {
  wrapped.push(command);
  return { ok: true, line: `SANDBOXED ${command}` };
};

async function world() {
  const w = await toolWorld();
  await mkdir(join(w.root, 'src'));
  await mkdir(join(w.root, '.git'));
  await mkdir(join(w.root, '.crucible'));
  await writeFile(join(w.root, 'src', 'a.ts'), 'export const a = 1;\n');
  await writeFile(join(w.root, '.crucible', 'config.json'), '{}\n');
  await writeFile(join(w.root, '..', 'outside.txt'), 'not yours\n');
  await symlink(join(w.root, '..', 'outside.txt'), join(w.root, 'src', 'escape.txt'));
  const decide = (agent: keyof typeof AGENTS, tool: string, input: Record<string, unknown>, shell = fakeShell) =>
    decideToolUse(w.ctx(agent), tool, input, shell);
  return { ...w, decide };
}

function refused(decision: ToolDecision, pattern: RegExp): void {
  assert.equal(decision.allow, false, `expected a refusal matching ${pattern}`);
  if (!decision.allow) assert.match(decision.message, pattern);
}

test('Read is allowed inside the tree, by absolute or relative path, and refused anywhere else', async () => {
  const w = await world();
  try {
    assert.deepEqual(await w.decide('implementer', 'Read', { file_path: join(w.root, 'src', 'a.ts') }), { allow: true });
    assert.deepEqual(await w.decide('implementer', 'Read', { file_path: 'src/a.ts' }), { allow: true });
    refused(await w.decide('implementer', 'Read', { file_path: '/etc/passwd' }), /^REFUSED \[path-outside\]: .*leaves the project/);
    refused(await w.decide('implementer', 'Read', { file_path: '../x' }), /^REFUSED \[path-outside\]/);
    refused(
      await w.decide('implementer', 'Read', { file_path: join(w.root, 'src', 'escape.txt') }),
      /^REFUSED \[path-outside\]: .*symlink/,
    );
    refused(
      await w.decide('implementer', 'Read', { file_path: join(w.root, '.crucible', 'config.json') }),
      /^REFUSED \[path-outside\]: .*Crucible's own workspace/,
    );
    refused(await w.decide('implementer', 'Read', {}), /^REFUSED \[bad-path\]/);
  } finally {
    await w.cleanup();
  }
});

test('Write and Edit stay inside write_paths and out of .git, with the role and path named', async () => {
  const w = await world();
  try {
    assert.deepEqual(await w.decide('implementer', 'Write', { file_path: join(w.root, 'src', 'new', 'b.ts'), content: 'x' }), {
      allow: true,
    });
    assert.deepEqual(await w.decide('implementer', 'Edit', { file_path: 'src/a.ts', old_string: '1', new_string: '2' }), { allow: true });
    const outside = await w.decide('implementer', 'Write', { file_path: join(w.root, 'notes.md'), content: 'x' });
    refused(outside, /^REFUSED \[write-not-allowed\]: the implementer role may not write notes\.md \(allowed: src\/\*\*\)/);
    refused(
      await w.decide('tester', 'MultiEdit', { file_path: 'src/a.ts', edits: [] }),
      /\[write-not-allowed\]: the tester role may not write src\/a\.ts/,
    );
    refused(
      await w.decide('implementer', 'Write', { file_path: join(w.root, '.git', 'config'), content: 'x' }),
      /^REFUSED \[path-protected\]/,
    );
    refused(await w.decide('implementer', 'Write', { file_path: '/etc/cron.d/x', content: 'x' }), /^REFUSED \[path-outside\]/);
    refused(await w.decide('implementer', 'Write', { file_path: 'src/escape.txt', content: 'x' }), /^REFUSED \[path-outside\]: .*symlink/);
    // .git is protected even from an agent whose write_paths cover everything.
    const everywhere = w.ctx('implementer', { agent: { ...AGENTS.implementer!, writePaths: ['**'] } });
    assert.deepEqual(await decideToolUse(everywhere, 'Write', { file_path: 'notes.md', content: 'x' }, fakeShell), { allow: true });
    refused(await decideToolUse(everywhere, 'Edit', { file_path: 'src/.git/config' }, fakeShell), /^REFUSED \[path-protected\]/);
    refused(await w.decide('implementer', 'NotebookEdit', { notebook_path: 'doc.ipynb', new_source: '' }), /\[write-not-allowed\]/);
  } finally {
    await w.cleanup();
  }
});

test('Glob and Grep refuse a pattern or path that leaves the tree', async () => {
  const w = await world();
  try {
    assert.deepEqual(await w.decide('implementer', 'Glob', { pattern: 'src/**/*.ts' }), { allow: true });
    assert.deepEqual(await w.decide('implementer', 'Grep', { pattern: 'a', path: join(w.root, 'src'), glob: '*.ts' }), { allow: true });
    refused(await w.decide('implementer', 'Glob', { pattern: '/etc/*' }), /^REFUSED \[path-outside\]: the pattern \/etc\/\* leaves/);
    refused(await w.decide('implementer', 'Glob', { pattern: 'src/../../*' }), /^REFUSED \[path-outside\]/);
    refused(await w.decide('implementer', 'Glob', { pattern: '*', path: '/' }), /^REFUSED \[path-outside\]/);
    refused(await w.decide('implementer', 'Grep', { pattern: 'root', path: '/etc' }), /^REFUSED \[path-outside\]/);
    refused(await w.decide('implementer', 'Grep', { pattern: 'x', glob: '../**' }), /^REFUSED \[path-outside\]/);
  } finally {
    await w.cleanup();
  }
});

test("a tool needs its Crucible grant in the agent file, and Claude Code's other tools do not exist", async () => {
  const w = await world();
  try {
    refused(
      await w.decide('reviewer', 'Bash', { command: 'ls' }),
      /^REFUSED \[tool-not-allowed\]: the reviewer role may not use Bash: its agent file does not list run_command/,
    );
    refused(await w.decide('architect', 'Read', { file_path: 'src/a.ts' }), /\[tool-not-allowed\].*does not list read_file/);
    for (const tool of ['WebFetch', 'WebSearch', 'Task', 'KillShell'])
      refused(
        await w.decide('implementer', tool, {}),
        new RegExp(`^REFUSED \\[tool-not-allowed\\]: the implementer role may not use ${tool}`),
      );
    assert.deepEqual(await w.decide('reviewer', 'TodoWrite', { todos: [] }), { allow: true });
    assert.deepEqual(await w.decide('implementer', `${MCP_PREFIX}complete_task`, {}), { allow: true });
    refused(
      await w.decide('reviewer', `${MCP_PREFIX}complete_task`, {}),
      /\[tool-not-allowed\]: the reviewer role may not use complete_task/,
    );
    refused(await w.decide('implementer', 'mcp__other__complete_task', {}), /\[tool-not-allowed\]/);
    assert.equal(wrapped.length, 0, 'a refused Bash never reaches the sandbox');
  } finally {
    await w.cleanup();
  }
});

test('Bash runs the sandbox-wrapped line, never in the background, and a sandbox refusal is passed on', async () => {
  const w = await world();
  try {
    const input = { command: "echo 'it''s' $HOME", description: 'say' };
    assert.deepEqual(await w.decide('implementer', 'Bash', input), {
      allow: true,
      updatedInput: { command: "SANDBOXED echo 'it''s' $HOME", description: 'say' },
    });
    refused(await w.decide('implementer', 'Bash', { command: 'sleep 9', run_in_background: true }), /^REFUSED \[command-not-allowed\]/);
    refused(await w.decide('implementer', 'Bash', { command: '  ' }), /^REFUSED \[bad-tool-input\]/);
    const noSandbox: ShellWrapper = async () => refusal('sandbox-unavailable', 'bubblewrap is missing', 'install bubblewrap');
    refused(
      await w.decide('implementer', 'Bash', { command: 'ls' }, noSandbox),
      /^REFUSED \[sandbox-unavailable\]: bubblewrap is missing\nFix: install/,
    );
  } finally {
    await w.cleanup();
  }
});

test("claudeToolsFor gives the Claude Code tools the agent file's tools grant, and the bookkeeping ones", () => {
  assert.deepEqual(claudeToolsFor(AGENTS.implementer!.tools), [
    'Read',
    'Glob',
    'Grep',
    'Write',
    'Edit',
    'MultiEdit',
    'NotebookEdit',
    'Bash',
    'TodoWrite',
    'ToolSearch',
  ]);
  assert.deepEqual(claudeToolsFor(AGENTS.reviewer!.tools), ['Read', 'TodoWrite', 'ToolSearch']);
  assert.deepEqual(claudeToolsFor(['complete_task']), ['TodoWrite', 'ToolSearch']);
});

test('Glob and Grep refuse HOME (`~`, which Claude Code expands after the hook) and patterns into .crucible', async () => {
  const w = await world();
  try {
    refused(await w.decide('implementer', 'Grep', { pattern: 'SECRET', path: '~' }), /^REFUSED \[path-outside\]: ~ is in a home directory/);
    refused(await w.decide('implementer', 'Glob', { pattern: '*', path: '~/.ssh' }), /^REFUSED \[path-outside\]/);
    refused(await w.decide('implementer', 'Read', { file_path: '~/.aws/credentials' }), /^REFUSED \[path-outside\]/);
    refused(await w.decide('implementer', 'Glob', { pattern: '~/*' }), /^REFUSED \[path-outside\]/);
    refused(await w.decide('implementer', 'Glob', { pattern: '.crucible/**' }), /^REFUSED \[path-outside\]: .*Crucible's own workspace/);
    refused(await w.decide('implementer', 'Grep', { pattern: 'x', glob: '{src,.Crucible}/**' }), /^REFUSED \[path-outside\]/);
  } finally {
    await w.cleanup();
  }
});

test("what Glob and Grep found is shown without Crucible's workspace, whatever the pattern was", () => {
  const root = '/p/tree';
  const found = {
    filenames: ['/p/tree/src/a.ts', '/p/tree/.crucible/config.json', '/p/tree/.CRUCIBLE/db/LOG'],
    content: 'src/a.ts:1:commands\n.crucible/config.json:1:{"gate":{"commands":[]}}\n/p/tree/.crucible/worktrees/T-2/src/b.ts:3:x',
    numFiles: 3,
  };
  assert.deepEqual(withoutWorkspace(found, [root]), {
    filenames: ['/p/tree/src/a.ts'],
    content: 'src/a.ts:1:commands',
    numFiles: 3,
  });
});
