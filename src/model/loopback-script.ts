// A loopback handler that answers Messages API requests from a Crucible script,
// so a whole run can go through the real SDK and AnthropicModel. The agent's
// role comes from its system prompt, the task from its brief.
import type { ContentBlock, Message } from './types.js';
import type { ErrorReply, LoopbackBlock, LoopbackHandler, MessageReply } from './loopback-server.js';
import { ScriptedModel } from './scripted.js';

export function scriptHandler(model: ScriptedModel): LoopbackHandler {
  return async (request) => {
    const body = request.body;
    const system = Array.isArray(body.system) ? body.system.map((b) => b.text).join('\n') : (body.system ?? '');
    const messages: Message[] = body.messages.map((m) => ({
      role: m.role === 'assistant' ? 'assistant' : 'user',
      content:
        typeof m.content === 'string'
          ? m.content
          : m.content.map((b): ContentBlock => {
              if (b.type === 'tool_use') return { type: 'tool_use', id: b.id, name: b.name, input: b.input as Record<string, unknown> };
              if (b.type === 'tool_result')
                return {
                  type: 'tool_result',
                  toolUseId: b.tool_use_id,
                  content: typeof b.content === 'string' ? b.content : JSON.stringify(b.content),
                  isError: b.is_error ?? false,
                };
              return { type: 'text', text: 'text' in b ? String(b.text) : '' };
            }),
    }));
    return scriptedReply(model, system, messages);
  };
}

/**
 * One reply of the script to a conversation, as loopback content: the agent's role comes from its
 * system prompt, the task from its brief (the first message). Shared by both loopback servers.
 */
export async function scriptedReply(model: ScriptedModel, system: string, messages: Message[]): Promise<MessageReply | ErrorReply> {
  const role = /\(role ([a-z-]+)\)/.exec(system)?.[1];
  const first = messages[0];
  const firstText =
    typeof first?.content === 'string' ? first.content : (first?.content ?? []).map((b) => (b.type === 'text' ? b.text : '')).join('\n');
  const taskId = /# (?:Your task|Review): (T-\d+)|# Review (T-\d+)/.exec(firstText)?.slice(1).find(Boolean);
  const content: LoopbackBlock[] = [];
  for await (const event of model.stream({
    system: { stable: system },
    messages,
    maxTokens: 1000,
    meta: { ...(role ? { role } : {}), ...(taskId ? { taskId } : {}) },
  })) {
    if (event.type === 'turn.completed') {
      for (const block of event.message.content) {
        if (block.type === 'text') content.push({ type: 'text', text: block.text });
        if (block.type === 'tool_use') content.push({ type: 'tool_use', name: block.name, input: block.input, id: block.id });
      }
    }
    if (event.type === 'turn.failed') return { kind: 'error', status: 400, message: event.error.message };
  }
  return { kind: 'message', content: content.length ? content : [{ type: 'text', text: '(nothing)' }] };
}
