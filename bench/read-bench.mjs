#!/usr/bin/env node
// Read-throughput benchmark: migcheck native, migcheck wasm in Node, and the
// JavaScript peers (SheetJS, ExcelJS) on the same generated return, in one run.
// Not a test: it reports figures and whether the targets are met.
//
//   node bench/read-bench.mjs [--rows N] [--repeat K] [...]   (--help for all options)
//
// Prints a Markdown report on stdout (progress on stderr) and writes
// build/bench/read-results.json.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BENCH_DIR, CACHE_DIR, DEFAULT_ROWS, DEFAULT_SEED, REPO_ROOT, datasetPaths, machineInfo, parseArgs,
  writeFileAtomic,
} from './lib/common.mjs';
import { xlsxSheetStats } from './lib/zipinfo.mjs';

const ENGINES = ['native', 'wasm', 'sheetjs', 'exceljs'];
const VARIANTS = ['libreoffice', 'exceljs'];
const TARGETS = {
  native_mb_per_s: 300, // native >= 300 MB/s of sheet XML
  wasm_mb_per_s: 150, // wasm in Node >= 150 MB/s of sheet XML
  sheetjs_over_wasm: 10, // wasm >= 10x faster than SheetJS on the same file
};
const START_LOAD_LIMIT = (cores) => 0.5 + 0.5 * cores;
const END_LOAD_LIMIT = (cores) => 1 + 0.5 * cores;
const USAGE = `usage: node bench/read-bench.mjs [options]
  --rows N            rows of the generated return (default ${DEFAULT_ROWS}); generated if missing
  --seed S            generator seed (default ${DEFAULT_SEED})
  --repeat K          timed runs for native and wasm (default 10)
  --warmup W          untimed warm-up runs for wasm (default 5; the native binary does its own)
  --peer-repeat K     timed runs for SheetJS and ExcelJS (default 3; ~5 s each)
  --peer-warmup W     warm-up runs for SheetJS and ExcelJS (default 1)
  --engines LIST      comma-separated subset of ${ENGINES.join(',')} (default: all)
  --variants LIST     which writer's file to read: ${VARIANTS.join(',')} (default: libreoffice)
  --file PATH         benchmark this .xlsx instead of the generated return (repeatable via commas)
  --native-bin PATH   default build/native/migcheck-bench-read
  --wasm-loader PATH  default wasm/js/node-loader.cjs
  --out PATH          JSON results (default build/bench/read-results.json)
  --strict            exit 3 unless every engine ran and every target is met
`;

const args = parseArgs(process.argv.slice(2), {
  rows: 'int', seed: 'int', repeat: 'int', warmup: 'int', 'peer-repeat': 'int', 'peer-warmup': 'int',
  engines: 'string', variants: 'string', file: 'string', 'native-bin': 'string', 'wasm-loader': 'string',
  out: 'string', strict: 'bool',
}, USAGE);

const rows = args.rows ?? DEFAULT_ROWS;
const seed = args.seed ?? DEFAULT_SEED;
const repeat = Math.max(1, args.repeat ?? 10);
const warmup = args.warmup ?? 5;
const peerRepeat = Math.max(1, args.peerRepeat ?? 3);
const peerWarmup = args.peerWarmup ?? 1;
const engines = splitList(args.engines, ENGINES, 'engine');
const variants = splitList(args.variants ?? 'libreoffice', VARIANTS, 'variant');
const nativeBin = path.resolve(REPO_ROOT, args.nativeBin ?? 'build/native/migcheck-bench-read');
const wasmLoader = path.resolve(REPO_ROOT, args.wasmLoader ?? 'wasm/js/node-loader.cjs');
const outPath = path.resolve(REPO_ROOT, args.out ?? path.join(CACHE_DIR, 'read-results.json'));
const rel = (p) => { const r = path.relative(REPO_ROOT, p); return !r ? '.' : r.startsWith('..') ? p : r; };
const log = (s) => process.stderr.write(s + '\n');

function splitList(value, allowed, what) {
  if (!value) return [...allowed];
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const v of list) {
    if (!allowed.includes(v)) {
      log(`unknown ${what}: ${v} (one of ${allowed.join(', ')})`);
      process.exit(2);
    }
  }
  return list;
}

// ------------------------------------------------------------ availability
const BUILD_HINT_NATIVE = 'build it with `scripts/build.sh native` (`scripts/test.sh` builds everything and tests it), ' +
  'or by hand: `cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release && cmake --build build/native -j`';
