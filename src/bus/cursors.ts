import type { Sublevel } from '../record/level-db.js';

/** Durable subscribers' positions in the log, kept beside it in LevelDB. */
export class CursorStore {
  constructor(private readonly meta: Sublevel) {}

  async get(name: string): Promise<number> {
    const value = await this.meta.get(`cursor:${name}`);
    return typeof value === 'number' ? value : 0;
  }

  async set(name: string, seq: number): Promise<void> {
    await this.meta.put(`cursor:${name}`, seq);
  }

  async all(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for await (const [key, value] of this.meta.iterator({ gte: 'cursor:', lt: 'cursor;' })) {
      out[key.slice('cursor:'.length)] = Number(value);
    }
    return out;
  }
}
