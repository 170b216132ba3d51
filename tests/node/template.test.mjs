// `migcheck template` writes a blank return that other programs open:
// openpyxl reads it (and fills it: the filled file validates), LibreOffice
// converts every sheet to CSV and re-saves it as XLSX, which migcheck still
// recognises sheet by sheet. Skips with a message when openpyxl or
// LibreOffice is absent (scripts/setup.sh --writers installs both).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = process.env.MIGCHECK_CLI ? path.resolve(process.env.MIGCHECK_CLI) : path.join(root, 'build/native/migcheck');
const python = '/usr/bin/python3';
const dir = mkdtempSync(path.join(os.tmpdir(), 'migcheck-template-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const tableIds = ['POP_CTZ', 'POP_CTB', 'IMM_CTZ', 'IMM_CTB', 'IMM_PREV', 'IMM_REASON', 'EMI_CTZ', 'EMI_NEXT',
  'EMI_REASON', 'ABR', 'PERMITS', 'ACQ', 'REF'];

function run(args, options = {}) {
  return spawnSync(cli, args, { maxBuffer: 1 << 28, ...options });
}

function template(lang) {
  const file = path.join(dir, `template-${lang}.xlsx`);
  if (!existsSync(file)) {
    const r = run(['template', '--lang', lang, '-o', file]);
    assert.equal(r.status, 0, r.stderr.toString());
  }
  return file;
}

function inspect(file, lang) {
  return JSON.parse(execFileSync(cli, ['inspect', '--json', '--lang', lang, file], { encoding: 'utf8', maxBuffer: 1 << 28 }));
}

const hasOpenpyxl = existsSync(python) && spawnSync(python, ['-c', 'import openpyxl']).status === 0;
const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));

test('the CLI writes the template deterministically, to a file or to standard output', () => {
  const a = readFileSync(template('en'));
  assert.equal(a.subarray(0, 2).toString(), 'PK');
  const again = path.join(dir, 'again.xlsx');
  assert.equal(run(['template', '-o', again]).status, 0);
  assert.deepEqual(readFileSync(again), a);
  const stdout = run(['template', '--lang', 'en', '-o', '-']);
  assert.equal(stdout.status, 0);
  assert.deepEqual(stdout.stdout, a);
  assert.notDeepEqual(readFileSync(template('fr')), a);
});

