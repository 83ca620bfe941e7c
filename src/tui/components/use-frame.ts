// The frame for the store's current state, as a selector: when a state change
// does not change what is on screen (an agent that is not selected streamed),
// the previous frame object is returned and React — and Ink — skip the render.
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { Line } from '../state/text.js';
import type { TuiState } from '../state/types.js';
import { buildFrame } from '../state/view/frame.js';
import type { TuiStore } from '../store.js';

const signature = (lines: Line[]) =>
  lines
    .map((l) =>
      l.map((s) => `${s.color ?? ''}${s.bold ? 'b' : ''}${s.dim ? 'd' : ''}${s.inverse ? 'i' : ''}\u0000${s.text}`).join('\u0001'),
    )
    .join('\n');

export function useFrame(store: TuiStore): Line[] {
  const last = useRef<{ state: TuiState; lines: Line[]; key: string } | undefined>(undefined);
  const select = useCallback(() => {
    const state = store.getState();
    const prev = last.current;
    if (prev?.state === state) return prev.lines;
    const lines = buildFrame(state);
    const key = signature(lines);
    if (prev?.key === key) {
      last.current = { ...prev, state };
      return prev.lines;
    }
    last.current = { state, lines, key };
    return lines;
  }, [store]);
  return useSyncExternalStore(store.subscribe, select);
}
