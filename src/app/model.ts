// The ModelClient a surface runs with, built once from its flags and the workspace's config: the
// Anthropic SDK or the OpenAI client (each loaded only when used: scripted runs and the demo never
// need them) or a scripted model; and the offline demo's model, optionally behind a loopback
// Messages API or Chat Completions server and paced so a person can watch it.
import { isAbsolute, join } from 'node:path';
import { demoPace, PacedModel } from '../model/paced.js';
import { ScriptedModel } from '../model/scripted.js';
import type { ModelClient } from '../model/types.js';
import { usageError } from '../shared/errors.js';
import type { Workspace } from '../workspace/open.js';

// What surfaces above app/ read of the model layer, without importing it.
export type { RunBudget } from '../model/budget.js';
export type { ModelClient } from '../model/types.js';

export const MODEL_PROVIDERS = ['anthropic', 'openai', 'scripted'] as const;
export type ModelProvider = (typeof MODEL_PROVIDERS)[number];

export interface ModelChoice {
  /** Default: `model.provider` in the config. */
  provider?: ModelProvider | undefined;
  /** The script for the scripted provider, relative to the project (default: `model.script` in the config). */
  script?: string | undefined;
  /** What the person can do when the scripted provider has no script (each surface has its own flags). */
  noScriptFix?: string;
}

export async function modelFor(ws: Workspace, choice: ModelChoice): Promise<ModelClient> {
  const provider = choice.provider ?? ws.config.model.provider;
  if (provider === 'scripted') {
    const script = choice.script ?? ws.config.model.script;
    if (!script)
      throw usageError(
        'no-script',
        '--model scripted needs a script',
        choice.noScriptFix ?? 'pass --script FILE (see docs/model.md for the format)',
      );
    return ScriptedModel.fromFile(isAbsolute(script) ? script : join(ws.paths.root, script));
  }
  const { createModelClient } = await import('../model/factory.js');
  return createModelClient({ ...ws.config.model, provider }, { root: ws.paths.root });
}

export interface DemoModelOptions {
  /**
   * `mock`: the same script served by a loopback Messages API server, reached through the real Anthropic SDK;
   * `openai-mock`: served by a loopback Chat Completions server, reached through the real OpenAI client.
   */
  kind?: 'scripted' | 'mock' | 'openai-mock';
  /** Milliseconds per streamed chunk, so the demo can be watched (0 or absent: full speed). */
  paceMs?: number;
}

export interface DemoModel {
  model: ModelClient;
  close(): Promise<void>;
}

/** The demo project's scripted model (see prepareDemoProject), as the options ask for it. */
export async function demoModel(root: string, options: DemoModelOptions = {}): Promise<DemoModel> {
  const scripted = await ScriptedModel.fromFile(join(root, '.crucible', 'demo-script.yaml'));
  const paced = (model: ModelClient) =>
    options.paceMs !== undefined && options.paceMs > 0 ? new PacedModel(model, demoPace(options.paceMs)) : model;
  if (options.kind === 'openai-mock') return openaiDemoModel(scripted, paced);
  if (options.kind !== 'mock') return { model: paced(scripted), close: async () => undefined };
  const [{ startLoopbackServer }, { scriptHandler }, { AnthropicModel }] = await Promise.all([
    import('../model/loopback-server.js'),
    import('../model/loopback-script.js'),
    import('../model/anthropic.js'),
  ]);
  const server = await startLoopbackServer({ handler: scriptHandler(scripted) });
  return {
    model: paced(new AnthropicModel({ model: scripted.defaultModel, apiKey: 'loopback-demo', baseURL: server.url })),
    close: () => server.close(),
  };
}

/** The demo's script behind a loopback Chat Completions server, through the real OpenAI client. */
async function openaiDemoModel(scripted: ScriptedModel, paced: (model: ModelClient) => ModelClient): Promise<DemoModel> {
  const [{ startChatLoopbackServer }, { chatScriptHandler }, { OpenAIModel }] = await Promise.all([
    import('../model/openai-loopback-server.js'),
    import('../model/openai-loopback-script.js'),
    import('../model/openai.js'),
  ]);
  const server = await startChatLoopbackServer({ handler: chatScriptHandler(scripted) });
  return {
    model: paced(new OpenAIModel({ model: scripted.defaultModel, apiKey: 'loopback-demo', baseURL: server.baseURL, env: {} })),
    close: () => server.close(),
  };
}
