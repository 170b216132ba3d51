#!/usr/bin/env node
// One engine, one file, one process: read-bench.mjs runs this once per
// JavaScript-hosted engine so that each engine's peak RSS is its own.
//
//   node --expose-gc bench/engine-worker.mjs --engine wasm|sheetjs|exceljs --file F
//        [--repeat K] [--warmup W] [--wasm-loader PATH]
//
// The file is read into memory before timing starts; each timed run goes from
// the bytes in memory to the engine's in-memory model:
//   wasm     mc.readStats(bytes, name)  (copy into the wasm heap, unzip, inflate, parse)
//   sheetjs  XLSX.read(bytes, {type: 'buffer'}) + XLSX.utils.sheet_to_json(ws, {header: 1}) per sheet
//   exceljs  await new ExcelJS.Workbook().xlsx.load(bytes)
// gc() (when --expose-gc) runs before every run, outside the timed region, so
// one run's garbage is not collected on the next run's clock.
// Prints progress on stderr and one line "BENCH_RESULT {json}" on stdout.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { REPO_ROOT, parseArgs } from './lib/common.mjs';

const USAGE = `usage: node --expose-gc bench/engine-worker.mjs --engine wasm|sheetjs|exceljs --file F [--repeat K] [--warmup W] [--wasm-loader PATH]\n`;
const args = parseArgs(process.argv.slice(2),
  { engine: 'string', file: 'string', repeat: 'int', warmup: 'int', 'wasm-loader': 'string' }, USAGE);
const require = createRequire(path.join(REPO_ROOT, 'package.json'));
const log = (s) => process.stderr.write(`  [${args.engine}] ${s}\n`);
const maxRssBytes = () => process.resourceUsage().maxRSS * 1024; // maxRSS is in KiB
const collect = typeof globalThis.gc === 'function' ? () => globalThis.gc() : () => {};

function emit(obj) {
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(obj)}\n`);
}

function fail(message, extra = {}) {
  emit({ engine: args.engine, ok: false, error: message, ...extra });
  process.exit(0); // the parent reads the message; a missing engine is not a crash
}

function countRowsCells(rowsArrays) {
  let cells = 0;
  for (const row of rowsArrays) {
    row.forEach((v) => { if (v !== undefined && v !== null && v !== '') cells++; });
  }
  return cells;
}

async function setup(engine) {
  const t0 = performance.now();
  if (engine === 'wasm') {
    const loaderPath = path.resolve(args.wasmLoader ?? path.join(REPO_ROOT, 'wasm', 'js', 'node-loader.cjs'));
    if (!fs.existsSync(loaderPath)) fail(`wasm loader not found: ${path.relative(REPO_ROOT, loaderPath)}`);
    let mc;
    try {
      const { loadMigcheck } = require(loaderPath);
      if (typeof loadMigcheck !== 'function') throw new Error(`${loaderPath} does not export loadMigcheck()`);
      mc = await loadMigcheck();
    } catch (e) {
      fail(`loading the wasm module failed: ${e && e.stack ? e.stack.split('\n').slice(0, 3).join(' | ') : e}`);
    }
    if (typeof mc?.readStats !== 'function') fail('the loaded wasm module has no readStats(bytes, fileName)');
    return {
      version: (() => { try { return `migcheck wasm ${mc.version ? mc.version() : ''}`.trim(); } catch { return 'migcheck wasm'; } })(),
      load_seconds: (performance.now() - t0) / 1000,
      run(bytes, name) {
        let r = mc.readStats(bytes, name);
        if (typeof r === 'string') r = JSON.parse(r);
        if (r == null || r.error) throw new Error(`readStats error: ${typeof r?.error === 'string' ? r.error : JSON.stringify(r?.error ?? r)}`);
        return r;
      },
      measure(r) { return { cells: r.cells, sheet_xml_bytes: r.sheet_xml_bytes, sheets: r.sheets }; },
    };
  }
  if (engine === 'sheetjs') {
    let XLSX;
    try { XLSX = require('xlsx'); } catch { fail('xlsx (SheetJS) is not installed: run `npm ci` in the repository root'); }
    return {
      version: `xlsx (SheetJS) ${XLSX.version}`,
      load_seconds: (performance.now() - t0) / 1000,
      run(bytes) {
        const wb = XLSX.read(bytes, { type: 'buffer' });
        const sheets = wb.SheetNames.map((n) => XLSX.utils.sheet_to_json(wb.Sheets[n], { header: 1 }));
        return sheets;
      },
      measure(sheets) {
        return { cells: sheets.reduce((s, rows) => s + countRowsCells(rows), 0), sheets: sheets.length };
      },
    };
  }
  if (engine === 'exceljs') {
    let ExcelJS;
    try { ExcelJS = require('exceljs'); } catch { fail('exceljs is not installed: run `npm ci` in the repository root'); }
    return {
      version: `exceljs ${require('exceljs/package.json').version}`,
      load_seconds: (performance.now() - t0) / 1000,
      async run(bytes) {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(bytes);
        return wb;
      },
      measure(wb) {
        let cells = 0; let sheets = 0;
        wb.eachSheet((ws) => {
          sheets++;
          ws.eachRow({ includeEmpty: false }, (row) => {
            row.eachCell({ includeEmpty: false }, (cell) => {
              const v = cell.value;
              if (v !== undefined && v !== null && v !== '') cells++;
            });
          });
        });
        return { cells, sheets };
      },
    };
  }
  fail(`unknown engine ${engine}`);
}

async function main() {
  if (!args.engine || !args.file) { process.stderr.write(USAGE); process.exit(2); }
  const repeat = Math.max(1, args.repeat ?? 5);
  const warmup = args.warmup ?? 1;
  const file = path.resolve(args.file);
  const engine = await setup(args.engine);
  const buf = fs.readFileSync(file);
  const bytes = args.engine === 'wasm' ? new Uint8Array(buf.buffer, buf.byteOffset, buf.length) : buf;
  const name = path.basename(file);
  const rssBefore = maxRssBytes();

  const times = [];
  let measured = null;
  let firstSeconds = null;
  let peakFirstRead = null;
  for (let i = 0; i < warmup + repeat; i++) {
    collect();
    const t0 = performance.now();
    let result;
    try {
      result = await engine.run(bytes, name);
    } catch (e) {
      fail(String(e && e.message ? e.message : e), { version: engine.version });
    }
    const dt = (performance.now() - t0) / 1000;
    if (i === 0) { firstSeconds = dt; peakFirstRead = maxRssBytes(); measured = engine.measure(result); }
    result = null;
    if (i >= warmup) times.push(dt);
    log(`${i < warmup ? 'warm-up' : 'run'} ${i < warmup ? i + 1 : i - warmup + 1}: ${dt.toFixed(3)} s`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  emit({
    engine: args.engine,
    ok: true,
    version: engine.version,
    file,
    input_bytes: buf.length,
    ...measured,
    warmup,
    repeat,
    load_seconds: engine.load_seconds,
    first_seconds: firstSeconds,
    best_seconds: sorted[0],
    median_seconds: sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2,
    times_seconds: times,
    rss_before_bytes: rssBefore,
    peak_rss_first_read_bytes: peakFirstRead, // engine loaded + file bytes + one read
    peak_rss_bytes: maxRssBytes(), // over all runs (V8 and malloc keep freed memory)
    gc_between_runs: typeof globalThis.gc === 'function',
  });
}

main().catch((e) => fail(String(e && e.stack ? e.stack : e)));
