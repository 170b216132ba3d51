// The page's wasm API (docs/web.md) against the native CLI: a session's
// report in every format, several files as one return, progress, the
// recognised observations, the sheet view's cells, rulebook information.
// MIGCHECK_WASM_DIR and MIGCHECK_CLI override build/wasm and build/native/migcheck.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = process.env.MIGCHECK_CLI || path.join(root, 'build/native/migcheck');
const { loadMigcheck } = require(path.join(root, 'wasm/js/node-loader.cjs'));
const mc = await loadMigcheck(process.env.MIGCHECK_WASM_DIR ? path.resolve(process.env.MIGCHECK_WASM_DIR) : undefined);

const fixture = (p) => path.join(root, 'tests/fixtures', p);
const MESS = fixture('returns/ken-2024-mess.xlsx');
const CSVS = ['ken-2024-pop_ctz.csv', 'ken-2024-imm_ctz.csv', 'ken-2024-imm_reason.csv'].map((n) => fixture(`returns/${n}`));

function run(args) {
  const r = spawnSync(cli, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const input = (file) => ({ name: path.basename(file), bytes: readFileSync(file) });

test('a session validates several files as one return, as the CLI does', () => {
  const session = mc.createSession();
  try {
    for (const lang of ['en', 'fr', 'ar']) {
      const wasm = session.validateJson(CSVS.map(input), { language: lang });
      const native = run(['validate', '--format', 'json', '--lang', lang, ...CSVS]);
      assert.equal(wasm, native.stdout);
      assert.equal(JSON.parse(wasm).files.length, 3);
    }
  } finally {
    session.close();
  }
});

// The page validates with the browser's limits (1 GiB, docs/limits.md): the CLI with the same limits.
const BROWSER_LIMITS = ['--limit', `max_total_bytes=${2 ** 30}`, '--limit', `max_input_bytes=${2 ** 30}`];
const EVERY_FIXTURE = ['real', 'returns', 'hostile'].flatMap((dir) => readdirSync(fixture(dir)).sort()
  .filter((n) => /\.[a-z]+$/.test(n) && !['README.md', 'generate.sh'].includes(n)).map((n) => fixture(`${dir}/${n}`)));

test('the page\'s validation (a session, browser limits) equals the CLI\'s on every fixture', () => {
  assert.ok(EVERY_FIXTURE.length >= 55, `only ${EVERY_FIXTURE.length} fixtures`);
  const session = mc.createSession();
  try {
    EVERY_FIXTURE.forEach((file, i) => {
      const lang = i % 2 ? 'fr' : 'en';
      const wasm = session.validateJson([input(file)], { language: lang, browserLimits: true });
      const native = run(['validate', '--format', 'json', '--lang', lang, ...BROWSER_LIMITS, file]);
      assert.equal(wasm, native.stdout, path.relative(root, file));
    });
  } finally {
    session.close();
  }
});

test('the session writes its last report in the CLI formats, byte for byte', () => {
  const session = mc.createSession();
  try {
    session.validateJson([input(MESS)], { language: 'fr' });
    for (const format of ['json', 'text', 'junit', 'sarif']) {
      const native = run(['validate', '--format', format, '--lang', 'fr', MESS]);
      assert.equal(session.format(format), native.stdout, format);
    }
    assert.throws(() => session.format('no-such-format'), { name: 'MigcheckError', id: 'format.unknown' });
  } finally {
    session.close();
  }
});

test('the session writes HTML and SDMX-CSV from the core (as the CLI does when it offers them)', () => {
  const session = mc.createSession();
  try {
    session.validateJson([input(MESS)], { language: 'en' });
    const html = session.format('html');
    assert.match(html, /<html[\s>]/i);
    assert.match(html, /ken-2024-mess\.xlsx/);
    const csv = session.format('sdmx-csv');
    const lines = csv.trim().split(/\r?\n/);
    assert.ok(lines.length > 100, `only ${lines.length} lines of SDMX-CSV`);
    assert.match(lines[0], /OBS_VALUE/);
    for (const [format, text] of [['html', html], ['sdmx-csv', csv]]) {
      const native = run(['validate', '--format', format, MESS]);
      if (native.status !== 2) assert.equal(text, native.stdout, format);  // 2: the CLI does not offer it yet
    }
  } finally {
    session.close();
  }
});

test('progress goes from 0 to 1, never backwards, through the stages', () => {
  const session = mc.createSession();
  const seen = [];
  try {
    session.validateJson([input(MESS), input(CSVS[0])], {
      onProgress: (stage, file, files, fraction) => seen.push({ stage, file, files, fraction }),
    });
  } finally {
    session.close();
  }
  assert.ok(seen.length >= 4, `only ${seen.length} progress calls`);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i].fraction >= seen[i - 1].fraction, `progress went back at ${i}`);
  assert.equal(seen.at(-1).fraction, 1);
  assert.ok(seen.every((p) => p.files === 2 && (p.file < 2 || p.stage === 'across')));
  const stages = new Set(seen.map((p) => p.stage));
  for (const stage of ['read', 'recognise', 'check']) assert.ok(stages.has(stage), `no ${stage} stage`);
  assert.ok([...stages].every((s) => ['read', 'recognise', 'check', 'across'].includes(s)), [...stages].join());
});

