// What a benchmark child process (engine-worker.mjs, validate-worker.mjs)
// needs around one engine: its result line, its failures, the wasm engine,
// the JavaScript readers, and the timed loop.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
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

// SheetJS and ExcelJS, the JavaScript readers migcheck is measured against.
export function requireSheetJs(fail) {
  try { return require('xlsx'); } catch { fail('xlsx (SheetJS) is not installed: run `npm ci` in the repository root'); }
}
export function requireExcelJs(fail) {
  try { return require('exceljs'); } catch { fail('exceljs is not installed: run `npm ci` in the repository root'); }
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
