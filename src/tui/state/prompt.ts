// The prompt line: what the human types to the team (like a terminal agent's input box). `@who text` sends a
// message to an agent or a role, `/req text` adds a requirement, `/goal text` gives the run a new goal, and plain
// text goes to the agent whose pane is shown. Enter sends, Esc cancels, ↑/↓ walk the history. Pure.
import { notice, same } from './navigate.js';
import type { Effect, KeyAction, TuiState, Update } from './types.js';

export interface PromptState {
  editing: boolean;
  text: string;
  /** What was sent, oldest first (at most HISTORY_LIMIT). */
  history: string[];
  /** The history entry shown while walking it with ↑/↓; null when typing anew. */
  recall: number | null;
}

export const HISTORY_LIMIT = 50;
export const PROMPT_HINT = 'Enter send · Esc cancel · ↑↓ history · @agent message · /req requirement · /goal new goal';

export const emptyPrompt = (): PromptState => ({ editing: false, text: '', history: [], recall: null });

export type Parsed = { ok: true; effect: Effect; said: string } | { ok: false; problem: string };

/** What a prompt line asks for, or why it cannot be sent (one line, with what to type instead). */
export function parsePrompt(raw: string, state: TuiState): Parsed {
  const text = raw.trim();
  if (!text) return { ok: false, problem: 'Type a message (or @agent, /req, /goal), then Enter.' };
  const command = /^\/(\w+)\s*([\s\S]*)$/.exec(text);
  if (command) {
    const [, name, rest] = command as unknown as [string, string, string];
    const body = rest.trim();
    if (name !== 'req' && name !== 'goal') return { ok: false, problem: `/${name} is not a command: use /req text or /goal text.` };
    if (!body) return { ok: false, problem: `/${name} needs its text: /${name} <${name === 'req' ? 'the requirement' : 'the goal'}>.` };
    return name === 'req'
      ? { ok: true, effect: { type: 'requirement', text: body }, said: `Adding the requirement: ${body}` }
      : { ok: true, effect: { type: 'goal', text: body }, said: `New goal for the planner: ${body}` };
  }
  const addressed = /^@([\w.:/-]+)\s*([\s\S]*)$/.exec(text);
  if (addressed) {
    const [, to, rest] = addressed as unknown as [string, string, string];
    const known = state.agents.flatMap((a) => [a.name, a.role]);
    if (known.length > 0 && !known.includes(to))
      return { ok: false, problem: `No agent or role is called ${to}: try ${[...new Set(known)].join(', ')}.` };
    if (!rest.trim()) return { ok: false, problem: `Say something to ${to} after @${to}.` };
    return { ok: true, effect: { type: 'message', to, text: rest.trim() }, said: `To ${to}: ${rest.trim()}` };
  }
  const agent = state.agents[state.ui.agent];
  if (!agent) return { ok: false, problem: 'No agent is selected: address one with @role (e.g. @implementer).' };
  return { ok: true, effect: { type: 'message', to: agent.name, text }, said: `To ${agent.name}: ${text}` };
}

const withPrompt = (state: TuiState, patch: Partial<PromptState>): TuiState => ({ ...state, prompt: { ...state.prompt, ...patch } });

/** Keys while the prompt line has them. */
export function promptKeys(state: TuiState, action: KeyAction): Update {
  const p = state.prompt;
  switch (action.type) {
    case 'key.text':
      return same(withPrompt(state, { text: p.text + action.text, recall: null }));
    case 'key.backspace':
      return same(withPrompt(state, { text: [...p.text].slice(0, -1).join(''), recall: null }));
    case 'key.escape':
      return same(withPrompt(state, { editing: false, text: '', recall: null }));
    case 'key.move': {
      if (p.history.length === 0) return same(state);
      const from = p.recall ?? p.history.length;
      const at = Math.max(0, Math.min(p.history.length, from + action.delta));
      return same(withPrompt(state, at === p.history.length ? { recall: null, text: '' } : { recall: at, text: p.history[at]! }));
    }
    case 'key.enter': {
      const parsed = parsePrompt(p.text, state);
      if (!parsed.ok) return same(notice(state, parsed.problem, 'warn'));
      const history = [...p.history.filter((h) => h !== p.text.trim()), p.text.trim()].slice(-HISTORY_LIMIT);
      return {
        state: notice(withPrompt(state, { editing: false, text: '', history, recall: null }), parsed.said),
        effects: [parsed.effect],
      };
    }
    default:
      return same(state);
  }
}
