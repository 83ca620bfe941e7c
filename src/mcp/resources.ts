// Read-only context for an MCP session: the requirement list, the decision
// log and each task's brief with its context pack (what an agent given the
// task would read). Lists come a page at a time; every text is bounded.
import { z } from 'zod';
import { taskId } from '../record/ids.js';
import { compareIds } from '../record/queries.js';
import type { Task } from '../record/tables.js';
import type { AgentDefinition } from '../runtime/agent-definitions.js';
import { taskBrief } from '../runtime/context-pack.js';
import type { WorkspaceServices } from '../app/services.js';
import { bound } from '../tools/bounded.js';
import { decisionLine, requirementLine } from '../record/render.js';
import { roleAgent, type McpSession } from './session.js';

export const PAGE_SIZE = 50;

export const resourceInfoSchema = z
  .object({
    uri: z.string(),
    name: z.string(),
    title: z.string().optional(),
    description: z.string().optional(),
    mimeType: z.string().optional(),
  })
  .strict();
export type ResourceInfo = z.infer<typeof resourceInfoSchema>;

export const resourcePageSchema = z.object({ resources: z.array(resourceInfoSchema), nextCursor: z.string().optional() }).strict();
export type ResourcePage = z.infer<typeof resourcePageSchema>;

export const resourceOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ok'), uri: z.string(), text: z.string() }).strict(),
  z.object({ kind: z.literal('invalid'), message: z.string() }).strict(),
  z.object({ kind: z.literal('not-found'), message: z.string() }).strict(),
]);
export type ResourceOutcome = z.infer<typeof resourceOutcomeSchema>;

export const RESOURCE_TEMPLATES = [
  {
    uriTemplate: 'crucible://requirements{?page}',
    name: 'requirements',
    title: 'Requirements',
    description: `The requirement list, ${PAGE_SIZE} per page`,
    mimeType: 'text/plain',
  },
  {
    uriTemplate: 'crucible://decisions{?page}',
    name: 'decisions',
    title: 'Decision log',
    description: `Design decisions, oldest first, ${PAGE_SIZE} per page`,
    mimeType: 'text/plain',
  },
  {
    uriTemplate: 'crucible://tasks/{id}/brief',
    name: 'task-brief',
    title: 'Task brief',
    description: "A task's brief with its context pack: requirements, decisions, code links, progress, memories",
    mimeType: 'text/markdown',
  },
] as const;

const briefUri = (id: string) => `crucible://tasks/${id}/brief`;

export function listResources(s: WorkspaceServices, cursor: string | undefined): ResourcePage {
  const offset = cursor && /^\d+$/.test(cursor) ? Number(cursor) : 0;
  const fixed: ResourceInfo[] = [
    {
      uri: 'crucible://requirements',
      name: 'requirements',
      title: 'Requirements',
      description: 'The requirement list (page 1; add ?page=N for more)',
      mimeType: 'text/plain',
    },
    {
      uri: 'crucible://decisions',
      name: 'decisions',
      title: 'Decision log',
      description: 'Design decisions (page 1; add ?page=N for more)',
      mimeType: 'text/plain',
    },
  ];
  const briefs: ResourceInfo[] = [...s.ws.store.view.rows('tasks')]
    .filter((t) => t.status !== 'done' && t.status !== 'cancelled')
    .sort((a, b) => compareIds(a.id, b.id))
    .map((t) => ({
      uri: briefUri(t.id),
      name: `${t.id}-brief`,
      title: `${t.id} brief: ${t.title.slice(0, 80)}`,
      description: `${t.status} ${t.role} task with its context pack`,
      mimeType: 'text/markdown',
    }));
  const all = [...fixed, ...briefs];
  const page = all.slice(offset, offset + PAGE_SIZE);
  return { resources: page, ...(offset + PAGE_SIZE < all.length ? { nextCursor: String(offset + PAGE_SIZE) } : {}) };
}

export async function readResource(s: WorkspaceServices, session: McpSession, uri: string): Promise<ResourceOutcome> {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return { kind: 'invalid', message: `"${uri}" is not a URI` };
  }
  if (url.protocol !== 'crucible:') return { kind: 'invalid', message: `${uri}: only crucible:// resources are served here` };
  const view = s.ws.store.view;
  const pageParam = url.searchParams.get('page');
  if (pageParam !== null && !/^[1-9]\d*$/.test(pageParam)) return { kind: 'invalid', message: `${uri}: page must be 1 or more` };
  const page = Number(pageParam ?? '1');
  if (url.host === 'requirements' && (url.pathname === '' || url.pathname === '/')) {
    return {
      kind: 'ok',
      uri,
      text: paged('requirements', [...view.rows('requirements')].sort((a, b) => compareIds(a.id, b.id)).map(requirementLine), page),
    };
  }
  if (url.host === 'decisions' && (url.pathname === '' || url.pathname === '/')) {
    return {
      kind: 'ok',
      uri,
      text: paged(
        'decisions',
        [...view.rows('decisions')]
          .sort((a, b) => compareIds(a.id, b.id))
          .map((d) => `${decisionLine(d)}\n       chose: ${d.choice}; because ${d.rationale}`),
        page,
      ),
    };
  }
  const brief = /^\/([^/]+)\/brief$/.exec(url.pathname);
  if (url.host === 'tasks' && brief) {
    const id = brief[1]!;
    if (!taskId.safeParse(id).success) return { kind: 'invalid', message: `${uri}: "${id}" is not a task id` };
    const task = view.get('tasks', id);
    if (!task) return { kind: 'not-found', message: `task ${id} does not exist` };
    return { kind: 'ok', uri, text: bound(await briefFor(s, session, task)) };
  }
  return { kind: 'not-found', message: `${uri}: no such resource (see resources/templates/list)` };
}

/** What an agent given this task would read: the role's brief template filled from the record. */
async function briefFor(s: WorkspaceServices, session: McpSession, task: Task): Promise<string> {
  const templates = await s.templates();
  const base = (await roleAgent(s, task.role)) ?? (await roleAgent(s, session.role));
  const agent: AgentDefinition = base
    ? { ...base, name: session.actor }
    : {
        name: session.actor,
        role: session.role,
        description: '',
        tools: [],
        phase: 'implementation',
        maxTurns: 1,
        writePaths: [],
        prompt: '',
        file: '',
      };
  return taskBrief(s.ws.store.view, templates, agent, task);
}

function paged(what: string, lines: string[], page: number): string {
  const pages = Math.max(1, Math.ceil(lines.length / PAGE_SIZE));
  const slice = lines.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const footer =
    lines.length === 0
      ? `(no ${what} yet)`
      : `(${what} page ${page} of ${pages}${page < pages ? `; next: crucible://${what}?page=${page + 1}` : ''})`;
  return bound(`${slice.join('\n')}${slice.length ? '\n' : ''}${footer}`, undefined, `read crucible://${what}?page=${page + 1}`);
}
