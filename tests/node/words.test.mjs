// The browser's words: web/js/words.js over the catalogue generated from
// core/messages/<language>.json (scripts/generate-catalogue.mjs). Its filler
// passes the cases the core's fill_placeholders passes (tests/unit/messages_test.cpp);
// every word the page and the element ask for exists in every language, and
// every word of theirs in the catalogue is asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { catalogueModule, webCatalogue } from '../../scripts/generate-catalogue.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (relative) => readFileSync(path.join(root, relative), 'utf8');

// words.js beside a freshly generated catalogue.js, as scripts/build.sh web lays them out.
const dir = mkdtempSync(path.join(tmpdir(), 'migcheck-words-'));
writeFileSync(path.join(dir, 'catalogue.js'), catalogueModule());
writeFileSync(path.join(dir, 'package.json'), '{"type": "module"}\n');  // as web/package.json says of the page's files
copyFileSync(path.join(root, 'web/js/words.js'), path.join(dir, 'words.js'));
const words = await import(pathToFileURL(path.join(dir, 'words.js')).href);
const catalogue = webCatalogue();

test('the filler passes the core filler\'s cases', () => {
  const cases = JSON.parse(read('tests/fixtures/words/fill-cases.json'));
  assert.ok(cases.length >= 15);
  for (const c of cases) {
    const params = {};
    for (const [name, value] of c.params) if (!Object.hasOwn(params, name)) params[name] = value;  // the first wins
    assert.equal(words.fillPlaceholders(c.template, params, c.language, c.numbers || 'readable'), c.expected, c.note);
  }
});

test('numbers are written as the language writes them', () => {
  assert.equal(words.formatNumber('en', 454), '454');
  assert.equal(words.formatNumber('en', 1256), '1,256');  // a count shown as a number: grouped from four digits
  assert.equal(words.readableNumber('2024', 'en'), '2024');  // in a sentence, a year stays a year
  assert.equal(words.formatNumber('en', 180000), '180,000');
  assert.equal(words.formatNumber('fr', 180000.25), '180\u202f000,25');
  assert.equal(words.formatNumber('fr', 1 / 3), '0,333');  // a fraction takes the language's decimal mark
  assert.equal(words.word('fr', 'page.shown', { shown: 200, total: 12345 }), '200 problèmes affichés sur 12\u202f345');
});

test('every language has the same words, and the page picks its language from the catalogue', () => {
  assert.deepEqual(words.LANGUAGES, Object.keys(catalogue));
  assert.ok(words.LANGUAGES.includes('en') && words.LANGUAGES.includes('fr'));
  for (const lang of words.LANGUAGES) assert.deepEqual(Object.keys(catalogue[lang]).sort(), Object.keys(catalogue.en).sort(), lang);
  assert.equal(words.supportedLanguage('fr-CA'), 'fr');
  assert.equal(words.supportedLanguage('sw'), 'en');
  assert.equal(words.word('fr', 'language.name'), 'Français');
  assert.equal(words.word('xx', 'page.cancel'), 'Cancel');
});

const pageSources = ['web/app.js', ...readdirSync(path.join(root, 'web/js')).filter((n) => n.endsWith('.js') && n !== 'catalogue.js').map((n) => `web/js/${n}`)];
const pageText = pageSources.map(read).join('\n');
const html = read('web/index.html');
// The element's words, also those it takes by key from the report's facts (the tiles' keys).
const elementText = [read('web/embed/element.js'), read('web/js/report-facts.js')].join('\n');

function asked(text, pattern) {
  return new Set([...text.matchAll(pattern)].map((m) => m[1]));
}

test('every word the page and the element ask for is in the catalogue', () => {
  const page = new Set([...asked(pageText, /\bt\('([A-Za-z]+)'/g), ...asked(html, /data-i18n="([A-Za-z]+)"/g),
    ...[...html.matchAll(/data-i18n-attrs="([^"]+)"/g)].flatMap((m) => m[1].split(',').map((pair) => pair.split(':')[1]))]);
  assert.ok(page.size > 80, `${page.size} page words`);
  for (const key of page) assert.ok(`page.${key}` in catalogue.en, `page.${key}`);
  const element = new Set([...asked(elementText, /\bword\((?:lang|this\.language), '([A-Za-z]+)'/g), ...asked(elementText, /\bsay\('([A-Za-z]+)'/g)]);
  assert.ok(element.size > 12, `${element.size} element words`);
  for (const key of element) assert.ok(`element.${key}` in catalogue.en, `element.${key}`);
});

test('every word of the page and the element in the catalogue is asked for', () => {
  // Words named in code as string literals (also in tables of keys), or by a prefix and a family.
  const quoted = (text) => asked(text, /['"`]([A-Za-z]+)['"`:]/g);
  const inPage = new Set([...quoted(pageText), ...quoted(html), ...asked(html, /:([A-Za-z]+)/g)]);
  const inElement = quoted(elementText);
  const families = ['fam', 'todo'];
  const unused = Object.keys(catalogue.en).filter((key) => {
    const [group, name] = key.split('.');
    if (group === 'page') return !inPage.has(name) && !families.some((f) => name.startsWith(f) && pageText.includes(`${f}\${`));
    if (group === 'element') return !inElement.has(name) && !families.some((f) => name.startsWith(f) && elementText.includes(`${f}\${`));
    return false;
  });
  assert.deepEqual(unused, []);
});
