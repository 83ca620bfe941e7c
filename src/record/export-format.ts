// The record as text (`crucible export`, `crucible import`): JSON Lines, a header first, then
// one event per line with its chain hash. Every event passes the redactor again on the way out;
// if that changes one (a secret the environment did not hold when it was appended), the export's
// chain is computed over what is exported, so the file always verifies as it stands.
import { z } from 'zod';
import { chainNext, followChain, GENESIS_HASH } from './chain.js';
import type { RecordEvent } from './events.js';
import { parseEvent } from './validate.js';
import type { Redactor } from '../shared/redact.js';
import { failure } from '../shared/errors.js';

export const EXPORT_SCHEMA = 'crucible.record';
export const EXPORT_VERSION = 1;

export const exportHeaderSchema = z
  .object({
    schema: z.literal(EXPORT_SCHEMA),
    version: z.literal(EXPORT_VERSION),
    /** The last sequence number in the record when exported. */
    head: z.number().int().min(0),
    /** Events after this one are in the file (0: the whole log). */
    since: z.number().int().min(0),
    /** The chain hash of event `since` (64 zeros when 0), so a partial export still verifies. */
    previousHash: z.string().regex(/^[0-9a-f]{64}$/),
    /** The chain hash of the last event in the file. */
    headHash: z.string().regex(/^[0-9a-f]{64}$/),
    /** Events the redactor changed on the way out (their hashes differ from the record's). */
    redacted: z.number().int().min(0),
    exportedAt: z.iso.datetime(),
  })
  .strict();
export type ExportHeader = z.infer<typeof exportHeaderSchema>;

export interface ExportedEntry {
  event: RecordEvent;
  hash: string;
}

/** Chains and redacts the log for export; the header comes last (it needs the head) and is printed first by the caller. */
export async function exportLog(
  events: AsyncIterable<RecordEvent>,
  since: number,
  redactor: Redactor,
  emit: (entry: ExportedEntry) => void,
): Promise<Omit<ExportHeader, 'exportedAt'>> {
  let hash = GENESIS_HASH;
  let previousHash = GENESIS_HASH;
  let head = 0;
  let redacted = 0;
  for await (const stored of events) {
    const event = redactor.deep(stored);
    if (event !== stored) redacted += 1;
    hash = chainNext(hash, event);
    head = event.seq;
    if (event.seq <= since) previousHash = hash;
    else emit({ event, hash });
  }
  return { schema: EXPORT_SCHEMA, version: EXPORT_VERSION, head, since: Math.min(since, head), previousHash, headHash: hash, redacted };
}

export const exportLine = (entry: ExportedEntry): string => `${JSON.stringify({ ...entry.event, hash: entry.hash })}\n`;

const bad = (where: string, what: string) =>
  failure('bad-export', `${where}: ${what}`, 'import a file written by `crucible export`, whole and unaltered');

export function parseHeader(line: string | undefined, where: string): ExportHeader {
  let raw: unknown;
  try {
    raw = JSON.parse(line ?? '');
  } catch {
    throw bad(where, 'the first line is not a JSON header');
  }
  const version = (raw as { version?: unknown })?.version;
  if ((raw as { schema?: unknown })?.schema === EXPORT_SCHEMA && version !== EXPORT_VERSION)
    throw bad(where, `export version ${String(version)} is not supported (this Crucible reads version ${EXPORT_VERSION})`);
  const parsed = exportHeaderSchema.safeParse(raw);
  if (!parsed.success) throw bad(where, `not a Crucible export header (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  return parsed.data;
}

export function parseEntry(line: string, where: string): ExportedEntry {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw bad(where, 'not JSON');
  }
  const hash = (raw as { hash?: unknown })?.hash;
  if (typeof hash !== 'string') throw bad(where, 'the event has no hash');
  try {
    return { event: parseEvent(raw, where), hash };
  } catch (error) {
    throw bad(where, (error as Error).message);
  }
}

/** Verifies a whole export: from event 1, gap-free, every hash chaining, ending at the header's head and hash. */
export function verifyExport(header: ExportHeader, entries: readonly ExportedEntry[], file: string): void {
  if (header.since !== 0) throw bad(file, `a partial export (events after #${header.since}) cannot start a record`);
  const check = followChain(entries, GENESIS_HASH, 1);
  if (check.broken)
    throw bad(
      `${file}:${check.broken.seq + 1}`,
      `event #${check.broken.seq} ${check.broken.reason === 'gap' ? 'is missing' : 'does not match its hash'}`,
    );
  if (check.next - 1 !== header.head || check.hash !== header.headHash)
    throw bad(file, `the file ends at event #${check.next - 1}, but its header says #${header.head} (a truncated export?)`);
}

/** Refuses an imported log unless it chains from the first event to the last, with no gap. */
export function assertWholeChain(entries: readonly { event: RecordEvent; hash?: string | undefined }[]): void {
  const check = followChain(
    entries.map((e) => ({ event: e.event, hash: e.hash })),
    GENESIS_HASH,
    1,
  );
  if (check.broken)
    throw failure(
      'import-chain',
      `the imported log breaks at event #${check.broken.seq} (${check.broken.reason === 'gap' ? 'a missing event' : 'its hash does not chain'})`,
      'export the record again; an export is only imported whole and unaltered',
    );
}
