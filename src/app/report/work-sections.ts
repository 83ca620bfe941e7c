// The work's sections: tasks with their status, evidence, gate history (refusals and the pass that
// fixed each) and status changes; drift (links whose lines changed); the audit's proposals.
import type { Evidence } from '../../record/events.js';
import type { Proposal } from '../../record/tables.js';
import { head, markup, tail, type Html } from './html.js';
import type { DriftStatus, GateEntry, TaskEntry } from './model.js';

/** What of a command's output, a refusal's reason or a proposal's text the page keeps: its size stays bounded. */
const OUTPUT_CHARS = 1200;
const TEXT_CHARS = 2000;

const idLinks = (ids: readonly string[]): Html | string =>
  ids.length === 0 ? '—' : markup`${ids.map((id, i) => markup`${i > 0 ? ', ' : ''}<a href="#${id}">${id}</a>`)}`;

function evidenceItem(e: Evidence): Html {
  switch (e.kind) {
    case 'command':
      return markup`<li>
        <span class="badge ${e.exitCode === 0 ? 'ok' : 'bad'}">exit ${e.exitCode}</span>
        <code>${e.command}</code>${e.outputTail ? markup`<pre>${tail(e.outputTail, OUTPUT_CHARS)}</pre>` : ''}
      </li>`;
    case 'acceptance':
      return markup`<li>
        <span class="badge">criterion</span> ${e.criterion}
        <div class="muted pre">${head(e.how, TEXT_CHARS)}</div>
      </li>`;
    case 'review':
      return markup`<li>
        <span class="badge ${e.verdict === 'approved' ? 'ok' : 'bad'}">${e.verdict}</span> by
        <span class="actor">${e.reviewer}</span>${e.notes ? markup`<div class="pre">${head(e.notes, TEXT_CHARS)}</div>` : ''}
      </li>`;
    case 'note':
      return markup`<li><span class="badge">note</span> ${head(e.text, TEXT_CHARS)}</li>`;
    case 'gate-files':
      return markup`<li>
        <span class="badge">gate files</span> ${e.files.length} hashed: ${head(e.files.map((f) => f.path).join(', '), TEXT_CHARS)}
      </li>`;
  }
}

function gateRow(g: GateEntry): Html {
  const verdict = g.ok
    ? markup`<span class="badge ok">passed</span>`
    : markup`<span class="badge bad">refused${g.code ? markup` [${g.code}]` : ''}</span>`;
  const fixed = g.ok
    ? ''
    : g.fixedAt === undefined
      ? markup` <span class="badge warn">not fixed yet</span>`
      : markup` <span class="badge ok">fixed by #${g.fixedAt}</span>`;
  const detail = g.ok
    ? ''
    : markup`${g.reason ? markup`<pre>${tail(g.reason, OUTPUT_CHARS)}</pre>` : ''}${g.fix ? markup`<div>fix: ${head(g.fix, TEXT_CHARS)}</div>` : ''}`;
  return markup`<li class="${g.ok ? '' : 'refusal'}">
    #${g.seq} ${g.gate} gate ${verdict}${fixed} <span class="muted">${g.ts}</span>${detail}
  </li>`;
}

function historyItem(h: TaskEntry['history'][number]): Html {
  const note = h.note ? markup` — ${head(h.note, TEXT_CHARS)}` : '';
  return markup`<li>
    #${h.seq} <span class="status s-${h.to}">${h.to}</span> by <span class="actor">${h.actor}</span>
    <span class="muted">${h.ts}</span>${note}
  </li>`;
}

