// The selected finding, in full: message, what to do, the rule, where it is,
// its related cells (each one a button that shows it), expected and actual
// values, and the observation's categories in words.
import { $, el } from './dom.js';
import { bidi, formatNumber, punctuation, t } from './i18n.js';
import { severityLabel } from './findings.js';

const MAX_RELATED = 60;

export function renderDetails(finding, rulebook, { onCell }) {
  const root = $('details');
  if (!finding) {
    root.className = 'details';
    root.replaceChildren(el('p', { class: 'muted' }, t('detailsNone')));
    return;
  }
  const { label, instruction } = rulebook.explain(finding.rule);
  const parts = [
    el('p', { class: 'lead' }, el('span', { class: `badge sev-${finding.severity}` }, severityLabel(finding.severity)), ' ',
      el('strong', {}, bidi(finding.message))),
  ];
  if (instruction) parts.push(el('p', { class: 'todo' }, el('strong', {}, t('whatToDo')), ' ', bidi(instruction)));
  parts.push(el('p', { class: 'muted' }, bidi(t('detailsRule', { rule: finding.rule, label: label || '—' }))));
  if (finding.cell) {
    parts.push(el('p', {}, el('button', { type: 'button', class: 'link', onclick: () => onCell(finding.cell) },
      bidi(t('detailsCell', { cell: finding.cell, sheet: finding.sheet })))));
  } else {
    parts.push(el('p', { class: 'muted' }, t('detailsNoCell')));
  }
  const related = finding.related_cells || [];
  if (related.length) {
    parts.push(el('p', { class: 'related-cells' }, t('detailsRelated'), ' ',
      related.slice(0, MAX_RELATED).map((ref) => el('button', { type: 'button', class: 'chip', onclick: () => onCell(ref) }, bidi(ref))),
      related.length > MAX_RELATED ? ` … (${formatNumber(related.length)})` : ''));
  }
  if (finding.expected !== null && finding.expected !== undefined && finding.actual !== null && finding.actual !== undefined) {
    parts.push(el('p', {}, bidi(t('detailsExpected', { expected: formatNumber(finding.expected), actual: formatNumber(finding.actual) }))));
  }
  const key = Object.entries(finding.key || {});
  if (key.length) {
    parts.push(el('p', {}, t('detailsKey'), ' ', key.map(([dimension, code], i) => [
      i ? punctuation('semicolon') : '',
      bidi(`${rulebook.dimensionLabel(dimension)}${t('colon')} `),
      el('span', {}, bidi(rulebook.codeLabel(dimension, code))),
      rulebook.codeLabel(dimension, code) !== code ? el('span', { class: 'muted' }, bidi(` (${code})`)) : '',
    ])));
  }
  root.className = `details sev-border-${finding.severity}`;
  root.replaceChildren(...parts);
}
