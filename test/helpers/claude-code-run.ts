// `crucible run --backend claude-code` as the tests drive it: the real Claude Code binary against a loopback server
// standing in for the API, with a key (so it asks for no login) and a HOME of the test's own (its settings, sessions).
import { collect, crucibleBin, spawnTs } from '../../support/helpers/child.js';

export const claudeCodeEnv = (url: string, home: string): NodeJS.ProcessEnv => ({
  ANTHROPIC_API_KEY: 'sk-ant-test-cc-0000',
  ANTHROPIC_BASE_URL: url,
  HOME: home,
});

/** The run to its end in `root` (extra arguments after `--backend claude-code`): its exit code and output. */
export const runClaudeCode = (root: string, env: NodeJS.ProcessEnv, ...extra: string[]) =>
  collect(spawnTs(crucibleBin, ['run', '--backend', 'claude-code', ...extra], { cwd: root, env }));
