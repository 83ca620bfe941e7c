import { emptyPrompt } from './prompt.js';
import { TABS, type RecordSnapshot, type TabId, type TuiState, type UiState, type UsageInfo } from './types.js';

export const emptyRecord = (): RecordSnapshot => ({
  tasks: [],
  judgments: [],
  requirements: [],
  decisions: [],
  proposals: [],
  edges: [],
  links: [],
  stale: [],
});

export const emptyUsage = (): UsageInfo => ({ turns: 0, tokens: 0, costUsd: 0, unknownCostTurns: 0, budgetUsd: null, budgetTokens: null });

const perTab = (value: number) => Object.fromEntries(TABS.map((t) => [t, value])) as Record<TabId, number>;

export const initialUi = (): UiState => ({
  focus: 'agents',
  agent: 0,
  pinned: false,
  paneTop: {},
  tab: 'tasks',
  cursor: perTab(0),
  top: perTab(0),
  logFollow: true,
  modal: null,
});

export function initialState(options: {
  cols: number;
  rows: number;
  project: { name: string; root: string; goal: string };
  browse?: boolean;
}): TuiState {
  return {
    size: { cols: options.cols, rows: options.rows },
    project: options.project,
    run: options.browse ? { kind: 'browse' } : { kind: 'live', phase: 'starting' },
    usage: emptyUsage(),
    agents: [],
    record: emptyRecord(),
    transcripts: {},
    log: [],
    stats: { status: 'idle', samples: [] },
    search: { query: '', editing: false, status: 'idle', hits: [] },
    prompt: emptyPrompt(),
    ui: initialUi(),
  };
}
