// The CI formats against the official schemas, vendored in tests/schemas (README there):
// - SARIF (`--format sarif`) against the OASIS SARIF 2.1.0 JSON Schema, with ajv;
// - JUnit XML (`--format junit`) against the Jenkins xUnit plugin's junit-10.xsd, with
//   xmllint (Debian package libxml2-utils).
// For every fixture, plus a few things the schemas cannot say (rule indexes point at
// their rule, counts add up), plus mutated documents that must fail, so the checks can fail.
//
// The CLI is build/native/migcheck, or the one named by MIGCHECK_CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = process.env.MIGCHECK_CLI ? path.resolve(process.env.MIGCHECK_CLI) : path.join(root, 'build/native/migcheck');
const sarifSchema = JSON.parse(readFileSync(path.join(root, 'tests/schemas/sarif-schema-2.1.0.json'), 'utf8'));
const junitXsd = path.join(root, 'tests/schemas/junit-10.xsd');

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

// stdout of `migcheck validate`; a crash or bad usage (exit >= 2) fails the test.
function run(args) {
  const r = spawnSync(cli, ['validate', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  assert.ok(r.status === 0 || r.status === 1, `${cli} exited with ${r.status ?? r.signal}: ${r.stderr}`);
  return r.stdout;
}

// ---------------------------------------------------------------- SARIF

// The schema is draft-07 and uses formats (uri, date-time) that need ajv-formats,
// which the project does not install: formats are not validated by ajv (URIs are
// checked below by hand). strict is off: the OASIS schema is not written for ajv's
// strict mode (e.g. `default` values of the wrong type).
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const validateSarif = ajv.compile(sarifSchema);
function sarifErrors(doc) {
  return validateSarif(doc) ? [] : validateSarif.errors;
}
function describe(errors) {
  return errors.map((e) => `${e.instancePath || '/'} ${e.keyword}: ${e.message} ${JSON.stringify(e.params)}`).join('\n');
}

// RFC 3986 URI-reference: only unreserved, reserved and percent-encoded characters.
const uriReference = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;

// What the schema cannot say about our SARIF.
function checkSarif(doc, json) {
  assert.equal(doc.runs.length, 1);
  const [runObj] = doc.runs;
  const rules = runObj.tool.driver.rules;
  assert.equal(new Set(rules.map((r) => r.id)).size, rules.length, 'rule ids are unique');
  for (const [i, r] of runObj.results.entries()) {
    assert.equal(rules[r.ruleIndex]?.id, r.ruleId, `results[${i}].ruleIndex points at its rule`);
    const uri = r.locations[0].physicalLocation.artifactLocation.uri;
    assert.match(uri, uriReference, `results[${i}] artifactLocation.uri ${JSON.stringify(uri)} is not a URI reference`);
  }
  if (json) {
    // One result per problem, in order, with its level; the count of cells beyond the first in the message.
    const level = { error: 'error', warning: 'warning', info: 'note' };
    assert.deepEqual(
      runObj.results.map((r) => [r.ruleId, r.level, r.message.text, r.properties.count]),
      json.problems.map((p) => [p.rule, level[p.severity], p.message + (p.count > 1 ? ` (+${p.count - 1})` : ''), p.count]),
    );
    // Its other cells are related locations.
    runObj.results.forEach((r, i) => {
      const others = json.problems[i].cells.slice(1, 101);
      assert.deepEqual((r.relatedLocations || []).map((l) => l.logicalLocations?.[0]?.name), others);
    });
    // The cell is the region: row = startLine, column (A = 1) = startColumn.
    const region = (cell) => {
      const m = /^([A-Z]+)([0-9]+)$/.exec(cell);
      if (!m) return undefined;
      const column = [...m[1]].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
      return { startLine: Number(m[2]), startColumn: column };
    };
    assert.deepEqual(
      runObj.results.map((r) => r.locations[0].physicalLocation.region),
      json.problems.map((p) => region(p.cell)),
    );
  }
}

test('the vendored schemas are unmodified (sizes and SHA-256 of tests/schemas/README.md)', () => {
  const expected = {
    'sarif-schema-2.1.0.json': [112318, '80cd7ffb9b62a4162d541aa9170862dd264f6cce0f04c57f1ac9f2337b808958'],
    'junit-10.xsd': [6491, '62ca5a7bd8a6b8268818a64192bd8f94dbf38b63eb85a19c159deba08244f1fd'],
  };
  for (const [name, [size, sha256]] of Object.entries(expected)) {
    const bytes = readFileSync(path.join(root, 'tests/schemas', name));
    assert.deepEqual([bytes.length, createHash('sha256').update(bytes).digest('hex')], [size, sha256], name);
  }
});

test('the vendored SARIF schema is the OASIS SARIF 2.1.0 schema (draft-07) and compiles', () => {
  assert.equal(sarifSchema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.match(sarifSchema.title, /SARIF\) Version 2\.1\.0 JSON Schema/);
  assert.deepEqual(sarifSchema.properties.version.enum, ['2.1.0']);
  assert.equal(typeof validateSarif, 'function');
});

test('there are fixtures to check', () => assert.ok(files.length >= 55, `only ${files.length}`));

for (const file of files) {
  test(`SARIF is valid against the OASIS schema: ${path.relative(root, file)}`, () => {
    const doc = JSON.parse(run(['--format', 'sarif', file]));
    const errors = sarifErrors(doc);
    assert.deepEqual(errors, [], describe(errors));
    checkSarif(doc);
  });
}

test('SARIF of all fixtures at once is valid and has one result per problem of the JSON report', () => {
  const doc = JSON.parse(run(['--format', 'sarif', ...files]));
  const errors = sarifErrors(doc);
  assert.deepEqual(errors, [], describe(errors));
  checkSarif(doc, JSON.parse(run(['--format', 'json', ...files])));
});

test('SARIF in French and for a few files at once is valid', () => {
  const some = files.filter((f) => /ken-2024-(mess|wide-fr)|legacy\.xls|zip-bomb/.test(f));
  assert.equal(some.length, 4);
  for (const args of [['--lang', 'fr', ...some], some]) {
    const doc = JSON.parse(run(['--format', 'sarif', ...args]));
    const errors = sarifErrors(doc);
    assert.deepEqual(errors, [], describe(errors));
    checkSarif(doc, JSON.parse(run(['--format', 'json', ...args])));
  }
});

const sarifBase = run(['--format', 'sarif', path.join(root, 'tests/fixtures/returns/ken-2024-mess.xlsx')]);
const sarifBroken = [
  { name: 'an unknown level', mutate: (d) => { d.runs[0].results[0].level = 'info'; }, at: '/runs/0/results/0/level', keyword: 'enum' },
  { name: 'a wrong version', mutate: (d) => { d.version = '2.0.0'; }, at: '/version', keyword: 'enum' },
  { name: 'a result without message', mutate: (d) => { delete d.runs[0].results[0].message; }, at: '/runs/0/results/0', keyword: 'required' },
  { name: 'a line 0', mutate: (d) => { d.runs[0].results[0].locations[0].physicalLocation.region = { startLine: 0 }; }, at: '/runs/0/results/0/locations/0/physicalLocation/region/startLine', keyword: 'minimum' },
  { name: 'a member SARIF does not have', mutate: (d) => { d.runs[0].results[0].severity = 'error'; }, at: '/runs/0/results/0', keyword: 'additionalProperties' },
  { name: 'a driver without name', mutate: (d) => { delete d.runs[0].tool.driver.name; }, at: '/runs/0/tool/driver', keyword: 'required' },
];
for (const { name, mutate, at, keyword } of sarifBroken) {
  test(`SARIF with ${name} is rejected at ${at}`, () => {
    const doc = JSON.parse(sarifBase);
    assert.ok(doc.runs[0].results.length > 0);
    assert.deepEqual(sarifErrors(doc), [], 'the unmutated SARIF is valid');
    mutate(doc);
    const errors = sarifErrors(doc);
    assert.ok(
      errors.some((e) => e.instancePath === at && e.keyword === keyword),
      `expected ${keyword} at ${at}, got:\n${describe(errors) || 'no error'}`,
    );
  });
}

// ---------------------------------------------------------------- JUnit XML

const xmllint = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
const haveXmllint = !xmllint.error;

// Validates XML text against the JUnit XSD; returns xmllint's status and messages.
function lintJunit(xml) {
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', junitXsd, '-'], { input: xml, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, messages: r.stderr.trim() };
}

// What the XSD cannot say: the counts are numbers that add up.
function checkJunit(xml) {
  const attrs = (tag) => [...xml.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))].map((m) =>
    Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]])));
  const [top] = attrs('testsuites');
  const suites = xml.split('<testsuite ').slice(1);
  let tests = 0, failures = 0;
  for (const suite of suites) {
    const [head] = attrs('testsuite').slice(suites.indexOf(suite));
    const cases = (suite.match(/<testcase /g) || []).length;
    const failed = (suite.match(/<failure /g) || []).length;
    assert.equal(Number(head.tests), cases, `testsuite ${head.name}: tests="${head.tests}" but ${cases} test cases`);
    assert.equal(Number(head.failures), failed, `testsuite ${head.name}: failures="${head.failures}" but ${failed} failures`);
    tests += cases;
    failures += failed;
  }
  assert.equal(Number(top.tests), tests, 'testsuites tests adds up');
  assert.equal(Number(top.failures), failures, 'testsuites failures adds up');
}

