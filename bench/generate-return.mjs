#!/usr/bin/env node
// Generates the benchmark input: a long-format national migration return
// (table IMM_CTZ: immigration by citizenship, age and sex), deterministic for a
// given --rows/--seed, written as CSV and then converted to XLSX by real
// writers: LibreOffice Calc (headless) and, as a second variant, ExcelJS.
//
//   node bench/generate-return.mjs [--rows N] [--seed S] [--writers libreoffice,exceljs] [--force]
//
// Outputs go to build/bench/r<N>/ (git-ignored) and are re-used when present
// and generated with the same parameters (see manifest.json there).
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import {
  COLUMNS, DEFAULT_ROWS, DEFAULT_SEED, E2E_GENERATOR_VERSION, E2E_LAYOUTS, GENERATOR_VERSION, REPO_ROOT, TABLE_NAME,
  datasetPaths, e2eDatasetPaths, fileSize, parseArgs, writeFileAtomic,
} from './lib/common.mjs';
import { xlsxSheetStats } from './lib/zipinfo.mjs';

const USAGE = `usage: node bench/generate-return.mjs [options]
  --rows N        data rows, excluding the header (default ${DEFAULT_ROWS}; at least 130000 for the
                  reference benchmark)
  --seed S        PRNG seed (default ${DEFAULT_SEED})
  --writers LIST  comma-separated: libreoffice, exceljs (default: libreoffice,exceljs)
  --force         regenerate even if the cached files match
  --quiet         print only the JSON summary
Writes build/bench/r<N>/${TABLE_NAME}.csv, ${TABLE_NAME}.xlsx (LibreOffice) and
${TABLE_NAME}.exceljs.xlsx (ExcelJS), plus manifest.json. Prints a JSON summary on the last line.

End-to-end benchmark inputs (bench/validate-bench.mjs), instead of the above:
  --observations LIST  comma-separated observation counts, e.g. 1000,10000,100000,1000000
  --layouts LIST       long (one row per observation), wide (sexes as columns); default long,wide
  --seed S, --force, --quiet as above
Writes build/bench/e2e/<layout>-<N>/${TABLE_NAME}.csv and ${TABLE_NAME}.xlsx (ExcelJS streaming
writer) plus manifest.json; prints one JSON line per file set.
`;

// ---------------------------------------------------------------- code lists
const REF_AREA = 'BEL';
// ISO 3166-1 alpha-3 (all 249 assigned codes, from Debian's iso-codes).
const ISO3 = `
  ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN
  BES BFA BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN
  CCK CHE CHL CHN CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU
  DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR
  GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV
  HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM
  KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA
  MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM
  NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL
  PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE
  SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK
  TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB
  VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE`.trim().split(/\s+/);
const N_COUNTRIES = 192; // + 5 aggregates = 197 CITIZENSHIP codes per year
// Main partners of the reporting country get a large weight.
const BIG_PARTNERS = { FRA: 12, NLD: 8, ROU: 9, ITA: 5, ESP: 5, POL: 5, MAR: 5, IND: 3, SYR: 3, TUR: 3,
  DEU: 3, PRT: 3, BGR: 3, AFG: 2.5, UKR: 6, USA: 2, CHN: 1.5, BRA: 1.5, COD: 2, CMR: 1.5 };
const AGE_BANDS = ['Y0T4', 'Y5T9', 'Y10T14', 'Y15T19', 'Y20T24', 'Y25T29', 'Y30T34', 'Y35T39',
  'Y40T44', 'Y45T49', 'Y50T54', 'Y55T59', 'Y60T64', 'Y65T69', 'Y70T74', 'Y75T79', 'Y80T84', 'Y_GE85'];
// Age profile of an immigration flow (shares of the bands, the rest is _U).
const AGE_PROFILE = [0.06, 0.04, 0.04, 0.07, 0.14, 0.16, 0.13, 0.09, 0.07, 0.05, 0.04, 0.03, 0.025,
  0.02, 0.015, 0.01, 0.007, 0.005];
