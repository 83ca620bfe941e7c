import { isAbsolute, join } from 'node:path';
import { createModelClient } from '../model/factory.js';
import { ScriptedModel } from '../model/scripted.js';
import type { ModelClient } from '../model/types.js';
import { usageError } from '../shared/errors.js';
import type { Workspace } from '../workspace/open.js';
import { parseChoice } from './parse.js';

/** The model a command uses: `--model anthropic|scripted` and `--script FILE`, defaulting to the config. */
export async function modelFromFlags(ws: Workspace, flags: { model?: string; script?: string }): Promise<ModelClient> {
  const provider = parseChoice('--model', flags.model, ['anthropic', 'scripted'] as const) ?? ws.config.model.provider;
  if (provider === 'anthropic') return createModelClient({ ...ws.config.model, provider: 'anthropic' }, { root: ws.paths.root });
  const script = flags.script ?? ws.config.model.script;
  if (!script) throw usageError('no-script', '--model scripted needs a script', 'pass --script FILE (see docs/model.md for the format)');
  return ScriptedModel.fromFile(isAbsolute(script) ? script : join(ws.paths.root, script));
}
