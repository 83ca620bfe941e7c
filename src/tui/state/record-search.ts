// Searches the record itself (tasks, requirements, decisions, judgments,
// proposals) for the words of a query, so Search is useful before any
// `crucible ingest`. Pure: ranks by how many query words a row contains.
import type { RecordSnapshot, SearchHit } from './types.js';

export function searchRecord(record: RecordSnapshot, query: string, limit = 20): SearchHit[] {
  const words = query
    .toLowerCase()
    .split(/\W+/)
    .filter((w) => w.length > 1);
  if (words.length === 0) return [];
  const rows: { ref: string; title: string; body: string }[] = [
    ...record.tasks.map((t) => ({ ref: t.id, title: t.title, body: `${t.description} ${t.acceptance.join(' ')}` })),
    ...record.requirements.map((r) => ({ ref: r.id, title: r.text, body: '' })),
    ...record.decisions.map((d) => ({ ref: d.id, title: d.title, body: `${d.choice} ${d.rationale} ${d.context}` })),
    ...record.judgments.map((j) => ({
      ref: j.id,
      title: j.question,
      body: `${j.answer ?? ''} ${j.options.map((o) => o.label).join(' ')}`,
    })),
    ...record.proposals.map((p) => ({ ref: p.id, title: p.title, body: p.why })),
  ];
  const scored = rows
    .map((row) => {
      const hay = `${row.title} ${row.body}`.toLowerCase();
      const score = words.filter((w) => hay.includes(w)).length / words.length;
      const at =
        words
          .map((w) => hay.indexOf(w))
          .filter((i) => i >= 0)
          .sort((a, b) => a - b)[0] ?? 0;
      const text = `${row.title} ${row.body}`;
      const snippet = row.body ? text.slice(Math.max(0, at - 30), at + 90).trim() : '';
      return { ref: row.ref, title: row.title, snippet, source: 'record' as const, score };
    })
    .filter((hit) => hit.score > 0);
  return scored.sort((a, b) => b.score - a.score).slice(0, limit);
}
