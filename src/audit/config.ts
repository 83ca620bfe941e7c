// The `audit` section of `.crucible/config.json`. Every key has a default, so
// `auditConfigSchema.parse({})` is a complete configuration.
import { z } from 'zod';
import { describeConfigIssue } from '../shared/config-issue.js';
import { usageError } from '../shared/errors.js';

const CODE_GLOB = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
const enabled = z.boolean().default(true);
/** Folders that by convention hold another project's code, anywhere in the tree. */
const VENDORED_DEFAULT = ['**/vendor/**', '**/_vendor/**', '**/vendored/**', '**/third_party/**', '**/third-party/**'];
const globs = z.array(z.string().min(1));

const duplicationSchema = z
  .object({
    enabled,
    /**
     * Shortest duplicate worth reporting, in normalized tokens (names and literals count as one kind each). 35 finds the
     * copies jscpd reports at 6 lines (see bench/audit-recall.ts) without reporting shared one-liners.
     */
    minTokens: z.number().int().min(10).max(10_000).default(35),
    /** ...and in lines (from the first copied token to the last), so that long one-liners (tables, import lists) are not reported. */
    minLines: z.number().int().min(1).max(10_000).default(5),
  })
  .strict();

const sizeSchema = z
  .object({
    enabled,
    maxFileLines: z.number().int().min(1).default(300),
    maxFunctionLines: z.number().int().min(1).default(60),
  })
  .strict();

const complexitySchema = z
  .object({
    enabled,
    /**
     * Highest acceptable cognitive complexity of one function (SonarSource's measure, see cognitive.ts):
     * branches and loops cost more the deeper they are nested, a flat switch costs 1. 15 is Sonar's default.
     */
    max: z.number().int().min(1).default(15),
  })
  .strict();

const cyclesSchema = z
  .object({
    enabled,
    /** `import type` is erased at runtime, so by default it does not make a cycle. */
    includeTypeOnly: z.boolean().default(false),
  })
  .strict();

const untestedSchema = z
  .object({
    enabled,
    /** Which files are tests. A module counts as tested when a test loads it, directly or through the modules it imports. */
    tests: globs.default(['**/test/**', '**/tests/**', '**/__tests__/**', '**/*.test.*', '**/*.spec.*']),
    /** Modules that need no test of their own (entry points, scripts, benchmarks). */
    ignore: globs.default(['**/bench/**', '**/benchmarks/**', 'scripts/**', '**/*.config.*']),
  })
  .strict();

const unusedExportsSchema = z
  .object({
    enabled,
    /**
     * Files whose exports are used from outside the tree (benchmarks loaded by path, scripts), besides what
     * package.json publishes and the framework conventions of entries.ts, which are always entries.
     */
    entries: globs.default(['**/bench/**', '**/benchmarks/**', 'scripts/**']),
  })
  .strict();

const anyDensitySchema = z
  .object({
    enabled,
    /** Explicit `any` per 100 lines above which a TypeScript file is reported. */
    maxPer100Lines: z.number().min(0).default(1),
    /** Files with fewer explicit `any` than this are never reported. */
    minCount: z.number().int().min(1).default(2),
    /** An `any` with a comment on its line or the line above (saying why) is not counted. */
    ignoreCommented: z.boolean().default(true),
  })
  .strict();

const markersSchema = z
  .object({
    enabled,
    /** Tags that start a comment line, e.g. `// TODO: ...` or ` * FIXME(ana) ...`. */
    tags: z.array(z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'tags are upper-case words')).default(['TODO', 'FIXME', 'HACK']),
  })
  .strict();

const proposalsSchema = z
  .object({
    /** Most open static proposals at a time; the best-ranked are recorded first, the rest stay findings. */
    max: z.number().int().min(0).max(10_000).default(20),
  })
  .strict();

export const auditConfigSchema = z
  .object({
    include: globs.min(1).default([CODE_GLOB]),
    /** Globs relative to the root. `.git`, `.crucible`, `node_modules` and `dist` are always excluded. */
    exclude: globs.default(['**/*.d.ts', '**/*.min.js', 'build/**', 'out/**', 'coverage/**', '**/fixtures/**']),
    respectGitignore: z.boolean().default(true),
    /**
     * Generated code (an API client from a spec, vendored templates): read, so its imports count as uses, but never
     * reported, since a hand edit there would be overwritten by the generator.
     */
    generated: globs.default([]),
    /**
     * Vendored code (another project's source copied in): like `generated`, read for its imports and uses but never
     * reported, since its fixes belong upstream. Set it to `[]` to audit those folders too.
     */
    vendored: globs.default(VENDORED_DEFAULT),
    /** Larger files are skipped (generated or vendored code). */
    maxFileBytes: z.number().int().min(1).default(512_000),
    duplication: duplicationSchema.prefault({}),
    size: sizeSchema.prefault({}),
    complexity: complexitySchema.prefault({}),
    cycles: cyclesSchema.prefault({}),
    untested: untestedSchema.prefault({}),
    unusedExports: unusedExportsSchema.prefault({}),
    anyDensity: anyDensitySchema.prefault({}),
    markers: markersSchema.prefault({}),
    proposals: proposalsSchema.prefault({}),
  })
  .strict();

export type AuditConfig = z.infer<typeof auditConfigSchema>;
export type AuditConfigInput = z.input<typeof auditConfigSchema>;

export const defaultAuditConfig = (): AuditConfig => auditConfigSchema.parse({});

/** Parses the audit section, turning the first problem into a one-line usage error. */
export function parseAuditConfig(input: unknown): AuditConfig {
  const result = auditConfigSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw usageError(
    'audit.config-invalid',
    `.crucible/config.json: ${describeConfigIssue(auditConfigSchema, result.error, ['audit'])}`,
    'fix or remove that key; every audit key has a default (see docs/audit.md)',
  );
}
