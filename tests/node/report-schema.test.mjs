// The JSON validation report (docs/report.md) against its JSON Schema
// (docs/report.schema.json): the schema compiles in ajv's strict mode, the
// report of every fixture is valid in English and in French, the example in
// docs/report.md is valid, and mutated reports are rejected at the right place.
// Also a few invariants a schema cannot express (counts that must add up).
//
// The CLI is build/native/migcheck, or the one named by MIGCHECK_CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = process.env.MIGCHECK_CLI ? path.resolve(process.env.MIGCHECK_CLI) : path.join(root, 'build/native/migcheck');
const schema = JSON.parse(readFileSync(path.join(root, 'docs/report.schema.json'), 'utf8'));

function fixtures() {
  const files = [];
  for (const dir of ['tests/fixtures/returns', 'tests/fixtures/real', 'tests/fixtures/hostile']) {
    const full = path.join(root, dir);
    if (!existsSync(full)) continue;
    for (const name of readdirSync(full).sort())
      if (!name.startsWith('.') && /\.[a-z]+$/.test(name) && name !== 'README.md' && !name.endsWith('.sh'))
        files.push(path.join(full, name));
  }
  return files;
}
const files = fixtures();

// The JSON report of one file; a crash or bad usage (exit >= 2) fails the test.
function report(file, lang) {
  const run = spawnSync(cli, ['validate', '--format', 'json', '--lang', lang, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (run.error) throw run.error;
  assert.ok(run.status === 0 || run.status === 1, `${cli} exited with ${run.status ?? run.signal}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
const validate = ajv.compile(schema);
function errorsOf(doc) {
  return validate(doc) ? [] : validate.errors;
}
function describe(errors) {
  return errors.map((e) => `${e.instancePath || '/'} ${e.keyword}: ${e.message} ${JSON.stringify(e.params)}`).join('\n');
}

// What the schema cannot say: the counts add up, findings belong to a listed file.
function checkInvariants(doc) {
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  assert.equal(doc.summary.cells_read, sum(doc.files.map((f) => f.cells_read)), 'summary.cells_read is the sum of the files');
  if (!doc.summary.partial) {
    const count = (s) => doc.findings.filter((f) => f.severity === s).length;
    assert.deepEqual(
      [doc.summary.errors, doc.summary.warnings, doc.summary.infos],
      [count('error'), count('warning'), count('info')],
      'without a cap, summary counts the listed findings',
    );
  }
  const names = new Set(doc.files.map((f) => f.file));
  for (const f of doc.findings) assert.ok(names.has(f.file), `finding of unlisted file ${f.file}`);
  for (const f of doc.files) {
    if (f.readable) continue;
    assert.equal(f.format, '', `${f.file}: an unreadable file has no format`);
    assert.equal(f.cells_read, 0);
    assert.deepEqual(f.tables, []);
    assert.ok(doc.findings.some((x) => x.file === f.file && x.severity === 'error'), `${f.file}: unreadable without an error`);
  }
  const rules = doc.rules.map((r) => r.rule);
  assert.equal(new Set(rules).size, rules.length, 'each rule is summarised once');
}

test('the report schema compiles (ajv, draft 2020-12, strict)', () => {
  assert.equal(typeof validate, 'function');
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
});

test('the rule kinds of the report schema are those of the rulebook schema', () => {
  const rulebookSchema = JSON.parse(readFileSync(path.join(root, 'rulebooks/schema/rulebook.schema.json'), 'utf8'));
  const kinds = rulebookSchema.$defs.rule.properties.kind.enum;
  assert.deepEqual(
    [...schema.$defs.rule_summary.properties.kind.enum].sort(),
    [...kinds].sort(),
    'update $defs.rule_summary.properties.kind.enum in docs/report.schema.json',
  );
});

test('the example in docs/report.md is valid', () => {
  const md = readFileSync(path.join(root, 'docs/report.md'), 'utf8');
  const block = md.match(/```json\n([\s\S]*?)\n```/);
  assert.ok(block, 'docs/report.md has a ```json example');
  const doc = JSON.parse(block[1]);
  const errors = errorsOf(doc);
  assert.deepEqual(errors, [], describe(errors));
  checkInvariants(doc);
});

test('there are fixtures to validate', () => assert.ok(files.length >= 55, `only ${files.length}`));

for (const file of files) {
  for (const lang of ['en', 'fr', 'ar']) {
    test(`report is valid (${lang}): ${path.relative(root, file)}`, () => {
      const doc = report(file, lang);
      const errors = errorsOf(doc);
      assert.deepEqual(errors, [], describe(errors));
      assert.equal(doc.language, lang);
      checkInvariants(doc);
    });
  }
}

test('a report of several files is valid', () => {
  const some = files.filter((f) => /ken-2024-(mess|pop_ctz)|legacy\.xls|empty\.csv/.test(f));
  assert.equal(some.length, 4);
  const run = spawnSync(cli, ['validate', '--format', 'json', ...some], { encoding: 'utf8' });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  const doc = JSON.parse(run.stdout);
  assert.equal(doc.files.length, 4);
  const errors = errorsOf(doc);
  assert.deepEqual(errors, [], describe(errors));
  checkInvariants(doc);
});

// ---------------------------------------------------------------- negative

// A report with at least one finding, one table and one rule to break.
function sample() {
  const doc = report(path.join(root, 'tests/fixtures/returns/ken-2024-mess.xlsx'), 'en');
  assert.ok(doc.findings.length > 0 && doc.files[0].tables.length > 0 && doc.rules.length > 0);
  return doc;
}
const base = JSON.stringify(sample());

const broken = [
  {
    name: 'an unknown severity',
    mutate: (d) => { d.findings[0].severity = 'fatal'; },
    expect: { instancePath: '/findings/0/severity', keyword: 'enum' },
  },
  {
    name: 'a member the format does not have',
    mutate: (d) => { d.summary.fatal = 0; },
    expect: { instancePath: '/summary', keyword: 'additionalProperties' },
  },
  {
    name: 'a missing member',
    mutate: (d) => { delete d.files[0].readable; },
    expect: { instancePath: '/files/0', keyword: 'required' },
  },
  {
    name: 'an expected value written as text',
    mutate: (d) => { d.findings[0].expected = '22'; },
    expect: { instancePath: '/findings/0/expected', keyword: 'type' },
  },
  {
    name: 'a negative count',
    mutate: (d) => { d.rules[0].checked = -1; },
    expect: { instancePath: '/rules/0/checked', keyword: 'minimum' },
  },
  {
    name: 'a level out of range',
    mutate: (d) => { d.rules[0].level = 4; },
    expect: { instancePath: '/rules/0/level', keyword: 'maximum' },
  },
  {
    name: 'a cell that is not an A1 reference',
    mutate: (d) => { d.findings[0].cell = 'e5'; },
    expect: { instancePath: '/findings/0/cell', keyword: 'anyOf' },
  },
  {
    name: 'a related cell that is not a reference',
    mutate: (d) => { d.findings[0].related_cells = ['POP_CTZ!E5', 'e5']; },
    expect: { instancePath: '/findings/0/related_cells/1', keyword: 'pattern' },
  },
  {
    name: 'a key value that is not a string',
    mutate: (d) => { d.findings[0].key = { SEX: 1 }; },
    expect: { instancePath: '/findings/0/key/SEX', keyword: 'type' },
  },
  {
    name: 'a count of observations written as text',
    mutate: (d) => { d.files[0].tables[0].observations = '72'; },
    expect: { instancePath: '/files/0/tables/0/observations', keyword: 'type' },
  },
  {
    name: 'an unknown rule kind',
    mutate: (d) => { d.rules[0].kind = 'magic'; },
    expect: { instancePath: '/rules/0/kind', keyword: 'enum' },
  },
];

for (const { name, mutate, expect } of broken) {
  test(`a report with ${name} is rejected at ${expect.instancePath}`, () => {
    const doc = JSON.parse(base);
    assert.deepEqual(errorsOf(doc), [], 'the unmutated report is valid');
    mutate(doc);
    const errors = errorsOf(doc);
    assert.ok(errors.length > 0, 'the mutated report must be invalid');
    assert.ok(
      errors.some((e) => e.instancePath === expect.instancePath && e.keyword === expect.keyword),
      `expected ${expect.keyword} at ${expect.instancePath}, got:\n${describe(errors)}`,
    );
  });
}
