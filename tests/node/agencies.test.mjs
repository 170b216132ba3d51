// A return written by three agencies (tests/fixtures/blind-agencies: written
// blind from the domain reference, by openpyxl, LibreOffice and as CSV, with
// its answer key written before migcheck ran): each agency's part checks with
// no error on its own, the parts together check like the same data in one
// workbook, the planted disagreement between two agencies is reported against
// both, and the stale source inventory gives its three warnings at their cells.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = process.env.MIGCHECK_CLI || path.join(root, 'build/native/migcheck');
const dir = path.join(root, 'tests/fixtures/blind-agencies');
const key = JSON.parse(readFileSync(path.join(dir, 'answer-key.json'), 'utf8'));
const scenario = (id) => key.scenarios.find((s) => s.id === id);

function validate(files, extra = []) {
  const run = spawnSync(cli, ['validate', '--format', 'json', ...extra, ...files.map((f) => path.join(dir, f))], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return JSON.parse(run.stdout);
}

const serious = (report) => report.problems.filter((p) => p.severity !== 'info');
const describe = (problems) => problems.map((p) => `${p.severity} ${p.rule} ${p.table} ${p.sheet}!${p.cell}: ${p.message}`);
// The agencies by the short name the key uses: "Uganda Bureau of Statistics (UBOS)" is UBOS.
const short = (agency) => (agency.match(/\(([A-Z]+)\)\s*$/) || [null, agency])[1];

for (const id of ['part-ubos-alone', 'part-dcic-alone', 'part-opm-alone']) {
  test(`${id}: one agency's part gives no error and no warning`, () => {
    const s = scenario(id);
    const report = validate(s.files, ['--part']);
    assert.deepEqual(describe(serious(report)), []);
    assert.equal(report.part, true);
    // The tables and checks that wait for other agencies are said, as infos.
    const awaited = report.problems.filter((p) => p.rule === 'table.awaited' || p.rule === 'part.awaiting');
    if (id !== 'part-ubos-alone') assert.ok(awaited.length > 0, 'what the part waits for is listed');
    for (const p of awaited) assert.equal(p.severity, 'info');
  });
}

test('the DCIC part alone is recognised as a part without --part: its Sources sheet names one agency', () => {
  const report = validate(scenario('part-dcic-alone').files);
  assert.equal(report.part, true);
  assert.deepEqual(describe(serious(report)), []);
  const missing = report.problems.filter((p) => p.rule === 'table.awaited').map((p) => p.table).sort();
  assert.deepEqual(missing, ['EMI_CTZ', 'IMM_CTZ', 'POP_CTB', 'POP_CTZ']);
});

test('the parts together check like the whole workbook: no error, no warning, the same problems', () => {
  const together = validate(scenario('parts-together').files);
  const whole = validate(scenario('whole').files);
  assert.equal(together.part, false, 'three agencies: the coordinator\'s whole return');
  assert.deepEqual(describe(serious(together)), []);
  assert.deepEqual(describe(serious(whole)), []);
  // Infos about how a value is stored (a number as text) depend on the writer, not the data.
  const gist = (r) => r.problems.filter((p) => !p.rule.startsWith('value.')).map((p) => `${p.severity} ${p.rule} ${p.table} ${p.message_key}`).sort();
  assert.deepEqual(gist(together), gist(whole));
  // The cross-table checks really compared the agencies' tables.
  const same = together.rules.find((r) => r.rule === 'SAME_TOTALS');
  assert.ok(same.checked > 0 && same.failed === 0);
  // Every agency summed up, the same in both.
  const agencies = (r) => r.agencies.map((a) => `${short(a.agency)}: ${a.tables.join(' ')} (${a.problems.errors}/${a.problems.warnings})`);
  assert.deepEqual(agencies(together), ['UBOS: POP_CTZ POP_CTB IMM_CTZ EMI_CTZ (0/0)', 'DCIC: IMM_PREV EMI_NEXT PERMITS (0/0)', 'OPM: REF (0/0)']);
  assert.deepEqual(agencies(whole), agencies(together));
  for (const a of together.agencies) assert.deepEqual(a.awaited, []);
});

test('planted cross-agency disagreement: one error, against both agencies, at both tables\' cells', () => {
  const s = scenario('planted-cross-agency');
  const report = validate(s.files);
  const errors = report.problems.filter((p) => p.severity === 'error');
  assert.deepEqual(errors.map((p) => p.rule), ['SAME_TOTALS'], describe(errors).join('\n'));
  const [problem] = errors;
  const expected = s.expect.errors[0];
  assert.deepEqual(problem.agencies.map(short).sort(), [...expected.agencies].sort());
  const dcic = expected.locations.find((l) => l.agency === 'DCIC');
  const ubos = expected.locations.find((l) => l.agency === 'UBOS');
  assert.deepEqual(problem.cells.sort(), dcic.cells.map((c) => `${dcic.sheet}!${c}`).sort());
  const related = problem.findings.flatMap((i) => report.findings[i].related_cells);
  for (const c of ubos.cells) assert.ok(related.includes(`[uga_2024_ubos.xlsx]${ubos.sheet}!${c}`), `${c} in ${related}`);
  for (const a of report.agencies.filter((x) => ['UBOS', 'DCIC'].includes(short(x.agency)))) assert.equal(a.problems.errors, 1);
  assert.equal(serious(report).filter((p) => p.severity === 'warning').length, 0);
  // The changed file alone, as its agency's part, has nothing to compare with: no error.
  const alone = validate([s.changed_file], ['--part']);
  assert.deepEqual(describe(serious(alone)), []);
});

test('planted stale inventory: the three annual-update warnings at their cells, for UBOS, alone or with the others', () => {
  const s = scenario('planted-stale-inventory');
  for (const files of [s.files, [s.changed_file]]) {
    const report = validate(files, files.length === 1 ? ['--part'] : []);
    assert.equal(report.summary.errors, 0, describe(serious(report)).join('\n'));
    const warnings = report.problems.filter((p) => p.severity === 'warning');
    const got = warnings.map((p) => `${p.table} ${p.sheet}!${p.cell} ${p.agencies.map(short)}`).sort();
    const want = s.expect.warnings.map((w) => `${w.table} ${w.sheet}!${w.cells[0]} ${w.agencies}`).sort();
    assert.deepEqual(got, want);
    assert.deepEqual(warnings.map((p) => p.rule).sort(), ['SOURCES_CONTACT', 'SOURCES_UPDATED', 'SOURCES_VALIDATED']);
  }
});

function assemble(files, out, extra = []) {
  return spawnSync(cli, ['assemble', ...extra, '-o', out, ...files.map((f) => path.join(dir, f))], { encoding: 'utf8' });
}

test('assemble: the three parts become one return that checks like the whole workbook, rule by rule', () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'migcheck-assemble-')), 'uga_2024_return.xlsx');
  const run = assemble(scenario('parts-together').files, out);
  assert.equal(run.status, 0, run.stderr);
  const assembled = JSON.parse(spawnSync(cli, ['validate', '--format', 'json', out], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout);
  const whole = validate(scenario('whole').files);
  const gist = (r) => r.problems.filter((p) => !p.rule.startsWith('value.')).map((p) => `${p.severity} ${p.rule} ${p.table}: ${p.message}`).sort();
  assert.deepEqual(gist(assembled), gist(whole));
  assert.deepEqual(assembled.rules, whole.rules, 'every rule made the same checks with the same outcome');
  assert.deepEqual(assembled.agencies.map((a) => [a.agency, a.tables]), whole.agencies.map((a) => [a.agency, a.tables]));
  // The planted disagreement survives assembly: one error, both agencies.
  const planted = path.join(path.dirname(out), 'planted.xlsx');
  assert.equal(assemble(scenario('planted-cross-agency').files, planted).status, 0);
  const report = JSON.parse(spawnSync(cli, ['validate', '--format', 'json', planted], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout);
  const errors = report.problems.filter((p) => p.severity === 'error');
  assert.deepEqual(errors.map((p) => `${p.rule} ${p.agencies.map(short).sort()}`), ['SAME_TOTALS DCIC,UBOS']);
});

test('assemble refuses two versions of one table, naming both files and agencies, and writes nothing', () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'migcheck-assemble-')), 'return.xlsx');
  const run = assemble(['whole/uga_2024_return.xlsx', 'parts/dcic/uga_2024_dcic.xlsx'], out, ['--lang', 'fr']);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /Le tableau IMM_PREV figure dans uga_2024_return\.xlsx \(Directorate of Citizenship and Immigration Control \(DCIC\)\) et dans uga_2024_dcic\.xlsx/);
  assert.equal(existsSync(out), false);
});
