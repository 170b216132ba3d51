#!/usr/bin/env node
// End-to-end validation benchmark: read + recognise + every rule + the JSON
// report, by migcheck native and migcheck wasm in Node, on generated returns
// of 1k to 1M observations in long and wide layouts, as XLSX and CSV, with
// SheetJS and ExcelJS merely reading the same files in the same run.
// Not a test: it reports figures and whether the issue's targets are met.
//
//   node bench/validate-bench.mjs [--sizes LIST] [--layouts LIST] [--formats LIST] [--engines LIST] ...
//
// Prints a Markdown report on stdout (progress on stderr) and writes
// build/bench/validate-results.json. --help lists the options.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BENCH_DIR, CACHE_DIR, DEFAULT_SEED, E2E_LAYOUTS, E2E_SIZES, REPO_ROOT, e2eDatasetPaths, machineInfo, parseArgs,
  writeFileAtomic,
} from './lib/common.mjs';
import { reportSummary } from './lib/report-summary.mjs';
import { xlsxSheetStats } from './lib/zipinfo.mjs';

const ENGINES = ['native', 'wasm', 'sheetjs', 'exceljs'];
const FORMATS = ['xlsx', 'csv'];
const TARGETS = {
  sheetjs_read_over_wasm_validate: 15, // (a) wasm validates >= 15x faster than SheetJS reads the XLSX
  wasm_over_native_max: 2, // (b) wasm within 2x of native
  memory_over_sheet_xml_max: 3, // (c) peak memory < 3x the uncompressed sheet XML
  native_1m_seconds_max: 3, // (d) 1M observations natively in < 3 s
};
// Repeats by size (observations): timed runs, warm-up runs.
const AUTO = {
  1000: { repeat: 20, warmup: 5, peerRepeat: 5, peerWarmup: 2 },
  10000: { repeat: 10, warmup: 3, peerRepeat: 3, peerWarmup: 1 },
  100000: { repeat: 5, warmup: 1, peerRepeat: 2, peerWarmup: 0 },
  1000000: { repeat: 3, warmup: 1, peerRepeat: 1, peerWarmup: 0 },
};
const autoFor = (n) => AUTO[Object.keys(AUTO).map(Number).filter((k) => k <= n).pop() ?? 1000];

const USAGE = `usage: node bench/validate-bench.mjs [options]
  --sizes LIST        observations (nominal), default ${E2E_SIZES.join(',')}; generated if missing
  --layouts LIST      ${E2E_LAYOUTS.join(',')} (default both)
  --formats LIST      ${FORMATS.join(',')} (default both)
  --engines LIST      ${ENGINES.join(',')} (default all)
  --repeat K          timed runs for native and wasm (default by size: 20/10/5/3 for 1k/10k/100k/1M)
  --warmup W          warm-up runs for native and wasm (default by size: 5/3/1/1; the first measures memory)
  --peer-repeat K     timed runs for SheetJS and ExcelJS (default by size: 5/3/2/1)
  --peer-warmup W     warm-up runs for SheetJS and ExcelJS (default by size: 2/1/0/0)
  --peer-timeout S    seconds one peer read may take (default 150): a peer whose time at the previous
                      size, scaled linearly, exceeds it is not started (reported as skipped, with the
                      projection); a peer process is killed after runs x S + 60 s
  --seed S            generator seed (default ${DEFAULT_SEED})
  --native-bin PATH   default build/native/migcheck-bench-validate
  --wasm-loader PATH  default wasm/js/node-loader.cjs
  --out PATH          JSON results (default build/bench/validate-results.json)
  --strict            exit 3 unless every engine ran everywhere and every target is met
  --from-json LIST    run nothing: re-render the report from results JSON files (comma-separated); a
                      file's engines measured in a later JSON replace the same file's engines of an
                      earlier one (to re-measure a combination after a failure and merge it); --out is written
`;

const args = parseArgs(process.argv.slice(2), {
  sizes: 'string', layouts: 'string', formats: 'string', engines: 'string', repeat: 'int', warmup: 'int',
  'peer-repeat': 'int', 'peer-warmup': 'int', 'peer-timeout': 'int', seed: 'int', 'native-bin': 'string',
  'wasm-loader': 'string', out: 'string', strict: 'bool', 'from-json': 'string',
}, USAGE);

