// Scripts a real Claude Code CLI's turns from the loopback Messages API server: every request of a
// session's main loop (the one that carries tools) is answered with the next step of its task's
// script; Claude Code's side requests (titles, quota probes; no tools) get a short text. The task is
// read from the prompt (the brief names it), the step is the number of assistant turns so far.
import type { LoopbackHandler, LoopbackReply, RecordedRequest } from '../../src/model/loopback-server.js';
import { reply, toolResultsOf } from '../../src/model/loopback-server.js';

export type ScriptStep = LoopbackReply | ((request: RecordedRequest) => LoopbackReply | Promise<LoopbackReply>);

const textOf = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : Array.isArray(content)
      ? content.map((b: { type?: string; text?: string }) => (b.type === 'text' ? (b.text ?? '') : '')).join('\n')
      : '';

/** The task a Claude Code request works on: the first `T-n` its first user message names. */
export function taskOfRequest(request: RecordedRequest): string | undefined {
  return /\b(T-\d+)\b/.exec(textOf(request.body.messages[0]?.content))?.[1];
}

/** The directory Claude Code works in, as it tells the model ("Primary working directory: …"). */
export function cwdOf(request: RecordedRequest): string {
  const found = /Primary working directory: ([^\s\\]+)/.exec(JSON.stringify(request.body))?.[1];
  if (!found) throw new Error("the request does not name Claude Code's working directory");
  return found;
}

export const isMainLoop = (request: RecordedRequest): boolean => (request.body.tools ?? []).length > 0;

export function claudeCodeScript(scripts: Record<string, ScriptStep[]>, log: RecordedRequest[] = []): LoopbackHandler {
  return (request) => {
    if (!isMainLoop(request)) return reply.text('ok');
    log.push(request);
    // A job without a task (the plan) is keyed by its role: `@planner`.
    const task = taskOfRequest(request) ?? `@${/\(role ([a-z-]+)\)/.exec(JSON.stringify(request.body.system ?? ''))?.[1] ?? 'none'}`;
    const steps = scripts[task] ?? [];
    const step = steps[request.body.messages.filter((m) => m.role === 'assistant').length];
    if (step === undefined) return reply.text(`(script for ${task} is over)`);
    return typeof step === 'function' ? step(request) : step;
  };
}

/**
 * The tool results Claude Code sent back in this request, as text (what the model read). Claude Code
 * may put its own notes (role "system", e.g. "file changed on disk") after them, so the last user message counts.
 */
export const lastResults = (request: RecordedRequest) => {
  const messages = request.body.messages;
  const lastUser = messages.map((m) => m.role).lastIndexOf('user');
  return toolResultsOf({ ...request, body: { ...request.body, messages: messages.slice(0, lastUser + 1) } });
};
