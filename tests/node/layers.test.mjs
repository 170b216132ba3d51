// The core's layers run one way (docs/architecture.md): no #include from a
// layer to one above it or beside it, no private header in a front end. The
// check is shown to fail on a planted upward include, so it can fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, appendFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { upwardIncludes } from '../../scripts/check-layers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('no include runs upward, and the front ends use public headers only', () => {
  assert.deepEqual(upwardIncludes(root), []);
});

test('a planted upward include, and a private header in a front end, are caught', () => {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'migcheck-layers-'));
  try {
    for (const dir of ['core/src', 'core/include', 'cli', 'wasm']) cpSync(path.join(root, dir), path.join(copy, dir), { recursive: true });
    appendFileSync(path.join(copy, 'core/src/recognition/matcher.cpp'), '\n#include "rules/rule_run.hpp"\n');
    appendFileSync(path.join(copy, 'core/src/util/text.cpp'), '\n#include "migcheck/workbook.hpp"\n');
    appendFileSync(path.join(copy, 'wasm/src/session.cpp'), '\n#include "util/normalize.hpp"\n');
    const problems = upwardIncludes(copy);
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.match(problems.join('\n'), /recognition\/matcher\.cpp:\d+: recognition includes "rules\/rule_run\.hpp" of rules/);
    assert.match(problems.join('\n'), /util\/text\.cpp:\d+: util includes "migcheck\/workbook\.hpp" of model/);
    assert.match(problems.join('\n'), /wasm\/src\/session\.cpp:\d+: a front end includes the core's private "util\/normalize\.hpp"/);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