const log = (s) => process.stderr.write(s + '\n');
function splitList(value, allowed, what) {
  if (!value) return [...allowed];
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const v of list) {
    if (allowed && !allowed.includes(v)) { log(`unknown ${what}: ${v} (one of ${allowed.join(', ')})`); process.exit(2); }
  }
  return list;
}
const sizes = (args.sizes ? splitList(args.sizes, null, 'size') : E2E_SIZES.map(String)).map((s) => {
  if (!/^\d+$/.test(s) || Number(s) < 1) { log(`--sizes: not a positive integer: ${s}`); process.exit(2); }
  return Number(s);
}).sort((a, b) => a - b);
const layouts = splitList(args.layouts, E2E_LAYOUTS, 'layout');
const formats = splitList(args.formats, FORMATS, 'format');
const engines = splitList(args.engines, ENGINES, 'engine');
const seed = args.seed ?? DEFAULT_SEED;
const peerTimeout = (args.peerTimeout ?? 150) * 1000;
const nativeBin = path.resolve(REPO_ROOT, args.nativeBin ?? 'build/native/migcheck-bench-validate');
const wasmLoader = path.resolve(REPO_ROOT, args.wasmLoader ?? 'wasm/js/node-loader.cjs');
const outPath = path.resolve(REPO_ROOT, args.out ?? path.join(CACHE_DIR, 'validate-results.json'));
const reportsDir = path.join(CACHE_DIR, 'validate-reports');
const rel = (p) => { const r = path.relative(REPO_ROOT, p); return !r ? '.' : r.startsWith('..') ? p : r; };
const settingsFor = (n) => {
  const a = autoFor(n);
  return {
    repeat: Math.max(1, args.repeat ?? a.repeat),
    warmup: Math.max(1, args.warmup ?? a.warmup),
    peerRepeat: Math.max(1, args.peerRepeat ?? a.peerRepeat),
    peerWarmup: args.peerWarmup ?? a.peerWarmup,
  };
};

// ------------------------------------------------------------ the machine
function firstLine(cmd, argv) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 20000 });
  return r.status === 0 ? (r.stdout || r.stderr).trim().split('\n')[0] : null;
}
function cmakeCache(dir) {
  try { return fs.readFileSync(path.join(dir, 'CMakeCache.txt'), 'utf8'); } catch { return ''; }
}
function cacheValue(cache, key) {
  const m = new RegExp(`^${key}:[A-Z]*=(.*)$`, 'm').exec(cache);
  return m ? m[1].trim() : null;
}
function describeMachine() {
  const m = machineInfo();
  let osName = null;
  try { osName = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(fs.readFileSync('/etc/os-release', 'utf8'))?.[1] ?? null; } catch { /* */ }
  const nativeCache = cmakeCache(path.dirname(nativeBin));
  const cxx = cacheValue(nativeCache, 'CMAKE_CXX_COMPILER');
  const wasmCache = cmakeCache(path.join(REPO_ROOT, 'build', 'wasm'));
  const emcc = cacheValue(wasmCache, 'CMAKE_C_COMPILER') ?? 'emcc';
  return {
    ...m,
    os: osName,
    native_compiler: cxx ? `${firstLine(cxx, ['--version']) ?? cxx} (${cxx})` : null,
    native_build_type: cacheValue(nativeCache, 'CMAKE_BUILD_TYPE'),
    native_cxx_flags_release: cacheValue(nativeCache, 'CMAKE_CXX_FLAGS_RELEASE'),
    emscripten: firstLine(emcc, ['--version']),
    wasm_build_type: cacheValue(wasmCache, 'CMAKE_BUILD_TYPE'),
  };
}
function gitCommit() {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' });
  const head = r.status === 0 ? r.stdout.trim() : '(no commit)';
  const d = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT, encoding: 'utf8' });
  return d.status === 0 && d.stdout.trim() ? `${head}+dirty` : head;
}

// Load sampling: every 10 s, the 1-minute load average and the processes
// running (state R) that are not this benchmark's, to say what else ran.
const loadSamples = [];
const foreign = new Map();
function descendants() {
  const r = spawnSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' });
  const children = new Map();
  for (const line of (r.stdout || '').split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (!pid) continue;
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  const mine = new Set([process.pid]);
  const stack = [process.pid];
  while (stack.length) for (const c of children.get(stack.pop()) ?? []) if (!mine.has(c)) { mine.add(c); stack.push(c); }
  return mine;
}
function sampleLoad() {
  loadSamples.push({ t: new Date().toISOString(), load1: +os.loadavg()[0].toFixed(2) });
  const mine = descendants();
  const r = spawnSync('ps', ['-eo', 'pid=,stat=,comm='], { encoding: 'utf8' });
  for (const line of (r.stdout || '').split('\n')) {
    const m = /^\s*(\d+)\s+(\S+)\s+(.+)$/.exec(line);
    if (!m || !m[2].startsWith('R') || mine.has(Number(m[1])) || m[3] === 'ps') continue;
    foreign.set(m[3], (foreign.get(m[3]) ?? 0) + 1);
  }
}

// ---------------------------------------------------------------- runners
function runProcess(cmd, argv, { timeoutMs = 60 * 60 * 1000 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; process.stderr.write(d); });
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); resolve({ code: null, signal: null, stdout, stderr, error: e, timedOut }); });
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr, timedOut }); });
  });
}
function lastJsonLine(text, prefix = '') {
  for (const l of text.split('\n').map((x) => x.trim()).filter(Boolean).reverse()) {
    const body = prefix ? (l.startsWith(prefix) ? l.slice(prefix.length).trim() : null) : l;
    if (body && body.startsWith('{')) { try { return JSON.parse(body); } catch { /* keep looking */ } }
  }
  return null;
}
const tail = (text, n = 4) => text.trim().split('\n').slice(-n).join(' | ');
const sha256File = (p) => crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');

