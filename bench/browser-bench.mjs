#!/usr/bin/env node
// How long the web app takes, in Chromium, to validate a large return once the
// page has loaded: from the file input's change event to the report on screen,
// with the progress bar's values over time and the longest gap between two
// frames of the page (the page must never freeze). A benchmark, not a test.
//
//   node bench/browser-bench.mjs [--file PATH] [--web DIR] [--runs N] [--out PATH]
//
// Each run opens the page afresh (a new browser context), waits until migcheck
// is ready, then validates the file twice: the first validation after load
// (what a user gets) and a second one (the engine warmed up).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_ROWS, DEFAULT_SEED, REPO_ROOT, datasetPaths, machineInfo, parseArgs, writeFileAtomic } from './lib/common.mjs';

const USAGE = `usage: node bench/browser-bench.mjs [options]
  --file PATH   the return to validate (default: the generated ${DEFAULT_ROWS}-row return,
                build/bench/r${DEFAULT_ROWS}/IMM_CTZ.xlsx, generated if missing)
  --web DIR     the web bundle (default build/web: scripts/build.sh web)
  --runs N      fresh page loads (default 5)
  --out PATH    results as JSON (default build/bench/browser-results.json)
  --chromium P  the browser (default /usr/bin/chromium)
  --settle MS   wait this long after the page is ready before the upload (default 0: a user
                who drops the file the moment the page is ready; 1500 is a user picking a file)
`;
const args = parseArgs(process.argv.slice(2), { file: 'string', web: 'string', runs: 'int', out: 'string', chromium: 'string', settle: 'int' }, USAGE);
const webDir = path.resolve(REPO_ROOT, args.web || 'build/web');
const runs = args.runs || 5;
const out = path.resolve(REPO_ROOT, args.out || 'build/bench/browser-results.json');
const chromiumPath = args.chromium || '/usr/bin/chromium';
let file = args.file && path.resolve(args.file);
if (!file) {
  file = datasetPaths(DEFAULT_ROWS, DEFAULT_SEED).libreoffice;
  if (!fs.existsSync(file)) {
    console.error('generating the benchmark return (bench/generate-return.mjs)…');
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bench/generate-return.mjs'), '--writers', 'libreoffice', '--quiet'], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(1);
  }
}
for (const [what, p] of [['web bundle', path.join(webDir, 'migcheck.mjs')], ['file', file], ['chromium', chromiumPath]]) {
  if (!fs.existsSync(p)) {
    console.error(`missing ${what}: ${p}`);
    process.exit(1);
  }
}

const { chromium } = await import('playwright-core');

function serve() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts/serve.mjs'), webDir], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk) => {
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(String(chunk));
      if (m) resolve({ origin: `http://127.0.0.1:${m[1]}`, stop: () => child.kill() });
    });
    child.on('exit', (code) => reject(new Error(`serve.mjs exited ${code}`)));
  });
}

// Installed in the page before the upload: the change event's time, the
// progress bar's values, the report's arrival, and the page's frames.
function instrument() {
  const bench = { change: 0, done: 0, progress: [], frames: [] };
  window.__bench = bench;
  const bar = document.getElementById('progress');
  document.getElementById('files').addEventListener('change', () => { bench.change = performance.now(); }, { capture: true });
  new MutationObserver(() => bench.progress.push([performance.now(), bar.hidden ? null : Number(bar.value)]))
    .observe(bar, { attributes: true, attributeFilter: ['value', 'hidden'] });
  const reports = Number(document.body.dataset.reports || 0);
  new MutationObserver((_, observer) => {
    if (Number(document.body.dataset.reports || 0) > reports && !bench.done) {
      bench.done = performance.now();
      observer.disconnect();
    }
  }).observe(document.body, { attributes: true, attributeFilter: ['data-reports'] });
  const frame = (t) => {
    bench.frames.push(t);
    if (!bench.done) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

function summarise(bench) {
  const during = bench.frames.filter((t) => t >= bench.change && t <= bench.done);
  let maxGap = 0;
  for (let i = 1; i < during.length; i++) maxGap = Math.max(maxGap, during[i] - during[i - 1]);
  const values = bench.progress.filter(([t, v]) => v !== null && t >= bench.change && t <= bench.done);
  return {
    validate_ms: Math.round(bench.done - bench.change),
    progress_updates: values.length,
    progress_values: [...new Set(values.map(([, v]) => v))],
    progress_timeline_ms: values.map(([t, v]) => [Math.round(t - bench.change), v]),
    frames: during.length,
    max_frame_gap_ms: Math.round(maxGap),
  };
}

async function validateOnce(page) {
  await page.setInputFiles('#files', []);  // the same file again must be a change
  await page.evaluate(instrument);
  await page.setInputFiles('#files', file);
  await page.waitForFunction(() => window.__bench.done > 0, null, { timeout: 120_000 });
  const bench = await page.evaluate(() => window.__bench);
  const status = await page.textContent('#status');
  const errors = await page.textContent('[data-summary="errors"] .value');
  return { ...summarise(bench), status, errors };
}

const machine = machineInfo();
const server = await serve();
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const results = [];
try {
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    await page.waitForSelector('body[data-state="ready"]', { timeout: 60_000 });
    const ready = Math.round(await page.evaluate(() => performance.getEntriesByName('migcheck-ready')[0].startTime));
    if (args.settle) await page.waitForTimeout(args.settle);
    const first = await validateOnce(page);
    const second = await validateOnce(page);
    results.push({ ready_after_navigation_ms: ready, first, second });
    console.error(`run ${run + 1}/${runs}: ready ${ready} ms; first validation ${first.validate_ms} ms ` +
      `(${first.progress_updates} progress updates, longest frame gap ${first.max_frame_gap_ms} ms); second ${second.validate_ms} ms`);
    await context.close();
  }
} finally {
  await browser.close();
  server.stop();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const firsts = results.map((r) => r.first.validate_ms);
const seconds = results.map((r) => r.second.validate_ms);
const report = {
  file: path.relative(REPO_ROOT, file),
  file_bytes: fs.statSync(file).size,
  chromium: browser.version(),
  machine: { ...machine, load_average_1min_at_end: +os.loadavg()[0].toFixed(2) },
  date: new Date().toISOString(),
  settle_ms: args.settle || 0,
  runs: results,
  first_validation_ms: { best: Math.min(...firsts), median: median(firsts) },
  second_validation_ms: { best: Math.min(...seconds), median: median(seconds) },
};
fs.mkdirSync(path.dirname(out), { recursive: true });
writeFileAtomic(out, JSON.stringify(report, null, 2) + '\n');

const example = results[Math.floor(results.length / 2)].first;
console.log(`# Browser benchmark: ${report.file} (${(report.file_bytes / 1e6).toFixed(2)} MB) in Chromium ${report.chromium}

| | best ms | median ms |
|---|---:|---:|
| first validation after load${args.settle ? ` (+${args.settle} ms)` : ''} | ${report.first_validation_ms.best} | ${report.first_validation_ms.median} |
| second validation | ${report.second_validation_ms.best} | ${report.second_validation_ms.median} |

Page ready after navigation: ${results.map((r) => r.ready_after_navigation_ms).join(', ')} ms.
Progress bar (one first validation): ${example.progress_updates} updates, values ${example.progress_values.join(', ')};
longest gap between two frames of the page while validating: ${example.max_frame_gap_ms} ms (${example.frames} frames).
Machine: ${machine.cpu}, ${machine.cores} cores; load average ${machine.load_average_1min_at_start} at start, ${report.machine.load_average_1min_at_end} at end.
Full results: ${path.relative(REPO_ROOT, out)}`);
