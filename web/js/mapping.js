// The mapping panel (docs/mapping.md). Where the report says a sheet, a column
// or a label could not be read, the user says what it means; the return is
// checked again at once with the mapping, which is kept in this browser for
// the rulebook and can be downloaded (for next year's return, or for
// `migcheck validate --mapping`) and loaded. The panel only collects the
// user's choices: the core checks the mapping and applies it.
import { $, el, saveText } from './dom.js';
import { bidi, bidiString, pick, t } from './i18n.js';

const STORE = 'migcheck.mapping.';
const HEADER_SEARCH_ROWS = 30;

export function emptyMapping(rulebookId) {
  return { migcheck_mapping: 1, rulebook: rulebookId, sheets: [], labels: [] };
}

// The mapping kept for a rulebook, or an empty one.
export function storedMapping(rulebookId) {
  try {
    const text = localStorage.getItem(STORE + rulebookId);
    const mapping = text ? JSON.parse(text) : null;
    if (mapping && mapping.migcheck_mapping === 1) return { sheets: [], labels: [], ...mapping };
  } catch { /* storage refused or damaged: start afresh */ }
  return emptyMapping(rulebookId);
}

export function storeMapping(rulebookId, mapping) {
  try {
    if (isEmpty(mapping)) localStorage.removeItem(STORE + rulebookId);
    else localStorage.setItem(STORE + rulebookId, JSON.stringify(mapping));
  } catch { /* private mode: the mapping lasts as long as the page */ }
}

export const isEmpty = (mapping) => !mapping || (!mapping.sheets?.length && !mapping.labels?.length);

// The mapping file's text, in the schema's form (rulebooks/schema/mapping.schema.json).
export function mappingText(mapping) {
  const out = { migcheck_mapping: 1 };
  if (mapping.rulebook) out.rulebook = mapping.rulebook;
  if (mapping.sheets?.length) out.sheets = mapping.sheets;
  if (mapping.labels?.length) out.labels = mapping.labels;
  return JSON.stringify(out, null, 2) + '\n';
}

const norm = (text) => String(text).normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
const country = (entry) => entry.reporting_country || '';

function sheetEntry(mapping, sheet, reportingCountry) {
  let entry = mapping.sheets.find((s) => norm(s.sheet) === norm(sheet) && country(s) === reportingCountry);
  if (!entry) {
    entry = { sheet };
    if (reportingCountry) entry.reporting_country = reportingCountry;
    mapping.sheets.push(entry);
  }
  return entry;
}

// What a column means in a sheet (means null: left out); a new choice replaces an earlier one.
function setColumn(mapping, sheet, reportingCountry, header, means) {
  const entry = sheetEntry(mapping, sheet, reportingCountry);
  entry.columns = (entry.columns || []).filter((c) => norm(c.header || '') !== norm(header));
  entry.columns.push({ header, means });
}

function setLabel(mapping, dimension, text, code, reportingCountry) {
  mapping.labels = mapping.labels.filter((l) => !(l.dimension === dimension && norm(l.text) === norm(text) && country(l) === reportingCountry));
  const entry = { dimension, text, code };
  if (reportingCountry) entry.reporting_country = reportingCountry;
  mapping.labels.push(entry);
}

export class MappingPanel {
  // onApply(mapping): check the files again with it.
  constructor(engine, { onApply }) {
    this.engine = engine;
    this.onApply = onApply;
    this.root = $('mapping');
    $('mapping-apply').addEventListener('click', () => this.apply());
    $('mapping-download').addEventListener('click', () => saveText(mappingText(this.mapping), 'migcheck-mapping.json', 'application/json'));
    $('mapping-forget').addEventListener('click', () => this.onApply(emptyMapping(this.rulebook.info.id)));
    $('mapping-file').addEventListener('change', async (e) => {
      const file = e.target.files[0];
      e.target.value = '';
      if (!file) return;
      try {
        const mapping = JSON.parse(await file.text());
        this.onApply({ sheets: [], labels: [], ...mapping });
      } catch {
        $('mapping-state').replaceChildren(...bidi(t('mappingUnreadable', { file: file.name })));
      }
    });
  }