const AGES = [...AGE_BANDS, '_U', '_T']; // 20
const SEXES = ['M', 'F', '_T']; // 3
const FIRST_YEAR = 2013;

// -------------------------------------------------------------------- PRNG
function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function gaussian(rand) {
  const u = 1 - rand();
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

// ------------------------------------------------------------- data model
// Rows are ordered TIME_PERIOD, CITIZENSHIP (_T, NAT, FOR, STLS, _U, then the
// countries alphabetically), AGE, SEX; each year is internally consistent:
// SEX _T = M + F, AGE _T = bands + _U, CITIZENSHIP _T = NAT + FOR + STLS + _U,
// FOR = sum of the countries. --rows N emits the first N rows of this
// sequence; the default 130,020 is exactly 11 complete years.
function* generateRows(rows, seed) {
  const rand = mulberry32(seed);
  const { countries, weight } = partners(rand, REF_AREA, BIG_PARTNERS, Object.keys(BIG_PARTNERS), N_COUNTRIES);
  const perCitizenship = AGES.length * SEXES.length; // rows per (year, citizenship)
  const rowsPerYear = (5 + countries.length) * perCitizenship;

  let emitted = 0;
  const lastYear = FIRST_YEAR + Math.ceil(rows / rowsPerYear) - 1;
  for (let year = FIRST_YEAR; emitted < rows; year++) {
    const yi = year - FIRST_YEAR;
    const trend = Math.pow(1.035, yi) * (year === 2020 ? 0.68 : year === 2021 ? 0.9 : 1);
    const total = 150000 * trend / 1.3; // persons in the year, roughly
    for (const { cit, age, values, statuses } of yearCells(rand, { year, provisional: year === lastYear, total, countries, weight })) {
      for (let s = 0; s < SEXES.length; s++) {
        if (emitted >= rows) return;
        yield [REF_AREA, year, cit, age, SEXES[s], values[s], statuses[s]];
        emitted++;
      }
    }
  }
}

// The partner countries (never the reporting country, which is NAT): those
// that must be, then others drawn at random up to n, sorted; and their weights
// (the big partners' share plus noise).
function partners(rand, reporting, big, mustHave, n) {
  const pool = ISO3.filter((c) => c !== reporting);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  const chosen = new Set(mustHave);
  for (const c of pool) { if (chosen.size >= n) break; chosen.add(c); }
  const countries = [...chosen].sort();
  const weight = new Map(countries.map((c) => [c, (big[c] ?? 0) + 0.35 * Math.exp(1.4 * gaussian(rand) - 1.2)]));
  return { countries, weight };
}

// One year's counts of every citizenship (NAT, STLS, _U, the countries, and
// the aggregates FOR and _T) by age band and sex (M, F, total), with their
// statuses; the random draws in the order the benchmark's files were made with.
function* yearCells(rand, { year, provisional, total, countries, weight }) {
  const base = { NAT: 14, STLS: 0.08, _U: 0.25 };
  const citizenships = ['_T', 'NAT', 'FOR', 'STLS', '_U', ...countries];
  const totalWeight = [...weight.values()].reduce((s, w) => s + w, 0) + base.NAT + base.STLS + base._U;
  // values[cit] = array [age index][sex index] with M, F filled; status too.
  const values = new Map();
  const status = new Map();
  const fill = (cit, w) => {
    const v = []; const st = [];
    const mShare = 0.5 + 0.08 * gaussian(rand);
    for (let a = 0; a < AGE_BANDS.length + 1; a++) {
      const share = a < AGE_BANDS.length ? AGE_PROFILE[a] : 0.004;
      const expected = total * (w / totalWeight) * share;
      const row = []; const srow = [];
      for (let s = 0; s < 2; s++) {
        const noisy = expected * (s === 0 ? mShare : 1 - mShare) * Math.exp(0.25 * gaussian(rand));
        // small counts: keep them integer, many zeros, as in real flows
        row.push(Math.max(0, Math.round(noisy + (noisy < 5 ? rand() - 0.5 : 0))));
        srow.push(provisional ? 'P' : rand() < 0.02 ? 'E' : 'A');
      }
      v.push(row); st.push(srow);
    }
    values.set(cit, v); status.set(cit, st);
  };
  fill('NAT', base.NAT); fill('STLS', base.STLS); fill('_U', base._U);
  for (const c of countries) fill(c, weight.get(c));
  const sumOf = (cits) => Array.from({ length: AGE_BANDS.length + 1 }, (_, a) => {
    const row = [0, 0];
    for (const c of cits) { row[0] += values.get(c)[a][0]; row[1] += values.get(c)[a][1]; }
    return row;
  });
  const aggStatus = () => Array.from({ length: AGE_BANDS.length + 1 },
    () => [provisional ? 'P' : 'A', provisional ? 'P' : 'A']);
  values.set('FOR', sumOf(countries)); status.set('FOR', aggStatus());
  values.set('_T', sumOf(['NAT', 'FOR', 'STLS', '_U'])); status.set('_T', aggStatus());
  for (const cit of citizenships) {
    const v = values.get(cit);
    const st = status.get(cit);
    const ageTotal = [0, 0];
    for (let a = 0; a < AGES.length; a++) {
      let m, f, sm, sf;
      if (a < AGE_BANDS.length + 1) {
        [m, f] = v[a]; [sm, sf] = st[a];
        ageTotal[0] += m; ageTotal[1] += f;
      } else {
        [m, f] = ageTotal; sm = sf = provisional ? 'P' : 'A';
      }
      const tStatus = sm === 'A' && sf === 'A' ? 'A' : sm === 'P' || sf === 'P' ? 'P' : 'E';
      yield { cit, age: AGES[a], values: [m, f, m + f], statuses: [sm, sf, tStatus] };
    }
  }
}

// ------------------------------------------------------------------ writers
function writeCsv(file, rows, seed) {
  const parts = [COLUMNS.join(',') + '\n'];
  let chunk = '';
  for (const r of generateRows(rows, seed)) {
    chunk += r.join(',') + '\n';
    if (chunk.length > 1 << 20) { parts.push(chunk); chunk = ''; }
  }
  parts.push(chunk);
  writeFileAtomic(file, parts.join(''));
}

function sha256(file) {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function sofficeVersion() {
  try {
    return execFileSync('soffice', ['--version'], { encoding: 'utf8', timeout: 60000 }).trim();
  } catch {
    return null;
  }
}

function convertWithLibreOffice(csv, out, log) {
  const ver = sofficeVersion();
  if (!ver) {
    throw new Error('LibreOffice (soffice) not found: apt-get install -y libreoffice-calc-nogui');
  }
  const tmpDir = path.join(path.dirname(out), `.lo-tmp-${process.pid}`);
  fs.rmSync(tmpDir, { recursive: true, force: true });
  fs.mkdirSync(tmpDir, { recursive: true });
  // CSV import options: separator ',' (44), quote '"' (34), UTF-8 (76), start at
  // line 1; then column formats: 1 = Standard (detect), 2 = Text. TIME_PERIOD and
  // OBS_VALUE are numbers; the code columns are typed as text so that codes
  // such as "MAR" or "_T" are never reinterpreted.
  const colFormats = '1/2/2/1/3/2/4/2/5/2/6/1/7/2';
  const args = [
    '-env:UserInstallation=file:///tmp/lo-bench-profile',
    '--headless', '--norestore', '--nologo',
    `--infilter=CSV:44,34,76,1,${colFormats}`,
    '--convert-to', 'xlsx:Calc MS Excel 2007 XML',
    '--outdir', tmpDir, csv,
  ];
  log(`  soffice ${args.join(' ')}`);
  const t0 = performance.now();
  const r = spawnSync('soffice', args, { encoding: 'utf8', timeout: 15 * 60 * 1000 });
  const produced = path.join(tmpDir, path.basename(csv).replace(/\.csv$/i, '.xlsx'));
  if (r.status !== 0 || !fs.existsSync(produced)) {
    fs.rmSync(tmpDir, { recursive: true, force: true });
    throw new Error(`LibreOffice conversion failed (status ${r.status}${r.error ? `, ${r.error.message}` : ''}):\n${r.stdout}${r.stderr}`);
  }
  fs.renameSync(produced, out);
  fs.rmSync(tmpDir, { recursive: true, force: true });
  return { writer: ver, seconds: (performance.now() - t0) / 1000 };
}

// ExcelJS and its version, from the repository's node_modules.
function excelJs() {
  const require = createRequire(path.join(REPO_ROOT, 'package.json'));
  try {
    return { ExcelJS: require('exceljs'), version: require('exceljs/package.json').version };
  } catch {
    throw new Error('exceljs is not installed: run `npm ci` (or `npm install`) in the repository root');
  }
}

async function writeWithExcelJS(csv, out) {
  const { ExcelJS, version } = excelJs();
  const t0 = performance.now();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'migcheck bench/generate-return.mjs';
  const ws = wb.addWorksheet(TABLE_NAME);
  const lines = fs.readFileSync(csv, 'utf8').split('\n');
  ws.addRow(lines[0].split(','));
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]) continue;
    const c = lines[i].split(',');
    ws.addRow([c[0], Number(c[1]), c[2], c[3], c[4], Number(c[5]), c[6]]);
  }
  const tmp = `${out}.tmp-${process.pid}.xlsx`;
  await wb.xlsx.writeFile(tmp); // shared strings, as Workbook.xlsx does by default
  fs.renameSync(tmp, out);
  return { writer: `exceljs ${version} (Workbook.xlsx.writeFile)`, seconds: (performance.now() - t0) / 1000 };
}


