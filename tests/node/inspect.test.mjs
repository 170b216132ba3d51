// Recognition gives the same JSON in the wasm module and the native CLI, in
// both languages, for every readable fixture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build/native/migcheck');
const { loadMigcheck } = require(path.join(root, 'wasm/js/node-loader.cjs'));
const mc = await loadMigcheck();

const files = [];
for (const dir of ['tests/fixtures/real', 'tests/fixtures/returns']) {
  const full = path.join(root, dir);
  if (!existsSync(full)) continue;
  for (const name of readdirSync(full).sort())
    if (/\.(xlsx|csv)$/.test(name)) files.push(path.join(full, name));
}

test('there are files to inspect', () => assert.ok(files.length >= 10));

for (const file of files) {
  for (const lang of ['en', 'fr', 'ar']) {
    test(`inspect agrees natively and in wasm (${lang}): ${path.relative(root, file)}`, () => {
      const native = execFileSync(cli, ['inspect', '--json', '--observations', '--lang', lang, file],
        { encoding: 'utf8', maxBuffer: 1 << 28 });
      const wasm = mc.inspectJson(readFileSync(file), path.basename(file), { language: lang, observations: true });
      assert.equal(wasm, native);
      const report = JSON.parse(wasm);
      assert.equal(report.rulebook.id, 'comesa-migration');
    });
  }
}

test('a broken rulebook is a MigcheckError with its problems and their JSON paths', () => {
  assert.throws(() => mc.inspectJson(Buffer.from('a,b\n'), 'x.csv', { rulebook: '{"format": 1}' }), (error) => {
    assert.equal(error.name, 'MigcheckError');
    assert.equal(error.id, 'rulebook.unusable');
    assert.ok(error.problems.length >= 2);
    assert.deepEqual(error.problems.find((p) => p.path === '/format'), { path: '/format', message: 'must be "migcheck-rulebook/1", not 1' });
    return true;
  });
});
