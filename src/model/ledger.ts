// Usage and cost totals per run, per agent and per task, built from the
// `model.usage` records of each turn (so it can be rebuilt by replaying them).
import { estimateCost, type PriceTable } from './pricing.js';
import { addUsage, emptyUsage, tokensOf, totalTokens, type TokenUsage, type UsageRecord } from './usage.js';

/** The `model.usage` payload for one turn, with its cost from `prices`. */
export function toUsageRecord(input: {
  agent: string;
  model: string;
  tokens: TokenUsage;
  prices: PriceTable;
  taskId?: string;
  provider?: string;
  messageId?: string;
}): UsageRecord {
  const cost = estimateCost(input.model, input.tokens, input.prices);
  return {
    agent: input.agent,
    ...(input.taskId ? { taskId: input.taskId } : {}),
    model: input.model,
    ...input.tokens,
    costUsd: cost.usd,
    ...(input.provider ? { provider: input.provider } : {}),
    ...(input.messageId ? { messageId: input.messageId } : {}),
    ...(cost.warning ? { costWarning: cost.warning } : {}),
  };
}

export interface UsageTotals {
  turns: number;
  tokens: TokenUsage;
  /** tokens.input + cache writes + cache reads + output. */
  totalTokens: number;
  /** USD of the turns whose cost is known. */
  knownCostUsd: number;
  /** Turns whose cost is unknown (model without a price): `knownCostUsd` is then a lower bound. */
  unknownCostTurns: number;
  /** Models that had no price, in first-seen order. */
  unknownCostModels: string[];
}

class Accumulator {
  turns = 0;
  tokens = emptyUsage();
  // Integer picodollars, so totals do not drift however many turns are added.
  pico = 0n;
  unknownCostTurns = 0;
  unknownCostModels: string[] = [];

  add(record: UsageRecord): void {
    this.turns += 1;
    this.tokens = addUsage(this.tokens, tokensOf(record));
    if (record.costUsd === null) {
      this.unknownCostTurns += 1;
      if (!this.unknownCostModels.includes(record.model)) this.unknownCostModels.push(record.model);
    } else {
      this.pico += BigInt(Math.round(record.costUsd * 1e12));
    }
  }

  totals(): UsageTotals {
    return {
      turns: this.turns,
      tokens: { ...this.tokens },
      totalTokens: totalTokens(this.tokens),
      knownCostUsd: Number(this.pico) / 1e12,
      unknownCostTurns: this.unknownCostTurns,
      unknownCostModels: [...this.unknownCostModels],
    };
  }
}

export class UsageLedger {
  readonly #run = new Accumulator();
  readonly #byAgent = new Map<string, Accumulator>();
  readonly #byTask = new Map<string, Accumulator>();

  add(record: UsageRecord): void {
    this.#run.add(record);
    UsageLedger.#bucket(this.#byAgent, record.agent).add(record);
    if (record.taskId) UsageLedger.#bucket(this.#byTask, record.taskId).add(record);
  }

  run(): UsageTotals {
    return this.#run.totals();
  }

  byAgent(): Record<string, UsageTotals> {
    return UsageLedger.#snapshot(this.#byAgent);
  }

  byTask(): Record<string, UsageTotals> {
    return UsageLedger.#snapshot(this.#byTask);
  }

  static #bucket(map: Map<string, Accumulator>, key: string): Accumulator {
    let acc = map.get(key);
    if (!acc) {
      acc = new Accumulator();
      map.set(key, acc);
    }
    return acc;
  }

  static #snapshot(map: Map<string, Accumulator>): Record<string, UsageTotals> {
    const out: Record<string, UsageTotals> = {};
    for (const [key, acc] of map) out[key] = acc.totals();
    return out;
  }
}
