// The page: takes files and a rulebook, asks the worker to validate them, and
// shows the core's report (summary, findings, the file's sheets, a pyramid).
// No validation happens here: everything shown comes from the core's JSON.
import { $, el, saveText } from './js/dom.js';
import { parseCellPath, refOf } from './js/cells.js';
import { Engine } from './js/engine.js';
import { LANGUAGES, bidi, formatNumber, language, languageName, onLanguageChange, preferredLanguage, punctuation, setLanguage, t, translate } from './js/i18n.js';
import { direction as directionOf } from './js/words.js';
import { RulebookInfo } from './js/rulebook.js';
import { FindingsView } from './js/findings.js';
import { SheetView } from './js/sheet-view.js';
import { renderSummary } from './js/summary.js';
import { unreadableFiles } from './js/report-facts.js';
import { renderDetails } from './js/details.js';
import { Pyramid } from './js/pyramid.js';
import { Heatmap } from './js/heatmap.js';
import { MappingPanel, emptyMapping, isEmpty, mappingText, storeMapping, storedMapping } from './js/mapping.js';

const engine = new Engine(new URL('./worker.js', import.meta.url));
const state = {
  bundled: null,      // RulebookInfo of the bundled rulebook
  rulebook: null,     // RulebookInfo in use
  own: null,          // {name, json} of the user's rulebook, when in use
  lastOwn: null,      // the last user's rulebook that loaded
  files: [],          // the File objects of the last validation
  previous: [],       // last year's return (File objects), compared with the files
  report: null,
  mapping: null,     // what the user said sheets, columns and labels mean (js/mapping.js), per rulebook
  selected: -1,
  generation: 0,      // answers of an older request are ignored
};

const findings = new FindingsView({ onSelect: selectFinding });
const sheetView = new SheetView(engine, { onCellClick: (index) => findings.select(index, { focus: false }) });
const pyramid = new Pyramid(engine, { onCell: showObservation });
// A heat-map cell's finding: selected, and its details brought into view (focus stays on the cell).
const heatmap = new Heatmap({
  onFinding: (index) => {
    findings.select(index, { focus: false });
    $('details').scrollIntoView({ block: 'nearest' });
  },
});
const mappingPanel = new MappingPanel(engine, { onApply: useMapping });

// ---- Status, progress, alerts

function setBusy(busy) {
  document.body.dataset.state = busy ? 'busy' : 'done';
  $('report').setAttribute('aria-busy', busy ? 'true' : 'false');
  $('cancel').hidden = !busy;
}

// The validation under way can be cancelled: its worker is replaced (js/engine.js).
let running = null;  // its AbortController
function cancelled(error) {
  if (error?.name !== 'AbortError') return false;
  endProgress();
  setBusy(false);
  document.body.dataset.state = 'cancelled';
  status(t('statusCancelled'));
  return true;
}

function status(text) {
  $('status').replaceChildren(...bidi(text));
}

const STAGES = { load: 'stageLoad', read: 'stageRead', recognise: 'stageRecognise', check: 'stageCheck', across: 'stageAcross' };
let progressFrame = 0;
let lastProgress = null;
function progress(p) {
  lastProgress = p;
  if (progressFrame) return;
  progressFrame = requestAnimationFrame(() => {
    progressFrame = 0;
    const { stage, file, fraction } = lastProgress;
    const bar = $('progress');
    bar.hidden = false;
    bar.value = Math.round(fraction * 100);
    const name = [...state.files, ...state.previous][file]?.name || '';
    status(`${t(STAGES[stage] || 'stageCheck', { file: name })} ${Math.round(fraction * 100)} %`);
  });
}

function endProgress() {
  cancelAnimationFrame(progressFrame);
  progressFrame = 0;
  const bar = $('progress');
  bar.value = 100;
  bar.hidden = true;
}

function alertBox(messages) {
  $('alerts').replaceChildren(...messages.map((m) => el('p', { class: 'alert' }, bidi(m))));
}

