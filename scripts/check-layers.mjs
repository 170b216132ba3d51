#!/usr/bin/env node
// The core's layers and what each may include (docs/architecture.md). Every
// #include "…" of the core, the CLI and the wasm layer is checked: a core file
// includes only its own layer's and lower layers' headers, public or private;
// a front end includes only public headers (migcheck/…) and its own files.
// Usage: node scripts/check-layers.mjs [ROOT]   (exit 1 and one line per upward include)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Each layer and the layers below it that it may include (the CMake targets link the same way).
export const LAYERS = {
  util: [],
  io: ['util'],
  model: ['util', 'io'],
  words: ['util', 'io', 'model'],
  readers: ['util', 'io', 'model', 'words'],
  writers: ['util', 'io', 'model', 'words'],
  rulebook: ['util', 'io', 'model', 'words'],
  recognition: ['util', 'io', 'model', 'words', 'rulebook'],
  rules: ['util', 'io', 'model', 'words', 'rulebook', 'recognition'],
  report: ['util', 'io', 'model', 'words', 'rulebook', 'recognition', 'rules'],
  template: ['util', 'io', 'model', 'words', 'writers', 'rulebook', 'recognition'],  // names that read back
  annotate: ['util', 'io', 'model', 'words', 'readers', 'writers', 'rulebook', 'recognition', 'rules'],  // the user's own package, edited
  assemble: ['util', 'io', 'model', 'words', 'writers', 'rulebook', 'recognition', 'rules', 'template'],  // the agencies' tables as one return
  pipeline: ['util', 'io', 'model', 'words', 'readers', 'writers', 'rulebook', 'recognition', 'rules', 'report', 'template', 'annotate', 'assemble'],
};

// core/src/<folder> -> layer
const FOLDERS = {
  util: 'util', io: 'io', model: 'model', words: 'words', readers: 'readers', xlsx: 'readers', csv: 'readers',
  writers: 'writers', rulebook: 'rulebook', recognition: 'recognition', rules: 'rules', report: 'report',
  template: 'template', annotate: 'annotate', assemble: 'assemble', pipeline: 'pipeline',
};

// core/include/migcheck/<header> -> layer
const PUBLIC = {
  'version.hpp': 'util', 'error.hpp': 'util', 'limits.hpp': 'util', 'json_writer.hpp': 'util',
  'workbook.hpp': 'model', 'finding.hpp': 'model', 'messages.hpp': 'words', 'read.hpp': 'readers',
  'rulebook.hpp': 'rulebook', 'rule_params.hpp': 'rulebook', 'mapping.hpp': 'rulebook',
  'recognition.hpp': 'recognition', 'report.hpp': 'rules', 'dump.hpp': 'report', 'inspect.hpp': 'report',
  'report_formats.hpp': 'report', 'template.hpp': 'template', 'annotate.hpp': 'annotate', 'assemble.hpp': 'assemble', 'validate.hpp': 'pipeline', 'migcheck.hpp': 'pipeline',
};

const FRONT_ENDS = ['cli', 'wasm'];

function* sources(dir) {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* sources(full);
    else if (/\.(cpp|hpp|h)$/.test(name)) yield full;
  }
}

// The layer of a file of the repository, 'front end', or null for what is not checked.
function layerOfFile(root, file) {
  const parts = path.relative(root, file).split(path.sep);
  if (parts[0] === 'core' && parts[1] === 'include' && parts[2] === 'migcheck') return PUBLIC[parts[3]] ?? 'unknown public header';
  if (parts[0] === 'core' && parts[1] === 'src') return parts.length > 3 ? FOLDERS[parts[2]] ?? 'unknown folder' : 'outside a layer';
  if (FRONT_ENDS.includes(parts[0])) return 'front end';
  return null;
}

// The layer an include names, 'public' for a public header of no known layer, or null (a file of its own folder).
function layerOfInclude(include) {
  const [first, second] = include.split('/');
  if (first === 'migcheck') return PUBLIC[second] ?? 'unknown public header';
  if (second !== undefined && FOLDERS[first]) return FOLDERS[first];
  return null;
}

export function upwardIncludes(root) {
  const problems = [];
  for (const top of ['core/src', 'core/include', ...FRONT_ENDS]) {
    for (const file of sources(path.join(root, top))) {
      const layer = layerOfFile(root, file);
      if (!layer) continue;
      const where = path.relative(root, file);
      if (layer.startsWith('unknown') || layer === 'outside a layer') {
        problems.push(`${where}: ${layer}: add it to a layer (scripts/check-layers.mjs, core/CMakeLists.txt)`);
        continue;
      }
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        const m = /^\s*#\s*include\s+"([^"]+)"/.exec(line);
        if (!m) return;
        const target = layerOfInclude(m[1]);
        if (layer === 'front end') {
          if (target && !m[1].startsWith('migcheck/'))
            problems.push(`${where}:${i + 1}: a front end includes the core's private "${m[1]}"; use a public header (migcheck/…)`);
          return;
        }
        if (!target || target === layer) return;
        if (target.startsWith('unknown')) problems.push(`${where}:${i + 1}: "${m[1]}" is an ${target}`);
        else if (!LAYERS[layer].includes(target))
          problems.push(`${where}:${i + 1}: ${layer} includes "${m[1]}" of ${target}, a layer above it or beside it`);
      });
    }
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] || path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const problems = upwardIncludes(root);
  for (const p of problems) console.log(p);
  process.exit(problems.length ? 1 : 0);
}
