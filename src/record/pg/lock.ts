// The names every writer of a PostgreSQL record shares, in any protocol (schema.ts, append-fn.ts, store.ts).

/** The transaction-level advisory lock every writer takes: one writer at a time across processes. */
export const WRITER_LOCK = 0x63727563; // "cruc"
/** The channel a commit notifies with its last sequence number. */
export const CHANNEL = 'crucible_record';
