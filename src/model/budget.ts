// The run budget: USD and token limits checked before every new turn. A reached
// limit is data, shaped like a gate refusal (`{ ok: false, code, reason, fix }`),
// so the runtime can stop new turns and raise a judgment for the human.
import { UsageLedger, type UsageTotals } from './ledger.js';
import type { UsageRecord } from './usage.js';

export interface BudgetLimits {
  /** Maximum USD for the run, or null for no limit. */
  usd: number | null;
  /** Maximum tokens (input, cache writes, cache reads and output) for the run, or null. */
  tokens: number | null;
}

export type BudgetRefusalCode = 'budget.usd_reached' | 'budget.tokens_reached' | 'budget.cost_unknown';

interface BudgetState {
  spentUsd: number;
  totalTokens: number;
  limits: BudgetLimits;
}

export type BudgetCheck =
  | (BudgetState & {
      ok: true;
      remainingUsd: number | null;
      remainingTokens: number | null;
      /** Things the human should know although nothing is blocked (e.g. unpriced models). */
      warnings: string[];
    })
  | (BudgetState & { ok: false; code: BudgetRefusalCode; reason: string; fix: string });

const usd = (n: number): string => `$${n.toFixed(n < 1 ? 4 : 2)}`;

export class RunBudget {
  readonly ledger: UsageLedger;
  #limits: BudgetLimits;
  readonly #acceptedUnknown = new Set<string>();

  constructor(limits: BudgetLimits, ledger: UsageLedger = new UsageLedger()) {
    this.#limits = { ...limits };
    this.ledger = ledger;
  }

  get limits(): BudgetLimits {
    return { ...this.#limits };
  }

  /** Adds one turn's usage and returns the check that follows from it. */
  record(record: UsageRecord): BudgetCheck {
    this.ledger.add(record);
    return this.check();
  }

  /** Changes limits, e.g. after the human approved more spend; omitted keys stay. */
  setLimits(limits: Partial<BudgetLimits>): void {
    this.#limits = { ...this.#limits, ...limits };
  }

  /** The human accepted that the listed models' spend cannot be counted in USD. */
  acceptUnknownCost(models: readonly string[] = this.ledger.run().unknownCostModels): void {
    for (const model of models) this.#acceptedUnknown.add(model);
  }

  /** May a new turn start? */
  check(): BudgetCheck {
    const run = this.ledger.run();
    const state: BudgetState = { spentUsd: run.knownCostUsd, totalTokens: run.totalTokens, limits: this.limits };
    const { usd: usdLimit, tokens: tokenLimit } = this.#limits;

    if (usdLimit !== null && run.knownCostUsd >= usdLimit) {
      return {
        ...state,
        ok: false,
        code: 'budget.usd_reached',
        reason: `the run has spent ${usd(run.knownCostUsd)} of its ${usd(usdLimit)} budget`,
        fix: 'raise model.budget.usd (or approve more spend for this run), or stop here',
      };
    }
    if (tokenLimit !== null && run.totalTokens >= tokenLimit) {
      return {
        ...state,
        ok: false,
        code: 'budget.tokens_reached',
        reason: `the run has used ${run.totalTokens} of its ${tokenLimit} token budget`,
        fix: 'raise model.budget.tokens (or approve more tokens for this run), or stop here',
      };
    }
    const unaccepted = run.unknownCostModels.filter((model) => !this.#acceptedUnknown.has(model));
    if (usdLimit !== null && unaccepted.length > 0) {
      return {
        ...state,
        ok: false,
        code: 'budget.cost_unknown',
        reason: `the USD budget cannot be enforced: no price for ${unaccepted.map((m) => `"${m}"`).join(', ')}`,
        fix: 'add the price under model.pricing in .crucible/config.json, or accept counting tokens only for it',
      };
    }
    return {
      ...state,
      ok: true,
      remainingUsd: usdLimit === null ? null : usdLimit - run.knownCostUsd,
      remainingTokens: tokenLimit === null ? null : tokenLimit - run.totalTokens,
      warnings: RunBudget.#warnings(run),
    };
  }

  static #warnings(run: UsageTotals): string[] {
    if (run.unknownCostTurns === 0) return [];
    const models = run.unknownCostModels.map((m) => `"${m}"`).join(', ');
    return [`cost unknown for ${run.unknownCostTurns} turn(s) on ${models}; USD spent is a lower bound`];
  }
}
