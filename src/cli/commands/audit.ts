// `crucible audit`: run the analyzers, record the proposals (refreshed, capped, closed), and with --model let
// the auditor agent add design-level proposals and refine the best-ranked static ones from the code.
import { join } from 'node:path';
import type { Finding } from '../../audit/index.js';
import { cachedDrafts } from '../../audit/proposal-cache.js';
import { recordAudit, type RecordedAudit } from '../../audit/record-audit.js';
import { PROPOSALS_TO_REFINE, refineBrief } from '../../audit/refine-brief.js';
import type { AuditResult } from '../../audit/run.js';
import { sessionOf } from '../../app/session.js';
import { lineRange } from '../../shared/location.js';
import type { Workspace } from '../../workspace/open.js';
import { contextOf, emit, withWorkspace, type CliContext } from '../context.js';
import { modelFromFlags } from '../model-flags.js';
import { auditTarget } from './audit-target.js';
import type { Register } from './types.js';

const findingLine = (f: Finding) => `${lineRange(f.path, f.startLine, f.endLine)}  [${f.analyzer}] ${f.message}`;

type Recorded = Omit<RecordedAudit, 'ranked'>;

function recordedLine(root: string, proposals: Recorded | null, self: boolean): string {
  const list = self ? `crucible proposals list --dir ${root}` : 'crucible proposals list';
  const counts = `${proposals?.created.length ?? 0} new, ${proposals?.refreshed.length ?? 0} refreshed, ${proposals?.closed.length ?? 0} closed`;
  return `proposals: ${counts}, recorded in ${root} (see \`${list}\`)`;
}

const notProposedLine = (n: number) => `${n} more proposals past the cap, kept as findings (raise audit.proposals.max to see them)`;
const belowBarLine = (n: number) =>
  `${n} more groups of findings below the proposal bar, kept as findings (see docs/audit.md, "Proposals")`;

interface ModelFlags {
  model?: string;
  script?: string;
}

/** The auditor agent reads the findings and the best-ranked static proposals; what it proposes joins `created`. */
async function runAuditor(ws: Workspace, ctx: CliContext, opts: ModelFlags, result: AuditResult, recorded: RecordedAudit) {
  const before = new Set([...ws.store.view.rows('proposals')].map((p) => p.id));
  const top = recorded.ranked.slice(0, PROPOSALS_TO_REFINE).flatMap((id) => ws.store.view.get('proposals', id) ?? []);
  // `crucible audit` has never given the auditor search_docs; the front door keeps it so.
  const runtime = await sessionOf(ws).runtime(await modelFromFlags(ws, opts), { goal: '', answerPolicy: 'first', search: false });
  const findings = result.findings.slice(0, 60).map(findingLine).join('\n') || '(no static findings)';
  const outcome = await runtime.audit(findings, refineBrief(top));
  if (outcome.kind !== 'finished' && !ctx.json) ctx.io.err(`auditor: ${outcome.kind}${'reason' in outcome ? `: ${outcome.reason}` : ''}\n`);
  recorded.created.push(...[...ws.store.view.rows('proposals')].filter((p) => !before.has(p.id)).map((p) => p.id));
}

export const registerAudit: Register = (program, base) => {
  program
    .command('audit')
    .description(
      'analyze the codebase (duplication, size, complexity, cycles, untested modules, unused exports, any, markers) and record proposals',
    )
    .option('--self', "audit Crucible's own source tree")
    .option(
      '--model <provider>',
      'also let the auditor agent propose design-level improvements and refine the top proposals from the code (anthropic or scripted)',
    )
    .option('--script <file>', 'the script for --model scripted')
    .action(async (opts: { self?: boolean } & ModelFlags, command) => {
      const ctx = contextOf(command, base);
      // Loaded here, not at start-up: the analyzers bring the TypeScript compiler with them.
      const { runAudit, crucibleRoot } = await import('../../audit/run.js');
      const target = auditTarget(opts.self === true, ctx, () => crucibleRoot());
      const outcome = target.recordIn
        ? await withWorkspace({ ...ctx, dir: target.recordIn }, async (ws) => {
            const cacheDir = join(ws.paths.dir, 'cache');
            const result = await runAudit(ws.paths.root, ws.config.audit, { self: opts.self === true, cacheDir });
            const drafts = await cachedDrafts(result.findings, result.files, cacheDir, result.timings);
            const recorded = await recordAudit(ws.store, result, ctx.actor, { maxProposals: ws.config.audit.proposals.max, drafts });
            if (opts.model || opts.script) await runAuditor(ws, ctx, opts, result, recorded);
            const { ranked: _ranked, ...proposals } = recorded;
            return { result, proposals };
          })
        : { result: await runAudit(ctx.cwd, {}, { self: true }), proposals: null };
      const { result, proposals } = outcome;
      const recordedIn = target.recordIn ?? null;
      const json = {
        root: result.root,
        recordedIn,
        filesScanned: result.filesScanned,
        filesParsed: result.filesParsed,
        ms: result.ms,
        timings: result.timings,
        findings: result.findings,
        proposals,
      };
      const notProposed = proposals?.notProposed.length ?? 0;
      emit(ctx, json, () =>
        [
          ...result.findings.slice(0, 40).map(findingLine),
          ...(result.findings.length > 40 ? [`... ${result.findings.length - 40} more (use --json for all)`] : []),
          `${result.findings.length} findings in ${result.filesScanned} files (${result.ms} ms)`,
          target.recordIn === undefined ? target.notRecorded : recordedLine(target.recordIn, proposals, opts.self === true),
          ...(notProposed > 0 ? [notProposedLine(notProposed)] : []),
          ...((proposals?.belowBar ?? 0) > 0 ? [belowBarLine(proposals?.belowBar ?? 0)] : []),
          ...(proposals?.kept ?? []).map((k) => `${k.id} ${k.reason}`),
        ].join('\n'),
      );
    });
};
