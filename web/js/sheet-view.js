// The uploaded file as migcheck read it: sheet tabs and a grid of cells with
// the cells of findings highlighted. Only the rows in view are in the DOM;
// they come from the worker a block at a time, so a sheet of 130,000 rows
// scrolls as easily as one of 30.
import { $, el } from './dom.js';
import { columnName, parseRef, refOf } from './cells.js';
import { bidi, formatNumber, t } from './i18n.js';

const BLOCK = 256;        // rows fetched at once
const MAX_BLOCKS = 64;    // blocks kept
const MAX_COLUMNS = 200;  // columns drawn
const OVERSCAN = 12;      // rows drawn above and below the view
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };

export class SheetView {
  constructor(engine, { onCellClick }) {
    this.engine = engine;
    this.onCellClick = onCellClick;
    this.grid = $('sheet-grid');
    this.rowHeight = 24;
    this.grid.addEventListener('scroll', () => this.schedule());
    this.grid.addEventListener('click', (e) => {
      const td = e.target.closest('td[data-ref]');
      const mark = td && this.marks()?.get(td.dataset.ref);
      if (mark) this.onCellClick(mark.findings[0]);
    });
    $('sheet-file').addEventListener('change', (e) => this.show(Number(e.target.value), null));
    this.reset(null);
  }

  reset(report) {
    this.report = report;
    this.files = new Map();   // file index -> Promise<{error, sheets}>
    this.blocks = new Map();  // "file|sheet|block" -> Map(row -> cells)
    this.current = null;      // {file, sheet, info}
    this.focus = null;        // {ref, related: Set}
    this.markCache = new Map();
    this.grid.replaceChildren();
    $('sheet-tabs').replaceChildren();
    $('sheet-caption').textContent = '';
    if (!report) return;
    const select = $('sheet-file');
    select.replaceChildren(...report.files.map((f, i) => el('option', { value: i }, f.file)));
    $('sheet-file-label').hidden = report.files.length < 2;
  }

  // Cells of findings on the current sheet: ref -> {severity, findings: [index]}.
  marks() {
    if (!this.current) return null;
    const key = `${this.current.file}|${this.current.info.name}`;
    if (!this.markCache.has(key)) {
      const fileName = this.report.files[this.current.file].file;
      const marks = new Map();
      this.report.findings.forEach((f, i) => {
        if (f.sheet !== this.current.info.name || !f.cell || (f.file && f.file !== fileName)) return;
        const mark = marks.get(f.cell) || { severity: f.severity, findings: [] };
        if (SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[mark.severity]) mark.severity = f.severity;
        mark.findings.push(i);
        marks.set(f.cell, mark);
      });
      this.markCache.set(key, marks);
    }
    return this.markCache.get(key);
  }

  sheetsOf(file) {
    if (!this.files.has(file)) this.files.set(file, this.engine.call('sheets', { file }));
    return this.files.get(file);
  }

  // Shows sheet `sheetName` (or the first table sheet) of file `file`.
  async show(file, sheetName) {
    const { error, sheets } = await this.sheetsOf(file);
    $('sheet-file').value = String(file);
    const tabs = $('sheet-tabs');
    tabs.replaceChildren();
    if (error || !sheets.length) {
      this.current = null;
      this.grid.replaceChildren(el('p', { class: 'empty' }, t('sheetUnreadable')));
      $('sheet-caption').textContent = '';
      return;
    }
    const fileReport = this.report.files[file];
    const tableSheet = fileReport.tables[0]?.sheet;
    let index = sheets.findIndex((s) => s.name === sheetName);
    if (index < 0) index = Math.max(0, sheets.findIndex((s) => s.name === tableSheet));
    sheets.forEach((s, i) => {
      const flagged = this.report.findings.some((f) => f.sheet === s.name && f.cell && (!f.file || f.file === fileReport.file));
      tabs.append(el('button', {
        type: 'button', 'aria-pressed': i === index ? 'true' : 'false', class: flagged ? 'flagged' : '',
        onclick: () => this.show(file, s.name),
      }, bidi(s.name), s.state !== 'visible' ? t('sheetHidden') : ''));
    });
    const same = this.current && this.current.file === file && this.current.info.name === sheets[index].name;
    this.current = { file, sheet: index, info: sheets[index] };
    const info = sheets[index];
    const columns = Math.min(info.columns, MAX_COLUMNS);
    $('sheet-caption').replaceChildren(...bidi(t('sheetCaption', {
      sheet: info.name, rows: formatNumber(info.rows), columns: formatNumber(info.columns),
    }) + (info.columns > MAX_COLUMNS ? t('sheetColumnsCut', { count: MAX_COLUMNS }) : '')));
    if (!same) this.build(info, columns);
    this.draw();
  }

  build(info, columns) {
    this.columns = columns;
    if (!info.rows) {
      this.table = null;
      this.grid.replaceChildren(el('p', { class: 'empty' }, t('sheetEmpty')));
      return;
    }
    // The corner heads the column of row numbers: said to screen readers, not shown.
    const head = el('tr', {}, el('th', { class: 'corner', scope: 'col' }, el('span', { class: 'visually-hidden' }, t('sheetRowNumber'))));
    for (let c = 0; c < columns; c++) head.append(el('th', { scope: 'col' }, columnName(c)));
    this.body = el('tbody');
    this.table = el('table', { class: 'cells' }, el('thead', {}, head), this.body);
    this.grid.replaceChildren(this.table);
    this.grid.scrollTop = 0;
    this.grid.scrollLeft = 0;
  }

