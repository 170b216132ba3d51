// createValidator(): the module API of the embeddable package. It drives the
// web app's own worker (web/worker.js) through the web app's own client
// (web/js/engine.js), so a portal gets the same core and the same report as
// the migcheck page, byte for byte. One worker per validator.
import { Engine } from '../js/engine.js';

export const FORMATS = ['json', 'html', 'sarif', 'sdmx-csv', 'text', 'junit'];

// A document the core refused; `problems` are [{path, message}] as the CLI lists them.
class RefusedError extends Error {
  constructor(what, problems) {
    const shown = problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`).join('; ');
    super(`migcheck: the ${what} is not usable (${problems.length} problems): ${shown}${problems.length > 5 ? '; …' : ''}`);
    this.problems = problems;
  }
}

// A rulebook the core refused.
export class RulebookError extends RefusedError {
  constructor(problems) {
    super('rulebook', problems);
    this.name = 'RulebookError';
  }
}

// A mapping the core refused (docs/mapping.md).
export class MappingError extends RefusedError {
  constructor(problems) {
    super('mapping', problems);
    this.name = 'MappingError';
  }
}

const baseUrl = () => globalThis.document?.baseURI ?? globalThis.location?.href;

// A rulebook's or a mapping's JSON text ('' = none: the bundled rulebook, no mapping)
// from a URL, JSON text, an object or a Blob.
export async function jsonText(value, what = 'rulebook') {
  if (value === undefined || value === null || value === '') return '';
  if (typeof Blob !== 'undefined' && value instanceof Blob) return value.text();
  if (typeof value === 'object' && !(value instanceof URL)) return JSON.stringify(value);
  const text = String(value);
  if (/^\s*\{/.test(text)) return text;
  const url = new URL(text, baseUrl());
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`migcheck: the ${what} ${url} could not be fetched (${error.message}; does the page's CSP allow connect-src to it?)`);
  }
  if (!response.ok) throw new Error(`migcheck: the ${what} ${url} could not be fetched (HTTP ${response.status})`);
  return response.text();
}

// File | Blob | {name, bytes} | FileList | an array of those -> [File].
function toFiles(input) {
  if (input === undefined || input === null) return [];
  const list = Array.isArray(input) || (typeof FileList !== 'undefined' && input instanceof FileList) ? [...input] : [input];
  return list.map((item, i) => {
    if (item instanceof File) return item;
    // The core tells XLSX from CSV by the bytes, but a CSV file's name gives its table.
    if (item instanceof Blob) return new File([item], `file-${i + 1}`, { type: item.type });
    const bytes = item?.bytes;
    if (bytes instanceof ArrayBuffer || ArrayBuffer.isView(bytes)) return new File([bytes], String(item.name || `file-${i + 1}`));
    throw new TypeError('migcheck: a file must be a File, a Blob or {name, bytes} with bytes a Uint8Array or an ArrayBuffer');
  });
}

class Validator {
  // language: the messages' language (`lang`, the HTML attribute's name, is taken too).
  constructor({ rulebook, language, lang, workerUrl } = {}) {
    this.language = String(language ?? lang ?? 'en');
    this.rulebookJson = '';
    this.queue = Promise.resolve();  // one request at a time: the worker keeps one set of files
    this.workerUrl = workerUrl ? new URL(workerUrl, baseUrl()) : new URL('../worker.js', import.meta.url);
    try {
      this.engine = new Engine(this.workerUrl);
    } catch (error) {
      // A cross-origin URL throws here: a module worker must come from the page's origin.
      this.ready = Promise.reject(this.startError(error));
      this.ready.catch(() => {});
      return;
    }
    // After a crash the worker starts again with the bundled rulebook.
    this.engine.onRestart = () => {
      if (this.rulebookJson) this.restored = this.engine.call('rulebook', { json: this.rulebookJson }).catch(() => {});
    };
    this.ready = this.load(rulebook);
    this.ready.catch(() => {});  // rejections reach whoever awaits ready or validate(), not the console
  }

  startError(error) {
    const reason = error.message && !/could not start/.test(error.message) ? ` (${error.message})` : '';
    return new Error(`migcheck: the worker ${this.workerUrl} could not start${reason}. It must be served, as JavaScript, ` +
      "from this page's origin, and the page's CSP must allow it (worker-src, script-src 'self' 'wasm-unsafe-eval').");
  }

  async load(rulebook) {
    const started = this.engine.ready.catch((error) => { throw this.startError(error); });
    const [json, init] = await Promise.all([jsonText(rulebook), started]);
    if (!json) return init;
    const answer = await this.engine.call('rulebook', { json });
    if (answer.problems) throw new RulebookError(answer.problems);
    this.rulebookJson = json;
    return { version: init.version, rulebook: answer.rulebook };
  }

  // Runs fn after every earlier request, once the validator is ready.
  enqueue(fn) {
    const next = this.queue.then(async () => {
      await this.ready;
      if (this.closed) throw new Error('migcheck: this validator was closed');
      await this.restored;
      return fn();
    });
    this.queue = next.catch(() => {});
    return next;
  }

  // mapping: what sheets, columns and labels mean (docs/mapping.md), as an object, JSON text, a URL or a Blob.
  // signal: an AbortSignal; aborted, the validation stops at once and rejects with an AbortError.
  validate(input, { onProgress, previous, mapping, signal } = {}) {
    const files = toFiles(input);
    if (!files.length) return Promise.reject(new TypeError('migcheck: validate() needs at least one file'));
    const args = { files, language: this.language };
    if (previous !== undefined && previous !== null) args.previous = toFiles(previous);
    return this.enqueue(async () => {
      args.mapping = await jsonText(mapping, 'mapping');
      let answer;
      try {
        answer = await this.engine.call('validate', args, onProgress, signal);
      } catch (error) {
        if (error.id === 'mapping.unusable') throw new MappingError(error.problems);
        throw error;
      }
      return JSON.parse(answer.reportJson);
    });
  }

  format(name) {
    if (!FORMATS.includes(name)) return Promise.reject(new TypeError(`migcheck: format must be one of ${FORMATS.join(', ')}`));
    return this.enqueue(async () => (await this.engine.call('format', { name })).text);
  }

  // The language of the next validations' messages (the rulebook's languages: en, fr).
  setLanguage(lang) {
    this.language = String(lang);
  }

  close() {
    this.closed = true;
    this.engine?.stop('migcheck: this validator was closed');
  }
}

export function createValidator(options = {}) {
  return new Validator(options);
}