function taskBlock(t: TaskEntry): Html {
  const refusals = t.gates.filter((g) => !g.ok);
  const refusalBadge =
    refusals.length === 0 ? '' : markup` <span class="badge bad">${refusals.length} refusal${refusals.length === 1 ? '' : 's'}</span>`;
  return markup`<details class="task" id="${t.id}" data-id="${t.id}" data-filter${refusals.length > 0 ? ' open' : ''}>
    <summary>
      <strong>${t.id}</strong> ${t.title} <span class="status s-${t.status}">${t.status}</span>
      <span class="muted">${t.role}${t.assignee && t.assignee !== t.role ? markup`, held by ${t.assignee}` : ''}</span>${refusalBadge}
    </summary>
    <p>requirements ${idLinks(t.requirements)}; decisions ${idLinks(t.decisions)}; depends on ${idLinks(t.deps)}</p>
    <h4>Evidence</h4>
    ${
      t.evidence.length === 0
        ? markup`<p class="muted">none yet</p>`
        : markup`<ul>
            ${t.evidence.map(evidenceItem)}
          </ul>`
    }
    <h4>Gate history</h4>
    ${
      t.gates.length === 0
        ? markup`<p class="muted">no gate checked yet</p>`
        : markup`<ul>
            ${t.gates.map(gateRow)}
          </ul>`
    }
    <h4>Status changes</h4>
    <ol>
      ${t.history.map(historyItem)}
    </ol>
  </details>`;
}

export function tasksSection(tasks: readonly TaskEntry[]): Html {
  return markup`<section id="tasks">
    <h2>Tasks</h2>
    ${tasks.length === 0 ? markup`<p class="empty">No tasks recorded.</p>` : tasks.map(taskBlock)}
  </section>`;
}

export function driftSection(drift: DriftStatus): Html {
  const summary =
    drift.stale.length === 0
      ? markup`<p>
          <span class="badge ok">no drift</span> every one of ${drift.links} code link${drift.links === 1 ? '' : 's'} matches the lines it
          was linked or last verified against.
        </p>`
      : markup`<p>
          <span class="badge bad">${drift.stale.length} stale</span> of ${drift.links} code links. Run
          <code>crucible drift --reverify</code> to re-run the gates of the done tasks they touch.
        </p>`;
  const rows = drift.stale.map(
    (s) =>
      markup`<tr data-id="${s.link}" data-filter>
        <td>${s.link}</td>
        <td><code>${s.where}</code></td>
        <td><span class="badge bad">${s.reason}</span></td>
        <td>${s.entity}</td>
        <td>${idLinks(s.tasks)}</td>
        <td>${idLinks(s.requirements)}</td>
      </tr>`,
  );
  return markup`<section id="drift">
    <h2>Drift</h2>
    ${summary}${
      rows.length > 0
        ? markup`<table>
            <thead>
              <tr>
                <th>Link</th>
                <th>Where</th>
                <th>Why</th>
                <th>For</th>
                <th>Tasks</th>
                <th>Requirements</th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>`
        : ''
    }
  </section>`;
}

export function proposalsSection(proposals: readonly Proposal[]): Html {
  const rows = proposals.map(
    (p) =>
      markup`<tr id="${p.id}" data-id="${p.id}" data-filter>
        <td><strong>${p.id}</strong></td>
        <td>
          ${p.title}
          <div class="muted pre">${head(p.why, TEXT_CHARS)}</div>
        </td>
        <td>
          <span class="status p-${p.status}">${p.status}</span
          >${p.resolution ? markup`<div class="muted">${head(p.resolution, TEXT_CHARS)}</div>` : ''}
        </td>
        <td>${p.size} / ${p.risk}</td>
        <td>${idLinks(p.taskIds)}</td>
      </tr>`,
  );
  return markup`<section id="proposals">
    <h2>Proposals</h2>
    ${
      rows.length === 0
        ? markup`<p class="empty">No proposals: run <code>crucible audit</code> to have the project read for improvements.</p>`
        : markup`<table>
            <thead>
              <tr>
                <th>Id</th>
                <th>Proposal</th>
                <th>Status</th>
                <th>Size / risk</th>
                <th>Tasks</th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>`
    }
  </section>`;
}
