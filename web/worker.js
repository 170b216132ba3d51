// The engine's thread: the wasm module runs here, so the page never freezes.
// The protocol (docs/web.md): requests {id, op, ...args}; answers
// {id, result}, {id, progress} while a validation runs, or {id, error:
// {id, message, problems, trap}}: `id` the core's error id (a MigcheckError),
// or `trap` true when the module itself failed and this worker must be
// replaced. Files stay in this worker; web/engine/engine.mjs owns every wasm object.
import createMigcheck from './migcheck.mjs';
import { Engine, MigcheckError } from './engine/engine.mjs';
import { SAMPLES } from './warmup-sample.js';

const ready = createMigcheck().then((module) => new Engine(module));
let engine = null;
let session = null;        // the rulebook and the last report
let inputs = [];           // [{name, bytes: Uint8Array, previous}] of the last validation, as the report's files
const views = new Map();   // file index -> WorkbookView (sheet view)
let warm = false;          // the samples have been validated (warmUp)

function clearViews() {
  for (const view of views.values()) view.close();
  views.clear();
}

// Validates the bundled samples a few times so that V8 optimises the hot code
// before the user's first file (web/warmup-sample.js says why). Its report is
// dropped: the next validation replaces it.
function warmUp() {
  if (warm) return;
  warm = true;
  const samples = SAMPLES.map(({ name, base64 }) => ({ name, bytes: Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)) }));
  for (let round = 0; round < 2; round++)
    for (const sample of samples) session.validateJson([sample], { language: 'en', browserLimits: true });
}

const ops = {
  async init() {
    engine = await ready;
    session = engine.createSession('');
    setTimeout(warmUp, 0);  // right after the page hears that the engine is ready
    return { version: engine.version(), rulebook: session.rulebookInfo() };
  },

  // {json: text} loads a rulebook ('' = the bundled one); problems leave the current one in place.
  rulebook({ json }) {
    let next;
    try {
      next = engine.createSession(json || '');
    } catch (error) {
      if (error.id === 'rulebook.unusable') return { problems: error.problems };
      throw error;
    }
    session.close();
    session = next;
    return { rulebook: session.rulebookInfo() };
  },

  // {files: [File], previous: [File], language, mapping, part}: reads the files, validates
  // them as one return; `previous` is last year's return (optional), used by
  // the checks over time; `mapping` a mapping file's text ('' for none). The
  // report lists the files, then the previous ones. The report's JSON text:
  // a string is copied at once, while a parsed report of thousands of
  // findings costs more to pass than to parse.
  async validate({ files, previous = [], language, mapping = '', part = false }, progress) {
    clearViews();
    inputs = [];
    const all = [...files, ...previous];
    for (let i = 0; i < all.length; i++) {
      progress({ stage: 'load', file: i, files: all.length, fraction: 0 });
      inputs.push({ name: all[i].name, bytes: new Uint8Array(await all[i].arrayBuffer()), previous: i >= files.length });
    }
    warmUp();
    let last = -1;
    const reportJson = session.validateJson(inputs, {
      language,
      mapping,
      part,
      browserLimits: true,
      onProgress(stage, file, count, fraction) {
        // A few hundred calls at most; pass on whole-percent changes only.
        const percent = Math.floor(fraction * 100);
        if (percent === last) return;
        last = percent;
        progress({ stage, file, files: count, fraction });
      },
    });
    return { reportJson };
  },

  // {file}: that file of the last report (an XLSX), annotated: its faulty cells
  // highlighted and commented, a first sheet listing the problems (XLSX bytes).
  annotate({ file }) {
    const input = inputs[file];
    if (!input) throw new Error(`no file ${file} in the last report`);
    return { bytes: session.annotate(file, input.bytes), name: input.name };
  },

  // {language}: the last report's files as one return (XLSX bytes: migcheck assemble).
  assemble({ language }) {
    return { bytes: session.assemble(language) };
  },

  // {language}: a blank return (XLSX bytes) for the rulebook in use.
  template({ language }) {
    return { bytes: session.template(language) };
  },

  // The last report written by the core as json, html, sarif, sdmx-csv, junit or text.
  format({ name }) {
    return { text: session.format(name) };
  },

  // The recognised observations of one table, column by column in typed arrays.
  table({ file, table }) {
    return { table: session.table(file, table) };
  },

  // The sheets of one file, read once and kept for the sheet view.
  sheets({ file }) {
    const view = viewOf(file);
    if (!view) return { error: null, sheets: [] };
    const error = view.errorJson();
    return { error: error ? JSON.parse(error).error : null, sheets: view.sheets() };
  },

  // Cells of rows first..last (0-based) of one sheet: [[row, col, type, value, formula]...].
  rows({ file, sheet, first, last }) {
    const view = viewOf(file);
    return { rows: view ? view.rows(sheet, first, last) : [] };
  },
};

function viewOf(file) {
  if (!views.has(file)) {
    const input = inputs[file];
    if (!input) return null;
    views.set(file, engine.openWorkbook(input.bytes, input.name, { browserLimits: true }));
  }
  return views.get(file);
}

// A table's columns are moved, not copied, to the page.
function transfers(result) {
  const table = result?.table;
  if (!table) return [];
  return ['keys', 'values', 'obsStatus', 'confStatus', 'sheet', 'row', 'column'].map((k) => table[k].buffer);
}

async function handle({ id, op, ...args }) {
  try {
    if (!engine && op !== 'init') await ops.init();
    if (!ops[op]) throw new MigcheckError({ id: 'request.unknown', message: `no such request: ${op}` });
    const result = await ops[op](args, (progress) => self.postMessage({ id, progress }));
    self.postMessage({ id, result }, transfers(result));
  } catch (error) {
    // A MigcheckError is an answer; anything else (a wasm trap, a JavaScript
    // error) may leave the module unusable: the page restarts this worker.
    // So it does after out_of_memory, the one way to give a grown heap back.
    const refused = error instanceof MigcheckError;
    self.postMessage({ id, error: { id: refused ? error.id : 'trap', message: String(error?.message || error),
      problems: error?.problems, trap: !refused || error.id === 'out_of_memory' } });
  }
}

// One request at a time, in order: a validation awaits its files' bytes, and a
// second one started meanwhile would mix its files into the first's inputs.
let queue = Promise.resolve();
self.onmessage = (event) => {
  queue = queue.then(() => handle(event.data));
};
