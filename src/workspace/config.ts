import { readFileSync, existsSync } from 'node:fs';
import { z } from 'zod';
import { auditConfigSchema } from '../audit/config.js';
import { modelConfigSchema } from '../model/config.js';
import { retrievalConfigSchema } from '../retrieval/config.js';
import { agentsConfigSchema } from './agents-config.js';
import { recordUrlProblem } from '../record/pg/url.js';
import { describeConfigIssue } from '../shared/config-issue.js';
import { failure } from '../shared/errors.js';

/** Paths inside the project (no absolute path, no `..`): what sandboxed commands may only read, what worktrees link. */
const projectPaths = z
  .array(
    z
      .string()
      .min(1)
      .refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), 'a path inside the project, e.g. node_modules'),
  )
  .default(['node_modules']);

/** `.crucible/config.json`: every key optional, every default sensible, no unknown key at any level. */
export const configSchema = z
  .object({
    version: z.literal(1).default(1),
    /** Commands the coordinator runs as evidence before a task may complete. */
    gate: z
      .object({
        commands: z.array(z.string().min(1)).default(['npm test']),
        timeoutMs: z.number().int().positive().default(300_000),
      })
      .strict()
      .default({ commands: ['npm test'], timeoutMs: 300_000 }),
    /** What run_command may execute: the first word of the command line must be listed. */
    commands: z
      .object({
        allow: z.array(z.string().min(1)).default(['node', 'npm', 'npx', 'git', 'ls', 'cat', 'grep']),
        timeoutMs: z.number().int().positive().default(120_000),
        maxOutputBytes: z.number().int().positive().default(32_000),
        /**
         * The OS sandbox around every command: "auto" (bubblewrap when it works, else refuse),
         * "bwrap" (only bubblewrap), "off" (unsandboxed; must be said explicitly).
         */
        sandbox: z.enum(['auto', 'bwrap', 'off']).default('auto'),
        /** The bubblewrap executable: a name looked up in PATH, or a path. */
        bwrap: z.string().min(1).default('bwrap'),
        /**
         * Hosts sandboxed commands may reach through Crucible's HTTPS (CONNECT) proxy:
         * `host` (ports 443, 80), `host:port`, `*.domain`; empty = no network at all.
         */
        network: z
          .array(z.string().regex(/^(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?$/, 'a host, *.domain or host:port, e.g. registry.npmjs.org'))
          .default([]),
        /**
         * Paths in the tree that sandboxed commands may read but not change: the test toolchain
         * in node_modules would otherwise be as writable as the code under test.
         */
        readOnly: projectPaths,
      })
      .strict()
      .prefault({}),
    concurrency: z.number().int().min(1).max(32).default(2),
    /**
     * A git worktree per task (docs/worktrees.md): "auto" = when the project is a git repository on a branch.
     * `branch`: the integration branch tasks start from and merge into (default: the one checked out at the root).
     * `link`: paths symlinked from the root into each new worktree (dependencies the gate commands need).
     */
    worktrees: z
      .object({
        enabled: z.union([z.literal('auto'), z.boolean()]).default('auto'),
        branch: z
          .string()
          .regex(/^(?!-)(?!.*\.\.)[\w./-]+$/, 'a branch name, e.g. main')
          .optional(),
        link: projectPaths,
      })
      .strict()
      .prefault({}),
    /** Runaway guards and context limits. */
    guards: z
      .object({
        loopRepeat: z.number().int().min(2).max(100).default(3),
        idleTurns: z.number().int().min(2).max(100).default(6),
        /** Caps per task beside the run budget; null = none. */
        taskUsd: z.number().positive().nullable().default(null),
        taskTokens: z.number().int().positive().nullable().default(null),
        /** The most characters one tool result may put into the model's context. */
        maxResultChars: z.number().int().min(1000).max(1_000_000).default(16_000),
        /** Past this many (estimated) tokens, the conversation is replaced by the brief and the progress ledger. */
        contextTokens: z.number().int().min(2000).max(1_000_000).default(60_000),
      })
      .strict()
      .prefault({}),
    /** Agents per role, e.g. { "implementer": 2 }; each role has one by default. */
    instances: z.record(z.string(), z.number().int().min(1).max(16)).default({}),
    model: modelConfigSchema.prefault({}),
    retrieval: retrievalConfigSchema.prefault({}),
    audit: auditConfigSchema.prefault({}),
    /**
     * Where the record lives: LevelDB in `.crucible/db` (default), or the PostgreSQL database at `url` a team shares.
     * `sync` (LevelDB): fsync every batch before its appends are acknowledged (default). false trades that for speed:
     * an OS crash or power loss (not a process crash) can then lose acknowledged events; docs/record.md.
     * `embedded`: this workspace's record is always its own LevelDB, whatever CRUCIBLE_RECORD_URL says (the demo's project).
     */
    record: z
      .object({
        sync: z.boolean().default(true),
        embedded: z.boolean().optional(),
        url: z
          .string()
          .superRefine((url, ctx) => {
            const problem = recordUrlProblem(url);
            if (problem) ctx.addIssue({ code: 'custom', message: `${problem}; use postgres://user@host:5432/database` });
          })
          .optional(),
      })
      .strict()
      .refine((record) => !(record.embedded && record.url !== undefined), {
        message: 'record.embedded and record.url contradict each other; keep one (embedded: LevelDB in .crucible/db, url: PostgreSQL)',
      })
      .prefault({}),
    /** Which backend runs each role's agents (builtin or claude-code); see docs/claude-code.md. */
    agents: agentsConfigSchema.prefault({}),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

export const defaultConfig = (): Config => configSchema.parse({});

/** Reads and validates the config; a bad file gets one line naming the file, the key and the fix. */
export function loadConfig(path: string): Config {
  if (!existsSync(path)) return defaultConfig();
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw failure(
      'bad-config',
      `${path}: not valid JSON (${(error as Error).message})`,
      'fix the JSON, or delete the file to use the defaults',
    );
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw failure(
      'bad-config',
      `${path}: ${describeConfigIssue(configSchema, parsed.error)}`,
      'correct that key (see README, Configuration), or delete it to use the default',
    );
  }
  return parsed.data;
}
