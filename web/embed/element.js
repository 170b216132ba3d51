// <migcheck-validator>: a drop zone, a progress bar, the report's summary and
// (unless `compact`) its findings with what to do, in a shadow root. It
// renders the core's JSON report and nothing else; every string from a file
// or a rulebook enters the DOM as text (web/js/dom.js's el()).
import { bidi, el } from '../js/dom.js';
import { RulebookInfo } from '../js/rulebook.js';
import { fileFacts, summaryNotes, summaryTiles, unreadableFiles } from '../js/report-facts.js';
import { createValidator } from './validator.js';
import { sheet } from './styles.js';
import { direction, formatNumber, supportedLanguage, word as catalogueWord } from '../js/words.js';

// The element's words (element.* in the catalogue) in the instance's own language.
const word = (lang, key, params) => catalogueWord(lang, `element.${key}`, params);
// The core's progress stages and their words.
const STAGES = { load: 'stageLoad', read: 'stageRead', recognise: 'stageRecognise', check: 'stageCheck', across: 'stageAcross' };

const PAGE = 100;  // findings drawn at a time ("Show 100 more")
const SEVERITIES = ['error', 'warning', 'info'];

export class MigcheckValidatorElement extends HTMLElement {
  static observedAttributes = ['rulebook', 'lang', 'compact', 'mapping'];

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.shadowRoot.adoptedStyleSheets = [sheet];
    this.files = [];          // the files of the last validation (validated again in another language)
    this.report = null;
    this.setInfo(null);       // {version, rulebook} from the validator
    this.shown = PAGE;
    this.generation = 0;      // answers to an older request are not shown
    this.build();
  }

  // The language of the interface and the messages: the lang attribute, else the page's.
  get language() {
    return supportedLanguage(this.getAttribute('lang') || this.parentElement?.closest('[lang]')?.lang || document.documentElement.lang);
  }

  // Resolves with {version, rulebook} when the validator can take files.
  get ready() {
    return this.validator ? this.validator.ready : Promise.reject(new Error('migcheck: the element is not in a document'));
  }

  connectedCallback() {
    if (!this.validator) this.start();
  }

  disconnectedCallback() {
    // A move in the DOM disconnects and reconnects at once: keep the worker then.
    queueMicrotask(() => {
      if (!this.isConnected) this.stop();
    });
  }

  attributeChangedCallback(name, before, value) {
    if (before === value) return;
    if (name === 'rulebook' && this.validator) {
      this.stop();
      this.start();
      if (this.files.length) this.run().catch(() => {});  // the same files against the new rulebook
    } else if (name === 'lang') {
      this.languageChanged();
    } else if (name === 'mapping') {
      if (this.files.length && this.validator) this.run().catch(() => {});  // the same files, read with the new mapping
    } else if (name === 'compact') {
      this.renderFindings();
    }
  }

  // What sheets, columns and labels mean (docs/mapping.md): an object or JSON text; it wins over
  // the mapping attribute (a URL or inline JSON). Setting it checks the files again.
  get mapping() { return this.mappingValue; }
  set mapping(value) {
    this.mappingValue = value ?? undefined;
    if (this.files.length && this.validator) this.run().catch(() => {});
  }

  // Validates files (a FileList or an array of File / {name, bytes}) as one return; `signal` (an
  // AbortSignal) cancels it: the promise rejects with an AbortError and the element says so.
  async validate(files, { signal } = {}) {
    const list = files instanceof FileList || Array.isArray(files) ? [...files] : [files];
    if (!list.length || !this.validator) return null;
    this.files = list;
    this.shown = PAGE;
    return this.run(signal);
  }

  // ---- The validator

  start() {
    this.validator = createValidator({ rulebook: this.getAttribute('rulebook') || undefined, language: this.language });
    const validator = this.validator;
    this.setState('loading');
    this.status('loading');
    validator.ready.then((info) => {
      if (validator !== this.validator) return;
      this.setInfo(info);
      if (this.getAttribute('state') === 'loading') {
        this.setState('ready');
        this.status('ready');
      }
    }, (error) => {
      if (validator !== this.validator) return;
      this.broken = error;  // said once here, not again by each validation waiting for it
      this.fail(error);
    });
  }

  stop() {
    this.validator?.close();
    this.validator = null;
    this.setInfo(null);
    this.broken = null;
    this.generation++;  // the closed validator's answers are not shown
  }

  async run(signal) {
    if (this.broken) {
      this.fail(this.broken);
      throw this.broken;
    }
    const generation = ++this.generation;
    const validator = this.validator;
    this.asked = this.language;
    validator.setLanguage(this.language);
    this.setState('busy');
    this.parts.alerts.replaceChildren();
    this.progress({ stage: 'load', file: 0, files: this.files.length, fraction: 0 }, generation);
    try {
      const report = await validator.validate(this.files, {
        onProgress: (p) => this.progress(p, generation),
        mapping: this.mapping ?? (this.getAttribute('mapping') || undefined),
        signal,
      });
      if (generation !== this.generation) return report;
      this.setInfo(await validator.ready);
      this.report = report;
      this.endProgress();
      this.setState('done');
      this.status('done', { files: report.files.filter((f) => !f.previous).map((f) => f.file).join(catalogueWord(this.language, 'punctuation.comma')) });
      this.render();
      this.emit('validated', { report });
      return report;
    } catch (error) {
      if (generation === this.generation && error?.name === 'AbortError') {
        this.endProgress();
        this.setState('ready');
        this.status('cancelled');
      } else if (generation === this.generation && error !== this.broken) {
        this.fail(error);
      }
      throw error;
    }
  }

  // The words change at once; the core then writes the messages again in the new
  // language (a validation under way is superseded: only the newest is shown).
  languageChanged() {
    this.renderWords();
    if (this.files.length && this.validator && this.asked !== this.language) {
      this.run().catch(() => {});  // the failure is shown and sent as an `error` event
    }
  }

  fail(error) {
    this.endProgress();
    this.setState('error');
    const problems = error.problems || [];
    const message = error.message || String(error);
    const which = error.name === 'MappingError' ? 'mappingProblems' : 'rulebookProblems';
    const lead = el('p', {}, bidi(problems.length ? word(this.language, which, { count: problems.length })
      : error.outOfMemory ? word(this.language, 'outOfMemory') : word(this.language, 'failed', { message }), direction(this.language)));
    const dir = direction(this.language);
    const list = el('ul', { class: 'problems', part: 'problems' }, problems.slice(0, 50).map((p) => el('li', {}, bidi(`${p.path}: ${p.message}`, dir))));
    this.parts.alerts.replaceChildren(lead, ...(problems.length ? [list] : []));
    this.status(null);
    this.emit('error', { message, problems: problems.length ? problems : undefined });
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  setState(state) {
    this.setAttribute('state', state);
    this.parts.root.setAttribute('aria-busy', state === 'busy' || state === 'loading' ? 'true' : 'false');
  }

  // The status line: a word of words.js (kept, to be written again in another language), or null.
  status(key, params = {}) {
    this.statusWord = key ? [key, params] : null;
    this.parts.status.replaceChildren(...(key ? bidi(word(this.language, key, params), direction(this.language)) : []));
  }

  // Every progress message becomes an event; the bar is drawn once per frame.
  progress(detail, generation) {
    if (generation !== this.generation) return;
    this.emit('progress', { ...detail });
    this.lastProgress = detail;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const { stage, file, fraction } = this.lastProgress;
      this.parts.progress.hidden = false;
      this.parts.progress.value = Math.round(fraction * 100);
      const name = this.files[file]?.name || '';
      this.statusWord = null;
      this.parts.status.replaceChildren(...bidi(`${word(this.language, STAGES[stage], { file: name })} ${Math.round(fraction * 100)} %`, direction(this.language)));
    });
  }

  endProgress() {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.parts.progress.hidden = true;
  }

  // ---- The shadow DOM

  build() {
    const input = el('input', { type: 'file', multiple: true, accept: '.xlsx,.xlsm,.csv,.tsv,.txt', part: 'input' });
    const drop = el('label', { class: 'drop', part: 'dropzone' },
      input, el('span', { class: 'drop-main' }), el('span', { class: 'drop-help' }));
    const progress = el('progress', { part: 'progress', max: 100, value: 0, hidden: true });
    const status = el('p', { class: 'status', part: 'status', role: 'status', 'aria-live': 'polite' });
    const alerts = el('div', { class: 'alerts', part: 'alerts', role: 'alert' });
    const summary = el('section', { class: 'summary', part: 'summary', hidden: true });
    const findings = el('section', { class: 'findings', part: 'findings', hidden: true });
    const root = el('div', { class: 'root', part: 'container' },
      drop, el('div', { class: 'status-row' }, progress, status), alerts, summary, findings);
    this.shadowRoot.append(root);
    this.parts = { root, input, drop, progress, status, alerts, summary, findings };

    input.addEventListener('change', () => {
      const files = [...input.files];
      input.value = '';  // the same file again, once corrected, is checked again
      this.validate(files).catch(() => {});  // shown, and sent as an `error` event
    });
    drop.addEventListener('dragover', (e) => {
      e.preventDefault();
      drop.classList.add('over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      if (e.dataTransfer?.files.length) this.validate(e.dataTransfer.files).catch(() => {});
    });
    this.renderWords();
  }

  renderWords() {
    const lang = this.language;
    const [main, help] = this.parts.drop.querySelectorAll('span');
    main.textContent = word(lang, 'dropMain');
    help.textContent = word(lang, 'dropHelp');
    // The direction of the element's language (its catalogue's language.direction), on its container:
    // two elements of one page may have two languages and two directions.
    this.parts.root.lang = lang;
    this.parts.root.dir = direction(lang);
    if (this.statusWord) this.status(...this.statusWord);
    if (this.report) this.render();
  }

  render() {
    this.renderSummary();
    this.renderFindings();
  }

  renderSummary() {
    const report = this.report;
    const lang = this.language;
    const box = this.parts.summary;
    const say = (key, params) => word(lang, key, params);
    const count = (n) => formatNumber(lang, n);
    const dir = direction(lang);
    const tiles = el('div', { class: 'tiles' }, summaryTiles(report).map(({ key, value, kind }) =>
      el('div', { class: `tile ${kind}`, part: `tile tile-${key}`, dataset: { summary: key } },
        el('span', { class: 'value', part: 'count' }, count(value)), el('span', { class: 'label' }, say(key)))));
    const files = el('ul', { class: 'files', part: 'files' }, report.files.filter((f) => !f.previous).map((f) => {
      const comma = catalogueWord(lang, 'punctuation.comma');
      const facts = fileFacts(f, say, (code) => this.rulebook?.countryLabel(code) ?? code, comma);
      const tablesText = f.tables.map((tb) => `${tb.table} (${say('observations', { count: count(tb.observations) })})`).join(comma);
      return el('li', { dataset: { file: f.file } }, el('strong', {}, bidi(f.file, dir)), facts ? bidi(` — ${facts}`, dir) : '',
        tablesText ? el('span', { class: 'muted' }, bidi(` — ${tablesText}`, dir)) : '');
    }));
    const notes = summaryNotes(report).map((key) =>
      el('p', { class: 'note', part: key === 'noFindings' ? 'no-findings' : null }, say(key)));
    box.replaceChildren(tiles, files, ...notes);
    box.hidden = false;
    // An unreadable file is an error finding of the report, and said at the top as well.
    this.parts.alerts.replaceChildren(...unreadableFiles(report).map(({ file, message }) =>
      el('p', { dataset: { file } }, bidi(say('unreadable', { file, message }), dir))));
  }

  renderFindings() {
    const box = this.parts.findings;
    if (!this.report || this.hasAttribute('compact') || !this.report.findings.length) {
      box.replaceChildren();
      box.hidden = true;
      return;
    }
    const lang = this.language;
    const dir = direction(lang);
    const several = this.report.files.length > 1;
    // One item per problem: its first finding, and how many more cells have the same problem.
    const sorted = SEVERITIES.flatMap((s) => (this.report.problems || []).filter((p) => p.severity === s));
    const items = sorted.slice(0, this.shown).map((f) => {
      const place = f.sheet && f.cell ? `${f.sheet}!${f.cell}` : f.sheet || f.table || word(lang, 'wholeFile');
      const todo = this.instruction(f.rule);
      const comma = catalogueWord(lang, 'punctuation.comma');
      const others = f.cells.slice(1, 9).join(comma) + (f.count > 9 ? `${comma}…` : '');
      return el('li', { class: `finding ${f.severity}`, part: `finding finding-${f.severity}`, dataset: { rule: f.rule } },
        el('span', { class: 'sev', part: 'severity' }, word(lang, f.severity)),
        el('span', { class: 'where', part: 'where' }, bidi(several ? `${f.file} · ${place}` : place, dir)),
        el('p', { class: 'message', part: 'message' }, bidi(f.message, dir)),
        f.count > 1 ? el('p', { class: 'same', part: 'same' },
          bidi(word(lang, 'moreOfSame', { count: f.count - 1 }) + (others ? `: ${others}` : ''), dir)) : null,
        todo ? el('p', { class: 'instruction', part: 'instruction' }, el('strong', {}, word(lang, 'whatToDo')), ' ', bidi(todo, dir)) : null);
    });
    const rest = sorted.length - items.length;
    const more = rest > 0 ? el('button', {
      type: 'button', class: 'more', part: 'more',
      onclick: () => {
        this.shown += PAGE;
        this.renderFindings();
      },
    }, word(lang, 'more', { count: Math.min(rest, PAGE) })) : null;
    box.replaceChildren(el('h3', {}, word(lang, 'findings')), el('ol', {}, items), ...(more ? [more] : []));
    box.hidden = false;
  }

  // What to do about a finding: the rule's instruction, or the built-in family's (as on the migcheck page).
  instruction(ruleId) {
    return this.rulebook?.explain(ruleId).instruction ?? '';
  }

  // The validator's {version, rulebook}, and lookups in that rulebook in this element's language.
  setInfo(info) {
    this.info = info;
    this.rulebook = info ? new RulebookInfo(info.rulebook, () => this.language) : null;
  }
}
