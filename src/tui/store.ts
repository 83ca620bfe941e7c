// Holds the TUI state: `dispatch` runs the pure reducer, hands the effects it
// asks for to the session, and tells subscribers (the React tree) once.
import { update } from './state/reducer.js';
import type { Effect, TuiAction, TuiState } from './state/types.js';

export type EffectHandler = (effect: Effect) => void;

export class TuiStore {
  private state: TuiState;
  private readonly listeners = new Set<() => void>();
  private handler: EffectHandler = () => undefined;
  dispatches = 0;

  constructor(initial: TuiState) {
    this.state = initial;
  }

  getState = (): TuiState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  onEffect(handler: EffectHandler): void {
    this.handler = handler;
  }

  dispatch = (action: TuiAction): void => {
    const { state, effects } = update(this.state, action);
    this.dispatches += 1;
    if (state !== this.state) {
      this.state = state;
      for (const listener of this.listeners) listener();
    }
    for (const effect of effects) this.handler(effect);
  };
}