// A mapping the core cannot use (a loaded file, or one kept from another
// rulebook version): said, and the one before it (or none) used instead.
function mappingRefused(problems) {
  const lines = [t('mappingProblems', { count: problems.length }), ...problems.slice(0, 10).map((p) => `${p.path}: ${p.message}`)];
  state.mapping = state.mappingBefore || emptyMapping(state.rulebook.info.id);
  state.mappingBefore = null;
  storeMapping(state.rulebook.info.id, state.mapping);
  revalidate({ keep: false }).then(() => alertBox(lines));
}

function checkFailed(error) {
  if (error.id === 'mapping.unusable') {
    endProgress();
    setBusy(false);
    mappingRefused(error.problems);
  } else engineFailure(error);
}

function engineFailure(error) {
  endProgress();
  setBusy(false);
  document.body.dataset.state = 'error';
  alertBox([error.outOfMemory ? t('outOfMemory') : t('engineFailed', { message: error.message })]);
  status('');
}

// ---- Validation

async function validate(files) {
  if (!files.length) return;
  if (!state.rulebook) {
    state.pending = [...files];  // dropped while the engine loads: checked once it is ready
    return;
  }
  state.files = [...files];
  const generation = ++state.generation;
  const started = performance.now();
  setBusy(true);
  alertBox([]);
  progress({ stage: 'load', file: 0, files: files.length, fraction: 0 });
  try {
    const report = await check();
    if (generation !== state.generation) return;
    showReport(report, { keep: false });
    status(t('statusDone', { count: files.length, seconds: formatNumber(Math.round((performance.now() - started) / 10) / 100) }));
    if (report.language && report.language !== language()) revalidate();  // the language changed meanwhile
  } catch (error) {
    if (generation === state.generation && !cancelled(error)) checkFailed(error);
  }
}

// The report of the files (with last year's return and the mapping in use), parsed.
async function check() {
  const mapping = isEmpty(state.mapping) ? '' : mappingText(state.mapping);
  running?.abort();
  running = new AbortController();
  const answer = await engine.call('validate',
    { files: state.files, previous: state.previous, language: language(), mapping, part: $('part').checked },
    progress, running.signal);
  return JSON.parse(answer.reportJson);
}

// A mapping said in the panel (or loaded, or forgotten): kept for the rulebook, and the files checked again.
async function useMapping(mapping) {
  state.mappingBefore = state.mapping;
  state.mapping = mapping;
  await revalidate({ keep: false });
}

// The same files again: another language (keep the selection) or another rulebook.
async function revalidate({ keep = true } = {}) {
  if (!state.report) return;
  const generation = ++state.generation;
  setBusy(true);
  try {
    const report = await check();
    if (generation !== state.generation) return;
    showReport(report, { keep });
    status('');
  } catch (error) {
    if (generation === state.generation && !cancelled(error)) checkFailed(error);
  }
}

function showReport(report, { keep }) {
  endProgress();
  setBusy(false);
  // The core used the mapping: it is kept for this rulebook.
  storeMapping(state.rulebook.info.id, state.mapping);
  state.mappingBefore = null;
  state.report = report;
  // How many reports this page has shown (tests and the benchmark wait on it).
  document.body.dataset.reports = String(Number(document.body.dataset.reports || 0) + 1);
  const unreadable = unreadableFiles(report).map(({ file, message }) => t('unreadable', { file, message }));
  alertBox(unreadable);
  $('report').hidden = false;
  $('report-files').replaceChildren(...bidi(t('reportFiles', {
    files: report.files.filter((f) => !f.previous).map((f) => f.file).join(punctuation('comma')), rulebook: report.rulebook.id, version: report.rulebook.version,
  })));
  renderSummary(report, state.rulebook);
  const selected = keep ? state.selected : -1;
  findings.setReport(report, state.rulebook, { keep });
  sheetView.reset(report);
  pyramid.setReport(report, state.rulebook);
  heatmap.setReport(report, state.rulebook);
  mappingPanel.setReport(report, state.rulebook, state.mapping);
  if (selected >= 0 && report.findings[selected]) {
    findings.select(selected, { focus: false });
  } else {
    state.selected = -1;
    renderDetails(null, state.rulebook, {});
    sheetView.show(0, null).catch(() => {});
  }
  // A new report, drawn: the page moves to it (on a phone it is far below the drop zone) and focus
  // goes to it, so that a screen reader announces it; an unreadable file's alert above it stays in view.
  if (!keep) {
    $('report').focus({ preventScroll: true });
    (unreadable.length ? $('alerts') : $('report')).scrollIntoView({ block: 'start' });
  }
}

