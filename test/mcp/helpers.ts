import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { cli } from '../helpers/cli.js';
import { repoRoot, tsArgv } from '../../support/helpers/child.js';
import { tempDir } from '../../support/helpers/temp.js';

export const bin = join(repoRoot, 'src/cli/crucible.ts');

/**
 * A project with a gate that passes only once `green` exists, two tasks
 * (T-2 blocked on T-1) and an ingested guide to search.
 */
export async function mcpProject(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const { dir, cleanup } = await tempDir('crucible-mcp-');
  const must = async (...argv: string[]) => {
    const r = await cli(dir, ...argv);
    if (r.code !== 0) throw new Error(`crucible ${argv.join(' ')}: ${r.stderr}`);
  };
  await must('init');
  await writeFile(
    join(dir, '.crucible', 'config.json'),
    JSON.stringify({ gate: { commands: ['node check.mjs'] }, retrieval: { embedder: { kind: 'hash' } } }),
  );
  await writeFile(
    join(dir, 'check.mjs'),
    "import { existsSync } from 'node:fs';\nif (!existsSync('green')) { console.error('1 failing: greeting is not written yet'); process.exit(1); }\n" +
      "console.log('1 passing');\n",
  );
  await mkdir(join(dir, 'docs'));
  await writeFile(
    join(dir, 'docs', 'guide.md'),
    "# Greeting guide\n\nThe greeting module says hello in the user's language.\nRetries use exponential backoff with jitter.\n",
  );
  await must('req', 'add', 'Greet the user');
  await must('task', 'add', 'Write the greeting', '--role', 'implementer', '--req', 'R-1', '--accept', 'prints hello');
  await must('task', 'add', 'Polish the greeting', '--role', 'implementer', '--deps', 'T-1');
  await must('ingest', '--wait');
  return { dir, cleanup };
}

/** The SDK's own client over a real stdio child: `crucible mcp --dir <dir>` from source (tsArgv). */
export async function connectMcp(
  dir: string,
  options: { name?: string; args?: string[]; env?: Record<string, string> } = {},
): Promise<{ client: Client; transport: StdioClientTransport; stderr: () => string }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [...tsArgv(bin), 'mcp', '--dir', dir, ...(options.args ?? [])],
    cwd: repoRoot,
    env: { ...(process.env as Record<string, string>), ...options.env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const client = new Client({ name: options.name ?? 'crucible-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport, stderr: () => stderr };
}
