// Runaway guard: notices an agent repeating the same tool call with the same
// input, or going several turns without changing anything (no write, no record
// entry). Pure: the agent loop feeds it and decides what to do.
export interface LoopLimits {
  /** The same call (tool and input) this many times. */
  repeat: number;
  /** This many turns in a row without progress. */
  idleTurns: number;
}

export const DEFAULT_LOOP_LIMITS: LoopLimits = { repeat: 3, idleTurns: 6 };

/** JSON with sorted keys, so `{a,b}` and `{b,a}` are the same call. */
export function stableKey(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableKey).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableKey(v)}`).join(',')}}`;
}

export class LoopDetector {
  private readonly calls = new Map<string, number>();
  private idle = 0;

  constructor(private readonly limits: LoopLimits = DEFAULT_LOOP_LIMITS) {}

  /** Returns why this call looks like a loop, or undefined. */
  call(name: string, input: unknown): string | undefined {
    const key = `${name} ${stableKey(input)}`;
    const count = (this.calls.get(key) ?? 0) + 1;
    this.calls.set(key, count);
    return count >= this.limits.repeat ? `${name} was called ${count} times with the same input` : undefined;
  }

  /** Ends a turn; returns why the agent looks stuck, or undefined. */
  turn(progressed: boolean): string | undefined {
    this.idle = progressed ? 0 : this.idle + 1;
    return this.idle >= this.limits.idleTurns ? `${this.idle} turns in a row changed no file, record entry or gate result` : undefined;
  }

  reset(): void {
    this.calls.clear();
    this.idle = 0;
  }
}
