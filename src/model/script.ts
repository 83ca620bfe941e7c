// The scripted model's file format (JSON or YAML), validated with zod. A script
// gives, per agent role (and optionally per task), the turns the model plays
// in order. A turn may have alternatives taken when the last tool result
// matches (e.g. a gate refusal) or when the conversation so far says something
// (e.g. the decision a human recorded). See docs/model.md for the format by example.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { formatIssuePath, usageError, messageOf } from '../shared/errors.js';
import { SCRIPTED_MODEL } from './models.js';

const toolCallSchema = z
  .object({
    name: z.string().min(1),
    /** The tool input object. */
    input: z.record(z.string(), z.unknown()).optional(),
    /** Raw input text sent as-is instead of `input`, to script a malformed tool call. */
    rawInput: z.string().optional(),
    /** Tool-use id; default `toolu_<role>_<turn>_<n>`. */
    id: z.string().min(1).optional(),
  })
  .strict()
  .refine((call) => !(call.input !== undefined && call.rawInput !== undefined), {
    message: 'give either input or rawInput, not both',
  });

const conditionSchema = z
  .object({
    /** A tool result in the last user message contains this text (e.g. a gate refusal code). */
    toolResultContains: z.string().min(1).optional(),
    /** ... matches this regular expression. */
    toolResultMatches: z
      .string()
      .min(1)
      .refine((source) => isRegExp(source), { message: 'not a valid regular expression' })
      .optional(),
    /** ... is (or is not) marked as an error. */
    toolResultIsError: z.boolean().optional(),
    /** ... answers a call to this tool. */
    toolName: z.string().min(1).optional(),
    /** Anything the model has been shown so far contains this text: the system prompt, the brief, every message and tool result. */
    contextContains: z.string().min(1).optional(),
    /** ... matches this regular expression. */
    contextMatches: z
      .string()
      .min(1)
      .refine((source) => isRegExp(source), { message: 'not a valid regular expression' })
      .optional(),
  })
  .strict()
  .refine((c) => Object.values(c).some((v) => v !== undefined), { message: 'a condition needs at least one test' });

const failureSchema = z
  .object({
    kind: z.enum(['overloaded', 'rate_limited', 'server_error', 'stream_cut', 'timeout', 'invalid_request']),
    message: z.string().optional(),
  })
  .strict();

const turnBody = {
  /** Assistant text, streamed in chunks. */
  text: z.string().optional(),
  /** Tool calls, in order, after the text. */
  tools: z.array(toolCallSchema).optional(),
  /** Default: `tool_use` when there are tool calls, else `end_turn`. */
  stop: z.enum(['end_turn', 'max_tokens', 'tool_use', 'refusal']).optional(),
  /** Make this turn fail (after streaming `text`, if any), to exercise retries. */
  fail: failureSchema.optional(),
};

const alternativeSchema = z.object({ when: conditionSchema, ...turnBody }).strict();

const turnSchema = z
  .object({
    /** A name for the turn, shown in errors. */
    label: z.string().optional(),
    ...turnBody,
    /** Tried in order before the turn itself; the first whose `when` matches is played instead. */
    alternatives: z.array(alternativeSchema).optional(),
  })
  .strict();

const turnsSchema = z.array(turnSchema);

export const scriptSchema = z
  .object({
    version: z.literal(1),
    /** Model name reported in usage; a priced name (e.g. claude-sonnet-5-5) makes the demo show costs. */
    model: z.string().min(1).default(SCRIPTED_MODEL),
    /** Characters per text delta. */
    chunkSize: z.number().int().positive().default(24),
    /** What happens when a role has played all its turns: a `script` error, or an empty final turn. */
    onExhausted: z.enum(['error', 'end']).default('error'),
    /** Turns per agent role; `"*"` is used for roles without their own. */
    roles: z.record(z.string(), turnsSchema).default({}),
    /** Turns per task id, then role; they take precedence over `roles` for that task. */
    tasks: z.record(z.string(), z.record(z.string(), turnsSchema)).default({}),
  })
  .strict();

export type Script = z.infer<typeof scriptSchema>;
export type ScriptTurn = z.infer<typeof turnSchema>;
export type ScriptAlternative = z.infer<typeof alternativeSchema>;
export type ScriptCondition = z.infer<typeof conditionSchema>;
export type ScriptToolCall = z.infer<typeof toolCallSchema>;

function isRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/** Validates a parsed script; `source` names it in errors. */
export function parseScript(value: unknown, source = 'model script'): Script {
  const result = scriptSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue ? formatIssuePath(issue.path) : '(root)';
  throw usageError(
    'model.script_invalid',
    `${source}: ${where}: ${issue?.message ?? 'invalid'}`,
    'see "Scripted model" in docs/model.md for the format',
  );
}

/** Reads a script file: `.yaml`/`.yml` as YAML, anything else as JSON. */
export async function loadScript(path: string): Promise<Script> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw usageError(
      'model.script_missing',
      `cannot read model script ${path}: ${messageOf(err)}`,
      'check model.script in .crucible/config.json',
    );
  }
  const yaml = ['.yaml', '.yml'].includes(extname(path).toLowerCase());
  let value: unknown;
  try {
    value = yaml ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw usageError('model.script_invalid', `${path}: not valid ${yaml ? 'YAML' : 'JSON'}: ${messageOf(err)}`);
  }
  return parseScript(value, path);
}