// ------------------------------------------- end-to-end returns (--observations)
// A return of Kenya (a COMESA member), table IMM_CTZ, reference year 2024,
// going back as many years as the size needs: every year holds the same
// citizenships (_T, NAT, FOR, STLS, _U and C countries), the 20 ages and the 3
// sexes, and is internally consistent (SEX _T = M + F, AGE _T = bands + _U,
// CITIZENSHIP _T = NAT + FOR + STLS + _U, FOR = sum of the countries), so the
// rules run their full paths; the warnings left are the realistic ones
// (UNKNOWN_SMALL on small counts, YEAR_ON_YEAR). The XLSX also has a Metadata
// and a Sources sheet, as the COMESA template asks.
const E2E_REF_AREA = 'KEN';
const E2E_COUNTRY_NAME = 'Kenya';
const E2E_REFERENCE_YEAR = 2024;
const E2E_PARTNERS = { UGA: 10, TZA: 8, SOM: 9, ETH: 7, SSD: 6, COD: 4, RWA: 3, BDI: 3, IND: 3, CHN: 2.5,
  GBR: 2, USA: 2, ERI: 2, SDN: 2, ZMB: 1, MWI: 1, EGY: 1, NGA: 1.5, PAK: 1, DEU: 1 };
const WIDE_SEX_HEADERS = ['Male', 'Female', 'Total']; // SEX M, F, _T across the columns
export const E2E_LONG_COLUMNS = COLUMNS; // REF_AREA .. OBS_STATUS
export const E2E_WIDE_COLUMNS = ['REF_AREA', 'TIME_PERIOD', 'CITIZENSHIP', 'AGE', ...WIDE_SEX_HEADERS];