const BUILD_HINT_WASM = 'build it with `scripts/build.sh wasm` (`scripts/test.sh` builds everything and tests it; ' +
  'the wasm build needs emscripten, `NODE_PATH=/usr/share/nodejs` and the libdeflate source from `scripts/fetch-libdeflate.sh`)';

function nativeStatus() {
  if (!fs.existsSync(nativeBin)) {
    return { available: false, reason: `${rel(nativeBin)} not found`, hint: BUILD_HINT_NATIVE };
  }
  try { fs.accessSync(nativeBin, fs.constants.X_OK); } catch {
    return { available: false, reason: `${rel(nativeBin)} is not executable`, hint: BUILD_HINT_NATIVE };
  }
  const info = { available: true, binary: rel(nativeBin), binary_mtime: fs.statSync(nativeBin).mtime.toISOString() };
  // Benchmarking a Debug build is a common mistake: report the build type.
  try {
    const cache = fs.readFileSync(path.join(path.dirname(nativeBin), 'CMakeCache.txt'), 'utf8');
    const m = /^CMAKE_BUILD_TYPE:[A-Z]*=(.*)$/m.exec(cache);
    info.build_type = m ? m[1].trim() || '(empty)' : '(unknown)';
  } catch { info.build_type = '(unknown)'; }
  return info;
}

function wasmStatus() {
  const missing = [];
  if (!fs.existsSync(wasmLoader)) missing.push(rel(wasmLoader));
  const wasmBuild = path.join(REPO_ROOT, 'build', 'wasm');
  if (!args.wasmLoader && !fs.existsSync(wasmBuild)) missing.push(`${rel(wasmBuild)}/`);
  if (missing.length) return { available: false, reason: `${missing.join(' and ')} not found`, hint: BUILD_HINT_WASM };
  return { available: true, loader: rel(wasmLoader) };
}

// ---------------------------------------------------------------- runners
function runProcess(cmd, argv, { timeoutMs = 60 * 60 * 1000 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; process.stderr.write(d); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); resolve({ code: null, signal: null, stdout, stderr, error: e }); });
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr }); });
  });
}

function lastJsonLine(text, prefix = '') {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean).reverse();
  for (const l of lines) {
    const body = prefix ? (l.startsWith(prefix) ? l.slice(prefix.length).trim() : null) : l;
    if (body && body.startsWith('{')) {
      try { return JSON.parse(body); } catch { /* keep looking */ }
    }
  }
  return null;
}

function tail(text, n = 6) {
  return text.trim().split('\n').slice(-n).join('\n      ');
}

async function runNative(file, status) {
  if (!status.available) return { engine: 'native', ok: false, unavailable: true, error: status.reason, hint: status.hint };
  log(`native: ${rel(nativeBin)} ${rel(file)} --repeat ${repeat}`);
  const r = await runProcess(nativeBin, [file, '--repeat', String(repeat)]);
  const j = lastJsonLine(r.stdout);
  if (r.error || r.code !== 0 || !j) {
    const why = r.error ? r.error.message : r.signal ? `killed by ${r.signal}` : `exit status ${r.code}`;
    return { engine: 'native', ok: false, error: `${rel(nativeBin)} failed (${why})${j ? '' : ', no JSON line on stdout'}: ${tail(r.stderr || r.stdout)}` };
  }
  for (const k of ['sheet_xml_bytes', 'cells', 'best_seconds', 'median_seconds', 'peak_rss_bytes']) {
    if (typeof j[k] !== 'number') return { engine: 'native', ok: false, error: `native JSON line lacks a numeric "${k}": ${JSON.stringify(j)}` };
  }
  if (j.error) return { engine: 'native', ok: false, error: `native reported an error: ${JSON.stringify(j.error)}` };
  return { engine: 'native', ok: true, version: `migcheck native (${status.build_type} build)`, repeat, ...j, binary_mtime: status.binary_mtime };
}

async function runWorker(engine, file, k, w) {
  log(`${engine}: ${w} warm-up + ${k} timed runs in a child process`);
  const argv = ['--expose-gc', path.join(BENCH_DIR, 'engine-worker.mjs'), '--engine', engine, '--file', file,
    '--repeat', String(k), '--warmup', String(w)];
  if (engine === 'wasm') argv.push('--wasm-loader', wasmLoader);
  const r = await runProcess(process.execPath, argv);
  const j = lastJsonLine(r.stdout, 'BENCH_RESULT');
  if (!j) {
    const why = r.error ? r.error.message : r.signal ? `killed by ${r.signal}` : `exit status ${r.code}`;
    return { engine, ok: false, error: `worker failed (${why}): ${tail(r.stderr)}` };
  }
  return j;
}

