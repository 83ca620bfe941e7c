// Copies of the engine's state as plain data for the view models: the
// record's tables, each agent machine's state, the run phase and the usage.
// Defined once in mcp/live-view.ts, where a holder also sends them to an attached TUI.
export { agentStatuses, livePhase, recordSnapshot, usageInfo } from '../../mcp/live-view.js';
