import { gateFilesLine } from '../../../record/evidence-text.js';
import { traceOf } from '../snapshot-reader.js';
import { seg, wrap, type Line } from '../text.js';
import type { DetailRef, TuiState } from '../types.js';
import { traceLines } from './record-tab.js';
import { TASK_GLYPH } from './tab-lists.js';

/** What Enter opens: one task, requirement, decision, judgment, proposal, event or search hit, in full. */
const text = (t: string, width: number, style: Parameters<typeof seg>[1] = {}): Line[] => wrap(t, width).map((r) => [seg(r, style)]);
const label = (name: string): Line => [seg(name, { bold: true, color: 'cyan' })];

export function detailContent(state: TuiState, ref: DetailRef, width: number): { title: string; lines: Line[] } {
  const r = state.record;
  switch (ref.type) {
    case 'task': {
      const t = r.tasks.find((x) => x.id === ref.id);
      if (!t) return { title: ref.id, lines: [[seg('(no longer in the record)')]] };
      const g = TASK_GLYPH[t.status];
      const lines: Line[] = [[seg(`${g.glyph} ${g.label}`, { color: g.color, bold: true }), seg(`  role ${t.role}${t.assignee ? `  assignee ${t.assignee}` : ''}${t.phase ? `  phase ${t.phase}` : ''}`)]];
      if (t.deps.length) lines.push([seg(`deps: ${t.deps.map((d) => `${d} [${r.tasks.find((x) => x.id === d)?.status ?? '?'}]`).join(', ')}`)]);
      if (t.requirements.length || t.decisions.length) lines.push([seg(`requirements: ${t.requirements.join(', ') || '-'}   decisions: ${t.decisions.join(', ') || '-'}`)]);
      if (t.description) lines.push(...text(t.description, width));
      lines.push(label('acceptance'), ...t.acceptance.flatMap((a) => text(`- ${a}`, width)));
      if (t.evidence.length) {
        lines.push(label('evidence'));
        for (const e of t.evidence) {
          if (e.kind === 'command') lines.push([seg(`$ ${e.command} → exit ${e.exitCode}`, { color: e.exitCode === 0 ? 'green' : 'red' })]);
          else if (e.kind === 'acceptance') lines.push(...text(`✓ ${e.criterion}: ${e.how}`, width));
          else if (e.kind === 'review') lines.push([seg(`review by ${e.reviewer}: ${e.verdict}`, { color: e.verdict === 'approved' ? 'green' : 'yellow' })]);
          else lines.push(...text(e.kind === 'gate-files' ? gateFilesLine(e.files) : e.text, width));
        }
      }
      lines.push(label('history'), ...t.history.map((h): Line => [seg(`#${h.seq} ${h.from ?? '∅'} → ${h.to} by ${h.actor}${h.note ? `: ${h.note.split('\n')[0]}` : ''}`, { dim: true })]));
      return { title: `${t.id} ${t.title}`, lines };
    }
    case 'requirement':
    case 'decision': {
      const row = ref.type === 'requirement' ? r.requirements.find((x) => x.id === ref.id) : r.decisions.find((x) => x.id === ref.id);
      const body = !row ? ['(no longer in the record)'] : 'text' in row ? [row.text] : [row.title, row.context && `context: ${row.context}`, row.choice && `choice: ${row.choice}`, `because: ${row.rationale}`];
      return { title: ref.id, lines: [...body.filter(Boolean).flatMap((b) => text(b, width)), [], ...traceLines(traceOf(r, ref.id))] };
    }
    case 'judgment': {
      const j = r.judgments.find((x) => x.id === ref.id);
      if (!j) return { title: ref.id, lines: [[seg('(no longer in the record)')]] };
      return {
        title: `${j.id} asked by ${j.askedBy}`,
        lines: [...text(j.question, width, { bold: true }), ...(j.context ? text(j.context, width, { dim: true }) : []), ...j.options.flatMap((o, i) => text(`${i + 1}. ${o.label}: ${o.tradeoffs}`, width)), [], [seg(j.answer ? `answered: ${j.answer} by ${j.answeredBy ?? '?'} (${j.decisionId ?? ''})` : 'pending', { color: j.answer ? 'green' : 'yellow' })]],
      };
    }
    case 'proposal': {
      const p = r.proposals.find((x) => x.id === ref.id);
      if (!p) return { title: ref.id, lines: [[seg('(no longer in the record)')]] };
      return { title: `${p.id} ${p.title}`, lines: [[seg(`${p.status} · size ${p.size} · risk ${p.risk}`)], ...text(p.why, width), label('evidence'), ...p.evidence.flatMap((e) => text(e, width, { dim: true })), label('acceptance'), ...p.acceptance.flatMap((a) => text(`- ${a}`, width))] };
    }
    case 'event': {
      const e = state.log.find((x) => x.seq === ref.seq);
      if (!e) return { title: `#${ref.seq}`, lines: [[seg('(scrolled out of the log)')]] };
      return { title: `#${e.seq} ${e.type} by ${e.actor}`, lines: [[seg(e.ts, { dim: true })], ...e.detail.split('\n').flatMap((l) => text(l, width))] };
    }
    case 'hit': {
      const h = state.search.hits[ref.index];
      if (!h) return { title: 'search', lines: [] };
      return { title: h.ref, lines: [...text(h.title, width, { bold: true }), ...h.snippet.split('\n').flatMap((l) => text(l, width))] };
    }
  }
}
