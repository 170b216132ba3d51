// The report's summary: counts by severity, the tables recognised in each
// file, what could not be read or recognised.
import { $, el } from './dom.js';
import { bidi, formatNumber, punctuation, t } from './i18n.js';
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

// Several files of this year's return (the agencies' parts): they can be assembled into one.
function assembleButton(report) {
  const current = report.files.filter((f) => !f.previous && f.readable);
  if (current.length < 2 || current.length !== report.files.filter((f) => !f.previous).length) return null;
  return el('p', { class: 'assemble-row' },
    el('button', { type: 'button', class: 'assemble-button', title: t('assembleHint') }, t('assemble')));
}

// Per agency (docs/agencies.md): its tables, what is awaited, its problems, its oldest update.
function agencyTable(report) {
  if (!report.agencies?.length) return null;
  // The awaited column only when something is awaited. Each cell says its column
  // (data-label), for the narrow screen where rows become blocks.
  const awaited = report.agencies.some((a) => a.awaited.length);
  const columns = ['agency', 'agencyTables', ...(awaited ? ['awaited'] : []), 'errors', 'warnings', 'infos', 'lastUpdate'];
  const head = el('tr', {}, columns.map((key) => el('th', { scope: 'col' }, t(key))));
  const cell = (key, value, cls) => el('td', { class: cls, dataset: { label: `${t(key)}${t('colon')} ` } }, value);
  const rows = report.agencies.map((a) => el('tr', {},
    el('th', { scope: 'row' }, bidi(a.agency)),
    cell('agencyTables', bidi(a.tables.join(punctuation('comma'))), 'code'),
    awaited ? cell('awaited', bidi(a.awaited.join(punctuation('comma'))), 'code') : null,
    cell('errors', formatNumber(a.problems.errors), 'num'),
    cell('warnings', formatNumber(a.problems.warnings), 'num'),
    cell('infos', formatNumber(a.problems.infos), 'num'),
    cell('lastUpdate', bidi(a.last_update))));
  const details = el('details', { class: 'agencies-wrap', open: '' },
    el('summary', {}, t('agenciesCount', { count: formatNumber(report.agencies.length) })),
    el('table', { class: 'agencies' }, el('caption', { class: 'visually-hidden' }, t('agencies')), el('thead', {}, head), el('tbody', {}, rows)));
  return details;
}

// The agencies whose tables a file holds, as the report's per-agency summary says.
function agenciesOf(report, file) {
  return (report.agencies || []).filter((a) => a.files.includes(file.file)).map((a) => a.agency);
}

// The coordinator's return: several files holding agencies' tables.
const severalAgencyFiles = (report) => new Set((report.agencies || []).flatMap((a) => a.files)).size > 1;

export function renderSummary(report, rulebook) {
  const root = $('summary');
  const labels = { errors: t('errors'), warnings: t('warnings'), infos: t('infos'), tables: t('tablesRecognised') };
  const tiles = el('div', { class: 'tiles' }, summaryTiles(report).map(({ key, value, cells, kind }) =>
    tile(key, labels[key], value, kind === 'error' || kind === 'warning' ? `sev-${kind}` : kind, cells)));

  const files = el('ul', { class: 'file-list' });
  for (const [index, file] of report.files.entries()) {
    const facts = fileFacts(file, t, (code) => rulebook.countryLabel(code), punctuation('comma'));
    const annotate = annotateButton(file, index);
    const agencies = severalAgencyFiles(report) ? agenciesOf(report, file) : [];
    const item = el('li', { class: file.previous ? 'previous' : null }, el('strong', {}, bidi(file.file)), facts ? bidi(` — ${facts}`) : '',
      agencies.length ? el('span', { class: 'file-agency' }, bidi(` — ${agencies.join(punctuation('semicolon'))}`)) : '',
      file.previous ? el('span', { class: 'muted' }, ` (${t('previousFile')})`) : '', annotate ? ' ' : '', annotate);
    if (file.tables.length) {
      // A long list of tables is folded, so that the findings come next.
      const list = el('ul', {}, file.tables.map((tb) => el('li', {},
        el('span', { class: 'code' }, tb.table), ' ', bidi(rulebook.tableLabel(tb.table)),
        el('span', { class: 'muted' }, bidi(` — ${t('tableObservations', { count: formatNumber(tb.observations), sheet: tb.sheet })}`)))));
      item.append(file.tables.length <= 3 ? list
        : el('details', { class: 'tables-list' }, el('summary', {}, t('tablesOfFile', { count: file.tables.length })), list));
    }
    if (file.unrecognised_sheets.length) {
      item.append(el('p', { class: 'muted' }, t('unrecognisedSheets'), ' ', bidi(file.unrecognised_sheets.join(punctuation('comma')))));
    }
    files.append(item);
  }
  const notes = summaryNotes(report).map((key) => el('p', { class: key === 'noFindings' ? 'note ok-text' : 'note' }, t(key)));
  // The agencies' summary comes first for the coordinator's files; for one file, after its
  // findings, so that they stay on the first screen.
  const agencies = agencyTable(report);
  const coordinator = severalAgencyFiles(report);
  const part = report.part ? el('p', { class: 'note' }, t('partNote')) : null;
  root.replaceChildren(tiles, files, ...[assembleButton(report), part, coordinator ? agencies : null].filter(Boolean), ...notes);
  $('agencies-after').replaceChildren(...(agencies && !coordinator ? [agencies] : []));
}