// ----------------------------------------------------------------- inputs
function ensureInputs() {
  if (args.file) {
    return args.file.split(',').map((f) => {
      const p = path.resolve(f);
      if (!fs.existsSync(p)) { log(`no such file: ${f}`); process.exit(2); }
      return { variant: 'file', path: p, writer: null, rows: null, expected_cells: null };
    });
  }
  const p = datasetPaths(rows, seed);
  const readManifest = () => { try { return JSON.parse(fs.readFileSync(p.manifest, 'utf8')); } catch { return null; } };
  let manifest = readManifest();
  const missing = variants.filter((v) => !manifest?.xlsx?.[v] || !fs.existsSync(p[v]));
  if (missing.length) {
    log(`generating the return (${rows} rows) with: node bench/generate-return.mjs --rows ${rows} --seed ${seed} --writers ${missing.join(',')}`);
    const g = spawnSync(process.execPath, [path.join(BENCH_DIR, 'generate-return.mjs'), '--rows', String(rows),
      '--seed', String(seed), '--writers', missing.join(',')], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (g.status !== 0) { log('generation failed'); process.exit(1); }
    manifest = readManifest();
  }
  return variants.map((v) => ({
    variant: v,
    path: p[v],
    writer: manifest.xlsx[v].writer,
    rows: manifest.rows,
    columns: manifest.columns,
    expected_cells: (manifest.rows + manifest.header_rows) * manifest.columns,
  }));
}

// ---------------------------------------------------------------- report
const mb = (bytes) => bytes / 1e6;
const fmt = (x, d = 1) => (x == null || !Number.isFinite(x) ? '–' : x.toFixed(d));
const fmtInt = (x) => (x == null ? '–' : Math.round(x).toLocaleString('en-US'));
const fmtSi = (x) => (x == null ? '–' : x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)} k` : x.toFixed(0));

function derive(input, results) {
  const xmlBytes = input.sheet_xml_bytes;
  for (const r of Object.values(results)) {
    if (!r.ok) continue;
    r.mb_per_s_best = mb(xmlBytes) / r.best_seconds;
    r.mb_per_s_median = mb(xmlBytes) / r.median_seconds;
    r.cells_per_s_best = r.cells != null ? r.cells / r.best_seconds : null;
    r.peak_rss_mb = r.peak_rss_bytes != null ? mb(r.peak_rss_bytes) : null;
    r.peak_rss_first_read_mb = r.peak_rss_first_read_bytes != null ? mb(r.peak_rss_first_read_bytes) : null;
    r.notes = [];
    if (input.expected_cells != null && r.cells != null && r.cells !== input.expected_cells) {
      r.notes.push(`cells ${r.cells} ≠ expected ${input.expected_cells}`);
    }
    if (r.sheet_xml_bytes != null && r.sheet_xml_bytes !== xmlBytes) {
      r.notes.push(`reports sheet_xml_bytes ${r.sheet_xml_bytes}, the zip directory says ${xmlBytes}`);
    }
  }
  const ok = (e) => results[e]?.ok;
  const ratio = (a, b, key) => (ok(a) && ok(b) ? results[a][key] / results[b][key] : null);
  const ratios = {
    sheetjs_over_wasm_best: ratio('sheetjs', 'wasm', 'best_seconds'),
    sheetjs_over_wasm_median: ratio('sheetjs', 'wasm', 'median_seconds'),
    exceljs_over_wasm_best: ratio('exceljs', 'wasm', 'best_seconds'),
    exceljs_over_wasm_median: ratio('exceljs', 'wasm', 'median_seconds'),
    wasm_over_native_best: ratio('wasm', 'native', 'best_seconds'),
    wasm_over_native_median: ratio('wasm', 'native', 'median_seconds'),
    sheetjs_over_native_best: ratio('sheetjs', 'native', 'best_seconds'),
  };
  const verdict = (value, target, unavailableBecause) => ({
    target,
    value,
    met: value == null ? null : value >= target,
    status: value == null ? `n/a (${unavailableBecause})` : value >= target ? 'met' : 'NOT met',
  });
  const why = (...es) => es.filter((e) => !ok(e)).map((e) => `${e} ${results[e] ? 'did not run' : 'not selected'}`).join(', ');
  const targets = {
    native_mb_per_s: verdict(ok('native') ? results.native.mb_per_s_best : null, TARGETS.native_mb_per_s, why('native')),
    wasm_mb_per_s: verdict(ok('wasm') ? results.wasm.mb_per_s_best : null, TARGETS.wasm_mb_per_s, why('wasm')),
    sheetjs_over_wasm: verdict(ratios.sheetjs_over_wasm_best, TARGETS.sheetjs_over_wasm, why('sheetjs', 'wasm')),
  };
  return { ratios, targets };
}

function markdown(report) {
  const m = report.machine;
  const out = [];
  out.push('# migcheck read benchmark', '');
  out.push(`- Machine: ${m.cpu}, ${m.cores} cores, ${fmt(m.memory_total_bytes / 2 ** 30, 1)} GiB RAM, ${m.platform}`);
  out.push(`- Node ${m.node} (V8 ${m.v8}); date ${report.date}; commit ${report.commit}; 1-min load average ${m.load_average_1min_at_start} at start, ${m.load_average_1min_at_end} at end${m.load_average_1min_at_start > START_LOAD_LIMIT(m.cores) || m.load_average_1min_at_end > END_LOAD_LIMIT(m.cores) ? ' (busy machine: the figures are pessimistic and the ratios skewed)' : ''}`);
  out.push(`- Runs: native/wasm ${repeat} timed (wasm after ${warmup} warm-up), SheetJS/ExcelJS ${peerRepeat} timed after ${peerWarmup} warm-up; each JS engine in its own process, gc() between runs`);
  for (const f of report.files) {
    out.push('', `## ${rel(f.path)}${f.writer ? ` (written by ${f.writer})` : ''}`, '');
    out.push(`${fmtInt(f.input_bytes)} bytes xlsx, ${fmtInt(f.sheet_xml_bytes)} bytes (${fmt(mb(f.sheet_xml_bytes), 1)} MB) of sheet XML in ${f.sheet_count} sheet(s)` +
      (f.rows != null ? `, ${fmtInt(f.rows)} data rows + header × ${f.columns} columns = ${fmtInt(f.expected_cells)} cells` : '') + '.', '');
    out.push('| Engine | Best s | Median s | MB/s (best) | Cells/s (best) | Peak RSS MB (1 read / all runs) | Cells | Notes |');
    out.push('|---|---:|---:|---:|---:|---:|---:|---|');
    for (const e of engines) {
      const r = f.engines[e];
      if (!r.ok) {
        out.push(`| ${e} | – | – | – | – | – | – | ${r.unavailable ? 'not available: ' : 'FAILED: '}${r.error.replace(/\|/g, '\\|').replace(/\n\s*/g, ' ')} |`);
        continue;
      }
      const notes = [r.version];
      if (r.first_seconds != null && e === 'wasm') notes.push(`first (cold) call ${fmt(r.first_seconds, 3)} s`);
      notes.push(...(r.notes ?? []));
      out.push(`| ${e} | ${fmt(r.best_seconds, 3)} | ${fmt(r.median_seconds, 3)} | ${fmt(r.mb_per_s_best, 1)} | ${fmtSi(r.cells_per_s_best)} | ${fmt(r.peak_rss_first_read_mb, 0)} / ${fmt(r.peak_rss_mb, 0)} | ${fmtInt(r.cells)} | ${notes.join('; ')} |`);
    }
    const R = f.ratios;
    out.push('', 'Ratios (time / time; best, median in brackets):', '');
    out.push(`- SheetJS / wasm: ${fmt(R.sheetjs_over_wasm_best, 1)}× (${fmt(R.sheetjs_over_wasm_median, 1)}×)`);
    if (engines.includes('exceljs')) out.push(`- ExcelJS / wasm: ${fmt(R.exceljs_over_wasm_best, 1)}× (${fmt(R.exceljs_over_wasm_median, 1)}×)`);
    out.push(`- wasm / native: ${fmt(R.wasm_over_native_best, 2)}× (${fmt(R.wasm_over_native_median, 2)}×)`);
    out.push('', '| Target | Required | Measured | Status |', '|---|---:|---:|---|');
    const T = f.targets;
    out.push(`| native MB/s of sheet XML | ≥ ${T.native_mb_per_s.target} | ${fmt(T.native_mb_per_s.value, 1)} | ${T.native_mb_per_s.status} |`);
    out.push(`| wasm-in-Node MB/s of sheet XML | ≥ ${T.wasm_mb_per_s.target} | ${fmt(T.wasm_mb_per_s.value, 1)} | ${T.wasm_mb_per_s.status} |`);
    out.push(`| SheetJS time / wasm time | ≥ ${T.sheetjs_over_wasm.target}× | ${fmt(T.sheetjs_over_wasm.value, 1)}× | ${T.sheetjs_over_wasm.status} |`);
  }
  const unavailable = engines.map((e) => report.files[0]?.engines[e]).filter((r) => r && !r.ok && r.unavailable);
  if (unavailable.length) {
    out.push('', '## Not measured', '');
    for (const r of unavailable) out.push(`- ${r.engine}: ${r.error}; ${r.hint}`);
  }
  out.push('', `JSON: ${rel(outPath)}`, '');
  return out.join('\n');
}

