import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { phaseSchema } from '../record/events.js';
import { failure } from '../shared/errors.js';
import { parseFrontMatter } from '../shared/front-matter.js';
import { TOOL_NAMES } from '../tools/names.js';

/** An agent role: `agents/<name>.md`, overridable per project in `.crucible/agents/`. */
export const agentFrontMatterSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'lowercase letters, digits and -, starting with a letter'),
    role: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'lowercase letters, digits and -'),
    description: z.string().min(1).max(500),
    tools: z.array(z.enum(TOOL_NAMES)).min(1),
    phase: phaseSchema,
    model: z.string().min(1).optional(),
    max_turns: z.number().int().min(1).max(200).default(20),
    gate_commands: z.array(z.string().min(1)).optional(),
    write_paths: z.array(z.string().min(1)).default([]),
  })
  .strict();

export interface AgentDefinition {
  name: string;
  role: string;
  description: string;
  tools: readonly string[];
  phase: z.infer<typeof phaseSchema>;
  model?: string;
  maxTurns: number;
  gateCommands?: string[];
  writePaths: string[];
  /** The role's own system prompt: the agent file's body. */
  prompt: string;
  /** The team protocol every role shares (prompts/team-protocol.md), set for a run by `withTeamProtocol`. */
  protocol?: string;
  file: string;
}

export async function loadAgentFile(file: string, shownAs = file): Promise<AgentDefinition> {
  const { data, body } = parseFrontMatter(shownAs, await readFile(file, 'utf8'), agentFrontMatterSchema);
  if (!body)
    throw failure(
      'bad-agent-file',
      `${shownAs}: the system prompt (the text after the front matter) is empty`,
      "write the agent's instructions below the closing ---",
    );
  return {
    name: data.name,
    role: data.role,
    description: data.description,
    tools: data.tools,
    phase: data.phase,
    ...(data.model ? { model: data.model } : {}),
    maxTurns: data.max_turns,
    ...(data.gate_commands ? { gateCommands: data.gate_commands } : {}),
    writePaths: data.write_paths,
    prompt: body,
    file: shownAs,
  };
}

/** Loads the shipped agents, then the project's own, which replace shipped ones of the same name. */
export async function loadAgents(dirs: string[], root = process.cwd()): Promise<Map<string, AgentDefinition>> {
  const agents = new Map<string, AgentDefinition>();
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of (await readdir(dir)).filter((f) => f.endsWith('.md')).sort()) {
      const file = join(dir, name);
      const agent = await loadAgentFile(file, relative(root, file) || file);
      agents.set(agent.name, agent);
    }
  }
  if (agents.size === 0)
    throw failure('no-agents', `no agent files found in ${dirs.join(' or ')}`, 'reinstall Crucible, or add agents/*.md');
  return agents;
}

/** Several agents of one role (e.g. two implementers) are instances named `<name>-1`, `<name>-2`, ... */
export function expandInstances(
  agents: Map<string, AgentDefinition>,
  counts: Readonly<Record<string, number>>,
): Map<string, AgentDefinition> {
  const out = new Map<string, AgentDefinition>();
  for (const agent of agents.values()) {
    const count = counts[agent.role] ?? counts[agent.name] ?? 1;
    if (count <= 1) out.set(agent.name, agent);
    else for (let i = 1; i <= count; i++) out.set(`${agent.name}-${i}`, { ...agent, name: `${agent.name}-${i}` });
  }
  return out;
}