function nativeStatus() {
  if (!fs.existsSync(nativeBin)) {
    return { available: false, reason: `${rel(nativeBin)} not found`,
      hint: 'build it: `cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release && cmake --build build/native -j2 --target migcheck-bench-validate`' };
  }
  return { available: true };
}
function wasmStatus() {
  const missing = [wasmLoader, path.join(REPO_ROOT, 'build', 'wasm', 'migcheck-node.wasm')].filter((p) => !fs.existsSync(p));
  if (missing.length) return { available: false, reason: `${missing.map(rel).join(' and ')} not found`, hint: 'build it with `scripts/build.sh wasm`' };
  return { available: true };
}

async function runNative(input, s) {
  const reportOut = path.join(reportsDir, `${input.id}.native.json`);
  log(`native: ${rel(nativeBin)} ${rel(input.path)} --repeat ${s.repeat} --warmup ${s.warmup}`);
  const r = await runProcess(nativeBin, [input.path, '--repeat', String(s.repeat), '--warmup', String(s.warmup), '--report-out', reportOut]);
  const j = lastJsonLine(r.stdout);
  if (r.error || !j || (r.code !== 0 && r.code !== 1)) {
    const why = r.error ? r.error.message : r.signal ? `killed by ${r.signal}` : `exit status ${r.code}`;
    return { engine: 'native', ok: false, error: `${rel(nativeBin)} failed (${why}): ${tail(r.stderr || r.stdout)}` };
  }
  const text = fs.readFileSync(reportOut, 'utf8');
  let summary = null;
  try { summary = reportSummary(JSON.parse(text)); } catch (e) { log(`native: cannot summarise the report: ${e.message}`); }
  return { engine: 'native', ok: true, version: 'migcheck native', ...j, report_sha256: sha256File(reportOut), summary,
    peak_memory_bytes: j.peak_validation_bytes };
}

async function runWorker(engine, input, k, w) {
  log(`${engine}: ${w} warm-up + ${k} timed run(s) in a child process`);
  const argv = ['--expose-gc', path.join(BENCH_DIR, 'validate-worker.mjs'), '--engine', engine, '--file', input.path,
    '--repeat', String(k), '--warmup', String(w)];
  if (engine === 'wasm') argv.push('--wasm-loader', wasmLoader, '--report-out', path.join(reportsDir, `${input.id}.wasm.json`));
  const limit = engine === 'wasm' ? 60 * 60 * 1000 : (k + w) * peerTimeout + 60000;
  const r = await runProcess(process.execPath, argv, { timeoutMs: limit });
  const j = lastJsonLine(r.stdout, 'BENCH_RESULT');
  if (!j) {
    if (r.timedOut) return { engine, ok: false, skipped: true, error: `killed after ${limit / 1000} s (--peer-timeout ${peerTimeout / 1000} s per read)` };
    const oom = /heap out of memory|Allocation failed/i.test(r.stderr);
    const why = r.error ? r.error.message : r.signal ? `killed by ${r.signal}` : `exit status ${r.code}`;
    return { engine, ok: false, skipped: oom, error: oom ? `ran out of memory (Node's default heap; ${why})` : `worker failed (${why}): ${tail(r.stderr)}` };
  }
  if (j.ok && engine === 'wasm') j.peak_memory_bytes = j.wasm_memory_after_first_bytes;
  if (j.ok && engine !== 'wasm') j.peak_memory_bytes = j.peak_rss_first_bytes - j.rss_before_bytes;
  return j;
}

