import { modelFor, MODEL_PROVIDERS, type ModelClient } from '../app/model.js';
import type { Workspace } from '../workspace/open.js';
import { parseChoice } from './parse.js';

/** The model a command uses: `--model anthropic|openai|scripted` and `--script FILE`, defaulting to the config. */
export async function modelFromFlags(ws: Workspace, flags: { model?: string; script?: string }): Promise<ModelClient> {
  return modelFor(ws, { provider: parseChoice('--model', flags.model, MODEL_PROVIDERS), script: flags.script });
}
