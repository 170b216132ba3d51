// Loads the Node build of migcheck (build/wasm/migcheck-node.cjs) behind the
// same engine as the page's worker (web/engine/engine.mjs).
'use strict';
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

const DEFAULT_DIR = path.resolve(__dirname, '../../build/wasm');
const ENGINE = pathToFileURL(path.resolve(__dirname, '../../web/engine/engine.mjs')).href;

async function loadMigcheck(dir = DEFAULT_DIR) {
  dir = path.resolve(dir);
  const createMigcheck = require(path.join(dir, 'migcheck-node.cjs'));
  // Emscripten 3.1.6 would fetch() the .wasm in Node 18+; hand it the bytes instead.
  const module = await createMigcheck({ wasmBinary: fs.readFileSync(path.join(dir, 'migcheck-node.wasm')) });
  const { Engine } = await import(ENGINE);
  return new Engine(module);
}

module.exports = { loadMigcheck };
