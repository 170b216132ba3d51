// The mapping panel in Chromium: a return laid out by an office's own habits
// is mapped in the page (the table, each column, a label), checked again at
// once; the mapping downloaded makes `migcheck validate --mapping` give the
// page's report byte for byte, and the mapping kept in the browser maps the
// same return at the next visit. Run: node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { artifacts, browserSession, checkPrerequisites, fixture, openApp, runCli, validate } from './harness.mjs';

checkPrerequisites();
const session = browserSession();

const OWN = fixture('mapping/ken-2024-own-layout.xlsx');

// Clicks a button that checks the files again, and waits for the new report.
async function checkAgain(page, selector) {
  const before = Number(await page.getAttribute('body', 'data-reports') || 0);
  await page.click(selector);
  await page.waitForFunction((n) => Number(document.body.dataset.reports || 0) > n && document.body.dataset.state === 'done',
    before, { timeout: 60_000 });
}

const download = async (page, selector) => {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: file.suggestedFilename(), path: await file.path(), text: readFileSync(await file.path(), 'utf8') };
};

test('a return mapped in the page: the report equals validate --mapping with the downloaded mapping, and the mapping is kept', async () => {
  const page = await openApp(session.context, session.server.origin);
  await validate(page, [OWN]);
  const report = async () => JSON.parse((await download(page, '.downloads button[data-format="json"]')).text);
  assert.deepEqual((await report()).files[0].unrecognised_sheets, ['Table 2']);

  // The sheet: its table, then each column of the header row the panel found (row 3, the most texts).
  const sheetItem = page.locator('#mapping-items .map-item', { hasText: 'Table 2' });
  await sheetItem.locator('select').first().selectOption('POP_CTB');
  assert.equal(await sheetItem.locator('input.map-row').inputValue(), '3');
  const column = (header) => sheetItem.locator(`select[aria-label="What column “${header}” means"]`);
  await column('Effectif').waitFor();
  await column('Origine').selectOption('COUNTRY_OF_BIRTH');
  await column('G').selectOption('SEX');
  await column('Effectif').selectOption('OBS_VALUE');
  await column('Remarques').selectOption('-');
  await checkAgain(page, '#mapping-apply');
  let shown = await report();
  assert.deepEqual(shown.files[0].tables, [{ table: 'POP_CTB', sheet: 'Table 2', observations: 9 }]);

  // The label no code list has: a code from the list, the closest first.
  const labelItem = page.locator('#mapping-items .map-item', { hasText: 'Zaïre' });
  await labelItem.locator('input').fill('XYZ');
  await page.click('#mapping-apply');
  assert.match(await labelItem.locator('.map-problem').textContent(), /XYZ is not a code/);
  await labelItem.locator('input').fill('COD');
  await checkAgain(page, '#mapping-apply');
  shown = await report();
  assert.deepEqual(shown.files[0].tables, [{ table: 'POP_CTB', sheet: 'Table 2', observations: 12 }]);
  assert.ok(!shown.findings.some((f) => f.rule === 'label.unknown'));
  assert.match(await page.textContent('#mapping-state'), /A mapping is in use: 1 sheet\(s\), 1 label\(s\)/);

  // The downloaded mapping gives the CLI the page's report, byte for byte.
  const mapping = await download(page, '#mapping-download');
  assert.equal(mapping.name, 'migcheck-mapping.json');
  const pageJson = (await download(page, '.downloads button[data-format="json"]')).text;
  assert.equal(pageJson, runCli(['validate', '--format', 'json', '--mapping', mapping.path, OWN]).stdout);
  const saved = JSON.parse(mapping.text);
  assert.equal(saved.sheets[0].table, 'POP_CTB');
  assert.equal(saved.labels[0].code, 'COD');
  mkdirSync(artifacts, { recursive: true });
  await page.locator('#mapping').screenshot({ path: path.join(artifacts, 'mapping-panel.png') });
  assert.deepEqual(page.errors, []);
  await page.close();

  // Next visit: the mapping kept in this browser maps the same return at once.
  const next = await openApp(session.context, session.server.origin);
  await validate(next, [OWN]);
  const [file] = await Promise.all([next.waitForEvent('download'), next.click('.downloads button[data-format="json"]')]);
  assert.equal(readFileSync(await file.path(), 'utf8'), pageJson);
  // Forgotten, the return is unrecognised again.
  await checkAgain(next, '#mapping-forget');
  assert.match(await next.textContent('#mapping-state'), /No mapping in use/);
  assert.deepEqual(next.errors, []);
  await next.close();
});

test('a mapping file that cannot be used is said, and the page goes on without it', async () => {
  const page = await openApp(session.context, session.server.origin);
  await validate(page, [OWN]);
  const bad = path.join(artifacts, 'bad-mapping.json');
  mkdirSync(artifacts, { recursive: true });
  const mapping = JSON.parse(readFileSync(fixture('mapping/mapping.json'), 'utf8'));
  mapping.labels[0].code = 'ZZZ';
  writeFileSync(bad, JSON.stringify(mapping));
  const before = Number(await page.getAttribute('body', 'data-reports') || 0);
  await page.setInputFiles('#mapping-file', bad);
  await page.waitForFunction((n) => Number(document.body.dataset.reports || 0) > n && document.body.dataset.state === 'done', before);
  await page.waitForFunction(() => /cannot be used/.test(document.getElementById('alerts').textContent));
  assert.match(await page.textContent('#alerts'), /\/labels\/0\/code/);
  assert.match(await page.textContent('#mapping-state'), /No mapping in use/);
  // A good mapping file loads.
  await page.setInputFiles('#mapping-file', fixture('mapping/mapping.json'));
  await page.waitForFunction(() => /A mapping is in use/.test(document.getElementById('mapping-state').textContent));
  assert.deepEqual(page.errors, []);
  await page.close();
});
