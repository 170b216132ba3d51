// Shared helpers for the benchmark scripts (no dependencies beyond Node 20).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const REPO_ROOT = path.dirname(BENCH_DIR);
export const CACHE_DIR = path.join(REPO_ROOT, 'build', 'bench');

export const DEFAULT_ROWS = 130020; // 11 years x 197 citizenships x 20 ages x 3 sexes
export const DEFAULT_SEED = 20240601;
export const TABLE_NAME = 'IMM_CTZ'; // sheet name (LibreOffice names the sheet after the CSV)
export const COLUMNS = ['REF_AREA', 'TIME_PERIOD', 'CITIZENSHIP', 'AGE', 'SEX', 'OBS_VALUE', 'OBS_STATUS'];

// Bumped whenever the generated data or the file layout changes, so that a
// stale cache is regenerated rather than re-used.
export const GENERATOR_VERSION = 1;

export function datasetDir(rows, seed) {
  const suffix = seed === DEFAULT_SEED ? '' : `-s${seed}`;
  return path.join(CACHE_DIR, `r${rows}${suffix}`);
}

export function datasetPaths(rows, seed) {
  const dir = datasetDir(rows, seed);
  return {
    dir,
    csv: path.join(dir, `${TABLE_NAME}.csv`),
    libreoffice: path.join(dir, `${TABLE_NAME}.xlsx`),
    exceljs: path.join(dir, `${TABLE_NAME}.exceljs.xlsx`),
    manifest: path.join(dir, 'manifest.json'),
  };
}

// Minimal "--name value" / "--flag" parser. spec: {name: 'int'|'string'|'bool'}.
export function parseArgs(argv, spec, usage) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') {
      process.stdout.write(usage);
      process.exit(0);
    }
    let m = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(a);
    if (!m || !(m[1] in spec)) {
      process.stderr.write(`unknown argument: ${a}\n\n${usage}`);
      process.exit(2);
    }
    const name = m[1];
    const type = spec[name];
    const key = name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (type === 'bool') {
      out[key] = m[2] === undefined ? true : !/^(0|false|no)$/i.test(m[2]);
      continue;
    }
    let v = m[2];
    if (v === undefined) {
      if (i + 1 >= argv.length) {
        process.stderr.write(`missing value for --${name}\n`);
        process.exit(2);
      }
      v = argv[++i];
    }
    if (type === 'int') {
      if (!/^\d+$/.test(v)) {
        process.stderr.write(`--${name} needs a non-negative integer, got ${v}\n`);
        process.exit(2);
      }
      v = Number(v);
    }
    out[key] = v;
  }
  return out;
}

export function machineInfo() {
  let cpu = os.cpus()[0]?.model?.trim() || 'unknown';
  try {
    const info = fs.readFileSync('/proc/cpuinfo', 'utf8');
    const m = /^model name\s*:\s*(.+)$/m.exec(info);
    if (m) cpu = m[1].trim();
  } catch { /* not Linux */ }
  return {
    cpu,
    cores: os.availableParallelism ? os.availableParallelism() : os.cpus().length,
    memory_total_bytes: os.totalmem(),
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    load_average_1min_at_start: +os.loadavg()[0].toFixed(2),
  };
}

export function fileSize(p) {
  try { return fs.statSync(p).size; } catch { return null; }
}

export function writeFileAtomic(p, data) {
  const tmp = `${p}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, p);
}

// ------------------------------------------------ end-to-end benchmark inputs
// bench/generate-return.mjs --observations N --layouts long,wide writes, per
// layout and size, build/bench/e2e/<layout>-<N>[-s<seed>]/IMM_CTZ.{csv,xlsx}
// and manifest.json (read by bench/validate-bench.mjs).
export const E2E_GENERATOR_VERSION = 1;
export const E2E_LAYOUTS = ['long', 'wide'];
export const E2E_SIZES = [1000, 10000, 100000, 1000000];

export function e2eDatasetPaths(layout, observations, seed) {
  const suffix = seed === DEFAULT_SEED ? '' : `-s${seed}`;
  const dir = path.join(CACHE_DIR, 'e2e', `${layout}-${observations}${suffix}`);
  return {
    dir,
    csv: path.join(dir, `${TABLE_NAME}.csv`),
    xlsx: path.join(dir, `${TABLE_NAME}.xlsx`),
    manifest: path.join(dir, 'manifest.json'),
  };
}
