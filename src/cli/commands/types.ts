import type { Command } from 'commander';
import type { Io } from '../context.js';

export interface CliBase {
  io: Io;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export type Register = (program: Command, base: CliBase) => void;
