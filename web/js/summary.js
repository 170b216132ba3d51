// The report's summary: counts by severity, the tables recognised in each
// file, what could not be read or recognised.
import { $, el } from './dom.js';
import { formatNumber, t } from './i18n.js';

function tile(key, label, value, kind, cells) {
  return el('div', { class: `tile ${kind}`, dataset: { summary: key } },
    el('span', { class: 'value' }, formatNumber(value)),
    el('span', { class: 'label' }, label),
    cells !== undefined && cells !== value ? el('span', { class: 'cells' }, t('inCells', { count: formatNumber(cells) })) : null);
}

export function renderSummary(report, rulebook) {
  const root = $('summary');
  const tables = report.files.reduce((n, f) => n + f.tables.length, 0);
  // Problems, and the cells they cover when more.
  const { errors, warnings, infos } = report.summary;
  const problems = report.summary.problems || { errors, warnings, infos };
  const tiles = el('div', { class: 'tiles' },
    tile('errors', t('errors'), problems.errors, errors ? 'sev-error' : 'ok', errors),
    tile('warnings', t('warnings'), problems.warnings, warnings ? 'sev-warning' : 'ok', warnings),
    tile('infos', t('infos'), problems.infos, 'neutral', infos),
    tile('tables', t('tablesRecognised'), tables, 'neutral'));

  const files = el('ul', { class: 'file-list' });
  for (const file of report.files) {
    const country = file.reporting_country && rulebook.countryLabel(file.reporting_country);
    const facts = [file.format ? file.format.toUpperCase() : '',
      file.reporting_country && t('reportingCountry', {
        country: country === file.reporting_country ? country : `${country} (${file.reporting_country})`,
      }),
      file.reference_year && t('referenceYear', { year: file.reference_year })].filter(Boolean).join(', ');
    const item = el('li', { class: file.previous ? 'previous' : null }, el('strong', {}, file.file), facts ? ` — ${facts}` : '',
      file.previous ? el('span', { class: 'muted' }, ` (${t('previousFile')})`) : '');
    if (file.tables.length) {
      item.append(el('ul', {}, file.tables.map((tb) => el('li', {},
        el('span', { class: 'code' }, tb.table), ' ', rulebook.tableLabel(tb.table),
        el('span', { class: 'muted' }, ` — ${formatNumber(tb.observations)} obs. (${tb.sheet})`)))));
    }
    if (file.unrecognised_sheets.length) {
      item.append(el('p', { class: 'muted' }, `${t('unrecognisedSheets')} ${file.unrecognised_sheets.join(', ')}`));
    }
    files.append(item);
  }
  const notes = [];
  if (report.summary.partial) notes.push(el('p', { class: 'note' }, t('partial')));
  if (!report.findings.length) notes.push(el('p', { class: 'note ok-text' }, t('noFindings')));
  root.replaceChildren(tiles, files, ...notes);
}