// Years and countries for about `observations` observations: 60 per
// (year, citizenship); at most 197 citizenships a year, as in the read benchmark.
export function e2eShape(observations) {
  const perBlock = AGES.length * SEXES.length;
  const blocks = Math.max(6, Math.round(observations / perBlock));
  const years = Math.ceil(blocks / (5 + N_COUNTRIES));
  const countries = Math.max(1, Math.min(N_COUNTRIES, Math.round(blocks / years) - 5));
  return { years, countries, first_year: E2E_REFERENCE_YEAR - years + 1, last_year: E2E_REFERENCE_YEAR,
    observations: years * (countries + 5) * perBlock };
}

// Yields one entry per (year, citizenship, age): the M, F, _T values and statuses.
function* e2eCells(shape, seed) {
  const rand = mulberry32(seed);
  const { countries, weight } = partners(rand, E2E_REF_AREA, E2E_PARTNERS,
    Object.keys(E2E_PARTNERS).slice(0, shape.countries), shape.countries);
  for (let year = shape.first_year; year <= shape.last_year; year++) {
    const yi = year - shape.first_year;
    const trend = Math.pow(1.02, yi) * (year === 2020 ? 0.68 : year === 2021 ? 0.9 : 1);
    const total = 60000 * trend * (0.6 + 0.4 * countries.length / N_COUNTRIES);
    for (const cell of yearCells(rand, { year, provisional: year === shape.last_year, total, countries, weight })) yield { year, ...cell };
  }
}