function selectFinding(finding, index) {
  state.selected = index;
  renderDetails(finding, state.rulebook, { onCell: (ref) => showRelated(finding, ref) });
  sheetView.reveal(finding).catch(() => {});
}

// A related cell of a finding, perhaps on another sheet or in another file
// (a partner's return): that file's sheet opens at that cell.
function showRelated(finding, ref) {
  const at = parseCellPath(ref);
  if (!at) return;
  const file = at.file ?? finding.file;
  const sheet = at.sheet ?? finding.sheet;
  if (file === finding.file && sheet === finding.sheet) {
    sheetView.scrollTo(at.cell);
    return;
  }
  sheetView.reveal({ file, sheet, cell: at.cell, related_cells: [] }).catch(() => {});
}

// A pyramid bar: its finding if it has one, else its cell.
function showObservation(table, i, finding) {
  const index = finding ? state.report.findings.indexOf(finding) : -1;
  if (index >= 0) {
    findings.select(index);
    return;
  }
  const sheet = table.sheetNames[table.sheet[i]];
  sheetView.reveal({ file: table.file, sheet, cell: refOf(table.row[i], table.column[i]), related_cells: [] }).catch(() => {});
}

// ---- Rulebook

function showRulebookName() {
  if (state.bundled) $('rulebook-bundled-name').replaceChildren(...bidi(t('rulebookBundledName', { title: state.bundled.title, version: state.bundled.version })));
  if (state.own && state.rulebook !== state.bundled) {
    $('rulebook-status').replaceChildren(el('p', {}, bidi(t('rulebookLoaded', { title: state.rulebook.title, version: state.rulebook.version, file: state.own.name }))));
  }
}

// A rulebook file of the user's: read, then loaded by the engine (which checks it).
async function chooseRulebookFile(file) {
  if (!file) return;
  try {
    await useRulebook({ name: file.name, json: await file.text() });
  } catch {
    $('rulebook-status').replaceChildren(el('p', { class: 'alert' }, bidi(t('rulebookUnreadable', { file: file.name }))));
  }
}

// {name, json}: the user's rulebook; null: the last one that loaded, if any.
async function useRulebook(own) {
  const box = $('rulebook-status');
  own = own || state.lastOwn;
  if (!own) {
    box.replaceChildren(el('p', {}, t('rulebookChoose')));
    return;
  }
  let answer;
  try {
    answer = await engine.call('rulebook', { json: own.json });
  } catch (error) {
    engineFailure(error);
    return;
  }
  if (answer.problems) {
    $('rulebook-bundled').checked = true;
    await useBundled();
    box.replaceChildren(
      el('p', { class: 'alert', role: 'alert' }, bidi(t('rulebookProblems', { file: own.name, count: answer.problems.length }))),
      el('ul', { class: 'problems' }, answer.problems.slice(0, 50).map((p) => el('li', {}, el('code', { dir: 'ltr' }, p.path), ': ', bidi(p.message)))));
    return;
  }
  $('rulebook-own').checked = true;
  state.own = own;
  state.lastOwn = own;
  state.rulebook = new RulebookInfo(answer.rulebook);
  state.mapping = storedMapping(state.rulebook.info.id);
  showRulebookName();
  await revalidate({ keep: false });
}

