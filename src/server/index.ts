/** The workspace socket: serve a held record to other processes, and reach it from them. */
export { serveWorkspace, type ServeOptions, type WorkspaceServer } from './serve.js';
export { reachRecord, withRecord, type RecordAccess } from './access.js';
export { connectSession, type SessionClient } from './client.js';