// Data rows of a layout, as arrays of cell values (numbers are numbers).
function* e2eRows(layout, shape, seed) {
  for (const c of e2eCells(shape, seed)) {
    if (layout === 'long') {
      for (let s = 0; s < SEXES.length; s++) {
        yield [E2E_REF_AREA, c.year, c.cit, c.age, SEXES[s], c.values[s], c.statuses[s]];
      }
    } else {
      yield [E2E_REF_AREA, c.year, c.cit, c.age, c.values[0], c.values[1], c.values[2]];
    }
  }
}

function e2eHeader(layout) { return layout === 'long' ? E2E_LONG_COLUMNS : E2E_WIDE_COLUMNS; }

function writeE2eCsv(file, layout, shape, seed) {
  const fd = fs.openSync(`${file}.tmp-${process.pid}`, 'w');
  let chunk = e2eHeader(layout).join(',') + '\n';
  let rows = 0;
  for (const r of e2eRows(layout, shape, seed)) {
    chunk += r.join(',') + '\n';
    rows++;
    if (chunk.length > 1 << 20) { fs.writeSync(fd, chunk); chunk = ''; }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  fs.renameSync(`${file}.tmp-${process.pid}`, file);
  return rows;
}

async function writeE2eXlsx(file, layout, shape, seed) {
  const { ExcelJS, version } = excelJs();
  const t0 = performance.now();
  const tmp = `${file}.tmp-${process.pid}.xlsx`;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: true, useStyles: false });
  wb.creator = 'migcheck bench/generate-return.mjs';
  const meta = wb.addWorksheet('Metadata');
  for (const r of [['Reporting country', E2E_COUNTRY_NAME], ['Reference year', E2E_REFERENCE_YEAR],
    ['Agency', 'Department of Immigration Services'], ['Contact', 'Migration Statistics Unit, migration@immigration.example']]) {
    meta.addRow(r).commit();
  }
  meta.commit();
  const sources = wb.addWorksheet('Sources');
  sources.addRow(['Table', 'Source type', 'Agency', 'Reference period', 'Residence rule', 'Coverage', 'Sharing allowed']).commit();
  sources.addRow([TABLE_NAME, 'BORDER', 'Department of Immigration Services',
    shape.years > 1 ? `${shape.first_year}-${shape.last_year}` : String(shape.last_year), '12M',
    'Arrivals at all border posts, intended stay of 12 months or more', 'Yes']).commit();
  sources.commit();
  const ws = wb.addWorksheet(TABLE_NAME);
  ws.addRow(e2eHeader(layout)).commit();
  let rows = 0;
  for (const r of e2eRows(layout, shape, seed)) { ws.addRow(r).commit(); rows++; }
  ws.commit();
  await wb.commit();
  fs.renameSync(tmp, file);
  return { rows, writer: `exceljs ${version} (stream.xlsx.WorkbookWriter, shared strings)`, seconds: (performance.now() - t0) / 1000 };
}

