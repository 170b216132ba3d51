// What migcheck did not understand is never a pass (issue 12): the CLI exits
// 1 with a clear error, in English and French, on an unrelated CSV, a blank
// template, a return whose required sheets are left empty, and a CSV whose
// value column is left out for an empty one; `rulebook check` exits 0 on the
// bundled rulebook and 1, with the JSON path, on a contradiction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = process.env.MIGCHECK_CLI || path.join(root, 'build/native/migcheck');
const dir = mkdtempSync(path.join(os.tmpdir(), 'migcheck-silent-'));
const run = (...args) => spawnSync(cli, args, { encoding: 'utf8' });
const file = (name, text) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

const blank = path.join(dir, 'blank.xlsx');
assert.equal(run('template', '-o', blank).status, 0);
let valueColumnLeftOut = 'REF_AREA,TIME_PERIOD,CITIZENSHIP,AGE,SEX,OBS_VALUE,Value\n';
for (const sex of ['M', 'F', '_T']) valueColumnLeftOut += `KEN,2024,UGA,_T,${sex},,\n`;

const CASES = [
  ['an unrelated CSV', file('people.csv', 'name,age\nAlice,34\nBob,27\n'), 'file.nothing_recognised'],
  ['a blank template', blank, 'table.empty'],
  ['a value column left out for an empty one', file('ken-pop_ctz.csv', valueColumnLeftOut), 'table.empty'],
];

for (const [what, input, rule] of CASES) {
  for (const lang of ['en', 'fr', 'ar']) {
    test(`${what} is an error, exit 1 (${lang})`, () => {
      const r = run('validate', '--format', 'json', '--lang', lang, input);
      assert.equal(r.status, 1, r.stderr);
      const report = JSON.parse(r.stdout);
      const found = report.findings.find((f) => f.rule === rule);
      assert.ok(found, `${rule} in ${report.findings.map((f) => f.rule).join(', ')}`);
      assert.equal(found.severity, 'error');
      assert.ok(found.message.length > 30);
      assert.ok(report.summary.problems.errors >= 1);
    });
  }
}

test('rulebook check: the bundled rulebook has no problem; a contradiction is found with its JSON path', () => {
  const ok = run('rulebook', 'check');
  assert.equal(ok.status, 0, ok.stdout);
  assert.match(ok.stdout, /no problem/);
  const rulebook = JSON.parse(readFileSync(path.join(root, 'rulebooks/comesa-migration.json'), 'utf8'));
  const i = rulebook.rules.findIndex((r) => r.id === 'NATIONALS_ABROAD_NOT_AT_HOME');
  rulebook.rules[i].codes.push('_T');
  const bad = run('rulebook', 'check', file('bad.json', JSON.stringify(rulebook)));
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, new RegExp(`/rules/${i}/codes/2: forbids COUNTRY_OF_RESIDENCE=_T in ABR`));
});