function gitCommit() {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' });
  const head = r.status === 0 ? r.stdout.trim() : '(no commit)';
  const d = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT, encoding: 'utf8' });
  return d.status === 0 && d.stdout.trim() ? `${head}+dirty` : head;
}

// ------------------------------------------------------------------- main
async function main() {
  const inputs = ensureInputs();
  const nStatus = engines.includes('native') ? nativeStatus() : null;
  const wStatus = engines.includes('wasm') ? wasmStatus() : null;
  for (const [e, s] of [['native', nStatus], ['wasm', wStatus]]) {
    if (s && !s.available) log(`${e}: NOT AVAILABLE: ${s.reason};\n    ${s.hint}\n    (continuing with the other engines)`);
  }
  if (nStatus?.available && !/^(Release|RelWithDebInfo|MinSizeRel)$/.test(nStatus.build_type)) {
    log(`native: warning: CMAKE_BUILD_TYPE is ${nStatus.build_type}; benchmark a Release build`);
  }

  const load = machineInfo().load_average_1min_at_start;
  const cores = machineInfo().cores;
  // Thresholds: at the start nothing of ours runs; at the end one of our
  // processes has been busy on one core for the last minute.
  if (load > START_LOAD_LIMIT(cores)) {
    log(`warning: the 1-minute load average is ${load} on ${cores} cores; other work will slow the engines down and skew the ratios`);
  }

  const report = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    machine: machineInfo(),
    settings: { rows, seed, repeat, warmup, peer_repeat: peerRepeat, peer_warmup: peerWarmup, engines, variants: args.file ? ['file'] : variants },
    targets_required: TARGETS,
    files: [],
  };
  for (const input of inputs) {
    const zs = xlsxSheetStats(input.path);
    const entry = { ...input, ...zs, engines: {} };
    log(`\n== ${rel(input.path)}: ${zs.input_bytes} bytes, ${zs.sheet_xml_bytes} bytes of sheet XML`);
    for (const e of engines) {
      let r;
      if (e === 'native') r = await runNative(input.path, nStatus);
      else if (e === 'wasm') r = wStatus.available ? await runWorker('wasm', input.path, repeat, warmup)
        : { engine: 'wasm', ok: false, unavailable: true, error: wStatus.reason, hint: wStatus.hint };
      else r = await runWorker(e, input.path, peerRepeat, peerWarmup);
      if (!r.ok && !r.unavailable) log(`${e}: FAILED: ${r.error}`);
      entry.engines[e] = r;
    }
    if (entry.expected_cells == null) {
      const ref = ['native', 'wasm', 'sheetjs'].map((e) => entry.engines[e]).find((r) => r?.ok && r.cells != null);
      entry.expected_cells = ref ? ref.cells : null;
    }
    Object.assign(entry, derive(entry, entry.engines));
    report.files.push(entry);
  }
  report.machine.load_average_1min_at_end = +os.loadavg()[0].toFixed(2);
  if (report.machine.load_average_1min_at_end > END_LOAD_LIMIT(cores)) {
    log(`warning: the 1-minute load average at the end was ${report.machine.load_average_1min_at_end} on ${cores} cores: something else ran during the benchmark`);
  }
  fs.mkdirSync(path.dirname(outPath), { recursive: true });
  writeFileAtomic(outPath, JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(markdown(report));

  const anyFailed = report.files.some((f) => Object.values(f.engines).some((r) => !r.ok && !r.unavailable));
  if (args.strict) {
    const allRan = report.files.every((f) => Object.values(f.engines).every((r) => r.ok));
    const allMet = report.files.every((f) => Object.values(f.targets).every((t) => t.met === true));
    if (!allRan || !allMet) process.exit(3);
  }
  process.exit(anyFailed ? 1 : 0);
}

main().catch((e) => {
  log(`read-bench: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
