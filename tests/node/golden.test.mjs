// Golden reports: the CLI's JSON, text and SARIF reports of the cases listed in
// tests/golden/cases.txt must equal the files in tests/golden byte for byte (with
// @VERSION@ standing for the tool's version). A difference is a behaviour change:
// if it is intended, run scripts/update-golden.sh and review the diff (tests/golden/README.md).
//
// The CLI is build/native/migcheck, or the one named by MIGCHECK_CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = process.env.MIGCHECK_CLI ? path.resolve(process.env.MIGCHECK_CLI) : path.join(root, 'build/native/migcheck');
const goldenDir = path.join(root, 'tests/golden');
const formats = ['json', 'text', 'sarif'];

// cases.txt: FIXTURE LANGUAGE FORMAT... per line; # comments.
const cases = [];
for (const line of readFileSync(path.join(goldenDir, 'cases.txt'), 'utf8').split('\n')) {
  const words = line.trim().split(/\s+/);
  if (!words[0] || words[0].startsWith('#')) continue;
  const [fixture, lang, ...fmts] = words;
  for (const format of fmts) cases.push({ fixture, lang, format, golden: `${path.basename(fixture)}.${lang}.${format}` });
}

function version() {
  const r = spawnSync(cli, ['--version'], { encoding: 'utf8' });
  if (r.error) throw r.error;
  const m = /^migcheck (\S+)/.exec(r.stdout);
  assert.ok(m, `unexpected ${cli} --version: ${r.stdout}${r.stderr}`);
  return m[1];
}

// Where two texts first differ, as numbered lines: a few common lines before,
// the expected (-) and actual (+) lines of the first change, where they agree again.
export function firstDifference(expected, actual, { context = 3, max = 15, window = 400 } = {}) {
  if (expected === actual) return null;
  const e = expected.split('\n');
  const a = actual.split('\n');
  let i = 0;
  while (i < e.length && i < a.length && e[i] === a[i]) ++i;
  // The first change ends where 3 lines (or the ends of both texts) agree again.
  const agree = (x, y) => {
    for (let k = 0; k < 3; ++k) {
      if (x + k >= e.length || y + k >= a.length) return x + k >= e.length && y + k >= a.length;
      if (e[x + k] !== a[y + k]) return false;
    }
    return true;
  };
  let end = [e.length, a.length];
  search: for (let d = 1; d <= 2 * window; ++d) {
    for (let p = 0; p <= d; ++p) {
      if (i + p <= e.length && i + d - p <= a.length && agree(i + p, i + d - p)) {
        end = [i + p, i + d - p];
        break search;
      }
    }
  }
  const [x, y] = end;
  const clip = (line) => (line.length > 300 ? `${line.slice(0, 300)}… (${line.length} characters)` : line);
  const out = [];
  for (let k = Math.max(0, i - context); k < i; ++k) out.push(`  ${k + 1}: ${clip(e[k])}`);
  const removed = e.slice(i, x);
  const added = a.slice(i, y);
  removed.slice(0, max).forEach((l, k) => out.push(`- ${i + k + 1}: ${clip(l)}`));
  if (removed.length > max) out.push(`- … ${removed.length - max} more lines`);
  added.slice(0, max).forEach((l, k) => out.push(`+ ${i + k + 1}: ${clip(l)}`));
  if (added.length > max) out.push(`+ … ${added.length - max} more lines`);
  for (let k = x; k < Math.min(e.length, x + context); ++k) out.push(`  ${k + 1}: ${clip(e[k])}`);
  const more = e.slice(x).join('\n') === a.slice(y).join('\n') ? '' : `\n(more differences after expected line ${x})`;
  return `first difference at line ${i + 1}:\n${out.join('\n')}${more}`;
}

