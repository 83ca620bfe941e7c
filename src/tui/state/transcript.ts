// What one agent has said and done, as the pane shows it: streamed text split
// into lines, each tool call folded to one entry with its result, gate
// refusals with their fix, and a marker when the agent takes a new job.
import type { AgentActivity } from '../../runtime/agent-loop.js';
import { clean } from './text.js';

export type Entry =
  | { kind: 'text'; text: string }
  | { kind: 'turn'; turn: number }
  | { kind: 'tool'; name: string; ok: boolean; summary: string }
  | { kind: 'gate'; taskId?: string; code: string; reason: string; fix: string }
  | { kind: 'retry'; attempt: number; message: string }
  | { kind: 'job'; text: string }
  | { kind: 'note'; text: string };

export interface Transcript {
  entries: readonly Entry[];
  /** Text streamed since the last newline: shown live, not yet an entry. */
  partial: string;
  /** Entries dropped from the front to stay under the cap. */
  dropped: number;
  /** Bumped on every change, so views can tell cheaply whether to rebuild. */
  version: number;
}

export const MAX_ENTRIES = 2000;

export const emptyTranscript = (): Transcript => ({ entries: [], partial: '', dropped: 0, version: 0 });

export type TranscriptInput = { type: 'activity'; activity: AgentActivity } | { type: 'entry'; entry: Entry };
type Input = TranscriptInput;

/** Applies a batch of inputs in order; returns the same object when nothing changed. */
export function applyToTranscript(t: Transcript, inputs: readonly Input[]): Transcript {
  if (inputs.length === 0) return t;
  const entries = [...t.entries];
  let partial = t.partial;
  const flush = () => {
    if (partial.trim() !== '') entries.push({ kind: 'text', text: clean(partial) });
    partial = '';
  };
  const push = (entry: Entry) => {
    flush();
    // A turn that showed nothing (no text, no tool call) before the next marker is noise: the new marker replaces it.
    const last = entries[entries.length - 1];
    if (last?.kind === 'turn' && (entry.kind === 'turn' || entry.kind === 'job')) entries.pop();
    entries.push(entry);
  };
  for (const input of inputs) {
    if (input.type === 'entry') {
      const refused = input.entry.kind === 'gate' ? lastRefusedTool(entries) : -1;
      // A gate's verdict reaches us after the tool line it belongs to: put it right under that line.
      if (refused >= 0) entries.splice(refused + 1, 0, input.entry);
      else push(input.entry);
      continue;
    }
    const a = input.activity;
    switch (a.type) {
      case 'text': {
        // Cleaned a whole line at a time: a key streamed over several deltas is only recognisable (and redacted) whole.
        // The partial line stays raw; the pane cleans it as it shows it.
        const lines = (partial + a.text.replace(/\r\n?/g, '\n')).split('\n');
        partial = lines.pop() ?? '';
        for (const raw of lines) {
          const line = clean(raw);
          const blank = line.trim() === '';
          const last = entries[entries.length - 1];
          if (blank && (!last || (last.kind === 'text' && last.text.trim() === ''))) continue;
          entries.push({ kind: 'text', text: line });
        }
        break;
      }
      case 'turn':
        push({ kind: 'turn', turn: a.turn });
        break;
      case 'turn.ended':
        // The model stopped: the last line is whole, and the pane stops showing the streaming cursor.
        flush();
        break;
      case 'tool':
        push({ kind: 'tool', name: a.name, ok: a.ok, summary: clean(a.summary) });
        break;
      case 'retry':
        push({ kind: 'retry', attempt: a.attempt, message: clean(a.error.message) });
        break;
      case 'paused':
        push({ kind: 'note', text: `paused: ${clean(a.reason)}` });
        break;
    }
  }
  const over = entries.length - MAX_ENTRIES;
  if (over > 0) entries.splice(0, over);
  return { entries, partial, dropped: t.dropped + Math.max(0, over), version: t.version + 1 };
}

function lastRefusedTool(entries: readonly Entry[]): number {
  for (let i = entries.length - 1; i >= Math.max(0, entries.length - 8); i--) {
    const e = entries[i]!;
    if (e.kind === 'gate') return -1;
    if (e.kind === 'tool' && !e.ok) return i;
  }
  return -1;
}

export const activityInput = (activity: AgentActivity): Input => ({ type: 'activity', activity });
export const entryInput = (entry: Entry): Input => ({ type: 'entry', entry });
