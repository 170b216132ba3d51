// The engine's thread: the wasm module runs here, so the page never freezes.
// Requests are {id, op, ...}; answers {id, result} or {id, error}, and
// {id, progress} while a validation runs. Files stay in this worker (their
// bytes are copied into the wasm heap once per validation, then freed).
import createMigcheck from './migcheck.mjs';
import { SAMPLES } from './warmup-sample.js';

const ready = createMigcheck();
let mod = null;
let session = null;        // Module.Session: the rulebook and the last report
let inputs = [];           // [{name, bytes: Uint8Array, previous}] of the last validation, as the report's files
const views = new Map();   // file index -> Module.WorkbookView (sheet view)
let warm = false;          // the samples have been validated (warmUp)

function clearViews() {
  for (const view of views.values()) view.delete();
  views.clear();
}

// Copies bytes into the wasm heap; fn gets the pointers; the heap copies are freed.
function withHeap(list, fn) {
  const pointers = [];
  try {
    const placed = list.map(({ name, bytes, previous = false }) => {
      const pointer = mod._malloc(Math.max(bytes.length, 1));
      if (!pointer) throw Object.assign(new Error('out of memory'), { outOfMemory: true });
      pointers.push(pointer);
      mod.HEAPU8.set(bytes, pointer);  // HEAPU8 re-read each time: growth replaces it
      return { pointer, length: bytes.length, name, previous };
    });
    return fn(placed);
  } finally {
    for (const p of pointers) mod._free(p);
  }
}

// Validates the bundled samples a few times so that V8 optimises the hot code
// before the user's first file (web/warmup-sample.js says why). Its report is
// dropped: the next validation replaces it.
function warmUp() {
  if (warm) return;
  warm = true;
  const samples = SAMPLES.map(({ name, base64 }) => ({ name, bytes: Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)) }));
  for (let round = 0; round < 2; round++)
    for (const sample of samples) withHeap([sample], (placed) => session.validate(placed, { language: 'en' }));
}

// The report's JSON text: sent as text, a string is copied at once, while a
// parsed report of thousands of findings costs more to pass than to parse.
function run(language, mapping, progress) {
  warmUp();
  let last = -1;
  return withHeap(inputs, (placed) => session.validate(placed, {
    language,
    mapping,
    browserLimits: true,
    onProgress(stage, file, files, fraction) {
      // A few hundred calls at most; pass on whole-percent changes only.
      const percent = Math.floor(fraction * 100);
      if (percent === last) return;
      last = percent;
      progress({ stage, file, files, fraction });
    },
  }));
}

const ops = {
  async init() {
    mod = await ready;
    session = new mod.Session('');
    setTimeout(warmUp, 0);  // right after the page hears that the engine is ready
    return { version: mod.version(), rulebook: JSON.parse(session.rulebookInfoJson()) };
  },

  // {json: text} loads a rulebook ('' = the bundled one); problems leave the current one in place.
  rulebook({ json }) {
    const next = new mod.Session(json || '');
    const problems = next.problemsJson();
    if (problems) {
      next.delete();
      return { problems: JSON.parse(problems).rulebook_problems };
    }
    session.delete();
    session = next;
    return { rulebook: JSON.parse(session.rulebookInfoJson()) };
  },

  // {files: [File], previous: [File], language, mapping}: reads the files, validates
  // them as one return; `previous` is last year's return (optional), used by
  // the checks over time; `mapping` a mapping file's text ('' for none). The
  // report lists the files, then the previous ones.
  async validate({ files, previous = [], language, mapping = '' }, progress) {
    clearViews();
    inputs = [];
    const all = [...files, ...previous];
    for (let i = 0; i < all.length; i++) {
      progress({ stage: 'load', file: i, files: all.length, fraction: 0 });
      inputs.push({ name: all[i].name, bytes: new Uint8Array(await all[i].arrayBuffer()), previous: i >= files.length });
    }
    return { reportJson: run(language, mapping, progress) };
  },

  // {language}: a blank return (XLSX bytes) for the rulebook in use.
  template({ language }) {
    const bytes = session.templateXlsx(language);
    if (!bytes.length) throw new Error('the template could not be written');
    return { bytes };
  },

  // The last report written by the core as json, html, sarif, sdmx-csv, junit or text.
  format({ name }) {
    return { text: session.format(name, false) };
  },

  // The recognised observations of one table, column-wise.
  table({ file, table }) {
    const json = session.tableJson(file, table);
    return { table: json ? JSON.parse(json) : null };
  },

  // The sheets of one file, read once and kept for the sheet view.
  sheets({ file }) {
    const view = viewOf(file);
    if (!view) return { error: null, sheets: [] };
    const error = view.errorJson();
    return { error: error ? JSON.parse(error).error : null, sheets: JSON.parse(view.sheetsJson()) };
  },

  // Cells of rows first..last (0-based) of one sheet: [[row, col, type, value, formula]...].
  rows({ file, sheet, first, last }) {
    const view = viewOf(file);
    return { rows: view ? JSON.parse(view.rowsJson(sheet, first, last)) : [] };
  },
};

function viewOf(file) {
  if (!views.has(file)) {
    const input = inputs[file];
    if (!input) return null;
    views.set(file, withHeap([input], ([p]) => new mod.WorkbookView(p.pointer, p.length, p.name, true)));
  }
  return views.get(file);
}

async function handle({ id, op, ...args }) {
  try {
    if (!mod && op !== 'init') await ops.init();
    const result = await ops[op](args, (progress) => self.postMessage({ id, progress }));
    self.postMessage({ id, result });
  } catch (error) {
    // A wasm trap may leave the module unusable: the page restarts this worker.
    self.postMessage({ id, error: String(error?.message || error), outOfMemory: !!error?.outOfMemory });
  }
}

// One request at a time, in order: a validation awaits its files' bytes, and a
// second one started meanwhile would mix its files into the first's inputs.
let queue = Promise.resolve();
self.onmessage = (event) => {
  queue = queue.then(() => handle(event.data));
};
