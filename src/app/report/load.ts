// The report's model from an open workspace: the projections, the log's timeline events, and the
// links whose lines changed on disk (drift). The one part of the report that reads files.
import { basename } from 'node:path';
import type { RecordEvent } from '../../record/events.js';
import { findStaleLinks } from '../../runtime/drift.js';
import type { Workspace } from '../../workspace/open.js';
import { reportModel } from './collect.js';
import type { ReportModel } from './model.js';
import { TIMELINE_EVENTS } from './timeline.js';

export async function loadReportModel(ws: Workspace, now: Date = new Date()): Promise<ReportModel> {
  const events: RecordEvent[] = [];
  for await (const event of ws.store.read()) if (TIMELINE_EVENTS.has(event.type)) events.push(event);
  const view = ws.store.view;
  return reportModel({
    view,
    events,
    stale: await findStaleLinks(view, ws.paths.root),
    project: basename(ws.paths.root),
    generatedAt: now.toISOString(),
    head: ws.store.head(),
  });
}
