// The wasm module and the native CLI must print byte-identical dumps for
// every committed fixture, readable or hostile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build/native/migcheck');
const fixturesDir = path.join(root, 'tests/fixtures');
const { loadMigcheck } = require(path.join(root, 'wasm/js/node-loader.cjs'));

function fixtureFiles() {
  const files = [];
  for (const dir of ['real', 'hostile']) {
    for (const name of readdirSync(path.join(fixturesDir, dir)).sort()) {
      const full = path.join(fixturesDir, dir, name);
      if (statSync(full).isFile()) files.push(full);
    }
  }
  return files;
}

function nativeDump(file) {
  try {
    return execFileSync(cli, ['dump', '--json', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  } catch (e) {
    if (e.status === 1 && e.stdout) return e.stdout;  // an unreadable file still prints its JSON error
    throw e;
  }
}

const mc = await loadMigcheck();
const files = fixtureFiles();

test('there are fixtures to compare', () => {
  assert.ok(files.length >= 30, `only ${files.length} fixtures found`);
});

for (const file of files) {
  const rel = path.relative(fixturesDir, file);
  test(`wasm and native dumps agree: ${rel}`, () => {
    const native = nativeDump(file);
    const wasm = mc.dumpJson(readFileSync(file), path.basename(file));
    assert.equal(wasm, native);
    JSON.parse(wasm);
  });
}

test('readStats counts what it read', () => {
  const stats = mc.readStats(Buffer.from('a,b\n1,2\n'), 'x.csv');
  assert.deepEqual(stats, { cells: 4, sheetXmlBytes: 8, sheets: 1 });
});

test('browser limits halve the total a zip may expand to', () => {
  const bytes = readFileSync(path.join(fixturesDir, 'hostile/total-too-large.xlsx'));
  const refusal = (options) => {
    try {
      mc.readStats(bytes, 'total-too-large.xlsx', options);
    } catch (error) {
      return error;
    }
    assert.fail('read');
  };
  const normal = refusal({});
  const browser = refusal({ browserLimits: true });
  assert.equal(normal.id, 'zip.total_too_large');
  assert.equal(browser.id, 'zip.total_too_large');
  assert.equal(normal.params.limit, String(2 ** 31));
  assert.equal(browser.params.limit, String(2 ** 30));
});
