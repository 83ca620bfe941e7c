// The root component: reads the store, builds the frame from the view models,
// and turns keys into actions. It holds no state of its own.
import { useCallback, useEffect } from 'react';
import { useInput, useStdout, type Key } from 'ink';
import { inputMode, keysToActions } from '../state/keymap.js';
import type { TuiStore } from '../store.js';
import { Screen } from './screen.js';
import { useFrame } from './use-frame.js';

export interface AppProps {
  store: TuiStore;
  /** Fixed size (tests); otherwise the terminal's, following resizes. */
  size?: { cols: number; rows: number };
}

function useTerminalSize(store: TuiStore, fixed: AppProps['size']): void {
  const { stdout } = useStdout();
  useEffect(() => {
    const measure = () => {
      const size = fixed ?? { cols: stdout.columns || 100, rows: stdout.rows || 30 };
      const current = store.getState().size;
      if (current.cols !== size.cols || current.rows !== size.rows) store.dispatch({ type: 'resize', ...size });
    };
    measure();
    if (fixed) return;
    stdout.on('resize', measure);
    return () => {
      stdout.off('resize', measure);
    };
  }, [store, stdout, fixed]);
}

export function App({ store, size }: AppProps) {
  const lines = useFrame(store);
  useTerminalSize(store, size);
  const onKey = useCallback(
    (input: string, key: Key) => {
      keysToActions(input, key, () => inputMode(store.getState()), store.dispatch);
    },
    [store],
  );
  useInput(onKey);
  return <Screen lines={lines} />;
}
