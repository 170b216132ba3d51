#!/usr/bin/env node
// One engine, one file, one process: validate-bench.mjs runs this once per
// JavaScript-hosted engine and file, so that each measurement's memory is its own.
//
//   node --expose-gc bench/validate-worker.mjs --engine wasm|sheetjs|exceljs --file F
//        [--repeat K] [--warmup W] [--wasm-loader PATH] [--report-out PATH]
//
// The file is read into memory before timing starts. Each timed run:
//   wasm     session.validateJson([{name, bytes}]) of wasm/js/node-loader.cjs: copy into the wasm
//            heap, read, recognise, every rule, the JSON report (the same document as
//            `migcheck validate --format json`), back as a JS string. The rulebook is loaded once,
//            by createSession(), outside the timed region (its time is reported apart), as the
//            page does and as the native benchmark does. Stage times come from onProgress.
//   sheetjs  XLSX.read(bytes, {type: 'buffer'}) + XLSX.utils.sheet_to_json(ws, {header: 1}) per sheet
//   exceljs  XLSX: await new ExcelJS.Workbook().xlsx.load(bytes);
//            CSV:  await new ExcelJS.Workbook().csv.read(stream of bytes)
// gc() (with --expose-gc) runs before each run, outside the clock.
//
// Memory: for wasm, the size of the WebAssembly.Memory (it only grows, so its
// size after the first validation is the heap's high-water mark), before and
// after; for every engine, the process's RSS before the first run and its peak
// RSS (maxRSS) after it and after all runs.
// Prints progress on stderr and one line "BENCH_RESULT {json}" on stdout.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from './lib/common.mjs';
import { collect, loadWasm, measuredInput, maxRssBytes, median, excelJsReader, reporter, sheetJsReader, peerEngine, timedRuns, timingFields } from './lib/child.mjs';
import { reportSummary } from './lib/report-summary.mjs';

const USAGE = 'usage: node --expose-gc bench/validate-worker.mjs --engine wasm|sheetjs|exceljs --file F ' +
  '[--repeat K] [--warmup W] [--wasm-loader PATH] [--report-out PATH]\n';
const args = parseArgs(process.argv.slice(2), {
  engine: 'string', file: 'string', repeat: 'int', warmup: 'int', 'wasm-loader': 'string', 'report-out': 'string',
}, USAGE);
const { emit, fail, log } = reporter(args.engine);
const STAGES = ['read', 'recognise', 'check', 'across'];
const sha256 = (text) => crypto.createHash('sha256').update(text).digest('hex');

async function setup(engine, isCsv) {
  const t0 = performance.now();
  if (engine === 'wasm') {
    const mc = await loadWasm(args.wasmLoader, fail);
    if (typeof mc?.createSession !== 'function') fail('the loaded wasm module has no createSession()');
    const loadSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    let session;
    try {
      session = mc.createSession('');
    } catch (e) {
      fail(`the bundled rulebook is not usable: ${e.message}`);
    }
    const rulebookSeconds = (performance.now() - t1) / 1000;
    const heapBytes = () => mc.heapBytes();
    return {
      version: `migcheck wasm ${mc.version()}`,
      load_seconds: loadSeconds,
      rulebook_load_seconds: rulebookSeconds,
      heapBytes,
      marks: null,
      run(bytes, name) {
        const marks = {};
        this.marks = marks;
        const onProgress = (stage) => {
          const now = performance.now();
          if (marks[stage] === undefined && stage !== 'across') marks[stage] = now;
          if (stage === 'check') marks.last_check = now;
          if (stage === 'across') marks.across = now; // the last one: the end of validate
        };
        return session.validateJson([{ name, bytes }], { language: 'en', browserLimits: false, onProgress });
      },
      stateless(bytes, name) { return mc.validateJson(bytes, name, { language: 'en', browserLimits: false }); },
    };
  }
  if (engine === 'sheetjs') {
    return peerEngine(sheetJsReader(fail), t0, (sheets) => {
      const main = sheets.reduce((a, b) => (b.rows.length > a.rows.length ? b : a));
      return { sheets: sheets.length, rows: main.rows.length, rows_sheet: main.name };
    });
  }
  if (engine === 'exceljs') {
    return peerEngine(excelJsReader(fail, isCsv), t0, (wb) => {
      let main = null;
      let sheets = 0;
      wb.eachSheet((ws) => { sheets++; if (!main || ws.actualRowCount > main.actualRowCount) main = ws; });
      return { sheets, rows: main ? main.actualRowCount : 0, rows_sheet: main ? main.name : null };
    });
  }
  fail(`unknown engine ${engine}`);
}