  // The report's sheets, columns and labels that need the user, and the mapping in use.
  setReport(report, rulebook, mapping) {
    this.report = report;
    this.rulebook = rulebook;
    this.mapping = mapping;
    this.choices = [];
    const current = new Set(report.files.filter((f) => !f.previous).map((f) => f.file));
    const seen = new Set();
    const once = (key) => !seen.has(key) && seen.add(key);
    const items = [];
    for (const f of report.findings) {
      if (!current.has(f.file)) continue;
      const p = f.params || {};
      if ((f.rule === 'sheet.unrecognised' || f.rule === 'layout.ambiguous') && once(`s|${f.file}|${f.sheet}`))
        items.push(this.sheetItem(f));
      else if (f.rule === 'header.unknown' && p.header && f.table && once(`h|${f.file}|${f.sheet}|${norm(p.header)}`))
        items.push(this.columnItem(f));
      else if (f.rule === 'label.unknown' && rulebook.codelistOf(p.dimension) && once(`l|${f.file}|${p.dimension}|${norm(p.label)}`))
        items.push(this.labelItem(f));
    }
    $('mapping-items').replaceChildren(...items);
    $('mapping-apply').hidden = items.length === 0;
    const inUse = !isEmpty(mapping);
    $('mapping-download').hidden = !inUse;
    $('mapping-forget').hidden = !inUse;
    $('mapping-state').textContent = inUse
      ? t('mappingInUse', { sheets: mapping.sheets.length, labels: mapping.labels.length })
      : t('mappingNone');
    // Nothing to say and no mapping in use: the panel stays out of the way of the findings.
    this.root.hidden = items.length === 0 && !inUse;
  }

  reportingCountry(fileName) {
    return this.report.files.find((f) => f.file === fileName)?.reporting_country || '';
  }

  // Meanings a column may have: the table's dimensions first, then the measure and attributes.
  meaningSelect(tableId, label) {
    const info = this.rulebook.info;
    const table = this.rulebook.tables.get(tableId);
    const dims = table ? [...table.dimensions, ...table.optional_dimensions] : info.dimensions.filter((d) => !d.reporting_country).map((d) => d.id);
    return el('select', { 'aria-label': label },
      el('option', { value: '' }, t('mappingNotSaid')),
      el('option', { value: '-' }, t('mappingLeaveOut')),
      el('optgroup', { label: t('mappingDimensions') }, dims.map((d) => el('option', { value: d }, bidiString(`${this.rulebook.dimensionLabel(d)} (${d})`)))),
      el('option', { value: info.measure.id }, bidiString(`${pick(info.measure.label) || info.measure.id} (${info.measure.id})`)),
      info.attributes.length ? el('optgroup', { label: t('mappingAttributes') },
        info.attributes.map((a) => el('option', { value: a.id }, bidiString(`${pick(a.label) || a.id} (${a.id})`)))) : null);
  }

  columnItem(f) {
    const header = f.params.header;
    const select = this.meaningSelect(f.table, t('mappingColumnMeans', { header }));
    this.choices.push((mapping) => {
      if (select.value) setColumn(mapping, f.sheet, this.reportingCountry(f.file), header, select.value === '-' ? null : select.value);
    });
    return el('div', { class: 'map-item' },
      el('p', {}, bidi(t('mappingColumn', { header, sheet: f.sheet, cell: f.cell }))),
      el('label', {}, t('mappingMeans'), ' ', select));
  }

