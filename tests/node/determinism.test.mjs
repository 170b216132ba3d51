// Determinism (docs/report.md, "Determinism"): the same files give the same
// report natively and in wasm, whatever the order of the files and the
// findings cap, and a session keeps nothing from one validation to the next.
// MIGCHECK_WASM_DIR and MIGCHECK_CLI override build/wasm and build/native/migcheck.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = process.env.MIGCHECK_CLI || path.join(root, 'build/native/migcheck');
const { loadMigcheck } = require(path.join(root, 'wasm/js/node-loader.cjs'));
const mc = await loadMigcheck(process.env.MIGCHECK_WASM_DIR ? path.resolve(process.env.MIGCHECK_WASM_DIR) : undefined);

// The rule kinds checked across files (engine.cpp, dataset_rule_for): their findings come last.
const ACROSS_KINDS = new Set(['equal_totals', 'expression', 'balance', 'change', 'mirror', 'revision']);

const fixture = (p) => path.join(root, 'tests/fixtures', p);
const complete = (name) => fixture(`returns/complete/${name}`);
const UGA_CSVS = readdirSync(fixture('returns/complete')).filter((n) => n.endsWith('.csv')).sort().map(complete);

// The 13 CSV files with every 11th line's value doubled, written once: hundreds of
// findings in every file and across files (equal totals, year on year with 2023).
function withMistakes() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'migcheck-determinism-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return UGA_CSVS.map((file) => {
    const lines = readFileSync(file, 'utf8').split('\n');
    const value = lines[0].split(',').indexOf('OBS_VALUE');
    const changed = lines.map((line, i) => {
      const cells = line.split(',');
      if (i === 0 || i % 11 !== 3 || !/^\d+$/.test(cells[value] ?? '')) return line;
      cells[value] = String(2 * Number(cells[value]));
      return cells.join(',');
    });
    const out = path.join(dir, path.basename(file));
    writeFileSync(out, changed.join('\n'));
    return out;
  });
}

const CASES = {
  'the 13 CSV files of the complete Uganda return': UGA_CSVS,
  'the Kenya return, its messy twin and its CSV files': ['ken-2024-long-en.xlsx', 'ken-2024-wide-fr.xlsx', 'ken-2024-mess.xlsx',
    'ken-2024-pop_ctz.csv', 'ken-2024-imm_ctz.csv', 'ken-2024-imm_reason.csv'].map((n) => fixture(`returns/${n}`)),
  // The clean and the planted 2024 returns give the same observations with other values.
  'Uganda 2023, the planted 2024 return and the clean one': ['uga-2023-long-en.xlsx', 'uga-2024-planted.xlsx', 'uga-2024-wide-fr.xlsx'].map(complete),
  'two countries (mirror checks)': [fixture('returns/ken-2024-long-en.xlsx'), fixture('returns/ken-2024-imm_ctz.csv'),
    complete('uga-2024-long-en.xlsx'), complete('uga-2023-long-en.xlsx')],
  'the 13 CSV files with mistakes, and 2023': [complete('uga-2023-long-en.xlsx'), ...withMistakes()],
};

