// The one owner of the wasm module's objects, for every host: the page's
// worker (web/worker.js), Node (wasm/js/node-loader.cjs: tests, benchmark)
// and, through the worker, the embedded element. Bytes go in as Uint8Arrays
// (the core copies them once into memory it owns); every call's status
// becomes a value or a MigcheckError with the error's id; each Session and
// WorkbookView it hands out is deleted by its close(), and a closed one
// refuses further calls instead of touching freed memory. No DOM: it runs in
// a worker and in Node alike. The API is docs/web.md.

// A call the core refused: `id` is stable (docs/web.md lists them), `message`
// is English for the developer, `problems` lists an unusable rulebook's or
// mapping's problems ({path, message}), `params` a reader's error's facts ({limit, value}).
export class MigcheckError extends Error {
  constructor({ id, message, problems, params }) {
    super(message);
    this.name = 'MigcheckError';
    this.id = id;
    if (problems) this.problems = problems;
    if (params) this.params = params;
  }
}

function unwrap(status) {
  if (status.ok) return status.value;
  throw new MigcheckError(status.error);
}

function asBytes(bytes) {
  if (bytes instanceof Uint8Array) return bytes;
  if (ArrayBuffer.isView(bytes)) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  throw new TypeError('migcheck: bytes must be a Uint8Array, another ArrayBuffer view or an ArrayBuffer');
}

// A wasm object with an owner: close() deletes it once; later calls are refused.
class Owned {
  constructor(object, what) {
    this.object = object;
    this.what = what;
  }

  use() {
    if (!this.object) throw new MigcheckError({ id: 'closed', message: `migcheck: this ${this.what} was closed` });
    return this.object;
  }

  close() {
    this.object?.delete();
    this.object = null;
  }
}

// One rulebook and the last report.
export class Session extends Owned {
  constructor(object) {
    super(object, 'session');
  }

  // Rulebook information (docs/web.md).
  rulebookInfo() {
    return JSON.parse(unwrap(this.use().rulebookInfo()));
  }

  // files: [{name, bytes, previous}] validated together as one return
  // (previous: last year's return). The report's JSON text, the CLI's document.
  // part: the files are one agency's part of a return (docs/agencies.md).
  validateJson(files, { language = 'en', browserLimits = false, maxFindings = 10000, mapping = '', part = false, onProgress } = {}) {
    const inputs = files.map(({ name, bytes, previous = false }) => ({ name: String(name), bytes: asBytes(bytes), previous }));
    return unwrap(this.use().validate(inputs, { language, browserLimits, maxFindings, mapping, part: Boolean(part), onProgress }));
  }

  // The last report as json, text, junit, sarif, html or sdmx-csv.
  format(name, { strict = false } = {}) {
    return unwrap(this.use().format(String(name), strict));
  }

  // The observations of the last report's table, column by column (typed arrays; docs/web.md).
  table(file, table) {
    return unwrap(this.use().table(file, table));
  }

  // File `file` of the last report annotated (XLSX bytes: migcheck annotate);
  // bytes: that file again.
  annotate(file, bytes) {
    return unwrap(this.use().annotate(file, asBytes(bytes)));
  }

  // The last report's files as one return (XLSX bytes: migcheck assemble), in language.
  assemble(language) {
    return unwrap(this.use().assemble(String(language)));
  }

  // A blank return (XLSX bytes) for the rulebook, in language.
  template(language) {
    return unwrap(this.use().templateXlsx(String(language)));
  }
}

// A read workbook and windows of its rows, for the sheet view.
export class WorkbookView extends Owned {
  constructor(object) {
    super(object, 'workbook view');
  }

  // '' when the file was read, else the JSON of `migcheck dump --json` saying why not.
  errorJson() {
    return unwrap(this.use().error());
  }

  sheets() {
    return JSON.parse(this.use().sheetsJson());
  }

  // Cells of rows first..last (0-based) of one sheet: [[row, column, type, value, formula]...].
  rows(sheet, first, last) {
    return JSON.parse(this.use().rowsJson(sheet, first, last));
  }
}

export class Engine {
  // module: the instantiated Emscripten module (build/wasm/migcheck*.{mjs,cjs}).
  constructor(module) {
    this.module = module;
  }

  version() {
    return this.module.version();
  }

  // The wasm memory's size in bytes (it only grows: the high-water mark).
  heapBytes() {
    return this.module.heapSize();
  }

  // The JSON text of `migcheck dump --json`.
  dumpJson(bytes, fileName, { sheet = '', browserLimits = false } = {}) {
    return unwrap(this.module.dump(asBytes(bytes), { fileName: String(fileName), sheet, browserLimits }));
  }

  // The JSON text of `migcheck inspect --json` (rulebook: its text, '' for the bundled one).
  inspectJson(bytes, fileName, { rulebook = '', language = 'en', observations = false, browserLimits = false } = {}) {
    return unwrap(this.module.inspect(asBytes(bytes), { fileName: String(fileName), rulebook, language, observations, browserLimits }));
  }

  // The JSON text of `migcheck validate --format json FILE`.
  validateJson(bytes, fileName, { rulebook = '', language = 'en', browserLimits = false } = {}) {
    return unwrap(this.module.validate(asBytes(bytes), { fileName: String(fileName), rulebook, language, browserLimits }));
  }

  // {cells, sheetXmlBytes, sheets} of a file read (the benchmark's measure).
  readStats(bytes, fileName, { browserLimits = false } = {}) {
    return unwrap(this.module.readStats(asBytes(bytes), { fileName: String(fileName), browserLimits }));
  }

  // Rulebook information (docs/web.md) for a rulebook's text ('' for the bundled one).
  rulebookInfo(rulebook = '') {
    return JSON.parse(unwrap(this.module.rulebookInfo(rulebook)));
  }

  // A session over a rulebook's text ('' for the bundled one); an unusable
  // rulebook throws MigcheckError rulebook.unusable with its problems.
  createSession(rulebook = '') {
    const object = new this.module.Session(rulebook);
    try {
      unwrap(object.status());
    } catch (error) {
      object.delete();
      throw error;
    }
    return new Session(object);
  }

  openWorkbook(bytes, fileName, { browserLimits = false } = {}) {
    return new WorkbookView(new this.module.WorkbookView(asBytes(bytes), String(fileName), browserLimits));
  }
}
