// `crucible run --backend claude-code` as the tests drive it: the real Claude Code binary against a loopback server
// standing in for the API, with a key (so it asks for no login) and a HOME of the test's own (its settings, sessions).
import assert from 'node:assert/strict';
import { sep } from 'node:path';
import { collect, crucibleBin, spawnTs } from '../../support/helpers/child.js';

export const claudeCodeEnv = (url: string, home: string): NodeJS.ProcessEnv => ({
  ANTHROPIC_API_KEY: 'sk-ant-test-cc-0000',
  ANTHROPIC_BASE_URL: url,
  HOME: home,
});

/** The run to its end in `root` (extra arguments after `--backend claude-code`): its exit code and output. */
export const runClaudeCode = (root: string, env: NodeJS.ProcessEnv, ...extra: string[]) =>
  collect(spawnTs(crucibleBin, ['run', '--backend', 'claude-code', ...extra], { cwd: root, env }));

/** Claude Code worked in the task's own worktree: a folder named after the task, outside the project. */
export function assertTaskTree(cwd: string, root: string, taskId: string): void {
  assert.ok(cwd.endsWith(`${sep}${taskId}`) && !cwd.startsWith(root + sep), `${taskId}'s worktree, outside ${root}: ${cwd}`);
}