test('bad usage of template exits 2 with a message', () => {
  for (const args of [['template'], ['template', '--lang', 'pt', '-o', path.join(dir, 'x.xlsx')],
    ['template', '--bogus', '-o', path.join(dir, 'x.xlsx')], ['template', 'file.xlsx']]) {
    const r = run(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr.toString(), /^migcheck: /);
  }
  const r = run(['template', '-o', path.join(dir, 'no-such-dir', 'x.xlsx')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr.toString(), /cannot write/);
});

for (const lang of ['en', 'fr', 'ar']) {
  test(`migcheck recognises every sheet of the ${lang} template`, () => {
    const out = inspect(template(lang), lang);
    const roles = Object.fromEntries(out.sheets.map((s) => [s.sheet, s.role]));
    const names = { en: ['Metadata', 'Sources'], fr: ['Métadonnées', 'Sources'], ar: ['البيانات الوصفية', 'المصادر'] }[lang];
    assert.equal(roles[names[0]], 'metadata');
    assert.equal(roles[names[1]], 'sources');
    for (const id of tableIds) assert.equal(roles[id], 'table', id);
    for (const s of out.sheets.filter((x) => x.role === 'table'))
      for (const c of s.columns) assert.notEqual(c.role, 'unknown', `${s.sheet} ${c.header}`);
    const rules = out.findings.map((f) => f.rule);
    assert.ok(!rules.includes('header.unknown'));
    assert.ok(!rules.includes('label.unknown'));
  });
}

test('openpyxl opens the template: sheets, headers, frozen rows, drop-downs', { skip: !hasOpenpyxl && 'openpyxl is not installed for /usr/bin/python3 (scripts/setup.sh --writers)' }, () => {
  const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": wb.sheetnames}
ws = wb["POP_CTZ"]
out["title"] = ws["A1"].value
out["header"] = [c.value for c in ws[2]]
out["first"] = [c.value for c in ws[3]][:3]
out["rows"] = ws.max_row
out["freeze"] = ws.freeze_panes
out["bold"] = bool(ws["A2"].font.b)
out["validations"] = [(str(v.sqref), v.formula1) for v in ws.data_validations.dataValidation]
out["metadata"] = [r[0] for r in wb.worksheets[0].iter_rows(min_row=4, max_col=1, values_only=True)]
out["codes"] = wb["Codes"].max_row
print(json.dumps(out))
`;
  const out = JSON.parse(execFileSync(python, ['-c', script, template('fr')], { encoding: 'utf8' }));
  assert.deepEqual(out.sheets, ['Métadonnées', 'Sources', ...tableIds, 'Codes']);
  assert.equal(out.title, 'Population résidente habituelle par nationalité, âge et sexe');
  assert.deepEqual(out.header.slice(0, 4), ['Nationalité', 'Âge', 'Sexe', 'Nombre de personnes']);
  assert.deepEqual(out.first, ['Pays déclarant', '0 à 4 ans', 'Hommes']);
  assert.equal(out.rows, 2 + 5 * 20 * 4);
  assert.equal(out.freeze, 'A3');
  assert.equal(out.bold, true);
  assert.equal(out.validations.length, 5);
  assert.match(out.validations[0][1], /^'Codes'!\$C\$\d+:\$C\$\d+$/);
  assert.equal(out.metadata[0], 'Pays déclarant');
  assert.ok(out.codes > 500);
});

test('a template filled by openpyxl validates with no error', { skip: !hasOpenpyxl && 'openpyxl is not installed for /usr/bin/python3 (scripts/setup.sh --writers)' }, () => {
  // Zeros everywhere (trivially additive), the country and year, a source per table.
  const filled = path.join(dir, 'ken-2024-filled.xlsx');
  const script = `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
meta = wb["Metadata"]
for row in meta.iter_rows(min_row=1):
    if row[0].value == "Reporting country": meta.cell(row=row[0].row, column=2, value="Kenya")
    if row[0].value == "Reference year": meta.cell(row=row[0].row, column=2, value=2024)
src = wb["Sources"]
header = [c.value for c in src[1]]
for r in range(2, src.max_row + 1):
    src.cell(row=r, column=header.index("Type of source") + 1, value="CENSUS")
    src.cell(row=r, column=header.index("Residence rule") + 1, value="12M")
for ws in wb.worksheets:
    if ws.title in ("Metadata", "Sources", "Codes"): continue
    col = [c.value for c in ws[2]].index("Number of persons") + 1
    for r in range(3, ws.max_row + 1): ws.cell(row=r, column=col, value=0)
wb.save(sys.argv[2])
`;
  execFileSync(python, ['-c', script, template('en'), filled]);
  const r = run(['validate', '--format', 'json', filled]);
  const report = JSON.parse(r.stdout.toString());
  assert.equal(r.status, 0, JSON.stringify(report.findings.filter((f) => f.severity === 'error').slice(0, 5)));
  assert.equal(report.summary.errors, 0);
});

test('LibreOffice converts every sheet to CSV, and its re-saved XLSX is still recognised', { skip: !soffice && 'LibreOffice (soffice) is not installed (scripts/setup.sh --writers)', timeout: 300_000 }, () => {
  const out = path.join(dir, 'lo');
  // A profile of its own, so that a running LibreOffice does not take the job.
  const profile = `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`;
  const file = template('fr');
  // CSV of every sheet (the last token, -1), UTF-8 (76).
  execFileSync(soffice, [profile, '--headless', '--convert-to',
    'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', out, file],
  { stdio: 'pipe' });
  const csvs = readdirSync(out).filter((n) => n.endsWith('.csv')).sort();
  assert.equal(csvs.length, tableIds.length + 3, csvs.join(' '));
  const pop = readFileSync(path.join(out, 'template-fr-POP_CTZ.csv'), 'utf8').split('\n');
  assert.match(pop[1], /^Nationalité,Âge,Sexe,Nombre de personnes,/);
  assert.match(pop[2], /^Pays déclarant,0 à 4 ans,Hommes,/);

  execFileSync(soffice, [profile, '--headless', '--convert-to', 'xlsx', '--outdir', path.join(out, 'xlsx'), file],
    { stdio: 'pipe' });
  const resaved = inspect(path.join(out, 'xlsx', 'template-fr.xlsx'), 'fr');
  const roles = Object.fromEntries(resaved.sheets.map((s) => [s.sheet, s.role]));
  assert.equal(roles['Métadonnées'], 'metadata');
  assert.equal(roles.Sources, 'sources');
  for (const id of tableIds) assert.equal(roles[id], 'table', id);
});

test('LibreOffice opens the Arabic template: its sheets stay right to left and are still recognised', { skip: !soffice && 'LibreOffice (soffice) is not installed (scripts/setup.sh --writers)', timeout: 300_000 }, () => {
  const out = path.join(dir, 'lo-ar');
  const profile = `-env:UserInstallation=file://${path.join(dir, 'lo-profile-ar')}`;
  const file = template('ar');
  execFileSync(soffice, [profile, '--headless', '--convert-to', 'xlsx', '--outdir', out, file], { stdio: 'pipe' });
  const resaved = path.join(out, 'template-ar.xlsx');
  // Every worksheet LibreOffice wrote keeps the right-to-left view migcheck gave it.
  const views = JSON.parse(execFileSync(python, ['-c', `
import json, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(json.dumps([bool(re.search(r'<sheetView[^>]*rightToLeft="(1|true)"', z.read(n).decode()))
                  for n in z.namelist() if n.startswith('xl/worksheets/sheet')]))
`, resaved], { encoding: 'utf8' }));
  assert.equal(views.length, tableIds.length + 3);
  assert.ok(views.every(Boolean), JSON.stringify(views));
  const roles = Object.fromEntries(inspect(resaved, 'ar').sheets.map((s) => [s.sheet, s.role]));
  assert.equal(roles['البيانات الوصفية'], 'metadata');
  assert.equal(roles['المصادر'], 'sources');
  for (const id of tableIds) assert.equal(roles[id], 'table', id);
});
