// A mapping file (docs/mapping.md) makes a return laid out by an office's own
// habits readable, the same natively and in wasm; a mapping that cannot be
// used is refused with its problems, never applied in part.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build/native/migcheck');
const { loadMigcheck } = require(path.join(root, 'wasm/js/node-loader.cjs'));
const mc = await loadMigcheck();

const dir = path.join(root, 'tests/fixtures/mapping');
const file = path.join(dir, 'ken-2024-own-layout.xlsx');
const mappingFile = path.join(dir, 'mapping.json');
const run = (...args) => spawnSync(cli, args, { encoding: 'utf8', maxBuffer: 1 << 26 });

test('without the mapping, the sheet laid out by its own habits is not read', () => {
  const report = JSON.parse(run('validate', '--format', 'json', file).stdout);
  assert.deepEqual(report.files[0].unrecognised_sheets, ['Table 2']);
  assert.ok(report.findings.some((f) => f.rule === 'table.missing' && f.table === 'POP_CTB'));
});

test('with the mapping, every row is read as the user said, natively and in wasm alike', () => {
  for (const lang of ['en', 'fr', 'ar']) {
    const native = run('validate', '--format', 'json', '--lang', lang, '--mapping', mappingFile, file);
    const wasm = mc.createSession('');
    const text = wasm.validateJson([{ name: path.basename(file), bytes: readFileSync(file) }], { language: lang, mapping: readFileSync(mappingFile, 'utf8') });
    wasm.close();
    assert.equal(text, native.stdout, lang);
    const report = JSON.parse(text);
    assert.deepEqual(report.files[0].unrecognised_sheets, []);
    assert.deepEqual(report.files[0].tables, [{ table: 'POP_CTB', sheet: 'Table 2', observations: 12 }]);
    assert.ok(!report.findings.some((f) => f.rule.startsWith('label.') || f.rule.startsWith('header.')), lang);
  }
  const inspect = JSON.parse(run('inspect', '--json', '--observations', '--mapping', mappingFile, file).stdout);
  const sheet = inspect.sheets.find((s) => s.sheet === 'Table 2');
  assert.equal(sheet.table_by_hand, true);
  assert.deepEqual(sheet.columns.map((c) => [c.column, c.role, c.target, c.by_hand]),
    [['A', 'dimension', 'COUNTRY_OF_BIRTH', true], ['B', 'dimension', 'SEX', true], ['C', 'measure', 'OBS_VALUE', true], ['D', 'ignored', '', true]]);
  const zaire = sheet.labels.find((l) => l.text === 'Zaïre');
  assert.deepEqual([zaire.code, zaire.by_hand, zaire.count], ['COD', true, 3]);
  // The observations a statistician expects: Zaïre's figures are the Congo's (COD), totals as written.
  const data = inspect.tables[0].data.map((o) => `${o.key.COUNTRY_OF_BIRTH}|${o.key.SEX}|${o.key.AGE}=${o.value}`);
  assert.ok(data.includes('COD|F|_T=1133'));
  assert.ok(data.includes('SOM|_T|_T=189999'));
  assert.equal(data.length, 12);
});

test('export --mapping writes the observations the mapping made readable', () => {
  const csv = run('export', '--format', 'sdmx-csv', '--mapping', mappingFile, file).stdout;
  assert.match(csv, /POP_CTB.*COD/);
  assert.equal(csv.trim().split('\n').length, 13);
});

test('a mapping that cannot be used is refused with its problems (exit 2), natively and in wasm', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'migcheck-mapping-'));
  const bad = path.join(tmp, 'bad.json');
  const mapping = JSON.parse(readFileSync(mappingFile, 'utf8'));
  mapping.labels[0].code = 'ZZZ';
  mapping.sheets[0].table = 'NOT_A_TABLE';
  writeFileSync(bad, JSON.stringify(mapping));
  for (const command of [['validate'], ['inspect'], ['export', '--format', 'sdmx-csv']]) {
    const r = run(...command, '--mapping', bad, file);
    assert.equal(r.status, 2, command[0]);
    assert.match(r.stderr, /is not a usable mapping \(2 problems\)/);
    assert.match(r.stderr, /\/sheets\/0\/table: no table "NOT_A_TABLE"/);
    assert.match(r.stderr, /\/labels\/0\/code: "ZZZ" is not a code of COUNTRY_OF_BIRTH/);
  }
  const session = mc.createSession('');
  assert.throws(() => session.validateJson([{ name: 'x.xlsx', bytes: readFileSync(file) }], { mapping: JSON.stringify(mapping) }),
    (error) => error.name === 'MigcheckError' && error.id === 'mapping.unusable' && error.problems.length === 2);
  session.close();
  assert.equal(run('validate', '--mapping', path.join(tmp, 'missing.json'), file).status, 2);
});
