// The paper trail's first sections: the traceability matrix (requirement → tasks → code and tests,
// stale links marked) and the decision log in ADR form with the judgments that produced decisions.
import { markup, trusted, type Html } from './html.js';
import type { DecisionEntry, JudgmentEntry, LinkCell, MatrixRow } from './model.js';

const idLink = (id: string): Html => markup`<a href="#${id}">${id}</a>`;

function linkCell(cell: LinkCell): Html {
  const stale = cell.stale
    ? markup` <span class="badge bad" title="the linked lines ${cell.stale === 'missing' ? 'are gone' : 'changed'}"
        >stale: ${cell.stale}</span
      >`
    : '';
  return markup`<li class="${cell.stale ? 'stale' : ''}">
    <code>${cell.where}</code> <span class="muted">${cell.link} for ${cell.entity}</span>${stale}
  </li>`;
}

const list = (items: Html[], empty: string): Html =>
  items.length === 0
    ? markup`<span class="muted">${empty}</span>`
    : markup`<ul>
        ${items}
      </ul>`;

export function matrixSection(rows: readonly MatrixRow[]): Html {
  const body = rows.map(
    (r) =>
      markup`<tr id="${r.id}" data-id="${r.id}" data-filter>
        <td>
          <strong>${r.id}</strong>
          <span class="badge">${r.priority}</span>${r.status === 'changed' ? markup` <span class="badge warn">changed</span>` : ''}
          <div>${r.text}</div>
        </td>
        <td>
          ${list(
            r.tasks.map((t) => markup`<li>${idLink(t.id)} ${t.title} <span class="status s-${t.status}">${t.status}</span></li>`),
            'no task',
          )}
        </td>
        <td>${list(r.code.map(linkCell), 'no code linked')}</td>
        <td>${list(r.tests.map(linkCell), 'no test linked')}</td>
      </tr>`,
  );
  return markup`<section id="matrix">
    <h2>Traceability matrix</h2>
    ${
      rows.length === 0
        ? markup`<p class="empty">No requirements recorded.</p>`
        : markup`<table class="matrix">
            <thead>
              <tr>
                <th>Requirement</th>
                <th>Tasks</th>
                <th>Code</th>
                <th>Tests</th>
              </tr>
            </thead>
            <tbody>
              ${body}
            </tbody>
          </table>`
    }
  </section>`;
}

/** A judgment and its answer; pending ones stand alone and take part in the filter, answered ones sit in their decision. */
function judgmentBlock(j: JudgmentEntry): Html {
  const chosen = markup` <span class="badge ok">chosen</span>`;
  const options = j.options.map(
    (o) =>
      markup`<li class="${o.label === j.answer ? 'chosen' : ''}">
        ${o.label}${o.tradeoffs ? markup` <span class="muted">— ${o.tradeoffs}</span>` : ''}${o.label === j.answer ? chosen : ''}
      </li>`,
  );
  const answered =
    j.answer === undefined
      ? markup`<p><span class="badge warn">pending</span> waiting for a human answer</p>`
      : markup`<p>
          Answered <strong>${j.answer}</strong> by
          <span class="actor">${j.answeredBy ?? 'unknown'}</span>${j.answeredAt ? markup` at ${j.answeredAt}` : ''}
        </p>`;
  return markup`<div class="judgment" id="${j.id}" data-id="${j.id}" ${j.answer === undefined ? trusted(' data-filter') : ''}>
    <h4>Judgment ${j.id}: ${j.question}</h4>
    <p class="muted">asked by <span class="actor">${j.askedBy}</span>${j.taskId ? markup` for ${idLink(j.taskId)}` : ''}</p>
    ${
      options.length > 0
        ? markup`<ul>
            ${options}
          </ul>`
        : ''
    }${answered}
  </div>`;
}

function decisionBlock(d: DecisionEntry): Html {
  const superseded = d.status === 'superseded';
  const title = superseded ? markup`<del>${d.id}: ${d.title}</del>` : markup`${d.id}: ${d.title}`;
  const relations = [
    d.supersedes ? markup`<p>Supersedes ${idLink(d.supersedes)}</p>` : '',
    d.supersededBy ? markup`<p class="bad-text">Superseded by ${idLink(d.supersededBy)}</p>` : '',
  ];
  return markup`<article class="adr${superseded ? ' superseded' : ''}" id="${d.id}" data-id="${d.id}" data-filter>
    <h3>${title} <span class="badge ${superseded ? 'bad' : 'ok'}">${d.status}</span></h3>
    <p class="muted">recorded by <span class="actor">${d.actor}</span> at ${d.createdAt}</p>
    <dl>
      <dt>Context</dt>
      <dd class="pre">${d.context || '—'}</dd>
      <dt>Decision</dt>
      <dd class="pre">${d.choice || '—'}</dd>
      <dt>Rationale</dt>
      <dd class="pre">${d.rationale || '—'}</dd>
    </dl>
    ${relations}${d.judgment ? judgmentBlock(d.judgment) : ''}
  </article>`;
}

export function decisionSection(decisions: readonly DecisionEntry[], pending: readonly JudgmentEntry[]): Html {
  return markup`<section id="decisions">
    <h2>Decision log</h2>
    ${decisions.length === 0 ? markup`<p class="empty">No decisions recorded.</p>` : decisions.map(decisionBlock)}
    ${
      pending.length > 0
        ? markup`<h3>Judgments waiting for an answer</h3>
            ${pending.map(judgmentBlock)}`
        : ''
    }
  </section>`;
}
