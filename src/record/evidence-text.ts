// One line for gate-files evidence, shared by the CLI, the TUI and the agents' context.

import type { GateFile } from './events.js';

export const gateFilesLine = (files: readonly GateFile[]): string =>
  files.length === 0
    ? 'gate-defining files: none'
    : `gate-defining files hashed: ${files.map((f) => `${f.path} ${f.hash.slice(0, 12)}`).join(', ')}`;
