// The validation report is byte-identical natively and in wasm, for every
// fixture (readable or hostile) and in both languages; exit codes follow it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build/native/migcheck');
const { loadMigcheck } = require(path.join(root, 'wasm/js/node-loader.cjs'));
const mc = await loadMigcheck();

const files = [];
// Real published tables (one directory each, their data beside SOURCE.md and expected.json) and the
// mapping and SDMX-CSV fixtures too: native = wasm on every file recognition was taught to read.
const published = path.join(root, 'tests/fixtures/published-tables');
const dirs = ['tests/fixtures/real', 'tests/fixtures/returns', 'tests/fixtures/returns/complete', 'tests/fixtures/hostile',
  'tests/fixtures/mapping', 'tests/fixtures/sdmx',
  ...readdirSync(published, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join('tests/fixtures/published-tables', d.name)).sort()];
for (const dir of dirs) {
  const full = path.join(root, dir);
  if (!existsSync(full)) continue;
  for (const name of readdirSync(full).sort())
    if (!name.startsWith('.') && /\.(xlsx|xlsm|xls|csv|tsv|txt|ods|bin)$/i.test(name))
      files.push(path.join(full, name));
}

test('there are files to validate', () => assert.ok(files.length >= 55, `only ${files.length}`));

for (const file of files) {
  const lang = files.indexOf(file) % 2 ? 'fr' : 'en';
  test(`validate agrees natively and in wasm (${lang}): ${path.relative(root, file)}`, () => {
    const native = spawnSync(cli, ['validate', '--format', 'json', '--lang', lang, file], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const wasm = mc.validateJson(readFileSync(file), path.basename(file), { language: lang });
    assert.equal(wasm, native.stdout);
    const report = JSON.parse(wasm);
    assert.equal(native.status, report.summary.errors > 0 ? 1 : 0);
  });
}

// A directory given as a file: a clear message and a report, never an abort.
test('a directory given as a file is reported as unreadable, not a crash', () => {
  const dir = path.join(root, 'tests/fixtures');
  for (const args of [['validate', '--format', 'json', dir], ['dump', dir], ['inspect', dir]]) {
    const r = spawnSync(cli, args, { encoding: 'utf8' });
    assert.equal(r.signal, null, `${args[0]}: no signal (${r.stderr})`);
    assert.ok(r.status === 1 || r.status === 2, `${args[0]}: status ${r.status}`);
    assert.match(r.stderr, /cannot read .*fixtures: it is a directory/, args[0]);
  }
});
