import { taskCard, type RenderedLine } from '../../../record/render.js';
import { traceOf } from '../snapshot-reader.js';
import { seg, wrap, type Line } from '../text.js';
import type { DetailRef, TuiState } from '../types.js';
import { traceLines } from './record-tab.js';
import { TASK_GLYPH } from './tab-lists.js';

/** What Enter opens: one task, requirement, decision, judgment, proposal, event or search hit, in full. */
const text = (t: string, width: number, style: Parameters<typeof seg>[1] = {}): Line[] => wrap(t, width).map((r) => [seg(r, style)]);
const label = (name: string): Line => [seg(name, { bold: true, color: 'cyan' })];

const TONE: Record<NonNullable<RenderedLine['tone']>, Parameters<typeof seg>[1]> = {
  heading: { bold: true, color: 'cyan' },
  ok: { color: 'green' },
  bad: { color: 'red' },
  warn: { color: 'yellow' },
  dim: { dim: true },
};

/** One line of a shared rendering, in the screen's styles: prose wrapped to the width, the rest one line each. */
const styled = (line: RenderedLine, width: number): Line[] => {
  const style = line.tone ? TONE[line.tone] : {};
  return line.wrap ? text(line.text, width, style) : [[seg(line.text, style)]];
};

export function detailContent(state: TuiState, ref: DetailRef, width: number): { title: string; lines: Line[] } {
  const r = state.record;
  switch (ref.type) {
    case 'task': {
      const t = r.tasks.find((x) => x.id === ref.id);
      if (!t) return { title: ref.id, lines: [[seg('(no longer in the record)')]] };
      const g = TASK_GLYPH[t.status];
      const head: Line = [
        seg(`${g.glyph} ${g.label}`, { color: g.color, bold: true }),
        seg(`  role ${t.role}${t.assignee ? `  assignee ${t.assignee}` : ''}${t.phase ? `  phase ${t.phase}` : ''}`),
      ];
      const lines = [head, ...taskCard(t, (id) => r.tasks.find((x) => x.id === id)?.status).flatMap((l) => styled(l, width))];
      return { title: `${t.id} ${t.title}`, lines };
    }
    case 'requirement':
    case 'decision': {
      const row = ref.type === 'requirement' ? r.requirements.find((x) => x.id === ref.id) : r.decisions.find((x) => x.id === ref.id);
      const body = !row
        ? ['(no longer in the record)']
        : 'text' in row
          ? [row.text]
          : [row.title, row.context && `context: ${row.context}`, row.choice && `choice: ${row.choice}`, `because: ${row.rationale}`];
      return { title: ref.id, lines: [...body.filter(Boolean).flatMap((b) => text(b, width)), [], ...traceLines(traceOf(r, ref.id))] };
    }
    case 'judgment': {
      const j = r.judgments.find((x) => x.id === ref.id);
      if (!j) return { title: ref.id, lines: [[seg('(no longer in the record)')]] };
      return {
        title: `${j.id} asked by ${j.askedBy}`,
        lines: [
          ...text(j.question, width, { bold: true }),
          ...(j.context ? text(j.context, width, { dim: true }) : []),
          ...j.options.flatMap((o, i) => text(`${i + 1}. ${o.label}: ${o.tradeoffs}`, width)),
          [],
          [
            seg(j.answer ? `answered: ${j.answer} by ${j.answeredBy ?? '?'} (${j.decisionId ?? ''})` : 'pending', {
              color: j.answer ? 'green' : 'yellow',
            }),
          ],
        ],
      };
    }
    case 'proposal': {
      const p = r.proposals.find((x) => x.id === ref.id);
      if (!p) return { title: ref.id, lines: [[seg('(no longer in the record)')]] };
      return {
        title: `${p.id} ${p.title}`,
        lines: [
          [seg(`${p.status} · size ${p.size} · risk ${p.risk}`)],
          ...text(p.why, width),
          label('evidence'),
          ...p.evidence.flatMap((e) => text(e, width, { dim: true })),
          label('acceptance'),
          ...p.acceptance.flatMap((a) => text(`- ${a}`, width)),
        ],
      };
    }
    case 'event': {
      const e = state.log.find((x) => x.seq === ref.seq);
      if (!e) return { title: `#${ref.seq}`, lines: [[seg('(scrolled out of the log)')]] };
      return {
        title: `#${e.seq} ${e.type} by ${e.actor}`,
        lines: [[seg(e.ts, { dim: true })], ...e.detail.split('\n').flatMap((l) => text(l, width))],
      };
    }
    case 'hit': {
      const h = state.search.hits[ref.index];
      if (!h) return { title: 'search', lines: [] };
      return { title: h.ref, lines: [...text(h.title, width, { bold: true }), ...h.snippet.split('\n').flatMap((l) => text(l, width))] };
    }
  }
}
