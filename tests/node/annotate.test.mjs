// `migcheck annotate` gives users their own workbook back with the problems marked. For returns
// written by openpyxl, LibreOffice and ExcelJS in English and French, SheetJS's and LibreOffice's
// other workbooks in tests/fixtures/real, and the workbooks with user comments of
// tests/fixtures/annotate (README.md there):
// 1. annotate writes the file (exit 0), the same bytes every time;
// 2. openpyxl opens it without a warning: the sheet "migcheck" first, then the original sheets;
//    every cell's value, formula, cached value and format unchanged, but for the fill of exactly
//    the cells the findings name (solid, the worst severity's colour); on each such cell a comment
//    by "migcheck" with its findings and what to do (a user's comment first, kept); one row per
//    problem of the report, in its order, with a link in column D to 'Sheet'!CELL; in the package,
//    one comment and one note shape per cell, the legacyDrawing, the content types, and only the
//    parts that must change changed, each well-formed XML;
// 3. LibreOffice opens it and saves it again with the same sheets, comments, fills, list and links;
// 4. validating it gives the same report (findings in order), cells_read aside;
// 5. a user's comments are kept: on a marked cell, with migcheck's text after it, in the same
//    comments part and VML drawing; on other cells, unchanged (openpyxl, LibreOffice, ExcelJS);
// 6. a CSV file cannot be annotated (exit 1) and bad usage exits 2.
// Also: the annotated workbook opens on the sheet the original opens on, and a workbook view whose
// activeTab is -1 still gives a workbook openpyxl opens. The openpyxl and LibreOffice parts skip
// with a message when these are absent (scripts/setup.sh --writers installs both). About 10 s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = process.env.MIGCHECK_CLI ? path.resolve(process.env.MIGCHECK_CLI) : path.join(root, 'build/native/migcheck');
const python = '/usr/bin/python3';
const real = path.join(root, 'tests/fixtures/real');
const fixtures = path.join(root, 'tests/fixtures/annotate');
const dir = mkdtempSync(path.join(os.tmpdir(), 'migcheck-annotate-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const hasOpenpyxl = existsSync(python) && spawnSync(python, ['-c', 'import openpyxl']).status === 0;
const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
const noOpenpyxl = !hasOpenpyxl && 'openpyxl is not installed for /usr/bin/python3 (scripts/setup.sh --writers)';
const noSoffice = (!soffice && 'LibreOffice (soffice) is not installed (scripts/setup.sh --writers)') || noOpenpyxl;

// What to do about a rule's problem: the bundled rulebook's instruction (none for built-in checks).
const rulebook = JSON.parse(readFileSync(path.join(root, 'rulebooks/comesa-migration.json'), 'utf8'));
const instruction = (rule, lang) => rulebook.rules.find((r) => r.id === rule)?.instruction?.[lang] ?? '';

const colours = { error: 'FFFFC7CE', warning: 'FFFFEB9C', info: 'FFDDEBF7' };
const rank = { info: 0, warning: 1, error: 2 };
const words = {
  en: {
    headers: ['No.', 'Severity', 'Sheet', 'Cell', 'Problem', 'What to do', 'Cells', 'Rule'],
    title: (file) => `Problems found in ${file}`,
    severity: { error: 'Error', warning: 'Warning', info: 'Info' },
    whatToDo: 'What to do',
  },
  fr: {
    headers: ['N°', 'Gravité', 'Feuille', 'Cellule', 'Problème', 'Que faire', 'Cellules', 'Règle'],
    title: (file) => `Problèmes trouvés dans ${file}`,
    severity: { error: 'Erreur', warning: 'Avertissement', info: 'Information' },
    whatToDo: 'Que faire',
  },
};

// Returns by three writers, in both languages; SheetJS's three ways of writing and LibreOffice's
// wide crosstab; the three writers' workbooks with user comments, and a sheet name to quote.
const writers = ['openpyxl', 'libreoffice', 'exceljs'];
const kase = (file, lang) => ({ name: `${path.basename(file)} (${lang})`, original: file, lang });
const cases = [
  ...['en', 'fr'].flatMap((lang) => writers.map((w) => kase(path.join(real, `${w}-return.xlsx`), lang))),
  ...['sheetjs-default', 'sheetjs-sst', 'sheetjs-celldates', 'libreoffice-wide'].map((n) => kase(path.join(real, `${n}.xlsx`), 'fr')),
  ...writers.map((w) => kase(path.join(fixtures, `${w}-comments.xlsx`), 'en')),
  kase(path.join(fixtures, 'openpyxl-sheet-name.xlsx'), 'en'),
];
// The user comments each fixture carries (tests/fixtures/annotate/README.md): the first on a cell
// migcheck marks, the second on a cell it does not.
const userComments = {
  openpyxl: { marked: ['POP_CTZ!E10', 'Checked by Ana'], other: ['POP_CTZ!G5', 'Typed from the paper form'] },
  libreoffice: { marked: ['POP_CTZ!E10', 'Checked by Ana'], other: ['POP_CTZ!G5', 'Typed from the paper form'] },
  exceljs: { marked: ['Lists!A1', 'Checked by Ana'], other: ['IMM_CTZ!A2', 'Source confirmed with the police'] },
};

function run(args) {
  return spawnSync(cli, args, { maxBuffer: 1 << 28 });
}

// The annotated copy of a case, under the original's own name (the report names the file).
const annotatedFiles = new Map();
function annotated(c) {
  const out = path.join(dir, c.lang, path.basename(c.original));
  if (!annotatedFiles.has(out)) {
    mkdirSync(path.dirname(out), { recursive: true });
    const r = run(['annotate', '--lang', c.lang, '-o', out, c.original]);
    annotatedFiles.set(out, r);
  }
  const r = annotatedFiles.get(out);
  assert.equal(r.status, 0, `annotate ${c.name}: ${r.stderr}`);
  return out;
}

const reports = new Map();
function report(file, lang) {
  const key = `${file} ${lang}`;
  if (!reports.has(key)) {
    const r = run(['validate', '--format', 'json', '--lang', lang, file]);
    assert.ok(r.status === 0 || r.status === 1, `validate ${file}: ${r.stderr}`);
    reports.set(key, { status: r.status, json: JSON.parse(r.stdout.toString()) });
  }
  return reports.get(key);
}

// What openpyxl reads. `describe FILE`: sheets, warnings, comments, solid fills, the list sheet's
// rows and links, and the package's comments parts and VML drawings. `compare ORIGINAL ANNOTATED`:
// both described, with every cell's value (formulas as written, and cached values) and format
// compared; fills are listed where they differ.
const inspector = String.raw`
import json, posixpath, re, sys, warnings, zipfile
import xml.etree.ElementTree as ET
from copy import copy
import openpyxl
from openpyxl.utils import get_column_letter

MAIN = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
REL = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}'
CT = '{http://schemas.openxmlformats.org/package/2006/content-types}'

def load(path, **kw):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        wb = openpyxl.load_workbook(path, **kw)
    return wb, ['%s: %s' % (w.category.__name__, w.message) for w in caught]

def js(v):
    if v is None or isinstance(v, (bool, int, float, str)): return v
    return '%s(%s)' % (type(v).__name__, v)

def package(path):
    z = zipfile.ZipFile(path)
    names = set(z.namelist())
    def rels(part):
        d, b = posixpath.split(part)
        rp = posixpath.join(d, '_rels', b + '.rels')
        out = []
        if rp not in names: return out
        for r in ET.fromstring(z.read(rp)):
            if r.get('TargetMode') == 'External': continue
            t = r.get('Target')
            full = t[1:] if t.startswith('/') else posixpath.normpath(posixpath.join(d, t))
            out.append({'id': r.get('Id'), 'type': r.get('Type').rsplit('/', 1)[-1], 'part': full})
        return out
    types = ET.fromstring(z.read('[Content_Types].xml'))
    def content_type(part):
        for o in types.iter(CT + 'Override'):
            if o.get('PartName').lstrip('/') == part: return o.get('ContentType')
        ext = part.rsplit('.', 1)[-1].lower()
        for d in types.iter(CT + 'Default'):
            if d.get('Extension').lower() == ext: return d.get('ContentType')
        return None
    book = [r['part'] for r in rels('') if r['type'] == 'officeDocument'][0]
    book_rels = {r['id']: r['part'] for r in rels(book)}
    styles = [r['part'] for r in rels(book) if r['type'] == 'styles']
    sheets = {'': {'book': book, 'styles': styles}}
    for s in ET.fromstring(z.read(book)).iter(MAIN + 'sheet'):
        part = book_rels[s.get(REL + 'id')]
        sheet_rels = rels(part)
        xml = z.read(part).decode('utf-8')
        legacy = re.findall(r'<(?:\w+:)?legacyDrawing\b[^>]*?\bid="([^"]*)"', xml)
        info = {'part': part, 'comments': [], 'vml': [], 'legacyDrawing': [],
                'refs': [], 'shapes': [], 'types': {}}
        for r in sheet_rels:
            if r['type'] == 'comments':
                info['comments'].append(r['part'])
                info['types'][r['part']] = content_type(r['part'])
                info['refs'] += [c.get('ref') for c in ET.fromstring(z.read(r['part'])).iter(MAIN + 'comment')]
            elif r['type'] == 'vmlDrawing':
                info['vml'].append(r['part'])
                info['types'][r['part']] = content_type(r['part'])
                if r['id'] in legacy: info['legacyDrawing'].append(r['part'])
                vml = z.read(r['part']).decode('utf-8')
                for block in re.findall(r'<(?:\w+:)?ClientData\b[^>]*ObjectType="Note"[^>]*>(.*?)</(?:\w+:)?ClientData>', vml, re.S):
                    row = re.search(r'<(?:\w+:)?Row>\s*(\d+)\s*<', block)
                    col = re.search(r'<(?:\w+:)?Column>\s*(\d+)\s*<', block)
                    info['shapes'].append(get_column_letter(int(col.group(1)) + 1) + str(int(row.group(1)) + 1))
        info['legacyDrawingCount'] = len(legacy)
        sheets[s.get('name')] = info
    return sheets

def describe(path):
    wb, caught = load(path)
    out = {'sheets': wb.sheetnames, 'warnings': caught, 'active': wb.active.title if wb.active else None,
           'states': [ws.sheet_state for ws in wb.worksheets], 'comments': {}, 'fills': {}, 'list': None,
           'package': package(path)}
    for ws in wb.worksheets:
        for (r, c), cell in sorted(ws._cells.items()):
            key = ws.title + '!' + cell.coordinate
            if cell.comment is not None:
                out['comments'][key] = {'text': cell.comment.text, 'author': cell.comment.author}
            if cell.fill is not None and cell.fill.fill_type == 'solid':
                out['fills'][key] = cell.fill.fgColor.rgb if cell.fill.fgColor.type == 'rgb' else repr(cell.fill.fgColor)
    first = wb.worksheets[0]
    rows = []
    for r in range(1, first.max_row + 1):
        row = []
        for c in range(1, 9):
            cell = first.cell(row=r, column=c)
            link = cell.hyperlink
            row.append({'v': js(cell.value), 'link': None if link is None else {'location': link.location, 'target': link.target}})
        rows.append(row)
    out['list'] = {'title': first.title, 'rows': rows,
                   'links': sorted(c.coordinate for c in first._cells.values() if c.hyperlink is not None)}
    return out

def compare(original, annotated):
    out = {'original': describe(original), 'annotated': describe(annotated), 'values': [], 'cached': [],
           'formats': [], 'refilled': {}, 'sheetProps': []}
    # Parts: none removed; what was added or changed is well-formed XML with its namespaces bound.
    z0, z1 = zipfile.ZipFile(original), zipfile.ZipFile(annotated)
    n0, n1 = set(z0.namelist()), set(z1.namelist())
    parts = {'removed': sorted(n0 - n1), 'added': sorted(n1 - n0),
             'changed': sorted(n for n in n0 & n1 if z0.read(n) != z1.read(n)), 'malformed': []}
    for n in parts['added'] + parts['changed']:
        try: ET.fromstring(z1.read(n))
        except ET.ParseError as e: parts['malformed'].append([n, str(e)])
    out['parts'] = parts
    for data_only, key in ((False, 'values'), (True, 'cached')):
        a, _ = load(original, data_only=data_only)
        b, _ = load(annotated, data_only=data_only)
        for ws0 in a.worksheets:
            ws1 = b[ws0.title]
            for coord in sorted(set(ws0._cells) | set(ws1._cells)):
                c0, c1 = ws0._cells.get(coord), ws1._cells.get(coord)
                v0 = None if c0 is None else js(c0.value)
                v1 = None if c1 is None else js(c1.value)
                if v0 != v1 or type(v0) != type(v1):
                    out[key].append([ws0.title, get_column_letter(coord[1]) + str(coord[0]), v0, v1])
            if data_only: continue
            p0 = [ws0.sheet_state, sorted(str(m) for m in ws0.merged_cells.ranges), ws0.freeze_panes,
                  len(ws0.data_validations.dataValidation), len(ws0.conditional_formatting._cf_rules)]
            p1 = [ws1.sheet_state, sorted(str(m) for m in ws1.merged_cells.ranges), ws1.freeze_panes,
                  len(ws1.data_validations.dataValidation), len(ws1.conditional_formatting._cf_rules)]
            if p0 != p1: out['sheetProps'].append([ws0.title, p0, p1])
            for coord in sorted(set(ws0._cells) | set(ws1._cells)):
                absent = coord not in ws0._cells
                c0 = ws0.cell(row=coord[0], column=coord[1])
                # A cell the original does not hold has the workbook's default format (cellXfs 0).
                if absent and a._cell_styles: c0._style = copy(a._cell_styles[0])
                c1 = ws1.cell(row=coord[0], column=coord[1])
                # Styles of two workbooks compare by their fields (repr), not as proxies.
                for what in ('number_format', 'font', 'border', 'alignment', 'protection'):
                    if repr(getattr(c0, what)) != repr(getattr(c1, what)):
                        out['formats'].append([ws0.title, c1.coordinate, what, repr(getattr(c0, what)), repr(getattr(c1, what))])
                if repr(c0.fill) != repr(c1.fill):
                    out['refilled'][ws0.title + '!' + c1.coordinate] = {
                        'type': c1.fill.fill_type, 'fg': c1.fill.fgColor.rgb if c1.fill.fgColor.type == 'rgb' else repr(c1.fill.fgColor)}
    return out

mode, *files = sys.argv[1:]
print(json.dumps(describe(*files) if mode == 'describe' else compare(*files)))
`;

function py(mode, ...files) {
  const r = spawnSync(python, ['-c', inspector, mode, ...files], { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, `openpyxl cannot read ${files.at(-1)}:\n${r.stderr.trim().split('\n').slice(-3).join('\n')}`);
  return JSON.parse(r.stdout);
}

// Findings that name a cell, by "Sheet!A1": the worst severity and the findings (report order).
function markedCells(json) {
  const marked = new Map();
  json.findings.forEach((f, index) => {
    if (!f.sheet || !f.cell) return;
    assert.match(f.cell, /^[A-Z]{1,3}[1-9][0-9]*$/, `finding ${index} names a single cell`);
    const key = `${f.sheet}!${f.cell}`;
    const m = marked.get(key) ?? { severity: f.severity, findings: [] };
    if (rank[f.severity] > rank[m.severity]) m.severity = f.severity;
    m.findings.push(index);
    marked.set(key, m);
  });
  return marked;
}

const sheetOf = (key) => key.slice(0, key.lastIndexOf('!'));
const text = (v) => (v === null || v === undefined ? '' : String(v));

function parseCsv(s) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else if (ch !== '\r') field += ch;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

// 1. annotate writes the file, in English and French.
for (const c of cases) {
  test(`annotate writes ${c.name}`, () => {
    const out = annotated(c);
    const bytes = readFileSync(out);
    assert.equal(bytes.subarray(0, 2).toString(), 'PK');
    const { json } = report(c.original, c.lang);
    // What was marked: the counts of the report's problems, by severity, in the report's language
    // (French puts a space before the colon).
    const s = json.summary.problems;
    const escaped = out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    assert.match(annotatedFiles.get(out).stderr.toString(),
      new RegExp(`^migcheck: ${escaped} ?: ${s.errors}\\D+${s.warnings}\\D+${s.infos}\\D+\n$`));
  });
}

test('annotate is deterministic, to a file or to standard output', () => {
  const c = cases[0];
  const again = path.join(dir, 'again.xlsx');
  assert.equal(run(['annotate', '-o', again, c.original]).status, 0);
  assert.deepEqual(readFileSync(again), readFileSync(annotated(c)));
  const stdout = run(['annotate', '-o', '-', c.original]);
  assert.equal(stdout.status, 0, stdout.stderr.toString());
  assert.deepEqual(stdout.stdout, readFileSync(again));
});

// 4. The annotated workbook checks the same: same findings in the same order, same report.
for (const c of cases) {
  test(`validating the annotated ${c.name} gives the original's findings`, () => {
    const before = report(c.original, c.lang);
    const after = report(annotated(c), c.lang);
    const pick = (j) => j.findings.map((f) => [f.rule, f.severity, f.sheet, f.cell, f.message]);
    assert.ok(before.json.findings.length > 0);
    assert.deepEqual(pick(after.json), pick(before.json));
    assert.equal(after.status, before.status);
    // The whole report, but for the cells read (the list sheet's cells are read, then skipped).
    const strip = (j) => JSON.parse(JSON.stringify(j, (k, v) => (k === 'cells_read' ? undefined : v)));
    assert.deepEqual(strip(after.json), strip(before.json));
  });
}

// 2. openpyxl opens the annotated workbook; everything is where it should be.
const compared = new Map();
function comparison(c) {
  if (!compared.has(c.name)) compared.set(c.name, py('compare', c.original, annotated(c)));
  return compared.get(c.name);
}

for (const c of cases) {
  test(`openpyxl reads the annotated ${c.name}: sheets, values, fills, comments, list`, { skip: noOpenpyxl }, () => {
    const w = words[c.lang];
    const { json } = report(c.original, c.lang);
    const out = comparison(c);
    const { original: o, annotated: a } = out;

    // Opens without a warning; the list sheet first, then the original sheets in their order.
    assert.deepEqual(a.warnings, []);
    assert.deepEqual(o.warnings, []);
    assert.deepEqual(a.sheets, ['migcheck', ...o.sheets]);
    assert.deepEqual(a.states, ['visible', ...o.states]);

    // Every cell's value, formula and cached value, and its format but for the fill: unchanged.
    assert.deepEqual(out.values, [], 'cell values (formulas as written)');
    assert.deepEqual(out.cached, [], 'cached values');
    assert.deepEqual(out.formats, [], 'number formats, fonts, borders, alignment, protection');
    assert.deepEqual(out.sheetProps, [], 'sheet state, merges, frozen panes, validations, conditional formats');

    // Exactly the cells the findings name get a solid fill, of the worst severity's colour.
    const marked = markedCells(json);
    assert.ok(marked.size > 0, 'the fixture has findings on cells');
    assert.deepEqual(Object.keys(out.refilled).sort(), [...marked.keys()].sort());
    for (const [key, m] of marked)
      assert.deepEqual(out.refilled[key], { type: 'solid', fg: colours[m.severity] }, `${key} (${m.severity})`);

    // A comment on each marked cell: the findings' severities and messages, and what to do;
    // a user's comment stays first. Comments on other cells are the user's, unchanged.
    for (const [key, m] of marked) {
      const comment = a.comments[key];
      assert.ok(comment, `${key} has a comment`);
      const own = o.comments[key];
      if (own) {
        assert.ok(comment.text.startsWith(own.text), `${key} keeps its comment first: ${JSON.stringify(comment.text)}`);
        assert.ok(comment.text.length > own.text.length + 10, `${key} gets migcheck's text`);
        assert.equal(comment.author, own.author);
      } else {
        assert.equal(comment.author, 'migcheck', key);
      }
      assert.ok(comment.text.includes(`${w.severity[m.severity]}`), `${key}: ${w.severity[m.severity]}`);
      for (const f of m.findings.slice(0, 5)) {
        assert.ok(comment.text.includes(json.findings[f].message), `${key} holds: ${json.findings[f].message}\n${comment.text}`);
        assert.ok(comment.text.includes(w.severity[json.findings[f].severity]), `${key}: severity of finding ${f}`);
        const whatToDo = instruction(json.findings[f].rule, c.lang);
        if (whatToDo) assert.ok(comment.text.includes(w.whatToDo) && comment.text.includes(whatToDo), `${key} says what to do: ${whatToDo}`);
      }
    }
    for (const [key, comment] of Object.entries(a.comments))
      if (!marked.has(key)) assert.deepEqual(comment, o.comments[key], `${key}: a user's comment, unchanged`);
    for (const key of Object.keys(o.comments)) assert.ok(a.comments[key], `${key}: the user's comment is still there`);

    // In the package: one comment per cell in the sheet's one comments part, one note shape per
    // comment in its one VML drawing, which the sheet's legacyDrawing names; parts declared.
    for (const [sheet, p] of Object.entries(a.package)) {
      if (!sheet) continue;  // the workbook's own parts
      const cells = Object.keys(a.comments).filter((k) => sheetOf(k) === sheet).map((k) => k.slice(sheet.length + 1));
      assert.deepEqual([...p.refs].sort(), [...cells].sort(), `${sheet}: comments part = openpyxl's comments`);
      assert.equal(new Set(p.refs).size, p.refs.length, `${sheet}: one comment per cell: ${p.refs}`);
      assert.deepEqual([...p.shapes].sort(), [...p.refs].sort(), `${sheet}: one note shape per comment`);
      if (p.refs.length === 0) continue;
      assert.equal(p.comments.length, 1, `${sheet}: one comments part`);
      assert.equal(p.vml.length, 1, `${sheet}: one VML drawing`);
      assert.equal(p.legacyDrawingCount, 1, `${sheet}: one legacyDrawing`);
      assert.deepEqual(p.legacyDrawing, p.vml, `${sheet}: legacyDrawing names the VML drawing`);
      assert.equal(p.types[p.comments[0]], 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml');
      assert.equal(p.types[p.vml[0]], 'application/vnd.openxmlformats-officedocument.vmlDrawing');
      // A sheet that had comments keeps its parts (extended, not replaced).
      const before = o.package[sheet];
      if (before.comments.length) {
        assert.deepEqual(p.comments, before.comments, `${sheet}: the comments part is the original's`);
        assert.deepEqual(p.vml, before.vml, `${sheet}: the VML drawing is the original's`);
      }
    }
    assert.deepEqual(a.package.migcheck.refs, []);

    // Only the parts that must change did; nothing was removed; every part written is
    // well-formed XML, its namespace prefixes bound (an XML parser reads it).
    const { parts } = out;
    assert.deepEqual(parts.removed, []);
    assert.deepEqual(parts.malformed, [], 'parts migcheck wrote or changed');
    const relsOf = (part) => `${path.posix.dirname(part)}/_rels/${path.posix.basename(part)}.rels`;
    const markedSheets = new Set([...marked.keys()].map(sheetOf));
    const mayChange = new Set(['[Content_Types].xml', a.package[''].book, relsOf(a.package[''].book), ...a.package[''].styles]);
    for (const sheet of markedSheets) {
      const p = a.package[sheet];
      for (const part of [p.part, relsOf(p.part), ...p.comments, ...p.vml]) mayChange.add(part);
    }
    for (const part of parts.changed) assert.ok(mayChange.has(part), `${part} changed`);
    const list = a.package.migcheck;
    for (const part of parts.added)
      assert.ok(part === list.part || mayChange.has(part), `${part} added`);

    // The list sheet: mark, title, headers, then one row per problem in the report's order.
    const rows = a.list.rows.map((r) => r.map((x) => x.v));
    assert.equal(rows[0][0], 'migcheck');
    assert.equal(rows[0][1], w.title(path.basename(c.original)));
    assert.deepEqual(rows[3], w.headers);
    assert.equal(rows.length, 4 + json.problems.length, 'one row per problem, nothing after');
    const expectedLinks = [];
    json.problems.forEach((p, i) => {
      const row = a.list.rows[4 + i];
      const at = `problem ${i + 1} (${p.rule})`;
      assert.deepEqual([row[0].v, row[1].v, text(row[2].v), text(row[3].v), row[4].v, text(row[5].v), row[6].v, row[7].v],
        [i + 1, w.severity[p.severity], p.sheet, p.cell, p.message, instruction(p.rule, c.lang), p.count, p.rule], at);
      for (const k of p.cells) assert.ok(marked.has(k.replace(/^'(.*)'!/, (_, s) => `${s.replace(/''/g, "'")}!`)), `${at}: ${k} is marked`);
      if (p.cell) {
        assert.ok(o.sheets.includes(p.sheet), `${at}: ${p.sheet} is a sheet of the workbook`);
        assert.deepEqual(row[3].link, { location: `'${p.sheet.replace(/'/g, "''")}'!${p.cell}`, target: null }, at);
        expectedLinks.push(`D${5 + i}`);
      } else {
        assert.equal(row[3].link, null, `${at}: no cell, no link`);
      }
    });
    assert.deepEqual(a.list.links, expectedLinks.sort(), 'links only in column D');
    if (c.original.endsWith('sheet-name.xlsx'))
      assert.ok(json.problems.some((p) => p.sheet === "POP d'Ana!" && p.cell), 'a link to quote');
  });
}

// The sheet that opens is the one the user left open (activeTab counts by position: one more),
// also when the workbook has no workbook view (ExcelJS, SheetJS): then the first sheet opened.
test('each annotated workbook opens on the sheet its original opens on', { skip: noOpenpyxl }, () => {
  const opens = (side) => Object.fromEntries(cases.map((c) => [c.name, comparison(c)[side].active]));
  assert.deepEqual(opens('annotated'), opens('original'));
});

// A workbook view whose activeTab is no sheet index (ClosedXML writes -1): the annotated
// workbook is still well-formed XML that openpyxl opens.
test('a workbook with activeTab="-1" is annotated into a workbook openpyxl opens', { skip: noOpenpyxl }, () => {
  const original = path.join(root, 'tests/fixtures/differential/files/ClosedXML/noactive_negativeId.xlsx');
  const out = path.join(dir, 'odd', path.basename(original));
  mkdirSync(path.dirname(out), { recursive: true });
  const r = run(['annotate', '-o', out, original]);
  assert.equal(r.status, 0, r.stderr.toString());
  const a = py('describe', out);
  assert.deepEqual(a.warnings, []);
  assert.deepEqual(a.sheets, ['migcheck', 'Sheet1']);
});

// 5. A cell's own comment is kept, with migcheck's text after it; other comments are untouched.
for (const writer of writers) {
  test(`a ${writer} workbook's own comments are kept`, { skip: noOpenpyxl }, () => {
    const c = cases.find((x) => x.original === path.join(fixtures, `${writer}-comments.xlsx`));
    const { json } = report(c.original, c.lang);
    const marked = markedCells(json);
    const { marked: [markedKey, markedText], other: [otherKey, otherText] } = userComments[writer];
    const { original: o, annotated: a } = comparison(c);
    // The fixture is what its README says.
    assert.equal(o.comments[markedKey]?.text, markedText);
    assert.equal(o.comments[otherKey]?.text, otherText);
    assert.ok(marked.has(markedKey), `${markedKey} has a finding`);
    assert.ok(!marked.has(otherKey), `${otherKey} has none`);
    const sheet = sheetOf(markedKey);
    assert.equal(o.package[sheet].comments.length, 1, 'the sheet has a comments part to extend');

    const comment = a.comments[markedKey].text;
    assert.ok(comment.startsWith(`${markedText}\n`), JSON.stringify(comment));
    for (const f of marked.get(markedKey).findings) assert.ok(comment.includes(json.findings[f].message), comment);
    assert.deepEqual(a.comments[otherKey], o.comments[otherKey]);
    // One comment per cell: the user's cell once in the comments part and once in the drawing.
    const p = a.package[sheet];
    assert.equal(p.refs.filter((r) => `${sheet}!${r}` === markedKey).length, 1, p.refs.join(' '));
    assert.equal(p.shapes.filter((r) => `${sheet}!${r}` === markedKey).length, 1, p.shapes.join(' '));
    // migcheck's other comments on that sheet went into the same parts.
    const onSheet = [...marked.keys()].filter((k) => sheetOf(k) === sheet).map((k) => k.slice(sheet.length + 1));
    const before = o.package[sheet].refs;
    assert.deepEqual([...p.refs].sort(), [...new Set([...before, ...onSheet])].sort());
  });
}

// 3. LibreOffice opens each annotated workbook and saves it again: the list sheet first, the
// comments at the same cells with the same text, the fills, the list and its links. One
// conversion per language (LibreOffice takes a few seconds), with a profile of its own.
const profile = `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`;
const resavedDirs = new Map();
function resaved(c) {
  if (!resavedDirs.has(c.lang)) {
    const out = path.join(dir, `lo-${c.lang}`);
    const inputs = cases.filter((x) => x.lang === c.lang).map((x) => annotated(x));
    execFileSync(soffice, [profile, '--headless', '--convert-to', 'xlsx', '--outdir', out, ...inputs], { stdio: 'pipe' });
    resavedDirs.set(c.lang, out);
  }
  const file = path.join(resavedDirs.get(c.lang), path.basename(c.original));
  assert.ok(existsSync(file), `LibreOffice wrote ${file}: ${readdirSync(resavedDirs.get(c.lang))}`);
  return file;
}

for (const c of cases) {
  test(`LibreOffice re-saves the annotated ${c.name} with its sheets, comments, fills and links`, { skip: noSoffice, timeout: 120_000 }, () => {
    const file = resaved(c);
    const a = comparison(c).annotated;
    const lo = py('describe', file);
    assert.deepEqual(lo.sheets, a.sheets);
    const texts = (d) => Object.fromEntries(Object.entries(d.comments).map(([k, v]) => [k, v.text]));
    assert.deepEqual(texts(lo), texts(a), 'comments');
    for (const [key, fg] of Object.entries(a.fills)) assert.equal(lo.fills[key], fg, `fill of ${key}`);
    const cellsOf = (d) => d.list.rows.map((r) => r.map((x) => text(x.v)));
    assert.deepEqual(cellsOf(lo), cellsOf(a), 'the list sheet');
    const linksOf = (d) => d.list.rows.map((r) => r[3].link?.location ?? null);
    assert.deepEqual(linksOf(lo), linksOf(a), 'links');
    // migcheck still recognises the list sheet by its mark, and skips it.
    const { json } = report(file, c.lang);
    assert.deepEqual(json.findings.filter((f) => f.sheet === 'migcheck'), [], 'nothing found on the list sheet');
  });
}

test('LibreOffice reads the French list sheet: headers, then one row per problem (CSV)', { skip: noSoffice, timeout: 120_000 }, () => {
  const c = cases.find((x) => x.lang === 'fr' && x.original.endsWith('openpyxl-return.xlsx'));
  const csvDir = path.join(dir, 'lo-csv');
  // The first sheet only (last token), UTF-8 (76).
  execFileSync(soffice, [profile, '--headless', '--convert-to',
    'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1', '--outdir', csvDir, annotated(c)], { stdio: 'pipe' });
  const csvName = readdirSync(csvDir).find((n) => n.endsWith('.csv'));
  const rows = parseCsv(readFileSync(path.join(csvDir, csvName), 'utf8'));
  const { json } = report(c.original, 'fr');
  assert.deepEqual(rows[0].slice(0, 2), ['migcheck', 'Problèmes trouvés dans openpyxl-return.xlsx']);
  assert.deepEqual(rows[3], words.fr.headers);
  assert.equal(rows.length, 4 + json.problems.length);
  json.problems.forEach((p, i) => assert.deepEqual(rows[4 + i],
    [String(i + 1), words.fr.severity[p.severity], p.sheet, p.cell, p.message, instruction(p.rule, 'fr'), String(p.count), p.rule]));
});

// 6. What cannot be annotated, and bad usage.
test('a CSV file cannot be annotated: exit 1, a clear message, nothing written', () => {
  const out = path.join(dir, 'csv.xlsx');
  for (const [lang, message] of [['en', /^migcheck: Only an Excel workbook \(\.xlsx\) that migcheck could read can be annotated; utf8-comma\.csv is not one\. Its problems are in the report\.\n$/],
    ['fr', /^migcheck: Seul un classeur Excel \(\.xlsx\) que migcheck a pu lire peut être annoté ; utf8-comma\.csv n’en est pas un\./]]) {
    const r = run(['annotate', '--lang', lang, '-o', out, path.join(real, 'utf8-comma.csv')]);
    assert.equal(r.status, 1);
    assert.match(r.stderr.toString(), message);
    assert.ok(!existsSync(out));
  }
  const truncated = run(['annotate', '-o', out, path.join(root, 'tests/fixtures/hostile/truncated.xlsx')]);
  assert.equal(truncated.status, 1);
  assert.match(truncated.stderr.toString(), /^migcheck: The file is not a complete zip archive/);
  const cannot = run(['annotate', '-o', path.join(dir, 'no-such-dir', 'x.xlsx'), path.join(real, 'openpyxl-return.xlsx')]);
  assert.equal(cannot.status, 1);
  assert.match(cannot.stderr.toString(), /cannot write/);
});

test('bad usage of annotate exits 2 with a message', () => {
  const input = path.join(real, 'openpyxl-return.xlsx');
  const out = path.join(dir, 'usage.xlsx');
  for (const [args, message] of [[['annotate', input], /needs -o FILE/], [['annotate', '-o', out], /reads one FILE/],
    [['annotate', '-o', out, input, input], /reads one FILE/], [['annotate', '--lang', 'pt', '-o', out, input], /no language "pt"/],
    [['annotate', '--bogus', '-o', out, input], /./]]) {
    const r = run(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr.toString(), /^migcheck: /, args.join(' '));
    assert.match(r.stderr.toString(), message, args.join(' '));
    assert.ok(!existsSync(out), args.join(' '));
  }
});