// ----------------------------------------------------------------- inputs
function ensureInputs() {
  const missing = [];
  for (const layout of layouts) {
    for (const n of sizes) {
      const p = e2eDatasetPaths(layout, n, seed);
      if (!fs.existsSync(p.manifest) || !fs.existsSync(p.csv) || !fs.existsSync(p.xlsx)) missing.push([layout, n]);
    }
  }
  if (missing.length) {
    const ls = [...new Set(missing.map((m) => m[0]))].join(',');
    const ns = [...new Set(missing.map((m) => m[1]))].join(',');
    log(`generating the returns: node bench/generate-return.mjs --observations ${ns} --layouts ${ls} --seed ${seed}`);
    const g = spawnSync(process.execPath, [path.join(BENCH_DIR, 'generate-return.mjs'), '--observations', ns,
      '--layouts', ls, '--seed', String(seed)], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (g.status !== 0) { log('generation failed'); process.exit(1); }
  }
  const inputs = [];
  for (const n of sizes) {
    for (const layout of layouts) {
      const p = e2eDatasetPaths(layout, n, seed);
      const manifest = JSON.parse(fs.readFileSync(p.manifest, 'utf8'));
      for (const format of formats) {
        const file = format === 'xlsx' ? p.xlsx : p.csv;
        const zs = format === 'xlsx' ? xlsxSheetStats(file) : null;
        inputs.push({
          id: `${layout}-${n}.${format}`, layout, format, nominal: n, path: file,
          observations: manifest.observations, data_rows: manifest.rows, header_rows: manifest.header_rows,
          input_bytes: fs.statSync(file).size,
          sheet_xml_bytes: zs ? zs.sheet_xml_bytes : null, // CSV: taken from the native read (decoded text bytes)
          table_sheet_xml_bytes: null,
          writer: format === 'xlsx' ? manifest.xlsx.writer : 'bench/generate-return.mjs',
        });
      }
    }
  }
  return inputs;
}

// ---------------------------------------------------------------- figures
const MB = 1e6;
const fmt = (x, d = 1) => (x == null || !Number.isFinite(x) ? '–' : x.toFixed(d));
const fmtInt = (x) => (x == null ? '–' : Math.round(x).toLocaleString('en-US'));
const fmtSi = (x) => (x == null || !Number.isFinite(x) ? '–' : x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)} k` : x.toFixed(0));
const fmtSec = (x) => (x == null || !Number.isFinite(x) ? '–' : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x >= 0.01 ? x.toFixed(3) : x.toFixed(4));
const sizeLabel = (n) => (n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n));

function derive(entry) {
  const E = entry.engines;
  const ok = (e) => E[e]?.ok;
  // CSV: the "sheet XML" of the target is the decoded text (ReadStats.sheet_xml_bytes).
  if (entry.sheet_xml_bytes == null && ok('native')) entry.sheet_xml_bytes = E.native.sheet_xml_bytes;
  const volume = entry.format === 'xlsx' ? entry.sheet_xml_bytes : entry.input_bytes;
  for (const r of Object.values(E)) {
    if (!r.ok) continue;
    r.obs_per_s = entry.observations / r.median_seconds;
    r.mb_per_s = volume / MB / r.median_seconds;
    r.memory_over_sheet_xml = entry.sheet_xml_bytes ? r.peak_memory_bytes / entry.sheet_xml_bytes : null;
    r.notes = [];
  }
  const ratio = (a, b, key = 'median_seconds') => (ok(a) && ok(b) ? E[a][key] / E[b][key] : null);
  entry.ratios = {
    sheetjs_over_native: ratio('sheetjs', 'native'), sheetjs_over_wasm: ratio('sheetjs', 'wasm'),
    exceljs_over_native: ratio('exceljs', 'native'), exceljs_over_wasm: ratio('exceljs', 'wasm'),
    wasm_over_native: ratio('wasm', 'native'),
    sheetjs_over_wasm_best: ratio('sheetjs', 'wasm', 'best_seconds'), wasm_over_native_best: ratio('wasm', 'native', 'best_seconds'),
  };
  // Cross-engine checks: the same report natively and in wasm; the peers read every row.
  const checks = [];
  if (ok('native') && ok('wasm')) {
    const same = E.native.report_sha256 === E.wasm.report_sha256;
    checks.push(same ? `native and wasm reports identical (${fmtInt(E.native.report_bytes)} bytes, sha256 ${E.native.report_sha256.slice(0, 12)})`
      : `REPORTS DIFFER: native ${E.native.report_bytes} bytes, wasm ${E.wasm.report_bytes} bytes; summaries ${JSON.stringify(E.native.summary)} vs ${JSON.stringify(E.wasm.summary)}`);
    entry.reports_identical = same;
    if (E.wasm.stateless_same_report === false) checks.push('the stateless wasm validateJson gave another report than the session');
  }
  for (const e of ['native', 'wasm']) {
    if (!ok(e)) continue;
    const obs = e === 'native' ? E[e].observations : E[e].summary?.observations;
    if (obs !== entry.observations) { E[e].notes.push(`${obs} observations, expected ${entry.observations}`); checks.push(`${e}: ${obs} observations ≠ ${entry.observations}`); }
  }
  const expectedRows = entry.data_rows + entry.header_rows;
  for (const e of ['sheetjs', 'exceljs']) {
    if (!ok(e)) continue;
    if (E[e].rows !== expectedRows) { E[e].notes.push(`read ${E[e].rows} rows, expected ${expectedRows}`); checks.push(`${e}: ${E[e].rows} rows ≠ ${expectedRows}`); }
    else checks.push(`${e} read all ${fmtInt(expectedRows)} rows`);
  }
  entry.checks = checks;
  const verdict = (value, met, why) => ({ value, met: value == null ? null : met, status: value == null ? `n/a (${why})` : met ? 'met' : 'NOT met' });
  const why = (...es) => es.filter((e) => !ok(e)).map((e) => `${e} ${E[e] ? (E[e].skipped ? 'skipped' : 'failed') : 'not run'}`).join(', ');
  entry.targets = {};
  if (entry.format === 'xlsx') {
    const v = entry.ratios.sheetjs_over_wasm;
    entry.targets.a = verdict(v, v >= TARGETS.sheetjs_read_over_wasm_validate, why('sheetjs', 'wasm'));
  }
  const b = entry.ratios.wasm_over_native;
  entry.targets.b = verdict(b, b <= TARGETS.wasm_over_native_max, why('wasm', 'native'));
  // (c) is about sheet XML: judged on the XLSX files (a CSV has none; its ratio
  // to the text is in the table, for information).
  if (entry.format === 'xlsx') {
    for (const e of ['native', 'wasm']) {
      const v = ok(e) ? E[e].memory_over_sheet_xml : null;
      entry.targets[`c_${e}`] = verdict(v, v < TARGETS.memory_over_sheet_xml_max, why(e));
    }
  }
  if (entry.nominal >= 1e6) {
    const v = ok('native') ? E.native.median_seconds : null;
    entry.targets.d = verdict(v, v < TARGETS.native_1m_seconds_max, why('native'));
  }
}

// Growth with size: per layout, format and engine, the time ratio per step
// of size and the exponent of a least-squares fit of log t on log n.
function growth(files) {
  const out = [];
  for (const layout of layouts) {
    for (const format of formats) {
      for (const e of engines) {
        const pts = files.filter((f) => f.layout === layout && f.format === format && f.engines[e]?.ok)
          .map((f) => ({ n: f.observations, nominal: f.nominal, t: f.engines[e].median_seconds }));
        if (pts.length < 2) continue;
        const steps = [];
        for (let i = 1; i < pts.length; i++) {
          const size = pts[i].n / pts[i - 1].n;
          const time = pts[i].t / pts[i - 1].t;
          steps.push({ from: pts[i - 1].nominal, to: pts[i].nominal, size_ratio: size, time_ratio: time, normalised: time / size });
        }
        const fit = (ps) => {
          if (ps.length < 2) return null;
          const xs = ps.map((p) => Math.log(p.n));
          const ys = ps.map((p) => Math.log(p.t));
          const mx = xs.reduce((a, b) => a + b) / xs.length;
          const my = ys.reduce((a, b) => a + b) / ys.length;
          let sxy = 0; let sxx = 0;
          for (let i = 0; i < xs.length; i++) { sxy += (xs[i] - mx) * (ys[i] - my); sxx += (xs[i] - mx) ** 2; }
          return sxy / sxx;
        };
        const large = pts.filter((p) => p.nominal >= 10000);
        const exponentLarge = fit(large);
        const last = steps[steps.length - 1];
        // Linear: the exponent over 10k+ is at most 1.15 and the last step at most 1.3x the size ratio.
        const linear = exponentLarge == null ? null : exponentLarge <= 1.15 && last.normalised <= 1.3;
        out.push({ layout, format, engine: e, points: pts, steps, exponent_all: fit(pts), exponent_10k_up: exponentLarge, linear });
      }
    }
  }
  return out;
}

// ----------------------------------------------------------------- report
const ENGINE_LABEL = { native: 'migcheck native', wasm: 'migcheck wasm (Node)', sheetjs: 'SheetJS read', exceljs: 'ExcelJS read' };
function markdown(report) {
  const m = report.machine;
  const out = [];
  const busy = report.load.max_1min > m.cores;
  out.push('# migcheck end-to-end validation benchmark', '');
  out.push(`- Date: ${report.date}; commit ${report.commit}`);
  out.push(`- Machine: ${m.cpu}, ${m.cores} cores, ${fmt(m.memory_total_bytes / 2 ** 30, 1)} GiB RAM; ${m.os ?? ''} (${m.platform})`);
  out.push(`- Native: ${m.native_compiler ?? '?'}, CMAKE_BUILD_TYPE ${m.native_build_type ?? '?'} (${m.native_cxx_flags_release ?? ''}), binary ${report.settings?.native_bin ?? rel(nativeBin)}`);
  out.push(`- wasm: ${m.emscripten ?? '?'}, build/wasm ${m.wasm_build_type ?? '?'}; Node ${m.node} (V8 ${m.v8})`);
  out.push(`- Command: \`${report.command}\``);
  out.push(`- 1-minute load average: ${report.load.start} at start, ${report.load.end} at end, max ${report.load.max_1min}, mean ${fmt(report.load.mean_1min, 2)} over ${report.load.samples} samples (every 10 s)` +
    (busy ? ' — **the machine was busy: times are pessimistic and ratios skewed**' : ''));
  if (report.load.foreign_running.length) {
    out.push(`- Other processes seen running (state R) during the samples: ${report.load.foreign_running.map(([c, k]) => `${c} ×${k}`).join(', ')}`);
  }
  out.push('- Timed work: native = `migcheck::validate` + `report_json` (+ freeing the report), in process; wasm = `session.validateJson([{name, bytes}])` ' +
    '(copy into the heap, validate, report JSON back as a JS string); SheetJS = `XLSX.read` + `sheet_to_json(ws, {header: 1})` of every sheet; ' +
    'ExcelJS = `xlsx.load` (XLSX) or `csv.read` (CSV). The file is in memory before timing; the rulebook is loaded once, outside the timed region.');
  out.push('- Time = median of the timed runs (min in brackets); throughputs use the median. MB/s = MB of sheet XML (XLSX) or of CSV text per second.');
  out.push('- Peak memory: native = VmHWM after the first validation − VmRSS just before it (the file and the rulebook already loaded; VmHWM reset through /proc/self/clear_refs), ' +
    'one process per file; wasm = size of the WebAssembly.Memory after the first validation (it never shrinks: the heap high-water mark; 64 MiB initial), Node RSS noted apart; ' +
    'peers = peak RSS after the first read − RSS before it. "×XML" = peak memory / uncompressed sheet XML bytes (CSV: the decoded text bytes).');
  out.push('');
  out.push('## Results', '');
  out.push('| Size | Layout | Fmt | Engine | Median s (min) | Obs/s | MB/s | Peak mem MB | ×XML | vs SheetJS | vs ExcelJS | wasm/native | Notes |');
  out.push('|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const f of report.files) {
    for (const e of engines) {
      const r = f.engines[e];
      const head = `| ${sizeLabel(f.nominal)} (${fmtInt(f.observations)}) | ${f.layout} | ${f.format} | ${ENGINE_LABEL[e]}`;
      if (!r) continue;
      if (!r.ok) {
        out.push(`${head} | – | – | – | – | – | – | – | – | ${r.skipped ? 'skipped' : r.unavailable ? 'not available' : 'FAILED'}: ${String(r.error).replace(/\|/g, '\\|')} |`);
        continue;
      }
      const vsS = f.engines.sheetjs?.ok && e !== 'sheetjs' ? `${fmt(f.engines.sheetjs.median_seconds / r.median_seconds, 1)}×` : '';
      const vsE = f.engines.exceljs?.ok && e !== 'exceljs' ? `${fmt(f.engines.exceljs.median_seconds / r.median_seconds, 1)}×` : '';
      const wn = e === 'wasm' && f.ratios.wasm_over_native != null ? `${fmt(f.ratios.wasm_over_native, 2)}×` : '';
      const notes = [...(r.notes ?? [])];
      if (report.merged_from && r.measured_in_run && r.measured_in_run !== report.date.split(' + ')[0]) notes.push(`measured in the later run (${r.measured_in_run})`);
      if (e === 'wasm') notes.push(`Node RSS ${fmt(r.peak_rss_first_bytes / MB, 0)} MB`);
      if (e === 'wasm' && f.nominal <= 1000) notes.push(`stateless validateJson ${fmtSec(r.stateless_validate_seconds)} s (rulebook load ${fmtSec(r.rulebook_load_seconds)} s)`);
      out.push(`${head} | ${fmtSec(r.median_seconds)} (${fmtSec(r.best_seconds)}) | ${fmtSi(r.obs_per_s)} | ${fmt(r.mb_per_s, 1)} | ${fmt(r.peak_memory_bytes / MB, 0)} | ${fmt(r.memory_over_sheet_xml, 2)} | ${vsS} | ${vsE} | ${wn} | ${notes.join('; ')} |`);
    }
  }
  out.push('', 'Files (input bytes, uncompressed sheet XML bytes — XLSX: every worksheet from the zip directory; CSV: the text as migcheck decodes it — and checks):', '');
  out.push('| File | Observations | Data rows | Input bytes | Sheet XML bytes | Checks |', '|---|---:|---:|---:|---:|---|');
  for (const f of report.files) {
    out.push(`| ${rel(f.path)} | ${fmtInt(f.observations)} | ${fmtInt(f.data_rows)} | ${fmtInt(f.input_bytes)} | ${fmtInt(f.sheet_xml_bytes)} | ${f.checks.join('; ')} |`);
  }

  out.push('', '## Growth with size', '');
  out.push('Time ratio for each step of size (observation ratio in brackets; linear = the same), and the exponent k of a least-squares fit t ∝ n^k over 10k–1M (all sizes in brackets; linear = 1).', '');
  out.push('| Layout | Fmt | Engine | Steps | k (10k+) | k (all) | Linear |', '|---|---|---|---|---:|---:|---|');
  for (const g of report.growth) {
    const steps = g.steps.map((s) => `${sizeLabel(s.from)}→${sizeLabel(s.to)}: ${fmt(s.time_ratio, 1)}× (${fmt(s.size_ratio, 1)}×)`).join('; ');
    out.push(`| ${g.layout} | ${g.format} | ${ENGINE_LABEL[g.engine]} | ${steps} | ${fmt(g.exponent_10k_up, 2)} | ${fmt(g.exponent_all, 2)} | ${g.linear == null ? '–' : g.linear ? 'yes' : '**no**'} |`);
  }

  out.push('', '## Targets', '');
  out.push('| Target | Required | File | Measured | Status |', '|---|---|---|---:|---|');
  const rows = (key, label, req, show) => {
    for (const f of report.files) {
      const t = f.targets[key];
      if (!t) continue;
      out.push(`| ${label} | ${req} | ${f.id} | ${show(t.value, f)} | ${t.status} |`);
    }
  };
  rows('a', '(a) SheetJS read / wasm validate', `≥ ${TARGETS.sheetjs_read_over_wasm_validate}×`, (v) => `${fmt(v, 1)}×`);
  rows('b', '(b) wasm / native', `≤ ${TARGETS.wasm_over_native_max}×`, (v) => `${fmt(v, 2)}×`);
  rows('c_native', '(c) native peak / sheet XML', `< ${TARGETS.memory_over_sheet_xml_max}×`, (v, f) => `${fmt(v, 2)}× (${fmt(f.engines.native.peak_memory_bytes / MB, 0)} MB)`);
  rows('c_wasm', '(c) wasm Memory / sheet XML', `< ${TARGETS.memory_over_sheet_xml_max}×`, (v, f) => `${fmt(v, 2)}× (${fmt(f.engines.wasm.peak_memory_bytes / MB, 0)} MB)`);
  rows('d', '(d) native 1M validation', `< ${TARGETS.native_1m_seconds_max} s`, (v) => `${fmtSec(v)} s`);
  out.push('', '### Summary', '');
  for (const [key, label] of [['a', '(a) wasm ≥ 15× faster than SheetJS reads the XLSX'], ['b', '(b) wasm within 2× of native'],
    ['c_native', '(c) native peak memory < 3× sheet XML (XLSX)'], ['c_wasm', '(c) wasm memory < 3× sheet XML (XLSX)'], ['d', '(d) native 1M < 3 s']]) {
    const ts = report.files.filter((f) => f.targets[key]).map((f) => ({ f, t: f.targets[key] }));
    if (!ts.length) continue;
    const judged = ts.filter((x) => x.t.met != null);
    const met = judged.filter((x) => x.t.met);
    const failedAt = judged.filter((x) => !x.t.met).map((x) => `${x.f.id} ${fmt(x.t.value, key === 'd' ? 2 : 1)}`);
    const large = judged.filter((x) => x.f.nominal >= 100000);
    const largeMet = large.filter((x) => x.t.met);
    const values = judged.map((x) => x.t.value);
    const range = values.length ? ` (measured ${fmt(Math.min(...values), 2)}–${fmt(Math.max(...values), 2)})` : '';
    out.push(`- ${label}: ${met.length === judged.length && judged.length ? 'met' : 'NOT met'} on ${met.length}/${judged.length} files${range}` +
      (large.length && large.length < judged.length ? `; at ≥ 100k observations ${largeMet.length}/${large.length}` : '') +
      (failedAt.length ? `; not met: ${failedAt.join(', ')}` : '') + (ts.length > judged.length ? `; ${ts.length - judged.length} n/a` : ''));
  }

  out.push('', '## Where the time goes (median s per stage)', '');
  out.push('Stages from the validation\'s progress callback: read (unzip, inflate, parse), recognise, check (the file\'s rules), across (the dataset and the rules across files), json (report_json; wasm: and the string back to JS).', '');
  out.push('| File | Engine | read | recognise | check | across | json | Slowest rules (native) |', '|---|---|---:|---:|---:|---:|---:|---|');
  for (const f of report.files) {
    for (const e of ['native', 'wasm']) {
      const r = f.engines[e];
      if (!r?.ok || !r.stages) continue;
      const st = (s) => fmtSec(r.stages[s]?.median_seconds);
      const rules = e === 'native' && r.rules ? r.rules.slice(0, 4).map((x) => `${x.rule} ${fmtSec(x.median_seconds)}`).join(', ') : '';
      out.push(`| ${f.id} | ${e} | ${st('read')} | ${st('recognise')} | ${st('check')} | ${st('across')} | ${st('json')} | ${rules} |`);
    }
  }
  const notRun = report.files.flatMap((f) => Object.values(f.engines).filter((r) => !r.ok).map((r) => `${f.id} ${r.engine}: ${r.error}`));
  if (notRun.length) out.push('', '## Not measured', '', ...notRun.map((s) => `- ${s}`));
  out.push('', `JSON: ${rel(outPath)}; reports: ${rel(reportsDir)}/`, '');
  return out.join('\n');
}

