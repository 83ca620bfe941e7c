// The record's notes on one file: the tasks, requirements and decisions its
// code links touch. Given to an agent before it edits the file, so it changes
// the code knowing why it is the way it is.
import type { TableReader } from '../record/tx.js';

export function fileNotes(view: TableReader, path: string): string {
  const links = [...view.rows('links')].filter((l) => l.path === path);
  if (links.length === 0) return '';
  const lines: string[] = [];
  for (const link of links) {
    const where = link.range ? `lines ${link.range.start}-${link.range.end}` : 'the whole file';
    const task = view.get('tasks', link.entity);
    const subject = task ? `${task.id} "${task.title}" [${task.status}]` : link.entity;
    lines.push(`- ${where} ${link.rel} ${subject}`);
    for (const r of task?.requirements ?? []) {
      const req = view.get('requirements', r);
      if (req) lines.push(`  requirement ${r}: ${req.text}`);
    }
    for (const d of task?.decisions ?? []) {
      const dec = view.get('decisions', d);
      if (dec) lines.push(`  decision ${d}${dec.status === 'superseded' ? ' (superseded)' : ''}: ${dec.title}`);
    }
  }
  return `Record notes for ${path} (keep them true, or say why in a decision):\n${lines.join('\n')}`;
}
