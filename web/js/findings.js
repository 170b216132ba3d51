// The findings table: one row per problem (the core's grouping of findings
// by rule, cause and table), its other cells behind "+N more of the same";
// filters (severity, file, table, rule, text), a page of problems at a
// time, selection by mouse or keyboard, next / previous error.
import { $, el } from './dom.js';
import { bidi, bidiString, formatNumber, punctuation, t } from './i18n.js';

const PAGE = 200;
const SEVERITY_KEY = { error: 'sevError', warning: 'sevWarning', info: 'sevInfo' };

export function severityLabel(severity) {
  return t(SEVERITY_KEY[severity] || 'sevInfo');
}

export function whereText(f, withFile) {
  const at = f.sheet || f.cell ? `${f.sheet}${f.sheet && f.cell ? '!' : ''}${f.cell}` : '—';
  return withFile && f.file ? `${f.file}: ${at}` : at;
}

export class FindingsView {
  constructor({ onSelect }) {
    this.onSelect = onSelect;
    this.report = null;
    this.rulebook = null;
    this.visible = [];      // indexes into report.findings of the rows listed: problems' first findings, and expanded ones
    this.expanded = new Set();  // problems (indexes into report.problems) whose other findings are listed
    this.problems = [];     // the problems listed, in order: { k: index into report.problems, first: its row's finding }
    this.problemOf = [];    // finding index -> problem index
    this.limit = PAGE;
    this.selected = -1;     // index into report.findings
    this.searchText = null; // lower-case text per finding, built on first search
    this.body = $('findings-body');
    for (const box of document.querySelectorAll('input[name="severity"]')) box.addEventListener('change', () => this.filter());
    for (const id of ['filter-file', 'filter-table', 'filter-rule']) $(id).addEventListener('change', () => this.filter());
    let timer = 0;
    $('filter-text').addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.filter(), 120);
    });
    $('findings-more').addEventListener('click', () => {
      this.limit += PAGE;
      this.render();
    });
    this.body.addEventListener('click', (e) => {
      const toggle = e.target.closest('button[data-problem]');
      if (toggle) {
        this.toggle(Number(toggle.dataset.problem));
        return;
      }
      const row = e.target.closest('tr[data-index]');
      if (row) this.select(Number(row.dataset.index));
    });
    this.body.addEventListener('keydown', (e) => this.onKey(e));
  }

  // A new report; filters and selection are kept when the findings are the
  // same ones (the same return in another language).
  setReport(report, rulebook, { keep = false } = {}) {
    const sameFindings = keep && this.report && this.report.findings.length === report.findings.length;
    this.report = report;
    this.rulebook = rulebook;
    this.searchText = null;
    this.problemOf = [];
    (report.problems || []).forEach((p, k) => { for (const i of p.findings) this.problemOf[i] = k; });
    if (!sameFindings) {
      this.selected = -1;
      this.expanded = new Set();
      $('filter-text').value = '';
      for (const box of document.querySelectorAll('input[name="severity"]')) box.checked = true;
    }
    this.fillOptions(sameFindings);
    this.filter({ keepLimit: sameFindings });
  }

  fillOptions(keepValues) {
    const findings = this.report.findings;
    const count = (key) => findings.reduce((m, f) => m.set(f[key], (m.get(f[key]) || 0) + 1), new Map());
    const fill = (id, counts, label) => {
      const select = $(id);
      const before = keepValues ? select.value : '';
      select.replaceChildren(el('option', { value: '' }, t('all')),
        ...[...counts].sort((a, b) => String(a[0]).localeCompare(String(b[0])))
          .map(([value, n]) => el('option', { value }, bidiString(`${label(value)} (${formatNumber(n)})`))));
      select.value = [...counts.keys()].includes(before) ? before : '';
    };
    fill('filter-table', count('table'), (v) => (v ? `${v} — ${this.rulebook.tableLabel(v) || ''}` : t('noTable')));
    fill('filter-rule', count('rule'), (v) => {
      const label = this.rulebook.ruleLabel(v);
      return label ? `${v} — ${label}` : v;
    });
    fill('filter-file', count('file'), (v) => v || '—');
    $('filter-file-label').hidden = this.report.files.length < 2;
    // Problems by severity, as the summary counts them.
    const bySeverity = (this.report.problems || []).reduce((m, p) => m.set(p.severity, (m.get(p.severity) || 0) + 1), new Map());
    for (const node of document.querySelectorAll('[data-count]'))
      node.textContent = `(${formatNumber(bySeverity.get(node.dataset.count) || 0)})`;
  }

  filter({ keepLimit = false } = {}) {
    if (!this.report) return;
    const severities = new Set([...document.querySelectorAll('input[name="severity"]:checked')].map((b) => b.value));
    const file = $('filter-file').value;
    const table = $('filter-table').value;
    const rule = $('filter-rule').value;
    const text = $('filter-text').value.trim().toLowerCase();
    if (text && !this.searchText) this.searchText = this.report.findings.map((f) => this.haystack(f));
    const passes = (f, i) => severities.has(f.severity) && (!file || f.file === file) && (!table || f.table === table) &&
      (!rule || f.rule === rule) && (!text || this.searchText[i].includes(text));
    // A problem is listed when one of its findings passes the filters; its row is that finding.
    this.problems = [];
    (this.report.problems || []).forEach((p, k) => {
      const first = p.findings.find((i) => passes(this.report.findings[i], i));
      if (first !== undefined) this.problems.push({ k, first });
    });
    // In the core's order, the order to fix them in (docs/report.md): errors, structure, then by table.
    if (!keepLimit) this.limit = PAGE;
    this.render();
  }

  // The rows listed: each problem's row, then its other findings when expanded.
  rows() {
    const out = [];
    for (const { k, first } of this.problems.slice(0, this.limit)) {
      out.push({ index: first, problem: k, lead: true });
      if (this.expanded.has(k))
        for (const i of this.report.problems[k].findings) if (i !== first) out.push({ index: i, problem: k, lead: false });
    }
    return out;
  }

  toggle(k) {
    if (this.expanded.has(k)) this.expanded.delete(k);
    else this.expanded.add(k);
    this.render();
  }

  haystack(f) {
    const key = Object.entries(f.key || {}).map(([d, c]) => `${d}=${c} ${this.rulebook.codeLabel(d, c)}`).join(' ');
    return [f.message, f.rule, this.rulebook.ruleLabel(f.rule), f.table, f.sheet, f.cell, f.file, key,
      `${f.sheet}!${f.cell}`].join(' ').toLowerCase();
  }

  render() {
    const withFile = this.report.files.length > 1;
    // The coordinator's return, the agencies' files together: each problem says whose tables it concerns.
    this.severalAgencyFiles = new Set((this.report.agencies || []).flatMap((a) => a.files)).size > 1;
    const listed = this.rows();
    this.visible = listed.map((r) => r.index);
    const explained = new Map();
    const rows = listed.map(({ index: i, problem: k, lead }) => {
      const f = this.report.findings[i];
      const p = this.report.problems[k];
      if (!explained.has(f.rule)) explained.set(f.rule, this.rulebook.explain(f.rule));
      const { label, instruction } = explained.get(f.rule);
      const others = p.count - 1;
      const open = this.expanded.has(k);
      return el('tr', {
        dataset: { index: i }, tabindex: '-1', class: `sev-row-${f.severity}${lead ? '' : ' same-problem'}`,
        'aria-current': i === this.selected ? 'true' : 'false',
      },
      el('td', {}, lead ? el('span', { class: `badge sev-${f.severity}` }, severityLabel(f.severity)) : null),
      el('td', { class: 'where' },
        el('span', { class: 'ref' }, bidi(whereText(f, withFile))),
        f.table && lead ? el('span', { class: 'muted code' }, f.table) : null),
      el('td', { class: 'what' },
        el('p', { class: 'msg' }, bidi(f.message)),
        lead && instruction ? el('p', { class: 'todo' }, el('strong', {}, t('whatToDo')), ' ', bidi(instruction)) : null,
        // A return of several agencies: whose tables the problem concerns.
        lead && this.severalAgencyFiles && p.agencies?.length
          ? el('p', { class: 'agencies-line muted' }, el('strong', {}, t('problemAgencies')), ' ', bidi(p.agencies.join(punctuation('semicolon')))) : null,
        lead ? el('p', { class: 'rule muted' }, el('span', { class: 'code' }, bidi(f.rule)), label ? bidi(` — ${label}`) : '') : null,
        lead && others > 0 ? el('button', {
          type: 'button', class: 'same', dataset: { problem: k }, 'aria-expanded': open ? 'true' : 'false',
        }, bidi(t(open ? 'fewerOfSame' : 'moreOfSame', { count: formatNumber(others) }))) : null));
    });
    this.body.replaceChildren(...rows);
    if (!rows.length) {
      this.body.append(el('tr', {}, el('td', { colspan: 3, class: 'empty' },
        this.report.findings.length ? t('noMatch') : t('noFindings'))));
    }
    // One row is reachable by Tab: the selected one, else the first.
    const focusable = this.body.querySelector('tr[aria-current="true"]') || this.body.querySelector('tr[data-index]');
    if (focusable) focusable.tabIndex = 0;
    const more = $('findings-more');
    const shown = Math.min(this.limit, this.problems.length);
    const rest = this.problems.length - shown;
    more.hidden = rest <= 0;
    more.textContent = t('more', { count: formatNumber(Math.min(rest, PAGE)) });
    $('findings-shown').textContent = t('shown', {
      shown: formatNumber(shown), total: formatNumber((this.report.problems || []).length),
    });
  }

  rowOf(index) {
    return this.body.querySelector(`tr[data-index="${index}"]`);
  }

  select(index, { focus = true } = {}) {
    const f = this.report?.findings[index];
    if (!f) return;
    // A finding behind its problem's row (a cell clicked in the sheet view): the problem opens.
    if (!this.visible.includes(index)) {
      const k = this.problemOf[index];
      const position = this.problems.findIndex((x) => x.k === k);
      if (position >= 0) {
        if (this.problems[position].first !== index) this.expanded.add(k);
        if (position >= this.limit) this.limit = Math.ceil((position + 1) / PAGE) * PAGE;
        this.render();
      }
    }
    for (const row of this.body.querySelectorAll('tr[aria-current="true"]')) {
      row.setAttribute('aria-current', 'false');
      row.tabIndex = -1;
    }
    this.selected = index;
    const row = this.rowOf(index);
    if (row) {
      row.setAttribute('aria-current', 'true');
      row.tabIndex = 0;
      row.scrollIntoView({ block: 'nearest' });
      if (focus) row.focus({ preventScroll: true });
    }
    this.onSelect(f, index);
  }

  // The next (+1) or previous (-1) problem listed, among the errors when there
  // are any (N, P); wraps around.
  step(direction) {
    const listed = this.problems.filter(({ first }) => this.report.findings[first].severity === 'error');
    const candidates = listed.length ? listed : this.problems;
    if (!candidates.length) return;
    const current = candidates.findIndex(({ k }) => k === this.problemOf[this.selected]);
    const n = candidates.length;
    const next = current < 0 ? (direction > 0 ? 0 : n - 1) : (current + direction + n) % n;
    this.select(candidates[next].first);
  }

  // The next (+1) or previous (-1) cell of the selected problem (Shift+N,
  // Shift+P), its other cells listed; wraps around.
  stepWithin(direction) {
    const k = this.problemOf[this.selected];
    if (k === undefined) return this.step(direction);
    const cells = this.report.problems[k].findings;
    const at = cells.indexOf(this.selected);
    if (cells.length > 1 && !this.expanded.has(k)) {
      this.expanded.add(k);
      this.render();
    }
    this.select(cells[(at + direction + cells.length) % cells.length]);
  }

  onKey(e) {
    const row = e.target.closest('tr[data-index]');
    if (!row) return;
    let target = null;
    if (e.key === 'ArrowDown') target = row.nextElementSibling;
    else if (e.key === 'ArrowUp') target = row.previousElementSibling;
    else if (e.key === 'Home') target = this.body.firstElementChild;
    else if (e.key === 'End') target = this.body.lastElementChild;
    else if (e.key === 'Enter' || e.key === ' ') target = row;
    if (!target?.dataset.index) return;
    e.preventDefault();
    this.select(Number(target.dataset.index));
  }
}