  schedule() {
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      this.draw();
    });
  }

  // Draws the rows in view from the cached blocks, asking for missing ones.
  draw() {
    if (!this.current || !this.table) return;
    const { file, sheet, info } = this.current;
    const headHeight = this.table.tHead.getBoundingClientRect().height || this.rowHeight;
    const first = Math.max(0, Math.floor((this.grid.scrollTop) / this.rowHeight) - OVERSCAN);
    const count = Math.ceil((this.grid.clientHeight - headHeight) / this.rowHeight) + 2 * OVERSCAN;
    const last = Math.min(info.rows - 1, first + count);
    const marks = this.marks();
    const rows = [];
    rows.push(this.spacer(first));
    for (let r = first; r <= last; r++) {
      const cells = this.rowCells(file, sheet, r);
      const tr = el('tr', {}, el('th', { scope: 'row' }, String(r + 1)));
      const byColumn = new Map((cells || []).map((c) => [c[1], c]));
      for (let c = 0; c < this.columns; c++) {
        const ref = refOf(r, c);
        const cell = byColumn.get(c);
        const td = el('td', { dataset: { ref } });
        const classes = [];
        if (cell) {
          const [, , type, value, formula] = cell;
          td.textContent = type === 'boolean' ? (value ? 'TRUE' : 'FALSE') : String(value);
          classes.push(`t-${type}`);
          if (formula) classes.push('formula');
        }
        const mark = marks.get(ref);
        if (mark) {
          classes.push('mark', `sev-${mark.severity}`);
          td.title = mark.findings.map((i) => this.report.findings[i].message).join('\n');
        }
        if (this.focus?.ref === ref) classes.push('current');
        else if (this.focus?.related.has(ref)) classes.push('related');
        if (classes.length) td.className = classes.join(' ');
        tr.append(td);
      }
      rows.push(tr);
    }
    rows.push(this.spacer(info.rows - 1 - last));
    this.body.replaceChildren(...rows);
    const measured = this.body.children[1]?.getBoundingClientRect().height;
    if (measured && Math.abs(measured - this.rowHeight) > 0.5) {
      this.rowHeight = measured;
      this.schedule();
    }
  }

  spacer(rows) {
    const tr = el('tr', { class: 'spacer', 'aria-hidden': 'true' }, el('td', { colspan: this.columns + 1 }));
    tr.firstChild.style.height = `${Math.max(0, rows) * this.rowHeight}px`;
    return tr;
  }

  // The cells of one row if its block is here; else asks for the block and returns null.
  rowCells(file, sheet, row) {
    const block = Math.floor(row / BLOCK);
    const key = `${file}|${sheet}|${block}`;
    const cached = this.blocks.get(key);
    if (cached instanceof Map) return cached.get(row) || [];
    if (!cached) {
      this.blocks.set(key, 'loading');
      this.engine.call('rows', { file, sheet, first: block * BLOCK, last: block * BLOCK + BLOCK - 1 }).then(({ rows }) => {
        const map = new Map();
        for (const cell of rows) {
          if (!map.has(cell[0])) map.set(cell[0], []);
          map.get(cell[0]).push(cell);
        }
        this.blocks.set(key, map);
        if (this.blocks.size > MAX_BLOCKS) this.blocks.delete(this.blocks.keys().next().value);
        this.schedule();
      }, () => this.blocks.delete(key));
    }
    return null;
  }

  // Goes to the finding's sheet, marks its cell and related cells, scrolls there.
  async reveal(finding) {
    const file = Math.max(0, this.report.files.findIndex((f) => f.file === finding.file));
    const sheetName = finding.sheet || this.report.files[file]?.tables.find((tb) => tb.table === finding.table)?.sheet;
    this.focus = finding.cell ? { ref: finding.cell, related: new Set(finding.related_cells || []) } : null;
    await this.show(file, sheetName);
    if (finding.cell && finding.sheet === this.current?.info.name) this.scrollTo(finding.cell);
  }

  scrollTo(ref) {
    const at = parseRef(ref);
    if (!at || !this.table) return;
    const headHeight = this.table.tHead.getBoundingClientRect().height;
    this.grid.scrollTop = Math.max(0, at.row * this.rowHeight - (this.grid.clientHeight - headHeight) / 3);
    this.draw();
    const td = this.grid.querySelector(`td[data-ref="${ref}"]`);
    if (td) {
      // Horizontally only when the cell is out of view: past the row numbers, which stay at the
      // sheet's start (the left, or the right of a right-to-left sheet), or past the other side.
      // By boxes on the screen, so in either direction (scrollLeft runs negative right to left).
      const rowHeader = this.table.tHead.rows[0].cells[0].getBoundingClientRect();
      const grid = this.grid.getBoundingClientRect();
      const cell = td.getBoundingClientRect();
      const rtl = getComputedStyle(this.grid).direction === 'rtl';
      const left = rtl ? grid.left + this.grid.clientLeft : rowHeader.right;
      const right = rtl ? rowHeader.left : grid.left + this.grid.clientLeft + this.grid.clientWidth;
      if (cell.left < left || cell.right > right) this.grid.scrollLeft += (cell.left + cell.right) / 2 - (left + right) / 2;
    }
    this.grid.scrollIntoView({ block: 'nearest' });
  }
}
