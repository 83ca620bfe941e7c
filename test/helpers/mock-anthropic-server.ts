/**
 * The loopback Messages API server for tests. It lives in src/model so the
 * CLI's offline `--model mock` path can start it too; tests import it from here.
 */
export {
  startLoopbackServer as startMockAnthropicServer,
  reply,
  toolResultsOf,
  type ErrorReply,
  type HangReply,
  type LoopbackBlock as MockBlock,
  type LoopbackHandler as MockHandler,
  type LoopbackReply as MockReply,
  type LoopbackServer as MockAnthropicServer,
  type LoopbackServerOptions as MockAnthropicServerOptions,
  type LoopbackUsage as MockUsage,
  type MessageReply,
  type RecordedRequest,
} from '../../src/model/loopback-server.js';
