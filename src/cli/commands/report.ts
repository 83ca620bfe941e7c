// `crucible report --html DIR [--open]`: the record as one self-contained page, DIR/index.html.
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadReportModel } from '../../app/report/load.js';
import { reportPage } from '../../app/report/page.js';
import type { ReportModel } from '../../app/report/model.js';
import { failure, messageOf, usageError } from '../../shared/errors.js';
import { contextOf, emit, withWorkspace } from '../context.js';
import { openWithSystem, type Opened } from '../open-page.js';
import type { Register } from './types.js';

export const registerReport: Register = (program, base) => {
  program
    .command('report')
    .description(
      'write the record as one self-contained HTML page, DIR/index.html: traceability matrix, decision log, ' +
        'tasks with evidence and gate history, drift, proposals, charts',
    )
    .option('--html <dir>', 'the directory to write index.html into (made if missing)')
    .option('--open', "then open the page with the system's opener (xdg-open, open, start); skipped with a note when there is none")
    .action(async (opts: { html?: string; open?: boolean }, command) => {
      const ctx = contextOf(command, base);
      if (opts.html === undefined || opts.html.trim() === '')
        throw usageError(
          'report-format',
          '`crucible report` needs --html DIR: an HTML page is the one format it writes',
          'run `crucible report --html report/`',
        );
      const dir = resolve(ctx.cwd, opts.html);
      await ensureDirectory(dir, opts.html);
      const started = performance.now();
      const model = await withWorkspace(ctx, (ws) => loadReportModel(ws), 'crucible report');
      const page = reportPage(model);
      const path = join(dir, 'index.html');
      await writeAtomically(path, page);
      const ms = Math.round(performance.now() - started);
      const opened = opts.open ? openWithSystem(path, base.env) : undefined;
      const result = { path, bytes: Buffer.byteLength(page), ms, counts: countsOf(model), ...(opened ? { opened } : {}) };
      emit(ctx, result, () => reportText(result.path, result.bytes, result.counts, opened));
    });
};

function countsOf(model: ReportModel) {
  return {
    events: model.events,
    requirements: model.matrix.length,
    tasks: model.tasks.length,
    decisions: model.decisions.length,
    pendingJudgments: model.pendingJudgments.length,
    gateRefusals: model.tasks.reduce((sum, t) => sum + t.gates.filter((g) => !g.ok).length, 0),
    staleLinks: model.drift.stale.length,
    proposals: model.proposals.length,
  };
}

function reportText(path: string, bytes: number, counts: ReturnType<typeof countsOf>, opened: Opened | undefined): string {
  const lines = [
    `Wrote ${path} (${Math.ceil(bytes / 1024)} KB): ${counts.requirements} requirements, ${counts.tasks} tasks, ${counts.decisions} decisions, ` +
      `${counts.gateRefusals} gate refusals, ${counts.staleLinks} stale links, ${counts.proposals} proposals, from ${counts.events} events.`,
  ];
  if (opened) lines.push(opened.launched ? `Opened with ${opened.with}.` : `Not opened: ${opened.reason}.`);
  return lines.join('\n');
}

async function ensureDirectory(dir: string, given: string): Promise<void> {
  const existing = await stat(dir).catch(() => undefined);
  if (existing && !existing.isDirectory())
    throw usageError('report-dir', `--html ${given} is a file, not a directory`, 'name a directory for index.html, e.g. --html report/');
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw failure('report-dir', `cannot make the directory ${dir}: ${messageOf(error)}`, 'name a directory you can write to', error);
  }
}

/** The page appears whole or not at all: a browser open on the old one never sees half a file. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    throw failure('report-write', `cannot write ${path}: ${messageOf(error)}`, 'name a directory you can write to', error);
  }
}
