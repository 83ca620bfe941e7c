import { resolve } from 'node:path';
import { parseRecordUrl } from '../../record/pg/url.js';
import { loadConfig } from '../../workspace/config.js';
import { initWorkspace } from '../../workspace/init.js';
import { joinRecord } from '../../workspace/record-store.js';
import { contextOf, emit } from '../context.js';
import type { Register } from './types.js';

export const registerInit: Register = (program, base) => {
  program
    .command('init')
    .description('create a Crucible workspace (.crucible/) in the project directory')
    .option('--record <url>', "share a team's PostgreSQL record (postgres://user@host:5432/db): kept as record.url, created or joined")
    .action(async (opts: { record?: string }, command) => {
      const ctx = contextOf(command, base);
      const recordUrl = opts.record === undefined ? undefined : parseRecordUrl(opts.record, '--record');
      const result = await initWorkspace(resolve(ctx.cwd, ctx.dir ?? '.'), recordUrl === undefined ? {} : { recordUrl });
      const joined = await joinRecord(loadConfig(result.paths.config), result.paths);
      emit(
        ctx,
        {
          root: result.paths.root,
          workspace: result.paths.dir,
          created: result.created,
          gitignoreUpdated: result.gitignoreUpdated,
          record: joined ? { backend: 'postgres', url: joined.url, events: joined.events } : { backend: 'leveldb' },
        },
        () =>
          [
            result.created
              ? `Initialized a Crucible workspace in ${result.paths.dir}`
              : `A Crucible workspace already exists in ${result.paths.dir}`,
            result.gitignoreUpdated ? 'Added .crucible/ to .gitignore' : '',
            joined ? `The record is the PostgreSQL database at ${joined.url} (${joined.events} events)` : '',
          ]
            .filter(Boolean)
            .join('\n'),
      );
    });
};
