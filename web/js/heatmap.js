// The asymmetry matrix of the mirror rules (the report's `asymmetries`) as a
// heat map: one table per rule and year, reporting countries as rows,
// partners as columns, each cell shaded by the gap between what the reporter
// says about the partner and what the partner says about it.
import { $, el } from './dom.js';
import { bidi, bidiString, formatNumber, t } from './i18n.js';

// Shade classes by relative gap |a - b| / max(|a|, |b|): upper bounds.
const STEPS = [0.05, 0.1, 0.2, 0.4, Infinity];

export function gapOf(item) {
  const a = item.reporter_value, b = item.partner_value;
  if (a === null || b === null) return null;
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.abs(a - b) / scale;
}

function shadeOf(gap) {
  return gap === null ? 'gap-none' : `gap-${STEPS.findIndex((s) => gap <= s)}`;
}

function percent(gap) {
  return `${formatNumber(Math.round(gap * 1000) / 10)} %`;
}

export class Heatmap {
  constructor({ onFinding }) {
    this.onFinding = onFinding;
    this.report = null;
    this.choice = '';
  }

  setReport(report, rulebook) {
    this.report = report;
    this.rulebook = rulebook;
    const groups = new Map();  // "RULE year" -> items
    for (const item of report.asymmetries || []) {
      const id = `${item.rule} ${item.year}`;
      if (!groups.has(id)) groups.set(id, []);
      groups.get(id).push(item);
    }
    this.groups = groups;
    $('mirrors').hidden = groups.size === 0;
    if (!groups.size) return;
    if (!groups.has(this.choice)) this.choice = groups.keys().next().value;
    this.renderControls();
    this.renderChart();
  }

  renderControls() {
    const select = el('select', { id: 'mirrors-choice' }, [...this.groups.keys()].map((id) => {
      const [rule, year] = id.split(' ');
      return el('option', { value: id, selected: id === this.choice }, bidiString(`${this.rulebook.ruleLabel(rule) || rule} (${rule}), ${year}`));
    }));
    select.addEventListener('change', () => {
      this.choice = select.value;
      this.renderChart();
    });
    $('mirrors-controls').replaceChildren(el('label', {}, el('span', {}, t('mirrorsRule')), select));
  }

  // The finding of the mirror rule about this pair, if the gap is beyond the tolerance.
  findingOf(item) {
    return this.report.findings.findIndex((f) => f.rule === item.rule && f.params?.country === item.reporter &&
      f.params?.partner === item.partner && f.params?.year === item.year);
  }

  renderChart() {
    const items = this.groups.get(this.choice);
    const reporters = [...new Set(items.map((i) => i.reporter))].sort();
    const partners = [...new Set(items.map((i) => i.partner))].sort();
    const at = new Map(items.map((i) => [`${i.reporter} ${i.partner}`, i]));
    const name = (code) => this.rulebook.countryLabel(code);
    const head = el('tr', {}, el('th', { scope: 'col' }, t('mirrorsCorner')),
      partners.map((p) => el('th', { scope: 'col', title: name(p) }, p)));
    const rows = reporters.map((r) => el('tr', {}, el('th', { scope: 'row', title: name(r) }, r), partners.map((p) => {
      const item = at.get(`${r} ${p}`);
      if (!item) return el('td', { class: 'gap-empty' });
      return el('td', {}, this.cell(item, name));
    })));
    const legend = el('ul', { class: 'legend mirrors-legend' },
      STEPS.map((step, i) => el('li', {}, el('span', { class: `swatch gap-${i}` }), ' ',
        bidi(step === Infinity ? `> ${percent(STEPS[i - 1])}` : `≤ ${percent(step)}`))),
      el('li', {}, el('span', { class: 'swatch gap-none' }), ' ', t('mirrorsNoFigure')));
    $('mirrors-chart').replaceChildren(
      el('table', { class: 'heatmap', id: 'mirrors-table' },
        el('caption', { class: 'visually-hidden' }, t('mirrorsCaption')), el('thead', {}, head), el('tbody', {}, rows)),
      legend);
  }

  cell(item, name) {
    const gap = gapOf(item);
    const finding = this.findingOf(item);
    const figure = (v) => (v === null ? t('mirrorsNone') : formatNumber(v));
    const text = t('mirrorsCell', {
      reporter: name(item.reporter), partner: name(item.partner),
      value: figure(item.reporter_value), partnerValue: figure(item.partner_value),
    }) + (gap === null ? '' : ` (${percent(gap)})`);
    const button = el('button', {
      type: 'button',
      class: `${shadeOf(gap)}${finding >= 0 ? ' has-finding' : ''}`,
      title: bidiString(text),
      'aria-label': text,
      dataset: { reporter: item.reporter, partner: item.partner, gap: gap === null ? '' : String(gap) },
    }, gap === null ? '–' : bidi(percent(gap)));
    if (finding >= 0) button.addEventListener('click', () => this.onFinding(finding));
    else button.disabled = true;
    return button;
  }
}
