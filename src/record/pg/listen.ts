// The PostgreSQL record's connections: their settings, and the one that LISTENs for other processes' commits.
import pg from 'pg';
import { CHANNEL } from './lock.js';

/** A server that stops answering is an error after a while, not a hang. */
export const CONNECTION = { connectionTimeoutMillis: 15_000, keepAlive: true };

/**
 * A connection that hears every commit's last sequence number (`heard`) until it drops (`dropped`); undefined
 * when it cannot listen (then other processes' events still arrive with this process's next batch).
 */
export async function listenForCommits(url: string, heard: (seq: number) => void, dropped: () => void): Promise<pg.Client | undefined> {
  const client = new pg.Client({ connectionString: url, ...CONNECTION });
  client.on('error', dropped);
  client.on('notification', (message) => {
    if (message.channel === CHANNEL) heard(Number(message.payload));
  });
  try {
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    return client;
  } catch {
    await client.end().catch(() => undefined);
    return undefined;
  }
}
