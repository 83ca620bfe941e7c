import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';

// Set before anything in this process computes its secret list (the redactor reads the environment once).
// Neither value has a key shape: only the "secret-looking variable name" rule can catch them.
const GITHUB_TOKEN = 'gh-fake-Vq8Lw3Rz0Tn6Yk2Pb5Xc';
const ANTHROPIC_API_KEY = 'anthropic-fake-Mj4Hs9Fd1Gu7Qe0Wi3';
process.env.GITHUB_TOKEN = GITHUB_TOKEN;
process.env.ANTHROPIC_API_KEY = ANTHROPIC_API_KEY;

// A key shape the gate prints from its own source, built from parts so the literal is never in a file.
const KEY_PARTS = ['sk-ant-api03-', 'Zr8Kq2Lm7Nx4Vb1Wc9Hd6Jf3Tg5Yp0Se', 'uOiAlQkPwEmRn'];
const KEY = KEY_PARTS.join('');

const LEAK_SCRIPT = `// Prints what a careless test prints: the whole environment and a key.
console.log('key: ' + ${JSON.stringify(KEY_PARTS)}.join(''));
console.log(JSON.stringify(process.env));
`;

const SCRIPT = `version: 1
model: claude-sonnet-5-5
tasks:
  T-1:
    implementer:
      - text: Running the script first.
        tools:
          - name: run_command
            input: { command: "node leak.mjs" }
      - text: Completing; the gate decides.
        tools:
          - name: remember
            input: { text: "model saw a clean result" }
        alternatives:
          - when: { toolResultMatches: "sk-ant-api03-Zr8K" }
            text: The key reached me.
            tools:
              - name: remember
                input: { text: "model saw MODEL-SAW-THE-KEY" }
      - tools:
          - name: complete_task
            input: { task_id: T-1, acceptance: [{ criterion: "prints the report", how: "the gate runs the script" }] }
      - text: Done.
`;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

test(
  'a gate and a command that print process.env and a key leave no secret in .crucible/, the log, the CLI output or the tool result the model reads',
  { timeout: 90_000 },
  async () => {
    const { dir, cleanup } = await tempDir('crucible-secrets-');
    try {
      assert.equal((await cli(dir, 'init')).code, 0);
      await writeFile(join(dir, '.crucible', 'config.json'), JSON.stringify({ gate: { commands: ['node leak.mjs'] } }));
      await writeFile(join(dir, 'leak.mjs'), LEAK_SCRIPT);
      await writeFile(join(dir, 'script.yaml'), SCRIPT);
      const outputs: string[] = [];
      const run = async (...argv: string[]) => {
        const result = await cli(dir, ...argv);
        outputs.push(result.stdout, result.stderr);
        return result;
      };
      // The environment values reach the record directly too, whether or not a child inherits them.
      assert.equal(
        (
          await run(
            'task',
            'add',
            `Print the report (token ${GITHUB_TOKEN})`,
            '--role',
            'implementer',
            '--accept',
            'prints the report',
            '--description',
            `use ${ANTHROPIC_API_KEY} and ${KEY}`,
          )
        ).code,
        0,
      );
      const ran = await run('run', '--model', 'scripted', '--script', 'script.yaml');
      assert.equal(ran.code, 0, ran.stderr);

      const show = await run('task', 'show', 'T-1');
      assert.match(show.stdout, /\[redacted\]/, 'the title and the gate evidence show where a secret was');
      const log = await run('log', '--json');
      const events = log.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { type: string; data: Record<string, unknown> });
      assert.ok(
        events.some((e) => e.type === 'task.completed'),
        'the gate passed and the task completed',
      );
      assert.match(log.stdout, /model saw a clean result/, 'the run_command result the model read was redacted');
      assert.doesNotMatch(log.stdout, /MODEL-SAW-THE-KEY/);
      await run('log');
      await run('trace', 'T-1');

      const secrets = [KEY, GITHUB_TOKEN, ANTHROPIC_API_KEY];
      for (const [i, text] of outputs.entries())
        for (const secret of secrets) assert.ok(!text.includes(secret), `CLI output ${i} shows ${secret}`);
      const files = await filesUnder(join(dir, '.crucible'));
      assert.ok(
        files.some((f) => f.includes(`${join('.crucible', 'db')}`)),
        'the LevelDB files were scanned',
      );
      for (const file of files) {
        const bytes = await readFile(file);
        for (const secret of secrets) assert.equal(bytes.indexOf(Buffer.from(secret)), -1, `${file} holds ${secret}`);
      }
    } finally {
      await cleanup();
    }
  },
);
