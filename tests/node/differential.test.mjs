// Differential test: migcheck must read every cell of a few hundred real
// workbooks, written by a dozen writers, as openpyxl reads it.
// tests/fixtures/differential/README.md says where the files come from, how
// expected/ is written (by openpyxl alone), and every normalisation applied
// below, each with its reason. known-differences.json lists the cells where
// the two readers still differ and which of them is wrong; those are reported
// and do not fail, but a listed difference that no longer occurs fails, so the
// list cannot go stale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = process.env.MIGCHECK_CLI || path.join(root, 'build/native/migcheck');
// Another corpus of the same layout (files/, expected/, known-differences.json) may be given.
const corpus = process.env.MIGCHECK_DIFF_DIR ? path.resolve(process.env.MIGCHECK_DIFF_DIR)
  : path.join(root, 'tests/fixtures/differential');
const filesDir = path.join(corpus, 'files');
const expectedDir = path.join(corpus, 'expected');
const knownPath = path.join(corpus, 'known-differences.json');

// A date's serial: openpyxl rounds the time of day to the millisecond
// (utils/datetime.py from_excel), so its serial may be 0.5 ms away from the stored one.
const SERIAL_TOLERANCE = 0.0005 / 86400 + 1e-12;

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else out.push(full);
  }
  return out;
}

