// The offline demo's project: an empty package "strkit" whose gate is the real
// `node --test`, and the scripted agents that build it.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { usageError } from '../shared/errors.js';
import { defaultConfig } from '../workspace/config.js';
import { initWorkspace } from '../workspace/init.js';
import { PACKAGE_ROOT } from '../shared/package.js';
import { git } from './worktrees/git.js';

export const DEMO_GOAL = 'Build strkit, a tiny string library: slugify, truncate and titleCase, each tested.';
export const DEMO_SCRIPT = join(PACKAGE_ROOT, 'demo', 'script.yaml');

/**
 * The model the demo's agents name when it runs through the loopback Chat Completions server, priced at zero
 * in the demo's config: how a local model is made to cost $0 (an unpriced model's cost is unknown, never 0).
 */
export const LOCAL_DEMO_MODEL = 'loopback-coder';

export interface DemoProjectOptions {
  /** Name `LOCAL_DEMO_MODEL`, at a zero price, as a local OpenAI-compatible model would be configured. */
  localModel?: boolean;
}

export async function prepareDemoProject(dir?: string, options: DemoProjectOptions = {}): Promise<string> {
  const root = dir ? resolve(dir) : await mkdtemp(join(tmpdir(), 'crucible-demo-'));
  if (existsSync(root) && (await readdir(root)).length > 0) {
    throw usageError(
      'demo-dir-not-empty',
      `${root} is not empty`,
      'give --dir a new or empty directory (the demo writes a small project there)',
    );
  }
  await mkdir(root, { recursive: true });
  // A git repository first, so that `init` keeps .crucible/ out of it as it does in a user's project.
  const inGit = (await git(root, ['init', '-q', '-b', 'main'])).ok;
  await initWorkspace(root);
  await writeFile(
    join(root, 'package.json'),
    `${JSON.stringify({ name: 'strkit', version: '0.1.0', type: 'module', exports: './src/strings.js', scripts: { test: 'node --test' } }, null, 2)}\n`,
  );
  await copyFile(DEMO_SCRIPT, join(root, '.crucible', 'demo-script.yaml'));
  await writeTestsFirstTester(root);
  const config = defaultConfig();
  const demoConfig = {
    ...config,
    gate: { ...config.gate, commands: ['node --test'], timeoutMs: 60_000 },
    model: {
      ...config.model,
      provider: 'scripted',
      script: '.crucible/demo-script.yaml',
      ...(options.localModel
        ? { defaultModel: LOCAL_DEMO_MODEL, pricing: { [LOCAL_DEMO_MODEL]: { inputPerMTok: 0, outputPerMTok: 0 } } }
        : {}),
    },
    // A throwaway project: its record stays in its own LevelDB even where CRUCIBLE_RECORD_URL names a team's.
    record: { ...config.record, embedded: true },
  };
  await writeFile(join(root, '.crucible', 'config.json'), `${JSON.stringify(demoConfig, null, 2)}\n`);
  if (inGit) await commitDemoProject(root);
  return root;
}

/**
 * The demo is a git repository with its empty package committed, as a user's project is: each task then works in its
 * own worktree and branch, merged through the gate, and `d` shows what a task changed. Without git it runs in one
 * shared tree and says so.
 */
async function commitDemoProject(root: string): Promise<void> {
  // A commit git refuses here (a signing key that asks for a passphrase) leaves a repository with no commit: the run
  // then says why it shares one tree, as it does without git.
  if ((await git(root, ['add', '-A'])).ok) await git(root, ['commit', '-q', '-m', 'strkit: an empty package']);
}

/**
 * The demo writes its tests first, so `node --test` fails until the implementation exists.
 * The project's own tester role (human-owned, in .crucible/agents/) therefore has no configured
 * gate command; the tester's task adds `node --check` of its test file, and once that task is
 * done its tests are protected and gate the implementer.
 */
async function writeTestsFirstTester(root: string): Promise<void> {
  const shipped = await readFile(join(PACKAGE_ROOT, 'agents', 'tester.md'), 'utf8');
  await mkdir(join(root, '.crucible', 'agents'), { recursive: true });
  await writeFile(
    join(root, '.crucible', 'agents', 'tester.md'),
    shipped.replace(
      /^---\n/,
      '---\n# Tests first: they fail until the code exists, so the role itself runs no gate command.\ngate_commands: []\n',
    ),
  );
}