async function main() {
  const { repeat, warmup, file, buf, bytes, name } = measuredInput(args, USAGE, args.engine === 'wasm');
  const engine = await setup(args.engine, /\.csv$/i.test(file));
  collect();
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = engine.heapBytes ? engine.heapBytes() : null;

  const stageTimes = Object.fromEntries([...STAGES, 'json'].map((s) => [s, []]));
  let measured = null;
  let firstSeconds = null;
  let peakFirst = null;
  let heapAfterFirst = null;
  let rssAfterFirst = null;
  const times = await timedRuns({
    warmup, repeat, log, fail, version: engine.version,
    run: () => engine.run(bytes, name),
    onRun(i, result, t0, t1) {
      if (i === 0) {
        firstSeconds = (t1 - t0) / 1000;
        peakFirst = maxRssBytes();
        rssAfterFirst = process.memoryUsage().rss;
        if (args.engine === 'wasm') {
          heapAfterFirst = engine.heapBytes();
          let doc;
          try { doc = JSON.parse(result); } catch { fail(`the report is not JSON: ${String(result).slice(0, 300)}`); }
          measured = { report_bytes: Buffer.byteLength(result), report_sha256: sha256(result), summary: reportSummary(doc) };
          if (args.reportOut) fs.writeFileSync(args.reportOut, result);
        } else {
          measured = engine.measure(result);
        }
      }
      if (args.engine === 'wasm' && i >= warmup) {
        // As natively: read from the call to the first "recognise", recognise to
        // the first "check", check to the last "check" (the file's rules), across
        // to the last progress call; json = from there to the return (report_json
        // and the string back to JS).
        const m = engine.marks;
        const recogniseAt = m.recognise ?? t1;
        const checkAt = m.check ?? recogniseAt;
        const acrossAt = m.last_check ?? checkAt;
        const endAt = m.across ?? acrossAt;
        stageTimes.read.push((recogniseAt - t0) / 1000);
        stageTimes.recognise.push((checkAt - recogniseAt) / 1000);
        stageTimes.check.push((acrossAt - checkAt) / 1000);
        stageTimes.across.push((endAt - acrossAt) / 1000);
        stageTimes.json.push((t1 - endAt) / 1000);
      }
    },
  });

  const extra = {};
  if (args.engine === 'wasm') {
    // The stateless function of the brief (wasm/bindings.cpp validateJson): loads the rulebook itself.
    const t0 = performance.now();
    const text = engine.stateless(bytes, name);
    extra.stateless_validate_seconds = (performance.now() - t0) / 1000;
    extra.stateless_same_report = sha256(text) === measured.report_sha256;
    extra.rulebook_load_seconds = engine.rulebook_load_seconds;
    extra.wasm_memory_before_bytes = heapBefore;
    extra.wasm_memory_after_first_bytes = heapAfterFirst;
    extra.wasm_memory_after_all_bytes = engine.heapBytes();
    extra.stages = Object.fromEntries(Object.entries(stageTimes).map(([s, v]) =>
      [s, { best_seconds: Math.min(...v), median_seconds: median(v) }]));
  }
  emit({
    engine: args.engine,
    ok: true,
    version: engine.version,
    file,
    input_bytes: buf.length,
    ...measured,
    ...extra,
    ...timingFields({ times, warmup, repeat, loadSeconds: engine.load_seconds, firstSeconds }),
    rss_before_bytes: rssBefore,
    rss_after_first_bytes: rssAfterFirst,
    peak_rss_first_bytes: peakFirst,
    peak_rss_all_bytes: maxRssBytes(),
  });
}

main().catch((e) => fail(String(e && e.stack ? e.stack : e)));