// Forward, reversed, and one fixed shuffle (Fisher-Yates with a small LCG, seed 7).
function orders(files) {
  const shuffled = [...files];
  let seed = 7;
  for (let i = shuffled.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  return { forward: files, reversed: [...files].reverse(), shuffled };
}

function native(files, maxFindings) {
  const cap = maxFindings === undefined ? [] : ['--max-findings', String(maxFindings)];
  const r = spawnSync(cli, ['validate', '--format', 'json', ...cap, ...files], { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.ok(r.status === 0 || r.status === 1, `migcheck exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

function wasm(session, files, maxFindings) {
  const inputs = files.map((file) => ({ name: path.basename(file), bytes: readFileSync(file) }));
  return session.validateJson(inputs, maxFindings === undefined ? {} : { maxFindings });
}

// Byte-identical reports; when they are not, the first differing part is shown, not the whole text.
function assertSameText(actual, expected, what) {
  if (actual === expected) return;
  const a = JSON.parse(actual), e = JSON.parse(expected);
  for (const key of Object.keys(e)) assert.deepEqual(a[key], e[key], `${what}: ${key}`);
  assert.equal(actual, expected, what);
}

// A report's findings as the report promises them: each file's own findings, files in the
// order given, then the findings across files. Fails if the report is not so ordered.
function sections(report) {
  const across = (f) => ACROSS_KINDS.has(report.rules.find((r) => r.rule === f.rule)?.kind);
  const own = new Map(report.files.map((f) => [f.file, []]));
  for (const f of report.findings) if (!across(f)) own.get(f.file).push(f);
  const crossing = report.findings.filter(across);
  assert.deepEqual(report.findings, [...[...own.values()].flat(), ...crossing], 'findings: per file in file order, then across files');
  return { own, across: crossing };
}

// Two reports of the same files given in different orders: every part equal but the order of `files`.
function assertSameReport(a, b) {
  const sa = sections(a), sb = sections(b);
  assert.deepEqual(new Map(b.files.map((f) => [f.file, f])), new Map(a.files.map((f) => [f.file, f])), 'files');
  for (const [file, findings] of sa.own) assert.deepEqual(sb.own.get(file), findings, `findings of ${file}`);
  assert.deepEqual(sb.across, sa.across, 'findings across files');
  for (const key of ['tool', 'rulebook', 'language', 'rules', 'asymmetries', 'summary']) assert.deepEqual(b[key], a[key], key);
}

// A capped report against the uncapped one: the same counts, the first n findings of each file
// and the first n across files, `partial` when any were left out.
function assertCapped(capped, full, n) {
  const sc = sections(capped), sf = sections(full);
  for (const [file, findings] of sf.own) assert.deepEqual(sc.own.get(file), findings.slice(0, n), `first ${n} findings of ${file}`);
  assert.deepEqual(sc.across, sf.across.slice(0, n), `first ${n} findings across files`);
  const truncated = [...sf.own.values(), sf.across].some((s) => s.length > n);
  assert.deepEqual(capped.summary, { ...full.summary, partial: truncated }, 'summary');
  for (const key of ['files', 'rules', 'asymmetries']) assert.deepEqual(capped[key], full[key], key);
}

for (const [name, files] of Object.entries(CASES)) {
  test(`${name}: the same report natively and in wasm, whatever the order of the files`, () => {
    const session = mc.createSession();
    try {
      let first;
      for (const [order, list] of Object.entries(orders(files))) {
        const json = native(list);
        assertSameText(wasm(session, list), json, `${order}: wasm against native`);
        const report = JSON.parse(json);
        assert.deepEqual(report.files.map((f) => f.file), list.map((f) => path.basename(f)), 'files in the order given');
        if (first) assertSameReport(first, report);
        else first = report;
      }
    } finally {
      session.close();
    }
  });

  test(`${name}: --max-findings and maxFindings keep the first findings, and count them all`, () => {
    const session = mc.createSession();
    try {
      for (const list of [files, orders(files).reversed]) {
        const full = JSON.parse(native(list));
        for (const n of [1, 7, 100]) {
          const json = native(list, n);
          assertSameText(wasm(session, list, n), json, `cap ${n}: wasm against native`);
          assertCapped(JSON.parse(json), full, n);
        }
      }
    } finally {
      session.close();
    }
  });
}

test('the cases have findings in files and across files, mirrors and truncation to check', () => {
  const stats = Object.fromEntries(Object.entries(CASES).map(([name, files]) => {
    const report = JSON.parse(native(files));
    const s = sections(report);
    return [name, { across: s.across.length, most: Math.max(...[...s.own.values()].map((f) => f.length)), asymmetries: report.asymmetries.length }];
  }));
  assert.ok(stats['Uganda 2023, the planted 2024 return and the clean one'].across >= 3, JSON.stringify(stats));
  assert.ok(stats['two countries (mirror checks)'].asymmetries >= 1, JSON.stringify(stats));
  const mistakes = stats['the 13 CSV files with mistakes, and 2023'];
  assert.ok(mistakes.most > 100 && mistakes.across > 100, JSON.stringify(mistakes));
});

test('a session keeps nothing from one validation to the next', () => {
  const a = CASES['Uganda 2023, the planted 2024 return and the clean one'];
  const b = CASES['the 13 CSV files with mistakes, and 2023'];
  const session = mc.createSession();
  try {
    const first = wasm(session, a);
    assert.equal(wasm(session, a), first, 'the same validation twice');
    const other = wasm(session, b, 7);
    assert.equal(session.format('json'), other, 'the session\'s report is the last one');
    assert.equal(wasm(session, a), first, 'after another validation with another cap');
    assert.equal(session.format('json'), first);
    assert.equal(wasm(session, b, 7), other);
  } finally {
    session.close();
  }
});

test('the comparisons notice a swapped, lost or misplaced finding', () => {
  const report = JSON.parse(native(CASES['Uganda 2023, the planted 2024 return and the clean one']));
  const copy = () => structuredClone(report);
  const { own, across } = sections(report);
  const [file, findings] = [...own].find(([, f]) => f.length >= 2);
  const at = report.findings.indexOf(findings[0]);
  assert.ok(across.length >= 2 && at >= 0);

  const swapped = copy();  // two findings of one file
  [swapped.findings[at], swapped.findings[at + 1]] = [swapped.findings[at + 1], swapped.findings[at]];
  assert.throws(() => assertSameReport(report, swapped), new RegExp(`findings of ${file}`));
  const swappedAcross = copy();  // the last two findings, across files
  swappedAcross.findings.push(...swappedAcross.findings.splice(-2, 1));
  assert.throws(() => assertSameReport(report, swappedAcross), /findings across files/);
  const lost = copy();
  lost.findings.pop();
  assert.throws(() => assertSameReport(report, lost), /findings across files/);
  const misplaced = copy();  // an across-files finding among a file's own
  misplaced.findings.splice(at, 0, misplaced.findings.pop());
  assert.throws(() => sections(misplaced), /per file in file order/);

  const capped = (n) => {
    const c = copy();
    c.findings = [...[...own.values()].flatMap((f) => f.slice(0, n)), ...across.slice(0, n)];
    c.summary.partial = true;
    return c;
  };
  assertCapped(capped(1), report, 1);
  const wrongKept = capped(1);
  wrongKept.findings[wrongKept.findings.indexOf(findings[0])] = findings[1];
  assert.throws(() => assertCapped(wrongKept, report, 1), /first 1 findings/);
  const notPartial = capped(1);
  notPartial.summary.partial = false;
  assert.throws(() => assertCapped(notPartial, report, 1), /summary/);
});