test('the recognised observations of a table are those of migcheck inspect', () => {
  const native = JSON.parse(run(['inspect', '--json', '--observations', MESS]).stdout);
  const session = mc.createSession();
  try {
    const report = JSON.parse(session.validateJson([input(MESS)]));
    assert.equal(report.files[0].tables.length, native.tables.length);
    native.tables.forEach((expected, t) => {
      const table = session.table(0, t);
      assert.ok(table.keys instanceof Uint32Array && table.values instanceof Float64Array, 'columns cross as typed arrays');
      assert.equal(table.table, expected.table);
      assert.deepEqual(table.dimensions, expected.dimensions);
      const n = table.dimensions.length;
      const rebuilt = [...table.values].map((value, i) => ({
        key: Object.fromEntries(table.dimensions.map((d, k) => [d, table.symbols[table.keys[i * n + k]]])),
        value: Number.isNaN(value) ? null : value,
        obs_status: table.symbols[table.obsStatus[i]],
        conf_status: table.symbols[table.confStatus[i]],
        cell: `${String.fromCharCode(65 + table.column[i])}${table.row[i] + 1}`,
      }));
      assert.deepEqual(rebuilt, expected.data);
      assert.ok(table.sheet.every((s) => table.sheetNames[s] === report.files[0].tables[t].sheet));
    });
    assert.throws(() => session.table(0, native.tables.length), { name: 'MigcheckError', id: 'table.none' });
    assert.throws(() => session.table(5, 0), { name: 'MigcheckError', id: 'table.none' });
  } finally {
    session.close();
  }
});

test('the sheet view gives the cells of migcheck dump, a window of rows at a time', () => {
  for (const file of [MESS, fixture('real/libreoffice-wide.xlsx'), fixture('real/utf16le-tab.csv')]) {
    const dump = JSON.parse(run(['dump', '--json', file]).stdout);
    const view = mc.openWorkbook(readFileSync(file), path.basename(file));
    try {
      assert.equal(view.errorJson(), '');
      const sheets = view.sheets();
      assert.deepEqual(sheets.map((s) => [s.name, s.state, s.rows, s.columns, s.cells, s.merged]),
        dump.sheets.map((s) => [s.name, s.state, s.rows, s.columns, s.cell_count, s.merged]));
      dump.sheets.forEach((sheet, i) => {
        // Two windows that split the sheet, to check the edges.
        const middle = Math.floor(sheet.rows / 2);
        const cells = [...view.rows(i, 0, middle - 1), ...view.rows(i, middle, sheet.rows + 10)];
        const colName = (c) => (c >= 26 ? String.fromCharCode(64 + Math.floor(c / 26)) : '') + String.fromCharCode(65 + (c % 26));
        assert.deepEqual(cells.map(([row, col, type, value, formula]) => ({ ref: `${colName(col)}${row + 1}`, type, value, formula })),
          sheet.cells.map((c) => ({ ref: c.ref, type: c.type, value: c.value, formula: !!c.formula })));
      });
    } finally {
      view.close();
    }
  }
});

