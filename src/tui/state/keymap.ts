// Keys to actions, pure. The same key means different things in different
// places (the reducer decides); the keymap only separates typing into a text
// field from commands, so `q` in a search query is a letter, not "quit".
import type { KeyAction, TuiState } from './types.js';

export interface KeyPress {
  upArrow: boolean;
  downArrow: boolean;
  leftArrow: boolean;
  rightArrow: boolean;
  pageUp: boolean;
  pageDown: boolean;
  home: boolean;
  end: boolean;
  return: boolean;
  escape: boolean;
  ctrl: boolean;
  shift: boolean;
  tab: boolean;
  backspace: boolean;
  delete: boolean;
  meta: boolean;
}

export type InputMode = 'normal' | 'text';

/** Whether keystrokes are typed into a field (the search box, a judgment's free-text answer). */
export function inputMode(state: TuiState): InputMode {
  const modal = state.ui.modal;
  if (modal?.kind === 'judgment') {
    const judgment = state.record.judgments.find((j) => j.id === modal.id);
    return judgment && modal.choice >= judgment.options.length ? 'text' : 'normal';
  }
  if (modal) return 'normal';
  return state.search.editing || state.prompt.editing ? 'text' : 'normal';
}

const LETTERS: Record<string, KeyAction> = {
  j: { type: 'key.move', delta: 1 },
  k: { type: 'key.move', delta: -1 },
  h: { type: 'key.side', delta: -1 },
  l: { type: 'key.side', delta: 1 },
  g: { type: 'key.edge', to: 'start' },
  G: { type: 'key.edge', to: 'end' },
  '/': { type: 'key.search' },
  a: { type: 'key.answer' },
  i: { type: 'key.prompt' },
  p: { type: 'key.pause' },
  r: { type: 'key.run' },
  s: { type: 'key.stats' },
  '?': { type: 'key.help' },
  q: { type: 'key.quit' },
};

export function keyToAction(input: string, key: KeyPress, mode: InputMode): KeyAction | undefined {
  if (key.ctrl && input === 'c') return { type: 'key.interrupt' };
  if (key.tab) return { type: 'key.focus', delta: key.shift ? -1 : 1 };
  if (key.upArrow) return { type: 'key.move', delta: -1 };
  if (key.downArrow) return { type: 'key.move', delta: 1 };
  if (key.leftArrow) return { type: 'key.side', delta: -1 };
  if (key.rightArrow) return { type: 'key.side', delta: 1 };
  if (key.pageUp) return { type: 'key.page', delta: -1 };
  if (key.pageDown) return { type: 'key.page', delta: 1 };
  if (key.home) return { type: 'key.edge', to: 'start' };
  if (key.end) return { type: 'key.edge', to: 'end' };
  if (key.return) return { type: 'key.enter' };
  if (key.escape) return { type: 'key.escape' };
  if (key.backspace || key.delete) return { type: 'key.backspace' };
  if (key.ctrl || key.meta || input === '') return undefined;
  if (mode === 'text') return { type: 'key.text', text: input };
  if (/^[1-9]$/.test(input)) return { type: 'key.digit', n: Number(input) };
  return LETTERS[input] ?? { type: 'key.char', char: input };
}

export const NO_KEY: KeyPress = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageUp: false,
  pageDown: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
};

/** The key a single typed character stands for when Ink hands it over inside a longer chunk. */
function keyOfChar(char: string): KeyPress {
  if (char === '\t') return { ...NO_KEY, tab: true };
  if (char === '\r' || char === '\n') return { ...NO_KEY, return: true };
  if (char === '\x7f' || char === '\b') return { ...NO_KEY, backspace: true };
  return NO_KEY;
}

/**
 * The actions one chunk of input stands for. Ink delivers plain characters that arrive in one read as one input
 * (`"\t\t"`, `"11"`: fast typing, key repeat, a script's keys), which it means for pastes; outside a text field each
 * character is a key of its own. `modeNow` is asked before each character, since a key can open a text field
 * (`i`, `/`): from then on the rest of the chunk is typed into it.
 */
export function keysToActions(input: string, key: KeyPress, modeNow: () => InputMode, dispatch: (action: KeyAction) => void): void {
  const single = (i: string, k: KeyPress) => {
    const action = keyToAction(i, k, modeNow());
    if (action) dispatch(action);
  };
  const chars = [...input];
  if (chars.length < 2 || key.ctrl || key.meta || input.includes('\x1b')) return single(input, key);
  for (let i = 0; i < chars.length; i++) {
    if (modeNow() === 'text') return typeInto(chars.slice(i), dispatch);
    single(chars[i]!, keyOfChar(chars[i]!));
  }
}

/**
 * A chunk typed into a text field. A line break at its end is Enter (a word and Enter typed fast arrive in one read),
 * unless the chunk has one inside too: that is a paste, its breaks become spaces, and it is never submitted nor its rest
 * run as keys. Backspaces erase; other control characters are dropped.
 */
function typeInto(chars: string[], dispatch: (action: KeyAction) => void): void {
  let end = chars.length;
  while (end > 0 && (chars[end - 1] === '\r' || chars[end - 1] === '\n')) end--;
  // A chunk with a line break inside is a paste (whole lines copied end in one too): typed, never submitted.
  const pasted = chars.slice(0, end).some((c) => c === '\r' || c === '\n');
  let text = '';
  const flush = () => {
    if (text) dispatch({ type: 'key.text', text });
    text = '';
  };
  for (const char of chars.slice(0, end)) {
    if (char === '\x7f' || char === '\b') {
      flush();
      dispatch({ type: 'key.backspace' });
    } else if (char === '\r' || char === '\n' || char === '\t') text += text.endsWith(' ') ? '' : ' ';
    else if (char >= ' ' && !(char >= '\x80' && char <= '\x9f')) text += char;
  }
  flush();
  if (end < chars.length && !pasted) dispatch({ type: 'key.enter' });
}