async function useBundled() {
  const changed = state.rulebook !== state.bundled;
  state.own = null;
  try {
    await engine.call('rulebook', { json: '' });
  } catch (error) {
    engineFailure(error);
    return;
  }
  state.rulebook = state.bundled;
  state.mapping = storedMapping(state.rulebook.info.id);
  $('rulebook-status').replaceChildren();
  if (changed) await revalidate({ keep: false });
}

// After a crash the worker starts again with the bundled rulebook.
engine.onRestart = () => {
  if (state.own) engine.call('rulebook', { json: state.own.json }).catch(() => {});
};

// ---- Downloads

const DOWNLOADS = {
  json: ['.migcheck.json', 'application/json'],
  html: ['.migcheck.html', 'text/html'],
  sarif: ['.migcheck.sarif', 'application/sarif+json'],
  'sdmx-csv': ['.sdmx.csv', 'text/csv'],
};

async function download(format) {
  let text;
  try {
    ({ text } = await engine.call('format', { name: format }));
  } catch (error) {
    engineFailure(error);
    return;
  }
  if (!text) {
    alertBox([t('downloadFailed')]);
    return;
  }
  const base = (state.files[0]?.name || 'report').replace(/\.[^.]*$/, '') + (state.files.length > 1 ? `-and-${state.files.length - 1}-more` : '');
  const [suffix, type] = DOWNLOADS[format];
  saveText(text, base + suffix, type);
}

// ---- Last year's return, the template

// Last year's return: kept for the next validations; the current files are checked again with it.
function choosePrevious(files) {
  state.previous = [...files];
  $('previous-chosen').hidden = !state.previous.length;
  $('previous-names').replaceChildren(...bidi(t('previousChosen', { files: state.previous.map((f) => f.name).join(punctuation('comma')) })));
  if (state.report) revalidate({ keep: false });
}