test('the sheet view of an unreadable file says why, as migcheck dump does', () => {
  for (const name of ['legacy.xls', 'zip-bomb.xlsx', 'doctype.xlsx']) {
    const file = fixture(`hostile/${name}`);
    const view = mc.openWorkbook(readFileSync(file), name);
    try {
      assert.equal(view.errorJson(), run(['dump', '--json', file]).stdout);
      assert.deepEqual(view.sheets(), []);
      assert.deepEqual(view.rows(0, 0, 10), []);
    } finally {
      view.close();
    }
  }
});

test('rulebook information lists the rulebook\'s rules, tables and code lists with their labels', () => {
  const rulebook = JSON.parse(readFileSync(path.join(root, 'rulebooks/comesa-migration.json'), 'utf8'));
  const info = mc.rulebookInfo();
  assert.equal(info.id, rulebook.id);
  assert.deepEqual(info.languages, rulebook.languages);
  assert.deepEqual(info.rules.map((r) => [r.id, r.kind, r.severity, r.label, r.instruction]),
    rulebook.rules.map((r) => [r.id, r.kind, r.severity, r.label, r.instruction || {}]));
  assert.deepEqual(info.tables.map((t) => [t.id, t.dimensions]), rulebook.tables.map((t) => [t.id, t.dimensions]));
  const age = info.codelists.find((c) => c.id === 'CL_AGE');
  assert.deepEqual(age.codes.map((c) => c.id), rulebook.codelists.CL_AGE.codes.map((c) => c.id));
  assert.ok(age.codes.some((c) => Array.isArray(c.range)), 'age bands carry their ranges');
  const session = mc.createSession(readFileSync(path.join(root, 'rulebooks/comesa-migration.json'), 'utf8'));
  try {
    assert.deepEqual(session.rulebookInfo(), mc.rulebookInfo());
  } finally {
    session.close();
  }
});

test('an unusable rulebook is a MigcheckError with its problems and their JSON paths, everywhere', () => {
  const broken = '{"format": 1}';
  const problems = (fn) => {
    try {
      fn();
    } catch (error) {
      assert.equal(error.name, 'MigcheckError');
      assert.equal(error.id, 'rulebook.unusable');
      return error.problems;
    }
    assert.fail('an unusable rulebook was accepted');
  };
  const expected = problems(() => mc.inspectJson(Buffer.from('a,b\n'), 'x.csv', { rulebook: broken }));
  assert.ok(expected.length >= 2);
  assert.deepEqual(problems(() => mc.rulebookInfo(broken)), expected);
  assert.deepEqual(problems(() => mc.validateJson(readFileSync(MESS), 'mess.xlsx', { rulebook: broken })), expected);
  assert.deepEqual(problems(() => mc.createSession(broken)), expected);
});

test('a closed session or view refuses calls instead of touching freed memory', () => {
  const session = mc.createSession();
  session.validateJson([input(MESS)]);
  session.close();
  session.close();  // twice is harmless
  assert.throws(() => session.format('json'), { name: 'MigcheckError', id: 'closed' });
  const view = mc.openWorkbook(readFileSync(MESS), 'mess.xlsx');
  view.close();
  assert.throws(() => view.sheets(), { name: 'MigcheckError', id: 'closed' });
});

test('the session refuses to format before any report, and bytes must be bytes', () => {
  const session = mc.createSession();
  try {
    assert.throws(() => session.format('json'), { name: 'MigcheckError', id: 'report.none' });
    assert.throws(() => session.validateJson([{ name: 'x.csv', bytes: 'a,b' }]), TypeError);
  } finally {
    session.close();
  }
});

test('the web app\'s warm-up samples are the repository\'s fixtures, and they validate', async () => {
  const { SAMPLES } = await import(path.join(root, 'web/warmup-sample.js'));
  assert.deepEqual(SAMPLES.map((s) => s.name), ['ken-2024-long-en.xlsx', 'ken-2024-pop_ctz.csv']);
  for (const sample of SAMPLES) {
    const bytes = Buffer.from(sample.base64, 'base64');
    assert.ok(bytes.equals(readFileSync(fixture(`returns/${sample.name}`))), sample.name);
    const report = JSON.parse(mc.validateJson(bytes, sample.name));
    assert.equal(report.files[0].readable, true);
    assert.ok(report.files[0].tables.length >= 1);
  }
});
