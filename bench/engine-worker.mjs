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
import { parseArgs } from './lib/common.mjs';
import { loadWasm, measuredInput, maxRssBytes, excelJsReader, reporter, sheetJsReader, peerEngine, timedRuns, timingFields } from './lib/child.mjs';

const USAGE = `usage: node --expose-gc bench/engine-worker.mjs --engine wasm|sheetjs|exceljs --file F [--repeat K] [--warmup W] [--wasm-loader PATH]\n`;
const args = parseArgs(process.argv.slice(2),
  { engine: 'string', file: 'string', repeat: 'int', warmup: 'int', 'wasm-loader': 'string' }, USAGE);
const { emit, fail, log } = reporter(args.engine);

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
    const mc = await loadWasm(args.wasmLoader, fail);
    if (typeof mc?.readStats !== 'function') fail('the loaded wasm module has no readStats(bytes, fileName)');
    return {
      version: (() => { try { return `migcheck wasm ${mc.version ? mc.version() : ''}`.trim(); } catch { return 'migcheck wasm'; } })(),
      load_seconds: (performance.now() - t0) / 1000,
      run(bytes, name) { return mc.readStats(bytes, name); },  // a file it cannot read throws a MigcheckError
      measure(r) { return { cells: r.cells, sheet_xml_bytes: r.sheetXmlBytes, sheets: r.sheets }; },
    };
  }
  if (engine === 'sheetjs') {
    return peerEngine(sheetJsReader(fail), t0, (sheets) => {
      return { cells: sheets.reduce((s, sheet) => s + countRowsCells(sheet.rows), 0), sheets: sheets.length };
    });
  }
  if (engine === 'exceljs') {
    return peerEngine(excelJsReader(fail), t0, (wb) => {
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
    });
  }
  fail(`unknown engine ${engine}`);
}

async function main() {
  const { repeat, warmup, file, buf, bytes, name } = measuredInput(args, USAGE, args.engine === 'wasm');
  const engine = await setup(args.engine);
  const rssBefore = maxRssBytes();

  let measured = null;
  let firstSeconds = null;
  let peakFirstRead = null;
  const times = await timedRuns({
    warmup, repeat, log, fail, version: engine.version,
    run: () => engine.run(bytes, name),
    onRun(i, result, t0, t1) {
      if (i !== 0) return;
      firstSeconds = (t1 - t0) / 1000;
      peakFirstRead = maxRssBytes();
      measured = engine.measure(result);
    },
  });
  emit({
    engine: args.engine,
    ok: true,
    version: engine.version,
    file,
    input_bytes: buf.length,
    ...measured,
    ...timingFields({ times, warmup, repeat, loadSeconds: engine.load_seconds, firstSeconds }),
    rss_before_bytes: rssBefore,
    peak_rss_first_read_bytes: peakFirstRead, // engine loaded + file bytes + one read
    peak_rss_bytes: maxRssBytes(), // over all runs (V8 and malloc keep freed memory)
  });
}

main().catch((e) => fail(String(e && e.stack ? e.stack : e)));