// The JSON formats are one line: show their difference pretty-printed, or, when
// they parse the same, the first differing characters.
function describeDifference(format, expected, actual) {
  if (format !== 'text') {
    let e, a;
    try {
      e = JSON.stringify(JSON.parse(expected), null, 2);
      a = JSON.stringify(JSON.parse(actual), null, 2);
    } catch {
      return firstDifference(expected, actual);
    }
    if (e !== a) return `(pretty-printed; the files are compared byte for byte)\n${firstDifference(e, a)}`;
    let i = 0;
    while (expected[i] === actual[i]) ++i;
    return `same JSON, different bytes at offset ${i}:\n- ${JSON.stringify(expected.slice(Math.max(0, i - 60), i + 60))}\n+ ${JSON.stringify(actual.slice(Math.max(0, i - 60), i + 60))}`;
  }
  return firstDifference(expected, actual);
}

test('the difference is shown from the first differing line', () => {
  assert.equal(firstDifference('a\nb\n', 'a\nb\n'), null);
  const d = firstDifference('1\n2\n3\n4\nold\n6\n7\n8\n9\n', '1\n2\n3\n4\nnew\nnewer\n6\n7\n8\n9\n');
  assert.equal(d, 'first difference at line 5:\n  2: 2\n  3: 3\n  4: 4\n- 5: old\n+ 5: new\n+ 6: newer\n  6: 6\n  7: 7\n  8: 8');
  const two = firstDifference('a\nb\nc\nd\ne\nf\ng\nh\n', 'a\nB\nc\nd\ne\nf\ng\nH\n');
  assert.match(two, /^first difference at line 2:\n {2}1: a\n- 2: b\n\+ 2: B\n {2}3: c\n/);
  assert.match(two, /more differences after expected line 2/);
  assert.ok(describeDifference('json', '{"a":1,"b":[2]}\n', '{"a":1,"b":[3]}\n').includes('\n- 4:     2\n+ 4:     3\n'));
  assert.match(describeDifference('json', '{"a":1.0}\n', '{"a":1}\n'), /same JSON, different bytes at offset 6:/);
});

test('cases.txt lists cases, and tests/golden holds exactly their goldens', () => {
  assert.ok(cases.length >= 20, `only ${cases.length} cases`);
  for (const c of cases) {
    assert.ok(existsSync(path.join(root, c.fixture)), `${c.fixture} does not exist`);
    assert.ok(formats.includes(c.format), `unknown format ${c.format}`);
    assert.ok(['en', 'fr', 'ar'].includes(c.lang), `unknown language ${c.lang}`);
  }
  const expected = cases.map((c) => c.golden).sort();
  const present = readdirSync(goldenDir).filter((n) => formats.some((f) => n.endsWith(`.${f}`))).sort();
  assert.deepEqual(present, expected, 'run scripts/update-golden.sh');
});

const v = version();
for (const c of cases) {
  test(`golden ${c.golden}: migcheck validate --format ${c.format} --lang ${c.lang} ${c.fixture}`, () => {
    const goldenPath = path.join(goldenDir, c.golden);
    assert.ok(existsSync(goldenPath), `${c.golden} is missing: run scripts/update-golden.sh`);
    const golden = readFileSync(goldenPath, 'utf8');
    if (c.format !== 'text') assert.ok(golden.includes('"version":"@VERSION@"'), 'the tool version is written @VERSION@');
    const expected = golden.replaceAll('@VERSION@', v);
    const r = spawnSync(cli, ['validate', '--format', c.format, '--lang', c.lang, path.join(root, c.fixture)], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    if (r.error) throw r.error;
    assert.ok(r.status === 0 || r.status === 1, `${cli} exited with ${r.status ?? r.signal}: ${r.stderr}`);
    if (r.stdout !== expected) {
      assert.fail(
        `${c.golden} differs from the CLI's report. If the change is intended, run scripts/update-golden.sh ` +
          `and review the diff as a behaviour change.\n${describeDifference(c.format, expected, r.stdout)}`,
      );
    }
  });
}
