import { resolve } from 'node:path';
import { initWorkspace } from '../../workspace/init.js';
import { contextOf, emit } from '../context.js';
import type { Register } from './types.js';

export const registerInit: Register = (program, base) => {
  program
    .command('init')
    .description('create a Crucible workspace (.crucible/) in the project directory')
    .action(async (_opts, command) => {
      const ctx = contextOf(command, base);
      const result = await initWorkspace(resolve(ctx.cwd, ctx.dir ?? '.'));
      emit(
        ctx,
        { root: result.paths.root, workspace: result.paths.dir, created: result.created, gitignoreUpdated: result.gitignoreUpdated },
        () =>
          [
            result.created
              ? `Initialized a Crucible workspace in ${result.paths.dir}`
              : `A Crucible workspace already exists in ${result.paths.dir}`,
            result.gitignoreUpdated ? 'Added .crucible/ to .gitignore' : '',
          ]
            .filter(Boolean)
            .join('\n'),
      );
    });
};
