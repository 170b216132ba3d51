// What a benchmark child process (engine-worker.mjs, validate-worker.mjs)
// needs around one engine: its result line, its failures, the wasm engine,
// the JavaScript readers, and the timed loop.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { REPO_ROOT } from './common.mjs';

export const require = createRequire(path.join(REPO_ROOT, 'package.json'));
export const maxRssBytes = () => process.resourceUsage().maxRSS * 1024; // maxRSS is in KiB
export const collect = typeof globalThis.gc === 'function' ? () => globalThis.gc() : () => {};
export const gcBetweenRuns = typeof globalThis.gc === 'function';

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

// The child's voice: progress on stderr, one "BENCH_RESULT {json}" line on
// stdout, and fail() for an engine that cannot run (the parent reads the
// message; a missing engine is not a crash).
export function reporter(engine) {
  const emit = (obj) => process.stdout.write(`BENCH_RESULT ${JSON.stringify(obj)}\n`);
  return {
    emit,
    log: (s) => process.stderr.write(`  [${engine}] ${s}\n`),
    fail(message, extra = {}) {
      emit({ engine, ok: false, error: message, ...extra });
      process.exit(0);
    },
  };
}

// migcheck's wasm engine (web/engine/engine.mjs) through the Node loader.
export async function loadWasm(loaderArg, fail) {
  const loaderPath = path.resolve(loaderArg ?? path.join(REPO_ROOT, 'wasm', 'js', 'node-loader.cjs'));
  if (!fs.existsSync(loaderPath)) fail(`wasm loader not found: ${path.relative(REPO_ROOT, loaderPath)}`);
  try {
    const { loadMigcheck } = require(loaderPath);
    if (typeof loadMigcheck !== 'function') throw new Error(`${loaderPath} does not export loadMigcheck()`);
    return await loadMigcheck();
  } catch (e) {
    fail(`loading the wasm module failed: ${e && e.stack ? e.stack.split('\n').slice(0, 3).join(' | ') : e}`);
  }
}

// SheetJS and ExcelJS, the JavaScript readers migcheck is measured against:
// {version, read(bytes)}; SheetJS gives every sheet's rows as arrays, ExcelJS its Workbook.
export function sheetJsReader(fail) {
  let XLSX;
  try { XLSX = require('xlsx'); } catch { fail('xlsx (SheetJS) is not installed: run `npm ci` in the repository root'); }
  return {
    version: `xlsx (SheetJS) ${XLSX.version}`,
    read(bytes) {
      const wb = XLSX.read(bytes, { type: 'buffer' });
      return wb.SheetNames.map((n) => ({ name: n, rows: XLSX.utils.sheet_to_json(wb.Sheets[n], { header: 1 }) }));
    },
  };
}
export function excelJsReader(fail, isCsv = false) {
  let ExcelJS;
  try { ExcelJS = require('exceljs'); } catch { fail('exceljs is not installed: run `npm ci` in the repository root'); }
  return {
    version: `exceljs ${require('exceljs/package.json').version}`,
    async read(bytes) {
      const wb = new ExcelJS.Workbook();
      if (isCsv) await wb.csv.read(Readable.from([bytes]));
      else await wb.xlsx.load(bytes);
      return wb;
    },
  };
}

// The file to measure, read into memory before any clock starts, and the run counts.
export function measuredInput(args, usage, wasm) {
  if (!args.engine || !args.file) { process.stderr.write(usage); process.exit(2); }
  const file = path.resolve(args.file);
  const buf = fs.readFileSync(file);
  return {
    repeat: Math.max(1, args.repeat ?? 5),
    warmup: args.warmup ?? 1,
    file,
    buf,
    bytes: wasm ? new Uint8Array(buf.buffer, buf.byteOffset, buf.length) : buf,
    name: path.basename(file),
  };
}

// warmup + repeat runs of run(), gc() before each outside the clock; after
// each, onRun(i, result, t0, t1) (i < warmup: a warm-up). The timed seconds.
export async function timedRuns({ warmup, repeat, run, onRun, log, fail, version }) {
  const times = [];
  for (let i = 0; i < warmup + repeat; i++) {
    collect();
    const t0 = performance.now();
    let result;
    try {
      result = await run();
    } catch (e) {
      fail(String(e && e.message ? e.message : e), { version });
    }
    const t1 = performance.now();
    onRun(i, result, t0, t1);
    result = null;
    const dt = (t1 - t0) / 1000;
    if (i >= warmup) times.push(dt);
    log(`${i < warmup ? 'warm-up' : 'run'} ${i < warmup ? i + 1 : i - warmup + 1}: ${dt.toFixed(3)} s`);
  }
  return times;
}

// The timing fields of a child's result line, the same in every benchmark.
export function timingFields({ times, warmup, repeat, loadSeconds, firstSeconds }) {
  return {
    warmup,
    repeat,
    load_seconds: loadSeconds,
    first_seconds: firstSeconds,
    best_seconds: Math.min(...times),
    median_seconds: median(times),
    times_seconds: times,
    gc_between_runs: gcBetweenRuns,
  };
}

// A peer reader as a benchmark engine: its version, load time since startedAt, run and measure.
export function peerEngine(reader, startedAt, measure) {
  return { version: reader.version, load_seconds: (performance.now() - startedAt) / 1000, run: (bytes) => reader.read(bytes), measure };
}
