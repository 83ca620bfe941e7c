// How `crucible mcp` reaches the record. An MCP client keeps its server running
// for the whole of a coding session, so holding LevelDB all that time would lock
// out `crucible-tui`, `crucible run` and every other command. Instead the record
// is leased per burst of calls: when another process holds the workspace and
// serves its socket, calls go to that process; otherwise this process opens the
// record, serves the socket itself while it holds it (so other terminals and
// other MCP sessions reach it too), and lets go after `idleReleaseMs` without calls.
// Everything it hands the MCP client (tool results, resources) is redacted of secrets.
import { reachRecord, type LocalAccess, type RecordAccess, type SessionAccess } from '../server/access.js';
import { HolderClosingError } from '../server/errors.js';
import type { WorkspaceServer } from '../server/serve.js';
import type { ServiceCaches } from '../app/services.js';
import { CrucibleError, messageOf } from '../shared/errors.js';
import { redactDeep } from '../shared/redact.js';
import { refusal } from '../tools/types.js';
import { mcpReadResourceOp, mcpResourcesOp, mcpToolOp, serveHeldWorkspace } from './operations.js';
import type { ResourceOutcome, ResourcePage } from './resources.js';
import type { McpSession } from './session.js';
import type { ToolCallOutcome } from './tools.js';

export interface McpBackend {
  callTool(session: McpSession, name: string, input: unknown, signal?: AbortSignal): Promise<ToolCallOutcome>;
  listResources(session: McpSession, cursor: string | undefined): Promise<ResourcePage>;
  readResource(session: McpSession, uri: string): Promise<ResourceOutcome>;
  close(): Promise<void>;
}

export interface LeaseOptions {
  root: string;
  idleReleaseMs: number;
  /** How long to wait for a holder that does not serve the socket (a short command) to let go. */
  waitForLockMs: number;
  log: (line: string) => void;
}

export class RecordLease implements McpBackend {
  private local: { access: LocalAccess; server: WorkspaceServer | undefined } | undefined;
  private session: SessionAccess | undefined;
  private acquiring: Promise<RecordAccess> | undefined;
  private releasing: Promise<void> = Promise.resolve();
  private inflight = 0;
  private idle: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly caches: ServiceCaches = {};

  constructor(private readonly options: LeaseOptions) {}

  /** Whether this process holds the record right now (for tests and the log). */
  get holding(): boolean {
    return this.local !== undefined;
  }

  async callTool(session: McpSession, name: string, input: unknown, signal?: AbortSignal): Promise<ToolCallOutcome> {
    return redactDeep(await this.callToolUnredacted(session, name, input, signal));
  }

  private async callToolUnredacted(session: McpSession, name: string, input: unknown, signal?: AbortSignal): Promise<ToolCallOutcome> {
    try {
      return await this.withAccess((record) => record.call(mcpToolOp, { session, name, arguments: input }, signal));
    } catch (error) {
      // The record could not be reached (held by a command that does not serve it, ...): a refusal the client can read.
      if (error instanceof CrucibleError)
        return { kind: 'result', result: refusal(error.code, error.message, error.fix ?? 'try again in a moment') };
      throw error;
    }
  }

  async listResources(session: McpSession, cursor: string | undefined): Promise<ResourcePage> {
    return redactDeep(await this.withAccess((record) => record.call(mcpResourcesOp, { session, ...(cursor ? { cursor } : {}) })));
  }

  async readResource(session: McpSession, uri: string): Promise<ResourceOutcome> {
    return redactDeep(await this.withAccess((record) => record.call(mcpReadResourceOp, { session, uri })));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idle);
    await this.acquiring?.catch(() => undefined);
    this.session?.client.close();
    this.session = undefined;
    await this.release();
  }

  private async withAccess<T>(fn: (record: RecordAccess) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      this.inflight += 1;
      clearTimeout(this.idle);
      try {
        return await fn(await this.access());
      } catch (error) {
        // A holder that was shutting down did not start the call: find who holds the record now.
        if (!(error instanceof HolderClosingError) || attempt >= 3) throw error;
        this.session?.client.close();
        this.session = undefined;
      } finally {
        this.inflight -= 1;
        this.releaseWhenIdle();
      }
    }
  }

  private access(): Promise<RecordAccess> {
    if (this.closed) return Promise.reject(new Error('the MCP server is shutting down'));
    if (this.local) return Promise.resolve(this.local.access);
    if (this.session) return Promise.resolve(this.session);
    this.acquiring ??= this.acquire().finally(() => (this.acquiring = undefined));
    return this.acquiring;
  }

  private async acquire(): Promise<RecordAccess> {
    await this.releasing;
    const record = await reachRecord({
      dir: this.options.root,
      command: 'crucible mcp',
      waitForLockMs: this.options.waitForLockMs,
      caches: this.caches,
    });
    if (record.via === 'session') {
      this.session = record;
      void record.client.ended.then(() => {
        if (this.session === record) this.session = undefined;
      });
      return record;
    }
    const server = await serveHeldWorkspace(record.ws, { name: 'crucible mcp', caches: this.caches }).catch((error: unknown) => {
      this.options.log(`crucible mcp: not serving other processes: ${messageOf(error)}`);
      return undefined;
    });
    this.local = { access: record, server };
    return record;
  }

  private releaseWhenIdle(): void {
    clearTimeout(this.idle);
    if (this.inflight > 0 || !this.local) return;
    this.idle = setTimeout(() => {
      if (this.inflight > 0) return;
      // Calls forwarded to us by other sessions keep the lease too.
      if ((this.local?.server?.activeRequests ?? 0) > 0) return this.releaseWhenIdle();
      void this.release();
    }, this.options.idleReleaseMs);
  }

  private release(): Promise<void> {
    const held = this.local;
    if (!held) return this.releasing;
    this.local = undefined;
    this.releasing = (async () => {
      await held.server?.close();
      await held.access.close();
    })().catch((error: unknown) => this.options.log(`crucible mcp: closing the record failed: ${messageOf(error)}`));
    return this.releasing;
  }
}
