// A population pyramid (SVG, drawn here) of a recognised table with an age
// and a sex dimension: one bar per age band and sex, for a chosen value of
// each other dimension (the totals by default). Bars of observations with a
// finding are marked. The data are the core's recognised observations.
// Right to left (the page's language says so: language.direction) the chart is
// mirrored, as an Arabic chart draws it: the first sex on the right, the totals'
// column on the left; numbers stay left to right.
import { $, el, svg } from './dom.js';
import { refOf } from './cells.js';
import { bidi, bidiString, direction, formatNumber, t } from './i18n.js';
import { textDirection } from './bidi.js';

const WIDTH = 760;
const LABEL = 150;     // the age labels' column, in the middle
const BAR = 18;        // bar height
const GAP = 4;
const TOP = 44;
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };

export class Pyramid {
  constructor(engine, { onCell }) {
    this.engine = engine;
    this.onCell = onCell;
    this.section = $('pyramid');
  }

  // Tables of the report that have an age and a sex dimension.
  setReport(report, rulebook) {
    this.report = report;
    this.rulebook = rulebook;
    this.data = new Map();  // "file|table" -> Promise<table>
    this.choice = null;
    this.candidates = [];
    report.files.forEach((file, f) => file.tables.forEach((tb, i) => {
      const dims = rulebook.tables.get(tb.table)?.dimensions || [];
      const age = rulebook.dimensionWithConcept(dims, 'AGE');
      const sex = rulebook.dimensionWithConcept(dims, 'SEX');
      if (age && sex && tb.observations) this.candidates.push({ file: f, index: i, table: tb.table, sheet: tb.sheet, age, sex });
    }));
    this.section.hidden = !this.candidates.length;
    if (this.candidates.length) this.choose(0);
  }

  async choose(n, selection = null) {
    const candidate = this.candidates[n];
    const key = `${candidate.file}|${candidate.index}`;
    if (!this.data.has(key)) this.data.set(key, this.engine.call('table', { file: candidate.file, table: candidate.index }).then((r) => r.table));
    const table = await this.data.get(key);
    if (!table) return;
    this.choice = { n, candidate, table, selection: selection || this.defaults(table, candidate) };
    this.render();
  }

  // Per other dimension, the codes present; the total (or the reference year) first.
  defaults(table, candidate) {
    const selection = {};
    table.dimensions.forEach((dim, d) => {
      if (dim === candidate.age || dim === candidate.sex) return;
      const codes = this.codesOf(table, d);
      const total = codes.find((c) => this.rulebook.code(dim, c)?.role === 'total');
      const year = this.report.files[candidate.file].reference_year;
      selection[dim] = total || (codes.includes(year) ? year : codes[codes.length - 1]);
    });
    return selection;
  }

