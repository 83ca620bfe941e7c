// How crucible-tui (and its benchmark) mount Ink. Engine-driven frames are
// already throttled by the session's channel (≤ 10 a second), so Ink's own
// throttle is set high enough that a key's frame is drawn at once rather than
// waiting out the last streamed frame. Ctrl-C is a key (the keymap quits
// cleanly); console output is held by the screen guard, not patched.
import type { RenderOptions } from 'ink';

export const RENDER_OPTIONS = { exitOnCtrlC: false, patchConsole: false, maxFps: 120 } as const satisfies RenderOptions;