test('xmllint is installed (Debian package libxml2-utils)', () => {
  assert.ok(haveXmllint, 'xmllint not found: apt-get install libxml2-utils');
  assert.equal(lintJunit('<testsuites/>').status, 0, 'an empty <testsuites/> validates');
});

for (const file of files) {
  test(`JUnit XML is valid against junit-10.xsd: ${path.relative(root, file)}`, { skip: !haveXmllint && 'no xmllint' }, () => {
    const xml = run(['--format', 'junit', file]);
    const { status, messages } = lintJunit(xml);
    assert.equal(status, 0, messages);
    checkJunit(xml);
  });
}

test('JUnit XML in French, --strict and for several files at once is valid', { skip: !haveXmllint && 'no xmllint' }, () => {
  const some = files.filter((f) => /ken-2024-(mess|wide-fr)|legacy\.xls|zip-bomb/.test(f));
  assert.equal(some.length, 4);
  for (const args of [['--lang', 'fr', ...some], ['--strict', ...some]]) {
    const xml = run(['--format', 'junit', ...args]);
    const { status, messages } = lintJunit(xml);
    assert.equal(status, 0, messages);
    checkJunit(xml);
    assert.equal((xml.match(/<testsuite /g) || []).length, 4);
  }
});

const junitBase = haveXmllint ? run(['--format', 'junit', path.join(root, 'tests/fixtures/returns/ken-2024-mess.xlsx')]) : '';
const junitBroken = [
  { name: 'a test case without name', mutate: (x) => x.replace(/(<testcase classname="[^"]*") name="[^"]*"/, '$1'), expect: /attribute 'name' is required/ },
  { name: 'an element JUnit does not have', mutate: (x) => x.replace('<testcase ', '<bogus/>\n    <testcase '), expect: /bogus/ },
  { name: 'a test suite without tests count', mutate: (x) => x.replace(/(<testsuite name="[^"]*") tests="\d+"/, '$1'), expect: /attribute 'tests' is required/ },
  { name: 'a time that is not a duration', mutate: (x) => x.replace('<testsuites ', '<testsuites time="soon" '), expect: /time/ },
  { name: 'text that is not well-formed', mutate: (x) => x.replace('</failure>', '& </failure>'), expect: /./ },
];
for (const { name, mutate, expect } of junitBroken) {
  test(`JUnit XML with ${name} is rejected`, { skip: !haveXmllint && 'no xmllint' }, () => {
    assert.equal(lintJunit(junitBase).status, 0, 'the unmutated JUnit XML is valid');
    const xml = mutate(junitBase);
    assert.notEqual(xml, junitBase, 'the mutation applies');
    const { status, messages } = lintJunit(xml);
    assert.notEqual(status, 0, 'xmllint must reject it');
    assert.match(messages, expect);
  });
}

// ---------------------------------------------------------------- awkward file names

// A file name with spaces, an accent, quotes and XML's special characters, as
// users name their returns: escaped in JUnit, percent-encoded in SARIF's URI.
function withAwkwardName(check) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'migcheck-ci-'));
  try {
    const file = path.join(dir, `Côte d'Ivoire & "Kenya" <2024> #1.csv`);
    copyFileSync(path.join(root, 'tests/fixtures/returns/ken-2024-pop_ctz.csv'), file);
    check(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a file named with spaces, quotes, & and < > gives valid JUnit XML', { skip: !haveXmllint && 'no xmllint' }, () => {
  withAwkwardName((file) => {
    const xml = run(['--format', 'junit', file]);
    const { status, messages } = lintJunit(xml);
    assert.equal(status, 0, messages);
    checkJunit(xml);
    assert.ok(xml.includes('name="Côte d&apos;Ivoire &amp; &quot;Kenya&quot; &lt;2024&gt; #1.csv"'), xml);
  });
});

test('a file named with spaces, quotes, & and < > gives valid SARIF, its URI percent-encoded', () => {
  withAwkwardName((file) => {
    const doc = JSON.parse(run(['--format', 'sarif', file]));
    assert.deepEqual(sarifErrors(doc), [], describe(sarifErrors(doc)));
    assert.ok(doc.runs[0].results.length > 0, 'the file has findings whose URI is checked');
    checkSarif(doc, JSON.parse(run(['--format', 'json', file])));
    // Not only well-formed: the URI names the file ('#' and '?' would start a fragment or a query).
    for (const r of doc.runs[0].results) {
      const uri = r.locations[0].physicalLocation.artifactLocation.uri;
      assert.doesNotMatch(uri, /[?#]/);
      assert.equal(decodeURIComponent(uri), path.basename(file));
    }
  });
});
