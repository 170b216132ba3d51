// Agencies and their coordinator on the page (docs/agencies.md), in Chromium:
// an agency's part checked with "I am checking my agency's tables", the three
// agencies' files dropped together with each file shown with its agency, the
// per-agency summary and the agencies of each problem, the assembled return
// downloaded byte for byte as `migcheck assemble` writes it.
// Run: node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { artifacts, browserSession, checkPrerequisites, fixture, runCli, tiles, validate, withAppPage } from './harness.mjs';

checkPrerequisites();
const session = browserSession();

const dir = 'blind-agencies';
const PARTS = ['parts/ubos/uga_2024_ubos.xlsx', 'parts/dcic/uga_2024_dcic.xlsx', 'parts/opm/opm_2024_ref.csv',
  'parts/opm/opm_2024_sources.csv', 'parts/opm/opm_2024_metadata.csv'].map((f) => fixture(`${dir}/${f}`));
const PLANTED = PARTS.map((f) => f.replace('/parts/ubos/', '/planted/cross-agency/').replace('/parts/dcic/', '/planted/cross-agency/')
  .replace('/parts/opm/', '/planted/cross-agency/'));

const withPage = (fn) => withAppPage(session.context, session.server.origin, fn);

test('an agency checks its part: no error, the awaited tables listed, as the CLI says with --part', async () => {
  await withPage(async (page) => {
    await page.check('#part');
    await validate(page, [PARTS[0]]);
    const cli = runCli(['validate', '--format', 'json', '--part', PARTS[0]], { json: true }).stdout;
    const shown = await tiles(page);
    assert.equal(shown.errors, 0);
    assert.equal(shown.errors, cli.summary.problems.errors);
    assert.equal(shown.infos, cli.summary.problems.infos);
    assert.match(await page.textContent('#summary'), /Checked as one agency’s part of the return/);
    // Unchecked, the same file is a whole return again: its missing tables are errors.
    await page.uncheck('#part');
    await page.waitForFunction(() => document.body.dataset.state === 'done' && !/one agency’s part/.test(document.querySelector('#summary').textContent));
    const whole = runCli(['validate', '--format', 'json', PARTS[0]], { json: true }).stdout;
    assert.equal((await tiles(page)).errors, whole.summary.problems.errors);
  });
});

test('the coordinator drops the three agencies\' files: each file with its agency, the summary per agency, the assembled return', async () => {
  await withPage(async (page) => {
    await validate(page, PLANTED);
    const cli = runCli(['validate', '--format', 'json', ...PLANTED], { json: true }).stdout;
    assert.equal((await tiles(page)).errors, cli.summary.problems.errors);
    assert.equal(cli.summary.problems.errors, 1);
    const fileAgencies = await page.locator('.file-list .file-agency').allTextContents();
    assert.ok(fileAgencies.some((a) => /Uganda Bureau of Statistics/.test(a)));
    assert.ok(fileAgencies.some((a) => /Directorate of Citizenship/.test(a)));
    const rows = await page.locator('table.agencies tbody tr').allTextContents();
    assert.equal(rows.length, 3);
    assert.match(rows[0], /Uganda Bureau of Statistics \(UBOS\)POP_CTZ, POP_CTB, IMM_CTZ, EMI_CTZ1/);
    // The disagreement names both agencies.
    const line = await page.locator('.agencies-line').first().textContent();
    assert.match(line, /Directorate of Citizenship and Immigration Control \(DCIC\); Uganda Bureau of Statistics \(UBOS\)/);
    await page.locator('.agencies-line').first().locator('xpath=ancestor::tr').screenshot({ path: path.join(artifacts, 'agencies-problem.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.assemble-button')]);
    assert.equal(download.suggestedFilename(), 'uga-2024-return.xlsx');
    mkdirSync(artifacts, { recursive: true });
    const out = path.join(artifacts, 'uga-2024-return.xlsx');
    const made = runCli(['assemble', '-o', out, ...PLANTED]);
    assert.equal(made.status, 0, made.stderr);
    assert.ok(readFileSync(await download.path()).equals(readFileSync(out)), 'the page\'s assembled return is the CLI\'s');
    for (const lang of ['en', 'fr']) {
      if (lang === 'fr') {
        await page.click('#lang-fr');
        await page.waitForFunction(() => document.body.dataset.state === 'done' && /Organismes/.test(document.querySelector('#summary').textContent));
      }
      for (const [width, height, name] of [[1366, 768, 'desktop'], [390, 844, 'phone']]) {
        await page.setViewportSize({ width, height });
        await page.locator('#summary').screenshot({ path: path.join(artifacts, `agencies-${lang}-${name}.png`) });
      }
    }
  });
});
