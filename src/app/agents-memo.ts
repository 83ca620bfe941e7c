// The agent files as `loadAgents` validates them, remembered per text when the record CLI runs
// from its bundle (src/shared/parse-memo.ts): `crucible task add`, which checks its --role
// against them, reads the files and parses no YAML when they are as they were.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AgentDefinition } from '../runtime/agent-definitions.js';
import { memoParse } from '../shared/parse-memo.js';

/** Every input of loadAgents(dirs, root): the root, and each directory's agent files with their text. */
async function agentFilesText(dirs: readonly string[], root: string): Promise<string> {
  const parts = [root];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of (await readdir(dir)).filter((f) => f.endsWith('.md')).sort())
      parts.push(`${join(dir, name)}\n${await readFile(join(dir, name), 'utf8')}`);
  }
  return parts.join('\0');
}

export async function loadAgentsRemembered(dirs: string[], root: string): Promise<Map<string, AgentDefinition>> {
  const parse = async () => (await import('../runtime/agent-definitions.js')).loadAgents(dirs, root);
  const entries = await memoParse('agents', await agentFilesText(dirs, root), async () => [...(await parse())]);
  return new Map(entries);
}