async function mainE2e(args, log) {
  const sizes = String(args.observations).split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    if (!/^\d+$/.test(s) || Number(s) < 1) { process.stderr.write(`--observations: not a positive integer: ${s}\n`); process.exit(2); }
    return Number(s);
  });
  const layouts = (args.layouts ?? E2E_LAYOUTS.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
  for (const l of layouts) {
    if (!E2E_LAYOUTS.includes(l)) { process.stderr.write(`unknown layout: ${l} (${E2E_LAYOUTS.join(', ')})\n`); process.exit(2); }
  }
  const seed = args.seed ?? DEFAULT_SEED;
  for (const layout of layouts) {
    for (const nominal of sizes) {
      const shape = e2eShape(nominal);
      const p = e2eDatasetPaths(layout, nominal, seed);
      fs.mkdirSync(p.dir, { recursive: true });
      let manifest = null;
      try { manifest = JSON.parse(fs.readFileSync(p.manifest, 'utf8')); } catch { /* none yet */ }
      const fresh = manifest && !args.force && manifest.generator_version === E2E_GENERATOR_VERSION &&
        manifest.layout === layout && manifest.nominal_observations === nominal && manifest.seed === seed &&
        fileSize(p.csv) === manifest.csv?.bytes && fileSize(p.xlsx) === manifest.xlsx?.input_bytes;
      if (fresh) {
        log(`re-using ${path.relative(REPO_ROOT, p.dir)}/ (${manifest.observations} observations)`);
        process.stdout.write(JSON.stringify(manifest) + '\n');
        continue;
      }
      log(`writing ${path.relative(REPO_ROOT, p.dir)}/: ${layout} layout, ${shape.observations} observations ` +
        `(${shape.years} year(s) ${shape.first_year}-${shape.last_year} x ${shape.countries + 5} citizenships x 20 ages x 3 sexes)`);
      const rows = writeE2eCsv(p.csv, layout, shape, seed);
      const x = await writeE2eXlsx(p.xlsx, layout, shape, seed);
      if (x.rows !== rows) throw new Error(`row counts differ: csv ${rows}, xlsx ${x.rows}`);
      const stats = xlsxSheetStats(p.xlsx);
      const next = {
        generator_version: E2E_GENERATOR_VERSION, layout, nominal_observations: nominal, seed,
        observations: shape.observations, years: shape.years, first_year: shape.first_year, last_year: shape.last_year,
        citizenships: shape.countries + 5, reporting_country: E2E_REF_AREA, table: TABLE_NAME,
        header_rows: 1, rows, columns: e2eHeader(layout).length, header: e2eHeader(layout),
        csv: { path: path.relative(REPO_ROOT, p.csv), bytes: fileSize(p.csv), sha256: sha256(p.csv) },
        xlsx: { path: path.relative(REPO_ROOT, p.xlsx), writer: x.writer, write_seconds: +x.seconds.toFixed(2),
          sheets: ['Metadata', 'Sources', TABLE_NAME], ...stats },
      };
      writeFileAtomic(p.manifest, JSON.stringify(next, null, 2) + '\n');
      log(`  csv ${next.csv.bytes} bytes; xlsx ${stats.input_bytes} bytes, ${stats.sheet_xml_bytes} bytes of sheet XML, ${x.seconds.toFixed(1)} s`);
      process.stdout.write(JSON.stringify(next) + '\n');
    }
  }
}

