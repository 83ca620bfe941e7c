import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { exportLine, exportLog, parseEntry, parseHeader, verifyExport, type ExportedEntry } from '../../record/export-format.js';
import type { RecordEvent } from '../../record/events.js';
import { LOG_PAGE, readLogOp } from '../../app/operations/index.js';
import type { RecordAccess } from '../../server/access.js';
import { redactorFor, secretsFromEnv } from '../../shared/redact.js';
import { failure, messageOf } from '../../shared/errors.js';
import { contextOf, emit, withWorkspace, withWorkspaceOrSession } from '../context.js';
import { parsePositiveInt } from '../parse.js';
import type { Register } from './types.js';

/** `crucible export` prints the record as JSON Lines; `crucible import` reads one into an empty workspace. */
export const registerExport: Register = (program, base) => {
  program
    .command('export')
    .description('print the record as JSON Lines: a header, then one redacted event per line with its chain hash (a backup)')
    .option('--since <seq>', 'only events after this sequence number (the header carries the chain hash before them)', '0')
    .action(async (opts: { since: string }, command) => {
      const ctx = contextOf(command, base);
      const since = parsePositiveInt('--since', opts.since, 0);
      const lines: string[] = [];
      // While another process holds the record (the TUI, `crucible run`), its socket serves the log.
      const header = await withWorkspaceOrSession(ctx, (record) =>
        exportLog(logOf(record), since, redactorFor(secretsFromEnv(base.env)), (entry) => lines.push(exportLine(entry))),
      );
      // The output is JSON already; --json changes nothing.
      ctx.io.out(`${JSON.stringify({ ...header, exportedAt: new Date().toISOString() })}\n`);
      for (const line of lines) ctx.io.out(line);
    });

  program
    .command('import')
    .argument('<file>', 'a file written by `crucible export` (the whole record, not --since)')
    .description('read an exported record into this workspace, which must be empty: chain verified, projections rebuilt')
    .action(async (file: string, _opts: unknown, command) => {
      const ctx = contextOf(command, base);
      const path = resolve(ctx.cwd, file);
      const { header, entries } = await readExport(path, file);
      verifyExport(header, entries, file);
      const result = await withWorkspace(ctx, async (ws) => {
        if (!ws.store.importLog) throw failure('import-unsupported', 'this record cannot import', 'import into a LevelDB workspace');
        if (ws.store.head() > 0)
          throw failure(
            'record-not-empty',
            `the workspace at ${ws.paths.root} already holds ${ws.store.head()} events; an import only starts an empty record`,
            'run `crucible init` in an empty directory and import there',
          );
        const imported = await ws.store.importLog(entries);
        const check = await ws.store.rebuild();
        return { imported, equal: check.equal, chain: check.chain };
      });
      emit(
        ctx,
        { file, ...result, headHash: header.headHash },
        `Imported ${result.imported} events from ${file}: hash chain verified, projections ${result.equal ? 'equal the log' : 'DIFFER from the log'}.`,
      );
      if (!result.equal) process.exitCode = 1;
    });
};

/** The log as it stood when the export began: read here, or page by page from the holder while it keeps appending. */
function logOf(record: RecordAccess): AsyncIterable<RecordEvent> {
  return record.via === 'local' ? record.ws.store.read() : servedLog(record);
}

async function* servedLog(record: RecordAccess): AsyncIterable<RecordEvent> {
  let since = 0;
  let head: number | undefined;
  for (;;) {
    const page = await record.call(readLogOp, { since, limit: LOG_PAGE });
    head ??= page.head;
    for (const event of page.events) {
      if (event.seq > head) return;
      yield event;
    }
    const last = page.events.at(-1)?.seq;
    if (last === undefined || last >= head) return;
    since = last;
  }
}

async function readExport(path: string, shown: string): Promise<{ header: ReturnType<typeof parseHeader>; entries: ExportedEntry[] }> {
  const entries: ExportedEntry[] = [];
  let header: ReturnType<typeof parseHeader> | undefined;
  let lineNo = 0;
  try {
    const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      lineNo += 1;
      if (lineNo === 1) header = parseHeader(line, `${shown}:1`);
      else if (line.trim() !== '') entries.push(parseEntry(line, `${shown}:${lineNo}`));
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT')
      throw failure('no-such-file', `${shown}: no such file`, 'pass the path of an export');
    throw error instanceof Error && 'oneLine' in error
      ? error
      : failure('bad-export', `${shown}: ${messageOf(error)}`, 'pass a readable export');
  }
  return { header: header ?? parseHeader(undefined, `${shown}:1`), entries };
}