function dump(file) {
  const r = spawnSync(cli, ['dump', '--json', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  if (!r.stdout) throw new Error(`${file}: migcheck printed nothing (status ${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

// Normalisation: openpyxl 3.0.9 leaves the ST_Xstring escapes _xHHHH_ as
// written (ECMA-376 Part 1, 22.9.2.19); decode them as the standard says,
// surrogate pairs included. A lone surrogate stays as written.
function decodeXstring(s) {
  const units = [];
  const re = /_x([0-9A-Fa-f]{4})_/g;
  let last = 0;
  let m;
  let out = '';
  const flush = () => {
    for (let i = 0; i < units.length; ++i) {
      const u = units[i];
      if (u >= 0xd800 && u <= 0xdbff && i + 1 < units.length && units[i + 1] >= 0xdc00 && units[i + 1] <= 0xdfff) {
        out += String.fromCharCode(u, units[i + 1]);
        ++i;
      } else if (u >= 0xd800 && u <= 0xdfff) {
        out += `_x${u.toString(16).toUpperCase().padStart(4, '0')}_`;
      } else {
        out += String.fromCharCode(u);
      }
    }
    units.length = 0;
  };
  while ((m = re.exec(s))) {
    if (m.index !== last) {
      flush();
      out += s.slice(last, m.index);
    }
    units.push(parseInt(m[1], 16));
    last = re.lastIndex;
  }
  flush();
  return out + s.slice(last);
}
const hasXstring = (s) => /_x[0-9A-Fa-f]{4}_/.test(s);

// A cell as the two readers give it, for reports and known-differences.json:
// [type, value], a date as ["date", serial].
function expectedValue(c) {
  return c[1] === 'date' ? ['date', c[3]] : [c[1], c[2]];
}
function actualValue(c) {
  if (!c) return null;
  return c.type === 'date' ? ['date', c.serial] : [c.type, c.value];
}

function same(e, a) {
  if (!e || !a || e[0] !== a[0]) return false;
  if (e[0] === 'date') return Math.abs(e[1] - a[1]) <= SERIAL_TOLERANCE;
  return e[1] === a[1];
}

function decodeRef(ref) {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  return [Number(m[2]), col];
}
function parseRange(r) {
  const [a, b = a] = r.split(':');
  const [r1, c1] = decodeRef(a);
  const [r2, c2] = decodeRef(b);
  return { r1, c1, r2, c2 };
}
// A cell covered by a merged range other than its top-left one.
function hiddenByMerge(ref, ranges) {
  const [r, c] = decodeRef(ref);
  return ranges.some((m) => r >= m.r1 && r <= m.r2 && c >= m.c1 && c <= m.c2 && !(r === m.r1 && c === m.c1));
}

// Compares one workbook; returns the differences and counts.
function compare(rel, expected, actual, counts) {
  const diffs = [];
  const diff = (sheet, cell, e, a) => diffs.push({ file: rel, sheet, cell, expected: e, actual: a });
  if (actual.error) {
    // Representation choice: a sheet the workbook lists without a worksheet part.
    // openpyxl drops it (with a warning) and reads the rest; migcheck refuses the
    // file and names the sheet. Counted, not compared.
    const missing = actual.error.id === 'xlsx.missing_part' && actual.error.params?.sheet;
    if (missing && !expected.sheets.some((s) => s.name === actual.error.params.sheet)) {
      ++counts.normalised.sheetWithoutPart;
      return diffs;
    }
    diff('', '', 'readable', `error ${actual.error.id}`);
    return diffs;
  }
  if (expected.date1904 !== actual.date1904) diff('', '(date1904)', expected.date1904, actual.date1904);
  const names = (s) => s.map((x) => x.name);
  if (JSON.stringify(names(expected.sheets)) !== JSON.stringify(names(actual.sheets))) {
    diff('', '(sheets)', names(expected.sheets), names(actual.sheets));
  }
  for (const es of expected.sheets) {
    const as = actual.sheets.find((s) => s.name === es.name);
    if (!as) continue;  // reported with the sheet names
    if (es.state !== as.state) diff(es.name, '(state)', es.state, as.state);
    if (es.kind === 'chartsheet') {
      // A chartsheet holds no cells; migcheck lists it as an empty sheet.
      ++counts.chartsheets;
      if (as.cells.length) diff(es.name, '(cells)', 0, as.cells.length);
      continue;
    }
    const sortedMerges = (m) => JSON.stringify([...m].sort());
    if (sortedMerges(es.merged) !== sortedMerges(as.merged)) diff(es.name, '(merged)', es.merged, as.merged);
    const merged = es.merged.map(parseRange);
    const byRef = new Map(as.cells.map((c) => [c.ref, c]));
    for (const ec of es.cells) {
      ++counts.cells;
      const ac = byRef.get(ec[0]);
      byRef.delete(ec[0]);
      let e = expectedValue(ec);
      if (e[0] === 'text' && hasXstring(e[1])) {
        e = ['text', decodeXstring(e[1])];
        ++counts.normalised.xstring;
      }
      const a = actualValue(ac);
      if (same(e, a)) ++counts.identical;
      else diff(es.name, ec[0], e, a);
    }
    for (const ac of byRef.values()) {
      if (hiddenByMerge(ac.ref, merged)) {
        ++counts.normalised.underMerge;
        continue;
      }
      if (ac.type === 'text' && ac.value === '') {
        ++counts.normalised.emptyText;
        continue;
      }
      ++counts.cells;
      diff(es.name, ac.ref, null, actualValue(ac));
    }
  }
  return diffs;
}

const key = (d) => JSON.stringify([d.file, d.sheet, d.cell]);

test('differential: migcheck reads every cell as openpyxl does', () => {
  const known = existsSync(knownPath) ? JSON.parse(readFileSync(knownPath, 'utf8')).differences : [];
  const knownByKey = new Map(known.map((k) => [key(k), k]));
  assert.equal(knownByKey.size, known.length, 'known-differences.json lists a cell twice');
  const expectations = walk(expectedDir).filter((f) => f.endsWith('.json') && path.basename(f) !== 'unreadable.json');
  assert.ok(expectations.length >= 250, `only ${expectations.length} expectations`);
  // Every workbook has its expectation, unless openpyxl could not open it (expect.py lists those).
  const unreadablePath = path.join(expectedDir, 'unreadable.json');
  const unreadable = existsSync(unreadablePath) ? JSON.parse(readFileSync(unreadablePath, 'utf8')) : {};
  const withoutExpectation = walk(filesDir).map((f) => path.relative(filesDir, f).split(path.sep).join('/'))
    .filter((rel) => !existsSync(path.join(expectedDir, `${rel}.json`)) && !(rel in unreadable));
  assert.deepEqual(withoutExpectation, [], 'workbooks without an expectation: run expect.py');
  const counts = { files: 0, cells: 0, identical: 0, chartsheets: 0,
    normalised: { xstring: 0, underMerge: 0, emptyText: 0, sheetWithoutPart: 0 } };
  const unexpected = [];
  const seenKnown = new Set();
  const byDefect = { migcheck: 0, openpyxl: 0 };
  for (const exp of expectations) {
    const rel = path.relative(expectedDir, exp).split(path.sep).join('/').replace(/\.json$/, '');
    const file = path.join(filesDir, rel);
    assert.ok(existsSync(file), `${rel}: expectation without its workbook`);
    const expected = JSON.parse(readFileSync(exp, 'utf8'));
    ++counts.files;
    for (const d of compare(rel, expected, dump(file), counts)) {
      const k = knownByKey.get(key(d));
      if (k && JSON.stringify(k.expected) === JSON.stringify(d.expected) &&
          JSON.stringify(k.actual) === JSON.stringify(d.actual)) {
        seenKnown.add(key(d));
        ++byDefect[k.defect];
      } else {
        unexpected.push(d);
      }
    }
  }
  const stale = known.filter((k) => !seenKnown.has(key(k)));
  // MIGCHECK_DIFF_OUT=file.json writes the unexpected differences, in the form of known-differences.json.
  if (process.env.MIGCHECK_DIFF_OUT) {
    writeFileSync(process.env.MIGCHECK_DIFF_OUT, JSON.stringify({ differences: unexpected }, null, 1) + '\n');
  }
  const n = counts.normalised;
  console.log(`differential: ${counts.files} files, ${counts.cells} cells compared, ${counts.identical} identical; ` +
    `known differences ${seenKnown.size} (migcheck ${byDefect.migcheck}, openpyxl ${byDefect.openpyxl}); ` +
    `normalised: ${n.xstring} _xHHHH_ decoded, ${n.underMerge} hidden under a merge, ${n.emptyText} empty texts, ` +
    `${n.sheetWithoutPart} files refused for a sheet without its part; ` +
    `${counts.chartsheets} chartsheets`);
  const show = (d) => `${d.file} ${d.sheet}!${d.cell}: openpyxl ${JSON.stringify(d.expected)}, migcheck ${JSON.stringify(d.actual)}`;
  for (const k of known.filter((k) => seenKnown.has(key(k)))) console.log(`known (${k.defect} defect): ${show(k)}`);
  assert.deepEqual(unexpected.map(show), [], `${unexpected.length} cells read differently from openpyxl`);
  assert.deepEqual(stale.map(show), [], 'known differences that no longer occur: remove them from known-differences.json');
});
