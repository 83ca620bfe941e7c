import type { Readable, Writable } from 'node:stream';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { errorReply, readLine } from './jsonrpc-lines.js';

/** A message longer than this (without a newline) ends the session: MCP's messages here are a few KB. */
export const MAX_MCP_LINE_BYTES = 4 * 1024 * 1024;

/**
 * MCP over stdio: one JSON-RPC message per line. Replaces the SDK's
 * StdioServerTransport so that a line it cannot read is answered (see
 * jsonrpc-lines.ts) instead of dropped, a line over the cap is answered and
 * ends the session, and a broken stdin or stdout ends it as a failure
 * (`fatal`), so `crucible mcp` exits non-zero rather than 0.
 */
export class LineStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  /** Why the session ended abnormally, if it did. */
  fatal: Error | undefined;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private closed = false;

  constructor(
    private readonly stdin: Readable,
    private readonly stdout: Writable,
    private readonly maxLineBytes = MAX_MCP_LINE_BYTES,
  ) {}

  async start(): Promise<void> {
    this.stdin.on('data', this.onData);
    this.stdin.on('error', this.onStdinError);
    this.stdin.on('end', this.onEnd);
    this.stdout.on('error', this.onStdoutError);
  }

  send(message: JSONRPCMessage): Promise<void> {
    return this.write(message);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stdin.off('data', this.onData);
    this.stdin.off('error', this.onStdinError);
    this.stdin.off('end', this.onEnd);
    // stdout keeps a listener: a late EPIPE must not become an uncaught exception.
    this.stdout.off('error', this.onStdoutError);
    this.stdout.on('error', () => undefined);
    if (this.stdin.listenerCount('data') === 0) this.stdin.pause();
    this.chunks = [];
    this.onclose?.();
  }

  private write(message: unknown): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the MCP connection is closed'));
    return new Promise((resolve) => {
      if (this.stdout.write(`${JSON.stringify(message)}\n`)) resolve();
      else this.stdout.once('drain', resolve);
    });
  }

  private readonly onData = (chunk: Buffer): void => {
    if (this.closed) return;
    for (let at = chunk.indexOf(0x0a); at >= 0; at = chunk.indexOf(0x0a)) {
      const line = Buffer.concat([...this.chunks, chunk.subarray(0, at)])
        .toString('utf8')
        .replace(/\r$/, '');
      this.chunks = [];
      this.buffered = 0;
      chunk = chunk.subarray(at + 1);
      if (line.trim()) this.onLine(line);
      if (this.closed) return;
    }
    this.buffered += chunk.length;
    if (this.buffered > this.maxLineBytes) {
      const why = `a message longer than ${this.maxLineBytes} bytes arrived on stdin; the session is closed`;
      void this.write(errorReply(null, ErrorCode.InvalidRequest, `Invalid Request: ${why}`)).catch(() => undefined);
      return this.fail(new Error(why));
    }
    if (chunk.length) this.chunks.push(chunk);
  };

  private onLine(line: string): void {
    const verdict = readLine(line);
    if ('message' in verdict) return this.onmessage?.(verdict.message);
    this.write(verdict.reply).catch(() => undefined);
  }

  private readonly onEnd = (): void => void this.close();
  private readonly onStdinError = (error: Error): void => this.fail(new Error(`stdin failed: ${error.message}`));
  private readonly onStdoutError = (error: Error): void => this.fail(new Error(`stdout failed: ${error.message}`));

  private fail(error: Error): void {
    if (this.closed) return;
    // Reported once, by whoever runs the server (runMcpServer), not also through onerror.
    this.fatal ??= error;
    void this.close();
  }
}
