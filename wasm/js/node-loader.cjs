// Loads the Node build of migcheck (build/wasm/migcheck-node.cjs) and wraps
// the pointer/length calls: the bytes are copied into the heap exactly once.
'use strict';
const fs = require('fs');
const path = require('path');

const DEFAULT_DIR = path.resolve(__dirname, '../../build/wasm');

async function loadMigcheck(dir = DEFAULT_DIR) {
  dir = path.resolve(dir);
  const createMigcheck = require(path.join(dir, 'migcheck-node.cjs'));
  // Emscripten 3.1.6 would fetch() the .wasm in Node 18+; hand it the bytes instead.
  const mod = await createMigcheck({ wasmBinary: fs.readFileSync(path.join(dir, 'migcheck-node.wasm')) });

  function withBytes(bytes, fn) {
    const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    const ptr = mod._malloc(Math.max(view.length, 1));
    if (!ptr) throw new Error('migcheck: out of memory for a ' + view.length + '-byte file');
    try {
      mod.HEAPU8.set(view, ptr);  // HEAPU8 is re-read: growth detaches old views
      return fn(ptr, view.length);
    } finally {
      mod._free(ptr);
    }
  }

  return {
    version: () => mod.version(),
    // The JSON text of `migcheck dump --json`.
    dumpJson(bytes, fileName, { sheet = '', browserLimits = false } = {}) {
      return withBytes(bytes, (ptr, len) => mod.dumpJson(ptr, len, fileName, sheet, browserLimits));
    },
    dump(bytes, fileName, options) {
      return JSON.parse(this.dumpJson(bytes, fileName, options));
    },
    // The JSON text of `migcheck inspect --json` (rulebookJson '' = the bundled rulebook).
    inspectJson(bytes, fileName, { rulebookJson = '', lang = 'en', observations = false, browserLimits = false } = {}) {
      return withBytes(bytes, (ptr, len) =>
        mod.inspectJson(ptr, len, fileName, rulebookJson, lang, observations, browserLimits));
    },
    // The JSON text of `migcheck validate --format json FILE`.
    validateJson(bytes, fileName, { rulebookJson = '', lang = 'en', browserLimits = false } = {}) {
      return withBytes(bytes, (ptr, len) => mod.validateJson(ptr, len, fileName, rulebookJson, lang, browserLimits));
    },
    readStats(bytes, fileName, { browserLimits = false } = {}) {
      return JSON.parse(withBytes(bytes, (ptr, len) => mod.readStats(ptr, len, fileName, browserLimits)));
    },
    // Rulebook information (docs/web.md) or {rulebook_problems}, as JSON text.
    rulebookInfoJson(rulebookJson = '') {
      return mod.rulebookInfoJson(rulebookJson);
    },
    // The page's API (docs/web.md): a session keeps its rulebook and last report.
    createSession(rulebookJson = '') {
      const session = new mod.Session(rulebookJson);
      return {
        problemsJson: () => session.problemsJson(),
        rulebookInfoJson: () => session.rulebookInfoJson(),
        // files: [{name, bytes}], validated together as one return.
        // mapping: a mapping file's text (docs/mapping.md), optional.
        validateJson(files, { lang = 'en', browserLimits = false, maxFindings = 10000, mapping = '', onProgress } = {}) {
          const placed = [];
          try {
            for (const { name, bytes } of files) {
              const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
              const pointer = mod._malloc(Math.max(view.length, 1));
              if (!pointer) throw new Error('migcheck: out of memory for ' + name);
              placed.push({ pointer, length: view.length, name });
              mod.HEAPU8.set(view, pointer);
            }
            return session.validate(placed, { language: lang, browserLimits, maxFindings, mapping, onProgress });
          } finally {
            for (const p of placed) mod._free(p.pointer);
          }
        },
        format: (name, strict = false) => session.format(name, strict),
        tableJson: (file, table) => session.tableJson(file, table),
        delete: () => session.delete(),
      };
    },
    // The page's sheet view: a read workbook and windows of its rows.
    openWorkbook(bytes, fileName, { browserLimits = false } = {}) {
      const view = withBytes(bytes, (ptr, len) => new mod.WorkbookView(ptr, len, fileName, browserLimits));
      return {
        errorJson: () => view.errorJson(),
        sheetsJson: () => view.sheetsJson(),
        rowsJson: (sheet, firstRow, lastRow) => view.rowsJson(sheet, firstRow, lastRow),
        delete: () => view.delete(),
      };
    },
  };
}

module.exports = { loadMigcheck };