  labelItem(f) {
    const { label, dimension } = f.params;
    const list = this.rulebook.codelistOf(dimension);
    // The closest codes first (the core's suggestions), then the whole list.
    const suggested = String(f.params.suggestions || '').split(', ').map((s) => s.split(' (')[0]).filter((id) => list.byId.has(id));
    const codes = [...suggested, ...list.codes.map((c) => c.id).filter((id) => !suggested.includes(id))];
    const listId = `map-codes-${this.choices.length}`;
    const input = el('input', { type: 'search', list: listId, autocomplete: 'off', spellcheck: 'false', 'aria-label': t('mappingLabelCode', { label }) });
    const datalist = el('datalist', { id: listId }, codes.map((id) => el('option', { value: id }, pick(list.byId.get(id).label) || id)));
    const problem = el('span', { class: 'map-problem', 'aria-live': 'polite' });
    this.choices.push((mapping) => {
      const code = input.value.trim().split(/\s/)[0];
      if (!code) return true;
      if (!list.byId.has(code)) {
        problem.textContent = t('mappingNoSuchCode', { code });
        return false;
      }
      problem.textContent = '';
      setLabel(mapping, dimension, label, code, this.reportingCountry(f.file));
      return true;
    });
    return el('div', { class: 'map-item' },
      el('p', {}, bidi(t('mappingLabel', { label, dimension: this.rulebook.dimensionLabel(dimension), cell: f.cell }))),
      el('label', {}, t('mappingCode'), ' ', input), datalist, problem);
  }

  sheetItem(f) {
    const file = this.report.files.findIndex((x) => x.file === f.file);
    const tables = el('select', { 'aria-label': t('mappingTableOf', { sheet: f.sheet }) },
      el('option', { value: '' }, t('mappingNotSaid')),
      this.rulebook.info.tables.map((tb) => el('option', { value: tb.id }, bidiString(`${tb.id} — ${pick(tb.label)}`))));
    const row = el('input', { type: 'number', min: '1', max: '1048576', class: 'map-row', 'aria-label': t('mappingHeaderRow') });
    const columns = el('div', { class: 'map-columns' });
    let selects = [];
    const showColumns = async () => {
      const headerRow = Number(row.value);
      selects = [];
      if (!headerRow) return columns.replaceChildren();
      const cells = await this.rowCells(file, f.sheet, headerRow - 1, headerRow - 1);
      selects = cells.filter((c) => String(c[3]).trim()).map((c) => {
        const header = String(c[3]);
        return { header, select: this.meaningSelect(tables.value, t('mappingColumnMeans', { header })) };
      });
      columns.replaceChildren(...selects.map(({ header, select }) => el('label', {}, bidi(t('mappingHeaderQuoted', { header })), ' ', select)));
    };
    tables.addEventListener('change', showColumns);
    row.addEventListener('change', showColumns);
    // The header row to start from: the row of the first 30 with the most texts.
    this.rowCells(file, f.sheet, 0, HEADER_SEARCH_ROWS - 1).then((cells) => {
      const texts = new Map();
      for (const c of cells) if (c[2] === 'text' && String(c[3]).trim()) texts.set(c[0], (texts.get(c[0]) || 0) + 1);
      let best = -1;
      for (const [r, n] of texts) if (best < 0 || n > texts.get(best)) best = r;
      if (best >= 0 && !row.value) row.value = String(best + 1);
      return showColumns();
    }).catch(() => {});
    this.choices.push((mapping) => {
      const said = selects.filter(({ select }) => select.value);
      if (!tables.value && !said.length) return true;
      const entry = sheetEntry(mapping, f.sheet, this.reportingCountry(f.file));
      if (tables.value) entry.table = tables.value;
      if (row.value && said.length) entry.header_row = Number(row.value);
      for (const { header, select } of said) setColumn(mapping, f.sheet, this.reportingCountry(f.file), header, select.value === '-' ? null : select.value);
      return true;
    });
    return el('div', { class: 'map-item' },
      el('p', {}, bidi(t('mappingSheet', { sheet: f.sheet, file: f.file }))),
      el('div', { class: 'map-row-line' },
        el('label', {}, t('mappingTable'), ' ', tables),
        el('label', {}, t('mappingHeaderRow'), ' ', row)),
      columns);
  }

  // Cells of rows first..last (0-based) of a sheet of file `file`, by the sheet's name.
  async rowCells(file, sheetName, first, last) {
    const { sheets } = await this.engine.call('sheets', { file });
    const sheet = sheets.findIndex((s) => s.name === sheetName);
    if (sheet < 0) return [];
    return (await this.engine.call('rows', { file, sheet, first, last })).rows;
  }

  apply() {
    const mapping = structuredClone(this.mapping);
    let ok = true;
    for (const choose of this.choices) ok = choose(mapping) !== false && ok;
    if (ok) this.onApply(mapping);
  }
}
