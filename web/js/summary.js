// The report's summary: counts by severity, the tables recognised in each
// file, what could not be read or recognised.
import { $, el } from './dom.js';
import { formatNumber, t } from './i18n.js';
import { fileFacts, summaryNotes, summaryTiles } from './report-facts.js';

function tile(key, label, value, kind, cells) {
  return el('div', { class: `tile ${kind}`, dataset: { summary: key } },
    el('span', { class: 'value' }, formatNumber(value)),
    el('span', { class: 'label' }, label),
    cells !== undefined && cells !== value ? el('span', { class: 'cells' }, t('inCells', { count: formatNumber(cells) })) : null);
}

// A readable workbook of this year's return can come back annotated (migcheck annotate).
function annotateButton(file, index) {
  if (file.previous || !file.readable || file.format !== 'xlsx') return null;
  // On the file's own line, so that the problems stay on the first screen.
  return el('button', { type: 'button', class: 'annotate-button', title: t('annotateHint'), dataset: { file: String(index) } }, t('annotate'));
}

export function renderSummary(report, rulebook) {
  const root = $('summary');
  const labels = { errors: t('errors'), warnings: t('warnings'), infos: t('infos'), tables: t('tablesRecognised') };
  const tiles = el('div', { class: 'tiles' }, summaryTiles(report).map(({ key, value, cells, kind }) =>
    tile(key, labels[key], value, kind === 'error' || kind === 'warning' ? `sev-${kind}` : kind, cells)));

  const files = el('ul', { class: 'file-list' });
  for (const [index, file] of report.files.entries()) {
    const facts = fileFacts(file, t, (code) => rulebook.countryLabel(code));
    const annotate = annotateButton(file, index);
    const item = el('li', { class: file.previous ? 'previous' : null }, el('strong', {}, file.file), facts ? ` — ${facts}` : '',
      file.previous ? el('span', { class: 'muted' }, ` (${t('previousFile')})`) : '', annotate ? ' ' : '', annotate);
    if (file.tables.length) {
      // A long list of tables is folded, so that the findings come next.
      const list = el('ul', {}, file.tables.map((tb) => el('li', {},
        el('span', { class: 'code' }, tb.table), ' ', rulebook.tableLabel(tb.table),
        el('span', { class: 'muted' }, ` — ${formatNumber(tb.observations)} obs. (${tb.sheet})`))));
      item.append(file.tables.length <= 3 ? list
        : el('details', { class: 'tables-list' }, el('summary', {}, t('tablesOfFile', { count: file.tables.length })), list));
    }
    if (file.unrecognised_sheets.length) {
      item.append(el('p', { class: 'muted' }, `${t('unrecognisedSheets')} ${file.unrecognised_sheets.join(', ')}`));
    }
    files.append(item);
  }
  const notes = summaryNotes(report).map((key) => el('p', { class: key === 'noFindings' ? 'note ok-text' : 'note' }, t(key)));
  root.replaceChildren(tiles, files, ...notes);
}
