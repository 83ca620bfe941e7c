// A structural check, not a timing one: the CLI's record commands, run as real
// processes, never load the agent runtime (XState), the TUI (ink, React), the
// model SDKs, the TypeScript compiler or the embedding runtime; and a lexical
// search loads neither those, nor the vector index (hnswlib), nor ingest's file
// discovery, nor the record. Each module the child resolves is recorded by
// support/helpers/module-recorder.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, cliJson } from '../helpers/cli.js';
import { collect, crucibleBin, repoRoot, tsArgv } from '../../support/helpers/child.js';
import { tempDir } from '../../support/helpers/temp.js';

const recorder = join(repoRoot, 'support/helpers/module-recorder.mjs');
const FORBIDDEN = [
  'xstate',
  'ink',
  'react',
  '@anthropic-ai/sdk',
  'openai',
  '@anthropic-ai/claude-agent-sdk',
  'typescript',
  '@energetic-ai',
  '@tensorflow',
];

const packageOf = (url: string) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];

async function modulesLoadedBy(dir: string, argv: string[]): Promise<string[]> {
  const out = join(dir, `modules-${argv.join('-').replace(/\W+/g, '_')}.txt`);
  const child = spawn(process.execPath, [...tsArgv(crucibleBin, [recorder]), ...argv, '--json'], {
    cwd: dir,
    env: { ...process.env, CRUCIBLE_MODULES_OUT: out, CRUCIBLE_ACTOR: 'tester' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const result = await collect(child);
  assert.equal(result.code, 0, `crucible ${argv.join(' ')}: ${result.stderr}`);
  return (await readFile(out, 'utf8')).split('\n');
}

test('read and write commands load only what they need: no XState, ink, model SDK, compiler or embedder', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await cli(dir, 'init');
    const req = await cliJson<{ id: string }>(dir, 'req', 'add', 'users can sign in');
    const task = await cliJson<{ id: string }>(dir, 'task', 'add', 'sign-in form', '--role', 'implementer', '--req', req.id);
    const commands = [
      ['status'],
      ['task', 'list'],
      ['task', 'show', task.id],
      ['log'],
      ['trace', req.id],
      ['req', 'list'],
      ['judgments', 'list'],
      ['task', 'add', 'sign-out', '--role', 'implementer'],
      ['req', 'add', 'users can sign out'],
      ['decide', 'Sessions in cookies', '--because', 'simplest'],
    ];
    for (const argv of commands) {
      const modules = await modulesLoadedBy(dir, argv);
      const packages = new Set(modules.map(packageOf));
      // The recorder saw the record's own stack, so an absence below means something.
      assert.ok(packages.has('classic-level') && packages.has('commander'), `recorder saw too little for ${argv.join(' ')}`);
      const loaded = FORBIDDEN.filter((name) => packages.has(name));
      assert.deepEqual(loaded, [], `crucible ${argv.join(' ')} loaded ${loaded.join(', ')}`);
    }
  } finally {
    await cleanup();
  }
});

test('a lexical search loads neither the embedder, nor the vector index, nor the record', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await cli(dir, 'init');
    await mkdir(join(dir, 'docs'));
    await writeFile(
      join(dir, 'docs/sessions.md'),
      '# Sessions\n\nSessions are kept in signed cookies.\n\n## Expiry\n\nA session expires after 30 minutes idle.\n',
    );
    const ingest = await cli(dir, 'ingest', 'docs', '--embedder', 'none');
    assert.equal(ingest.code, 0, ingest.stderr);
    const modules = await modulesLoadedBy(dir, ['search', 'session expiry']);
    const packages = new Set(modules.map(packageOf));
    assert.ok(packages.has('zod') && packages.has('commander'), 'recorder saw too little for search');
    const loaded = [...FORBIDDEN, 'hnswlib-node', 'fast-glob', 'classic-level'].filter((name) => packages.has(name));
    assert.deepEqual(loaded, [], `crucible search loaded ${loaded.join(', ')}`);
    assert.ok(
      !modules.some((url) => /\/src\/retrieval\/(ingest|discovery|hnsw-index)\.[jt]s$/.test(url)),
      'search loaded ingest or the vector index',
    );
  } finally {
    await cleanup();
  }
});