async function downloadTemplate() {
  const lang = language();
  try {
    const { bytes } = await engine.call('template', { language: lang });
    const id = state.rulebook?.info.id || 'rulebook';
    saveText(bytes, `${id}-return-template-${lang}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  } catch (error) {
    alertBox([t('templateFailed', { message: error.message })]);
  }
}

// ---- The user's own workbook, annotated

async function downloadAnnotated(file) {
  try {
    const { bytes, name } = await engine.call('annotate', { file });
    const base = name.replace(/\.xlsx$/i, '');
    saveText(bytes, `${base}.migcheck.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  } catch (error) {
    alertBox([t('annotateFailed', { message: error.message })]);
  }
}

// ---- The agencies' files as one return

async function downloadAssembled() {
  try {
    const { bytes } = await engine.call('assemble', { language: language() });
    // "uga-2024-return.xlsx", as the return's country and year.
    const first = state.report?.files.find((f) => !f.previous && f.reporting_country);
    const base = first ? `${first.reporting_country}-${first.reference_year}`.toLowerCase() : 'return';
    saveText(bytes, `${base}-return.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  } catch (error) {
    alertBox([t('assembleFailed', { message: error.message })]);
  }
}

// ---- Language

// One button per language of the catalogue, named in its own language and written in its direction.
for (const code of LANGUAGES) {
  const button = el('button', { type: 'button', id: `lang-${code}`, lang: code, dir: directionOf(code), 'aria-pressed': code === language() ? 'true' : 'false' },
    languageName(code));
  button.addEventListener('click', () => chooseLanguage(code));
  $('languages').append(button);
}

function chooseLanguage(lang) {
  if (!setLanguage(lang)) return;
  for (const code of LANGUAGES) $(`lang-${code}`).setAttribute('aria-pressed', code === lang ? 'true' : 'false');
}

onLanguageChange(() => {
  document.title = `migcheck — ${t('tagline')}`;
  showRulebookName();
  if (state.previous.length) $('previous-names').replaceChildren(...bidi(t('previousChosen', { files: state.previous.map((f) => f.name).join(punctuation('comma')) })));
  if (!state.report) {
    if (state.bundled) status(t('statusReady'));
    return;
  }
  // The interface changes at once; the core then writes the messages again in this language.
  showReport(state.report, { keep: true });
  status(t('stageLanguage'));
  revalidate();
});

// ---- Wiring

$('files').addEventListener('change', (e) => {
  const files = [...e.target.files];
  e.target.value = '';  // choosing the same file again (after correcting it) checks it again
  validate(files);
});
$('previous-files').addEventListener('change', (e) => {
  const files = [...e.target.files];
  e.target.value = '';
  choosePrevious(files);
});
$('previous-clear').addEventListener('click', () => choosePrevious([]));
// One agency's part, or the whole return: the same files checked again.
$('part').addEventListener('change', () => {
  if (state.report) revalidate({ keep: false });
});
$('template').addEventListener('click', () => downloadTemplate());
$('summary').addEventListener('click', (event) => {
  const button = event.target.closest('.annotate-button');
  if (button) downloadAnnotated(Number(button.dataset.file));
  if (event.target.closest('.assemble-button')) downloadAssembled();
});
// A drop on last year's zone sets last year's return; anywhere else, the files to check.
$('cancel').addEventListener('click', () => running?.abort());

const drop = $('drop');
const dropPrevious = $('drop-previous');
const zoneOf = (e) => (e.target.closest?.('#drop-previous') ? dropPrevious : drop);
window.addEventListener('dragover', (e) => {
  e.preventDefault();
  const zone = zoneOf(e);
  zone.classList.add('over');
  (zone === drop ? dropPrevious : drop).classList.remove('over');
});
window.addEventListener('dragleave', (e) => {
  if (!e.relatedTarget) for (const zone of [drop, dropPrevious]) zone.classList.remove('over');
});
window.addEventListener('drop', (e) => {
  e.preventDefault();
  const zone = zoneOf(e);
  for (const z of [drop, dropPrevious]) z.classList.remove('over');
  if (!e.dataTransfer?.files.length) return;
  if (zone === dropPrevious) choosePrevious(e.dataTransfer.files);
  // A new file while another is checked: the worker takes it next, and only its report is shown.
  else validate(e.dataTransfer.files);
});
$('rulebook-bundled').addEventListener('change', () => useBundled());
$('rulebook-own').addEventListener('change', () => useRulebook(null));
$('rulebook-file').addEventListener('change', (e) => {
  const file = e.target.files[0];
  e.target.value = '';  // the same file again (after correcting it) is read again
  chooseRulebookFile(file);
});
for (const button of document.querySelectorAll('.downloads button')) button.addEventListener('click', () => download(button.dataset.format));
$('next-error').addEventListener('click', () => findings.step(1));
$('prev-error').addEventListener('click', () => findings.step(-1));
document.addEventListener('keydown', (e) => {
  if (!state.report || e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.target.closest('input, select, textarea, [contenteditable]')) return;
  // N, P: the next and previous problem; Shift+N, Shift+P: the next and previous cell of this one.
  const move = e.shiftKey ? (d) => findings.stepWithin(d) : (d) => findings.step(d);
  if (e.key === 'n' || e.key === 'N') move(1);
  else if (e.key === 'p' || e.key === 'P') move(-1);
});

// ---- Start

const wanted = preferredLanguage(new URLSearchParams(location.search).get('lang') || navigator.language);
translate();
chooseLanguage(wanted);
document.title = `migcheck — ${t('tagline')}`;
status(t('statusLoading'));
// Offline: once visited, the page works with no network (web/sw.js keeps its own files).
if ('serviceWorker' in navigator && window.isSecureContext) navigator.serviceWorker.register('sw.js').catch(() => {});

engine.ready.then(({ version, rulebook }) => {
  state.bundled = new RulebookInfo(rulebook);
  state.rulebook = state.bundled;
  state.mapping = storedMapping(state.rulebook.info.id);
  $('version').textContent = version;
  showRulebookName();
  document.body.dataset.state = 'ready';
  performance.mark('migcheck-ready');
  status(t('statusReady'));
  if (state.pending) {
    const files = state.pending;
    state.pending = null;
    validate(files);
  }
}, (error) => engineFailure(error));
