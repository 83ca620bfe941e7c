// A loopback Chat Completions handler that answers from a Crucible script, so a
// whole run (the offline demo's `--model openai-mock`) goes through the real
// `openai` client and OpenAIModel. The request is read back into Crucible's
// messages: `tool` messages become the tool results of one user message.
import type { ChatCompletionCreateParamsBase, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { scriptedReply } from './loopback-script.js';
import type { ChatLoopbackHandler } from './openai-loopback-server.js';
import { TOOL_ERROR_PREFIX } from './openai-request.js';
import type { ScriptedModel } from './scripted.js';
import type { ContentBlock, Message } from './types.js';

function textOf(content: ChatCompletionMessageParam['content']): string {
  if (typeof content === 'string') return content;
  return (content ?? []).map((part) => ('text' in part ? part.text : '')).join('');
}

function parseArguments(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The conversation of a Chat Completions request, as the scripted model reads it. */
export function chatConversation(body: ChatCompletionCreateParamsBase): { system: string; messages: Message[] } {
  const system: string[] = [];
  const messages: Message[] = [];
  let results: ContentBlock[] = [];
  const flushResults = (text?: string): void => {
    if (results.length === 0 && text === undefined) return;
    messages.push({ role: 'user', content: text === undefined ? results : [...results, { type: 'text', text }] });
    results = [];
  };
  for (const m of body.messages) {
    if (m.role === 'system' || m.role === 'developer') system.push(textOf(m.content));
    else if (m.role === 'tool') {
      const text = textOf(m.content);
      const isError = text.startsWith(TOOL_ERROR_PREFIX);
      const content = isError ? text.slice(TOOL_ERROR_PREFIX.length) : text;
      results.push({ type: 'tool_result', toolUseId: m.tool_call_id, content, ...(isError ? { isError } : {}) });
    } else if (m.role === 'user') {
      if (results.length > 0) flushResults(textOf(m.content));
      else messages.push({ role: 'user', content: textOf(m.content) });
    } else if (m.role === 'assistant') {
      flushResults();
      const blocks: ContentBlock[] = [];
      const text = textOf(m.content ?? null);
      if (text !== '') blocks.push({ type: 'text', text });
      for (const call of m.tool_calls ?? []) {
        if (call.type === 'function')
          blocks.push({ type: 'tool_use', id: call.id, name: call.function.name, input: parseArguments(call.function.arguments) });
      }
      messages.push({ role: 'assistant', content: blocks });
    }
  }
  flushResults();
  return { system: system.join('\n\n'), messages };
}

export function chatScriptHandler(model: ScriptedModel): ChatLoopbackHandler {
  return async (request) => {
    const { system, messages } = chatConversation(request.body);
    return scriptedReply(model, system, messages);
  };
}
