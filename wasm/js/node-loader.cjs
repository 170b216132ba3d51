// Loads the Node build of migcheck (build/wasm/migcheck-node.cjs) and wraps
// the pointer/length calls: the bytes are copied into the heap exactly once.
'use strict';
const fs = require('fs');
const path = require('path');

const DEFAULT_DIR = path.resolve(__dirname, '../../build/wasm');

async function loadMigcheck(dir = DEFAULT_DIR) {
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
  };
}

module.exports = { loadMigcheck };
