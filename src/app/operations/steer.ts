// The human steering the team from any surface (the TUI's prompt line, the socket): a message to an agent or a
// role, which reaches that agent's next model turn (src/runtime/inbox.ts) and its next brief, and a requirement.
import { z } from 'zod';
import { duplicateRequirementRefusal, findDuplicateRequirement } from '../../gates/duplicate-tasks.js';
import { refusedError, usageError } from '../../shared/errors.js';
import { call } from './operation.js';

export const sendMessageOp = call({
  method: 'messages.send',
  audience: 'human',
  // The record's own schema bounds `to` and `text` and names the field.
  params: z.object({ to: z.string().trim().min(1), text: z.string().trim().min(1) }).strict(),
  result: z.object({ to: z.string(), seq: z.number().int() }).strict(),
  async run({ ws, services, actor }, { to, text }) {
    const agents = [...(await services.agents()).values()];
    if (!agents.some((a) => a.name === to || a.role === to))
      throw usageError(
        'unknown-recipient',
        `no agent or role is called "${to}"`,
        `send to one of: ${[...new Set(agents.flatMap((a) => [a.name, a.role]))].sort().join(', ')}`,
      );
    const event = await ws.store.append({ type: 'message.sent', actor, data: { to, text } });
    return { to: event.data.to, seq: event.seq };
  },
});

export const addRequirementOp = call({
  method: 'requirements.add',
  audience: 'human',
  params: z.object({ text: z.string(), priority: z.enum(['must', 'should', 'could']).default('must') }).strict(),
  result: z.object({ id: z.string(), seq: z.number().int() }).strict(),
  async run({ ws, actor }, { text, priority }) {
    const same = findDuplicateRequirement(ws.store.view.rows('requirements'), text);
    if (same) {
      const r = duplicateRequirementRefusal(same);
      throw refusedError(r.code, r.reason, r.fix);
    }
    const event = await ws.store.append({ type: 'requirement.added', actor, data: { text, priority } });
    return { id: event.data.id, seq: event.seq };
  },
});