  codesOf(table, d) {
    const n = table.dimensions.length;
    const seen = new Set();
    for (let i = d; i < table.keys.length; i += n) seen.add(table.symbols[table.keys[i]]);
    const list = this.rulebook.codelistOf(table.dimensions[d]);
    const order = list ? new Map(list.codes.map((c, i) => [c.id, i])) : new Map();
    return [...seen].sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9) || a.localeCompare(b));
  }

  render() {
    if (!this.choice) return;
    this.renderControls();
    this.renderChart();
  }

  renderControls() {
    const { n, table, selection } = this.choice;
    const controls = [];
    const tableSelect = el('select', { onchange: (e) => this.choose(Number(e.target.value)) },
      this.candidates.map((c, i) => el('option', { value: i, selected: i === n },
        bidiString(`${c.table} — ${this.rulebook.tableLabel(c.table)}${this.report.files.length > 1 ? ` (${this.report.files[c.file].file})` : ''}`))));
    controls.push(el('label', {}, el('span', {}, t('pyramidTable')), tableSelect));
    table.dimensions.forEach((dim, d) => {
      if (!(dim in selection)) return;
      const codes = this.codesOf(table, d);
      if (codes.length < 2) return;
      const select = el('select', {
        dataset: { dimension: dim },
        onchange: (e) => {
          this.choice.selection = { ...selection, [dim]: e.target.value };
          this.render();
        },
      }, codes.map((code) => {
        const label = this.rulebook.codeLabel(dim, code);
        return el('option', { value: code, selected: code === selection[dim] }, bidiString(label === code ? code : `${label} (${code})`));
      }));
      controls.push(el('label', {}, el('span', {}, bidi(this.rulebook.dimensionLabel(dim))), select));
    });
    $('pyramid-controls').replaceChildren(...controls, el('p', { class: 'muted note' }, t('pyramidNote')));
  }

  // Which observations have findings: by cell, or by the finding's key.
  findingsOf(candidate, table) {
    const fileName = this.report.files[candidate.file].file;
    const byCell = new Map();
    const byKey = new Map();
    const keep = (map, k, f) => {
      const old = map.get(k);
      if (!old || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[old.severity]) map.set(k, f);
    };
    for (const f of this.report.findings) {
      if (f.table !== table.table || (f.file && f.file !== fileName)) continue;
      if (f.cell) keep(byCell, `${f.sheet}!${f.cell}`, f);
      if (f.key && Object.keys(f.key).length === table.dimensions.length)
        keep(byKey, table.dimensions.map((d) => f.key[d]).join('|'), f);
    }
    return { byCell, byKey };
  }

  renderChart() {
    const { candidate, table, selection } = this.choice;
    const dims = table.dimensions;
    const n = dims.length;
    const a = dims.indexOf(candidate.age);
    const s = dims.indexOf(candidate.sex);
    const sexes = this.codesOf(table, s).filter((c) => this.rulebook.code(candidate.sex, c)?.role === 'individual').slice(0, 2);
    const cells = new Map();  // "age|sex" -> observation index
    for (let i = 0; i < table.values.length; i++) {
      let match = true;
      for (let d = 0; d < n && match; d++)
        if (d !== a && d !== s && table.symbols[table.keys[i * n + d]] !== selection[dims[d]]) match = false;
      if (match) cells.set(`${table.symbols[table.keys[i * n + a]]}|${table.symbols[table.keys[i * n + s]]}`, i);
    }
    const ages = this.bands(candidate.age, [...new Set([...cells.keys()].map((k) => k.split('|')[0]))]);
    const chart = $('pyramid-chart');
    if (sexes.length < 2 || !ages.length) {
      chart.replaceChildren(el('p', { class: 'muted' }, t('pyramidNoData')));
      return;
    }
    const { byCell, byKey } = this.findingsOf(candidate, table);
    let max = 0;
    for (const age of ages) {
      for (const sex of sexes) {
        const value = table.values[cells.get(`${age}|${sex}`)];
        if (value > max) max = value;  // NaN (a marker) and undefined (no cell) are not
      }
    }
    const half = (WIDTH - LABEL) / 2 - 70;
    // The totals: of both sexes (a mark on each age's row whose total has a finding) and of all
    // ages (a last row of numbers). Whether a total agrees with its parts is the core's check:
    // the chart marks the totals that have a finding, and each mark leads to it.
    const totalOf = (d, dim) => this.codesOf(table, d).find((c) => this.rulebook.code(dim, c)?.role === 'total');
    const sexTotal = totalOf(s, candidate.sex);
    const ageTotal = totalOf(a, candidate.age);
    const totalRow = ageTotal !== undefined && sexes.some((sex) => cells.has(`${ageTotal}|${sex}`));
    const height = TOP + (ages.length + (totalRow ? 1 : 0)) * (BAR + GAP) + (totalRow ? 8 : 0) + 10;
    const sexLabel = (code) => this.rulebook.codeLabel(candidate.sex, code);
    this.rtl = direction() === 'rtl';
    const [onLeft, onRight] = this.rtl ? [sexes[1], sexes[0]] : [sexes[0], sexes[1]];
    const root = svg('svg', {
      viewBox: `0 0 ${WIDTH} ${height}`, width: WIDTH, height, role: 'group', class: 'pyramid-svg',
      'aria-label': t('pyramidAria', { table: table.table, left: sexLabel(onLeft), right: sexLabel(onRight) }),
    });
    root.append(svg('defs', {}, svg('pattern', { id: 'hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: `rotate(${this.rtl ? -45 : 45})` },
      svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'hatch-line' }))));
    const centre = WIDTH / 2;
    root.append(this.text(centre - LABEL / 2 - 8, 24, 'right', sexLabel(sexes[0]), 'pyr-head'));
    root.append(this.text(centre + LABEL / 2 + 8, 24, 'left', sexLabel(sexes[1]), 'pyr-head'));
    if (sexTotal !== undefined) root.append(this.text(WIDTH - 4, 24, 'right', sexLabel(sexTotal), 'pyr-head pyr-muted'));
    // The oldest band on top.
    [...ages].reverse().forEach((age, row) => {
      const y = TOP + row * (BAR + GAP);
      root.append(this.text(centre, y + BAR - 5, 'middle', this.rulebook.codeLabel(candidate.age, age), 'pyr-age'));
      sexes.forEach((sex, side) => {
        const i = cells.get(`${age}|${sex}`);
        if (i === undefined) return;
        root.append(this.bar(table, i, side, y, max ? half / max : 0, byCell, byKey, `${sexLabel(sex)}, ${this.rulebook.codeLabel(candidate.age, age)}`));
      });
      const total = sexTotal === undefined ? undefined : cells.get(`${age}|${sexTotal}`);
      if (total !== undefined && this.findingAt(table, total, byCell, byKey)) {
        root.append(this.totalMark(table, total, WIDTH - 4, y, 'right', byCell, byKey,
          `${sexLabel(sexTotal)}, ${this.rulebook.codeLabel(candidate.age, age)}`));
      }
    });
    if (totalRow) {
      const y = TOP + ages.length * (BAR + GAP) + 8;
      root.append(svg('line', { x1: 0, x2: WIDTH, y1: y - 5, y2: y - 5, class: 'pyr-rule' }));
      root.append(this.text(centre, y + BAR - 5, 'middle', this.rulebook.codeLabel(candidate.age, ageTotal), 'pyr-age pyr-total'));
      sexes.forEach((sex, side) => {
        const i = cells.get(`${ageTotal}|${sex}`);
        if (i === undefined) return;
        root.append(this.totalMark(table, i, side === 0 ? centre - LABEL / 2 - 8 : centre + LABEL / 2 + 8, y, side === 0 ? 'right' : 'left',
          byCell, byKey, `${sexLabel(sex)}, ${this.rulebook.codeLabel(candidate.age, ageTotal)}`));
      });
      const both = sexTotal === undefined ? undefined : cells.get(`${ageTotal}|${sexTotal}`);
      if (both !== undefined) root.append(this.totalMark(table, both, WIDTH - 4, y, 'right', byCell, byKey,
        `${sexLabel(sexTotal)}, ${this.rulebook.codeLabel(candidate.age, ageTotal)}`));
    }
    chart.replaceChildren(root);
  }

  // The finding of observation i, by its cell or its key, or undefined.
  findingAt(table, i, byCell, byKey) {
    const sheet = table.sheetNames[table.sheet[i]];
    const key = table.dimensions.map((_, d) => table.symbols[table.keys[i * table.dimensions.length + d]]).join('|');
    return byCell.get(`${sheet}!${refOf(table.row[i], table.column[i])}`) || byKey.get(key);
  }

  // A text at x, y of the chart, its `edge` ('left', 'right' or 'middle') at x, in coordinates
  // of the left-to-right chart: right to left, x and the edge are mirrored. Written in its own
  // direction (a label of a right-to-left language right to left, a number left to right), so
  // that its brackets and signs stay in place; the anchor follows from the edge and direction.
  text(x, y, edge, content, className, textDir = textDirection(content) ?? 'ltr') {
    const side = this.rtl ? ({ left: 'right', right: 'left' }[edge] ?? edge) : edge;
    const anchor = side === 'middle' ? 'middle' : (side === 'left') === (textDir === 'ltr') ? 'start' : 'end';
    return svg('text', { x: this.rtl ? WIDTH - x : x, y, 'text-anchor': anchor, class: className,
      direction: this.rtl || textDir === 'rtl' ? textDir : null }, content);
  }

  // A number with its mark ("✕ 1,234"): the mark first in reading order, so on the number's right
  // right to left ("1,234 ✕"); the number itself always left to right.
  marked(mark, shown) {
    if (!mark) return shown;
    return this.rtl ? `${shown} ${mark}` : `${mark} ${shown}`;
  }

  // A total as a number on the chart (no bar: it would dwarf its parts), marked
  // "≠" when it has a finding; like a bar, it leads to its finding or its cell.
  totalMark(table, i, x, y, edge, byCell, byKey, name) {
    const value = Number.isNaN(table.values[i]) ? null : table.values[i];
    const finding = this.findingAt(table, i, byCell, byKey);
    const sheet = table.sheetNames[table.sheet[i]];
    const ref = refOf(table.row[i], table.column[i]);
    const shown = value === null ? '..' : formatNumber(value);
    const group = this.clickable(svg('g', { class: 'pyr-item pyr-total-item', tabindex: 0, role: 'button', 'data-ref': ref, 'data-sheet': sheet,
      'aria-label': `${name}: ${shown} (${sheet}!${ref})${finding ? ` — ${finding.message}` : ''}` }), () => this.onCell(table, i, finding));
    group.append(svg('title', {}, bidiString(`${name}: ${shown} (${sheet}!${ref})${finding ? `\n${finding.message}` : ''}`)));
    group.append(this.text(x, y + BAR - 5, edge, this.marked(finding && '≠', shown),
      `pyr-value pyr-total${finding ? ` faulty sev-${finding.severity}` : ''}`, 'ltr'));
    return group;
  }

  // Opens on a click, Enter or Space.
  clickable(group, open) {
    group.addEventListener('click', open);
    group.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        open();
      }
    });
    return group;
  }

  bar(table, i, side, y, scale, byCell, byKey, name) {
    const value = Number.isNaN(table.values[i]) ? null : table.values[i];  // NaN: a marker instead of a number
    const sheet = table.sheetNames[table.sheet[i]];
    const ref = refOf(table.row[i], table.column[i]);
    const finding = this.findingAt(table, i, byCell, byKey);
    const width = value === null ? 14 : Math.max(1, value * scale);
    const centre = WIDTH / 2;
    const x = side === 0 ? centre - LABEL / 2 - width : centre + LABEL / 2;  // left to right; mirrored right to left
    const classes = ['pyr-bar', side === 0 ? 'first' : 'second'];
    if (value === null) classes.push('marker');
    if (finding) classes.push(`faulty sev-${finding.severity}`);
    const shown = value === null ? '..' : formatNumber(value);
    const group = svg('g', { class: 'pyr-item', tabindex: 0, role: 'button', 'data-ref': ref, 'data-sheet': sheet,
      'aria-label': `${name}: ${shown} (${sheet}!${ref})${finding ? ` — ${finding.message}` : ''}` });
    group.append(svg('title', {}, bidiString(`${name}: ${shown} (${sheet}!${ref})${finding ? `\n${finding.message}` : ''}`)));
    group.append(svg('rect', { x: this.rtl ? WIDTH - x - width : x, y, width, height: BAR, class: classes.join(' '), fill: value === null ? 'url(#hatch)' : null }));
    group.append(side === 0 ? this.text(x - 4, y + BAR - 5, 'right', this.marked(finding && '✕', shown), 'pyr-value', 'ltr')
      : this.text(x + width + 4, y + BAR - 5, 'left', this.marked(finding && '✕', shown), 'pyr-value', 'ltr'));
    return this.clickable(group, () => this.onCell(table, i, finding));
  }

  // The age bands to draw: individual codes with a range, the finest
  // partition when bands overlap (5-year bands rather than 15-64), youngest first.
  bands(ageDim, present) {
    const bands = present.map((id) => ({ id, code: this.rulebook.code(ageDim, id) }))
      .filter((b) => b.code?.role === 'individual' && b.code.range)
      .map((b) => ({ id: b.id, low: b.code.range[0], high: b.code.range[1] ?? Infinity }));
    const contains = (o, i) => o !== i && o.low <= i.low && o.high >= i.high;
    return bands.filter((o) => !bands.some((i) => contains(o, i)))
      .sort((x, y) => x.low - y.low).map((b) => b.id);
  }
}