// -------------------------------------------------------------------- main
async function main() {
  const args = parseArgs(process.argv.slice(2),
    { rows: 'int', seed: 'int', writers: 'string', force: 'bool', quiet: 'bool', observations: 'string', layouts: 'string' },
    USAGE);
  if (args.observations !== undefined || args.layouts !== undefined) {
    if (args.rows !== undefined || args.writers !== undefined) {
      process.stderr.write('--observations/--layouts (end-to-end inputs) do not combine with --rows/--writers\n');
      process.exit(2);
    }
    if (args.observations === undefined) { process.stderr.write('--layouts needs --observations\n'); process.exit(2); }
    await mainE2e(args, args.quiet ? () => {} : (s) => process.stderr.write(s + '\n'));
    return;
  }
  const rows = args.rows ?? DEFAULT_ROWS;
  const seed = args.seed ?? DEFAULT_SEED;
  const writers = (args.writers ?? 'libreoffice,exceljs').split(',').map((s) => s.trim()).filter(Boolean);
  for (const w of writers) {
    if (w !== 'libreoffice' && w !== 'exceljs') {
      process.stderr.write(`unknown writer: ${w} (libreoffice, exceljs)\n`);
      process.exit(2);
    }
  }
  if (rows < 1) { process.stderr.write('--rows must be at least 1\n'); process.exit(2); }
  const log = args.quiet ? () => {} : (s) => process.stderr.write(s + '\n');
  if (rows < 130000) log(`note: ${rows} rows is below the 130,000 of the reference benchmark`);

  const p = datasetPaths(rows, seed);
  fs.mkdirSync(p.dir, { recursive: true });
  let manifest = null;
  try { manifest = JSON.parse(fs.readFileSync(p.manifest, 'utf8')); } catch { /* none yet */ }
  const sameParams = manifest && !args.force && manifest.generator_version === GENERATOR_VERSION &&
    manifest.rows === rows && manifest.seed === seed;

  // CSV
  let csvSha = null;
  if (sameParams && fs.existsSync(p.csv) && manifest.csv?.sha256 &&
      fileSize(p.csv) === manifest.csv.bytes && (csvSha = sha256(p.csv)) === manifest.csv.sha256) {
    log(`re-using ${path.relative(REPO_ROOT, p.csv)}`);
  } else {
    log(`writing ${path.relative(REPO_ROOT, p.csv)} (${rows} rows)`);
    writeCsv(p.csv, rows, seed);
    csvSha = sha256(p.csv);
    manifest = null; // everything derived from an older CSV is stale
  }
  const next = {
    generator_version: GENERATOR_VERSION,
    rows, seed, columns: COLUMNS.length, header_rows: 1, sheet: TABLE_NAME,
    csv: { path: path.relative(REPO_ROOT, p.csv), bytes: fileSize(p.csv), sha256: csvSha },
    xlsx: {},
  };
  // XLSX variants
  for (const w of writers) {
    const out = p[w];
    const prev = manifest?.xlsx?.[w];
    if (prev && prev.csv_sha256 === csvSha && fs.existsSync(out) && fileSize(out) === prev.input_bytes) {
      log(`re-using ${path.relative(REPO_ROOT, out)}`);
      next.xlsx[w] = prev;
      continue;
    }
    log(`writing ${path.relative(REPO_ROOT, out)} with ${w}`);
    const info = w === 'libreoffice' ? convertWithLibreOffice(p.csv, out, log) : await writeWithExcelJS(p.csv, out);
    const stats = xlsxSheetStats(out);
    next.xlsx[w] = {
      path: path.relative(REPO_ROOT, out), writer: info.writer, write_seconds: +info.seconds.toFixed(2),
      csv_sha256: csvSha, ...stats,
    };
    log(`  ${stats.input_bytes} bytes, ${stats.sheet_xml_bytes} bytes of sheet XML, ${info.seconds.toFixed(1)} s`);
  }
  // keep records of variants not requested this time, if still valid
  for (const [w, prev] of Object.entries(manifest?.xlsx ?? {})) {
    if (!next.xlsx[w] && prev.csv_sha256 === csvSha && fs.existsSync(p[w]) && fileSize(p[w]) === prev.input_bytes) {
      next.xlsx[w] = prev;
    }
  }
  writeFileAtomic(p.manifest, JSON.stringify(next, null, 2) + '\n');
  process.stdout.write(JSON.stringify(next) + '\n');
}

main().catch((e) => {
  process.stderr.write(`generate-return: ${e.message}\n`);
  process.exit(1);
});
