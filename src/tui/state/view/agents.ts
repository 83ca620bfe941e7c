// The top half: a title row, then the agent sidebar beside the selected
// agent's live pane, joined line by line with a vertical rule.
import { AGENT_GLYPH, jobLabel } from '../format.js';
import type { Layout } from '../layout.js';
import { paneWindow } from '../pane.js';
import { fillLine, fitLine, seg, type Line } from '../text.js';
import { emptyTranscript } from '../transcript.js';
import type { AgentStatus, TuiState } from '../types.js';

function titleRow(state: TuiState, l: Layout, agent: AgentStatus | undefined, scrolled: string): Line {
  const focusStyle = (area: string) => (state.ui.focus === area ? { color: 'cyan' as const, bold: true } : { dim: true });
  const left = fillLine([seg('─ ', { dim: true }), seg('Agents ', focusStyle('agents'))], l.sidebarWidth, '─', { dim: true });
  const job = agent?.job && agent.state !== 'idle' ? ` · ${agent.job.kind === 'plan' ? 'planning' : jobLabel(agent.job)}` : '';
  const name = agent ? `${agent.name}${agent.name !== agent.role ? ` (${agent.role})` : ''}${job} ` : 'no agents ';
  const right = fillLine([seg('─ ', { dim: true }), seg(name, focusStyle('pane')), seg(scrolled, { color: 'yellow' })], l.paneWidth, '─', {
    dim: true,
  });
  return [...left, seg('┬', { dim: true }), ...right];
}

function agentRow(agent: AgentStatus, index: number, selected: boolean, focused: boolean, width: number): Line {
  const g = AGENT_GLYPH[agent.state];
  const busy = agent.state !== 'idle';
  const task = busy ? (agent.job?.kind === 'review' ? (agent.job.taskId ?? '') : jobLabel(agent.job)) : '';
  const waiting = agent.waitingFor ? ` ⚑${agent.waitingFor}` : '';
  const style = selected ? (focused ? { inverse: true, bold: true } : { bold: true }) : {};
  const line: Line = [
    seg(selected ? '▸' : ' ', style),
    seg(`${index < 9 ? index + 1 : ' '} `, { ...style, dim: !selected }),
    seg(g.glyph, { ...style, color: g.color }),
    seg(` ${agent.name}`, style),
    seg(task ? ` ${task}` : '', { ...style, color: 'magenta' }),
    seg(waiting, { ...style, color: 'yellow', bold: true }),
  ];
  return fitLine(line, width, style);
}

function sidebarRows(state: TuiState, l: Layout): Line[] {
  const { agents, ui } = state;
  const height = l.topHeight;
  const listRows = Math.max(1, Math.min(agents.length, height - 4));
  const start = Math.max(0, Math.min(ui.agent - Math.floor(listRows / 2), agents.length - listRows));
  const rows: Line[] = agents
    .slice(start, start + listRows)
    .map((a, i) => agentRow(a, start + i, start + i === ui.agent, ui.focus === 'agents', l.sidebarWidth));
  if (agents.length === 0) rows.push([seg(state.run.kind === 'browse' ? ' no run: browsing' : ' starting…', { dim: true })]);
  const selected = agents[ui.agent];
  if (selected && height - rows.length >= 3) {
    const g = AGENT_GLYPH[selected.state];
    rows.push([]);
    rows.push([seg(` ${g.label}${selected.waitingFor ? ` (${selected.waitingFor})` : ''}`, { color: g.color })]);
    if (selected.lastOutcome) rows.push([seg(` last: ${selected.lastOutcome}`, { dim: true })]);
  }
  return rows.slice(0, height).map((r) => fitLine(r, l.sidebarWidth));
}

/** A last row under the stream while the agent waits on the human or on the gate. */
function statusRow(agent: AgentStatus): Line | undefined {
  if (agent.state === 'waitingForJudgment')
    return [
      seg(`⚑ waiting for your judgment${agent.waitingFor ? ` on ${agent.waitingFor}` : ''}: press a to answer`, {
        color: 'yellow',
        bold: true,
      }),
    ];
  if (agent.state === 'submitting') return [seg('◑ the gate is running its commands…', { color: 'cyan' })];
  return undefined;
}

export function topLines(state: TuiState, l: Layout): Line[] {
  const agent = state.agents[state.ui.agent];
  const transcript = (agent && state.transcripts[agent.name]) ?? emptyTranscript();
  const top = agent ? state.ui.paneTop[agent.name] : undefined;
  const status = agent ? statusRow(agent) : undefined;
  const window = paneWindow(transcript, l.paneWidth, l.topHeight - (status ? 1 : 0), top);
  const scrolled =
    window.top !== undefined && window.total !== undefined
      ? `[${window.top + 1}-${window.top + window.rows.length}/${window.total}, End follows] `
      : '';
  const rows =
    window.rows.length > 0 || !agent ? window.rows : [[seg(agent.state === 'idle' ? 'idle: waiting for work' : '…', { dim: true })]];
  const pane = status ? [...rows, ...Array.from({ length: l.topHeight - 1 - rows.length }, (): Line => []), status] : rows;
  const side = sidebarRows(state, l);
  const lines: Line[] = [titleRow(state, l, agent, scrolled)];
  for (let i = 0; i < l.topHeight; i++) {
    const right = fitLine(pane[i] ?? [], l.paneWidth);
    // The pane is its own cell: its rows then read the same wherever they scroll to.
    lines.push([
      ...(side[i] ?? fitLine([], l.sidebarWidth)),
      seg('│', { dim: true }),
      ...right.map((s, j) => (j === 0 ? { ...s, cell: true } : s)),
    ]);
  }
  return lines;
}
