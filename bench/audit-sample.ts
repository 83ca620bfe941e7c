// The proposals a user would see (the top `audit.proposals.max`, best-ranked first) on real
// codebases, printed for judging by hand (docs/audit-quality.md holds the verdicts).
// Trees: Zod 3 and the Anthropic SDK as published (their package.json beside their source,
// so their public API is known; the SDK's generated `resources/` and `_vendor/` marked `generated`: read for their
// imports, never reported),
// Ajv 8 (its TypeScript `lib/`, built to `dist/`), Crucible itself, and npm packages by other authors at pinned
// versions (mobx, trpc-server, immer, query-core; fetched with `npm pack` the first time, see audit-trees.ts).
// `--tree NAME=PATH` (repeatable) audits any directory with a package.json instead, copied like the others.
// Usage: node --import tsx bench/audit-sample.ts [--only NAME] [--tree NAME=PATH]... [--top N] [--json]
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runAudit, scoredProposals, type AuditResult } from '../src/audit/index.js';
import { repoRoot } from '../support/helpers/child.js';
import { option } from './args.js';
import { fail, NPM_TREES, npmTree, treeOptions } from './audit-trees.js';

interface SampleTree {
  name: string;
  /** Copies [from (relative to the repository, or absolute), to (relative to the tree)], or null for Crucible's own checkout. */
  copies: [string, string][] | null | (() => [string, string][]);
  /** What the tree's maintainers would mark generated. */
  generated?: string[];
}

// resources/ is generated from the API spec, _vendor/ and internal/qs are vendored, and internal/ and core/ are the
// generator's shared template (the same files ship in its other SDKs): what the SDK's maintainers would mark generated.
const SDK_GENERATED = ['src/resources/**', 'src/_vendor/**', 'src/internal/**', 'src/core/**'];

const TREES: SampleTree[] = [
  {
    name: 'zod-v3',
    copies: [
      ['node_modules/zod/package.json', 'package.json'],
      ['node_modules/zod/src/v3', 'src/v3'],
    ],
  },
  {
    name: 'anthropic-sdk',
    copies: [
      ['node_modules/@anthropic-ai/sdk/package.json', 'package.json'],
      ['node_modules/@anthropic-ai/sdk/src', 'src'],
    ],
    generated: SDK_GENERATED,
  },
  {
    name: 'ajv',
    copies: [
      ['node_modules/ajv/package.json', 'package.json'],
      ['node_modules/ajv/lib', 'lib'],
    ],
  },
  { name: 'crucible', copies: null },
  // The whole unpacked package: its package.json (public API), src/, and the subpath folders some publish.
  ...NPM_TREES.map(({ name, spec }) => ({ name, copies: () => [[npmTree(spec), '.'] as [string, string]] })),
];

async function auditTree(tree: SampleTree): Promise<AuditResult> {
  if (tree.copies === null) return runAudit(repoRoot, {}, { self: true });
  const copies = typeof tree.copies === 'function' ? tree.copies() : tree.copies;
  const dir = mkdtempSync(join(tmpdir(), `crucible-sample-${tree.name}-`));
  try {
    for (const [from, to] of copies)
      cpSync(resolve(repoRoot, from), join(dir, to), { recursive: true, filter: (path) => !/[/\\](node_modules|\.git)$/.test(path) });
    return await runAudit(dir, { generated: tree.generated ?? [] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
const top = Number(option(args, 'top') ?? 20);
const only = option(args, 'only');
// Trees given with --tree are audited alone; otherwise the named ones (--only picks one).
const given: SampleTree[] = treeOptions(args).map(({ name, path }) => ({ name, copies: [[path, '.']] }));
const chosen = given.length > 0 ? given : TREES.filter((t) => only === undefined || t.name === only);
if (chosen.length === 0) fail(`--only ${only}: no such tree; the trees are ${TREES.map((t) => t.name).join(', ')}`, 2);
const out: Record<string, unknown> = {};
for (const tree of chosen) {
  const result = await auditTree(tree);
  const lines = result.files.reduce((n, f) => n + f.content.split('\n').length, 0);
  const scored = scoredProposals(result.findings, result.files);
  // What `crucible audit` records: the proposals above the bar (tiers 0 and 1), best first, up to the cap.
  const sample = scored
    .filter((s) => s.tier < 2)
    .slice(0, top)
    .map(({ draft }, i) => ({
      rank: i + 1,
      title: draft.title,
      size: draft.size,
      risk: draft.risk,
      why: draft.why,
      fix: draft.fix,
      evidence: draft.evidence,
    }));
  const belowBar = scored.length - scored.filter((s) => s.tier < 2).length;
  out[tree.name] = { files: result.filesScanned, lines, findings: result.findings.length, belowBar, sample };
  if (!args.includes('--json')) {
    console.log(
      `\n## ${tree.name}: ${result.filesScanned} files, ${lines} lines, ${result.findings.length} findings, ` +
        `${sample.length} proposals (${belowBar} groups of findings below the bar)`,
    );
    for (const p of sample) {
      console.log(`\n${p.rank}. ${p.title} (${p.size}/${p.risk})\n   why: ${p.why}\n   fix: ${(p.fix ?? '').replace(/\n/g, '\n        ')}`);
      console.log(`   evidence: ${p.evidence.slice(0, 6).join(', ')}${p.evidence.length > 6 ? ', …' : ''}`);
    }
  }
}
if (args.includes('--json')) console.log(JSON.stringify(out));