// ------------------------------------------------------------------- main
function fromJson(list) {
  const runs = list.split(',').map((p) => JSON.parse(fs.readFileSync(path.resolve(p), 'utf8')));
  const base = runs[0];
  const byId = new Map();
  const order = [];
  for (const run of runs) {
    for (const f of run.files) {
      if (!byId.has(f.id)) order.push(f.id);
      const prev = byId.get(f.id);
      for (const r of Object.values(f.engines)) r.measured_in_run = run.date;
      byId.set(f.id, { ...f, engines: { ...(prev?.engines ?? {}), ...f.engines } });
    }
  }
  const files = order.map((id) => byId.get(id));
  for (const f of files) derive(f);
  const samples = runs.flatMap((r) => r.load.series);
  const loads = samples.map((x) => x.load1);
  const foreignAll = new Map();
  for (const r of runs) for (const [c, k] of r.load.foreign_running) foreignAll.set(c, (foreignAll.get(c) ?? 0) + k);
  const report = {
    ...base,
    date: runs.map((r) => r.date).join(' + '),
    command: runs.map((r) => r.command).join('; then '),
    merged_from: list.split(','),
    files,
    load: {
      start: loads[0], end: loads[loads.length - 1], max_1min: Math.max(...loads),
      mean_1min: loads.reduce((a, b) => a + b, 0) / loads.length, samples: loads.length, series: samples,
      foreign_running: [...foreignAll.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12),
    },
  };
  report.growth = growth(files);
  writeFileAtomic(outPath, JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(markdown(report));
}

async function main() {
  if (args.fromJson) { fromJson(args.fromJson); return; }
  const inputs = ensureInputs();
  fs.mkdirSync(reportsDir, { recursive: true });
  const nStatus = engines.includes('native') ? nativeStatus() : null;
  const wStatus = engines.includes('wasm') ? wasmStatus() : null;
  for (const [e, s] of [['native', nStatus], ['wasm', wStatus]]) {
    if (s && !s.available) log(`${e}: NOT AVAILABLE: ${s.reason}; ${s.hint} (continuing with the other engines)`);
  }
  const machine = describeMachine();
  if (nStatus?.available && !/^(Release|RelWithDebInfo|MinSizeRel)$/.test(machine.native_build_type ?? '')) {
    log(`native: warning: CMAKE_BUILD_TYPE is ${machine.native_build_type}; benchmark a Release build`);
  }
  const report = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    command: `node bench/validate-bench.mjs ${process.argv.slice(2).join(' ')}`.trim(),
    machine,
    settings: { sizes, layouts, formats, engines, seed, peer_timeout_seconds: peerTimeout / 1000, native_bin: rel(nativeBin),
      by_size: Object.fromEntries(sizes.map((n) => [n, settingsFor(n)])) },
    targets_required: TARGETS,
    files: [],
  };
  sampleLoad();
  const sampler = setInterval(sampleLoad, 10000);
  const lastPeer = {}; // engine|layout|format -> {n, seconds per run}
  for (const input of inputs) {
    const s = settingsFor(input.nominal);
    const entry = { ...input, engines: {} };
    log(`\n== ${input.id}: ${rel(input.path)}, ${input.observations} observations, ${input.input_bytes} bytes`);
    for (const e of engines) {
      let r;
      if (e === 'native') {
        r = nStatus.available ? await runNative(input, s) : { engine: e, ok: false, unavailable: true, error: nStatus.reason };
      } else if (e === 'wasm') {
        r = wStatus.available ? await runWorker('wasm', input, s.repeat, s.warmup) : { engine: e, ok: false, unavailable: true, error: wStatus.reason };
        if (!r.ok && /loading the wasm module failed/.test(r.error ?? '')) {
          log('wasm: loading failed (being rebuilt?); retrying in 60 s');
          await new Promise((res) => setTimeout(res, 60000));
          r = await runWorker('wasm', input, s.repeat, s.warmup);
        }
      } else {
        const key = `${e}|${input.layout}|${input.format}`;
        const prev = lastPeer[key];
        const projected = prev && !prev.failed ? prev.seconds * (input.observations / prev.n) : null;
        if (prev?.failed) {
          r = { engine: e, ok: false, skipped: true, error: `not started: not measured at ${sizeLabel(prev.nominal)} either` };
        } else if (projected != null && projected * 1000 > peerTimeout) {
          r = { engine: e, ok: false, skipped: true, projected_seconds: projected,
            error: `not started: ${fmtSec(prev.seconds)} s per read at ${sizeLabel(prev.nominal)} projects (linearly) to ${fmt(projected, 0)} s per read here, over --peer-timeout ${peerTimeout / 1000} s` };
        } else {
          r = await runWorker(e, input, s.peerRepeat, s.peerWarmup);
        }
        lastPeer[key] = r.ok ? { n: input.observations, nominal: input.nominal, seconds: r.median_seconds }
          : { n: input.observations, nominal: input.nominal, failed: r.error };
      }
      if (!r.ok && !r.unavailable) log(`${e}: ${r.skipped ? 'SKIPPED' : 'FAILED'}: ${r.error}`);
      entry.engines[e] = r;
    }
    derive(entry);
    for (const c of entry.checks) log(`  check: ${c}`);
    report.files.push(entry);
  }
  clearInterval(sampler);
  sampleLoad();
  report.growth = growth(report.files);
  const loads = loadSamples.map((x) => x.load1);
  report.load = {
    start: loads[0], end: loads[loads.length - 1], max_1min: Math.max(...loads),
    mean_1min: loads.reduce((a, b) => a + b, 0) / loads.length, samples: loads.length, series: loadSamples,
    foreign_running: [...foreign.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12),
  };
  fs.mkdirSync(path.dirname(outPath), { recursive: true });
  writeFileAtomic(outPath, JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(markdown(report));

  const failed = report.files.some((f) => Object.values(f.engines).some((r) => !r.ok && !r.unavailable && !r.skipped)) ||
    report.files.some((f) => f.reports_identical === false);
  if (args.strict) {
    const allRan = report.files.every((f) => Object.values(f.engines).every((r) => r.ok));
    const allMet = report.files.every((f) => Object.values(f.targets).every((t) => t.met === true));
    if (!allRan || !allMet) process.exit(3);
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  log(`validate-bench: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
