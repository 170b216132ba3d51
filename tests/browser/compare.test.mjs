// The web app's checks across returns and its template, in Chromium: the heat
// map of mirror statistics (two countries' returns), last year's return in
// the second drop zone, and the blank template, each against the CLI.
// Run: node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { browserSession, checkPrerequisites, cli, fixture, runCli, tiles, validate, withAppPage } from './harness.mjs';

checkPrerequisites();
const session = browserSession();

const withPage = (fn) => withAppPage(session.context, session.server.origin, fn);

function cliCounts(args) {
  const report = runCli(['validate', '--format', 'json', ...args], { json: true }).stdout;
  return {
    report,
    counts: {
      errors: report.summary.problems.errors, warnings: report.summary.problems.warnings, infos: report.summary.problems.infos,
      tables: report.files.reduce((n, f) => n + (f.previous ? 0 : f.tables.length), 0),  // this year's
    },
  };
}

const KENYA = fixture('returns/ken-2024-long-en.xlsx');
const UGANDA = fixture('returns/complete/uga-2024-long-en.xlsx');
const UGANDA_2023 = fixture('returns/complete/uga-2023-long-en.xlsx');

test('two countries\' returns: the heat map shows the mirror gap, and its cell leads to the finding', async () => {
  const { report, counts } = cliCounts([KENYA, UGANDA]);
  const gaps = report.asymmetries;
  assert.ok(gaps.length > 0, 'the fixtures have mirror statistics');
  const flagged = report.findings.filter((f) => /MIRROR/.test(f.rule));
  assert.ok(flagged.length > 0, 'a planted gap beyond the tolerance');
  await withPage(async (page) => {
    await validate(page, [UGANDA]);
    assert.equal(await page.isVisible('#mirrors'), false, 'one country: no heat map');
    await validate(page, [KENYA, UGANDA]);
    assert.deepEqual(await tiles(page), counts);
    assert.equal(await page.isVisible('#mirrors'), true);
    const cells = page.locator('#mirrors-table button');
    assert.equal(await cells.count(), gaps.filter((g) => `${g.rule} ${g.year}` === `${gaps[0].rule} ${gaps[0].year}`).length);
    const first = flagged[0];
    const cell = page.locator(`#mirrors-table button[data-reporter="${first.params.country}"][data-partner="${first.params.partner}"]`);
    assert.match(await cell.getAttribute('class'), /has-finding/);
    const gap = gaps.find((g) => g.reporter === first.params.country && g.partner === first.params.partner);
    const expected = Math.abs(gap.reporter_value - gap.partner_value) / Math.max(gap.reporter_value, gap.partner_value);
    assert.ok(Math.abs(Number(await cell.getAttribute('data-gap')) - expected) < 1e-9);
    assert.match(await cell.getAttribute('class'), /gap-[3-4]/, 'a gap beyond 20 % is dark');
    assert.match(await cell.getAttribute('aria-label'), new RegExp(gap.reporter_value.toLocaleString('en-GB')));
    await cell.click();
    const details = await page.textContent('#details');
    assert.ok(details.includes(first.rule), `the details show ${first.rule}: ${details.slice(0, 200)}`);
    assert.ok(details.includes(first.message.slice(0, 40)));
    // The finding stays in view; focus stays on the heat map's cell.
    const box = await page.locator('#details').boundingBox();
    const viewport = page.viewportSize();
    assert.ok(box.y < viewport.height && box.y + Math.min(box.height, 60) > 0, `the details are in view (y ${box.y})`);
    assert.equal(await page.evaluate(() => document.activeElement?.closest('#mirrors-table') !== null), true);
    // The partner's related cell opens the partner's file at that cell.
    const partnerCell = (first.related_cells || []).find((r) => r.startsWith('['));
    assert.ok(partnerCell, 'a mirror finding relates a cell of the partner\'s return');
    const [, partnerFile, partnerSheet, partnerRef] = /^\[(.+)\](.+)!([A-Z]+[0-9]+)$/.exec(partnerCell);
    await page.locator('#details button.chip', { hasText: partnerCell }).click();
    await page.waitForSelector(`#sheet-grid td[data-ref="${partnerRef}"].current`, { timeout: 10_000 });
    assert.equal(await page.locator('#sheet-file option:checked').textContent(), partnerFile);
    assert.equal(await page.textContent('#sheet-tabs button[aria-pressed="true"]'), partnerSheet);
  });
});

test('last year\'s return in the second drop zone: the same report as --previous, removed again', async () => {
  const withPrevious = cliCounts(['--previous', UGANDA_2023, UGANDA]);
  const alone = cliCounts([UGANDA]);
  assert.notDeepEqual(withPrevious.report.rules, alone.report.rules, 'last year\'s return changes the checks over time');
  await withPage(async (page) => {
    await validate(page, [UGANDA]);
    assert.deepEqual(await tiles(page), alone.counts);
    const before = Number(await page.getAttribute('body', 'data-reports'));
    await page.setInputFiles('#previous-files', [UGANDA_2023]);
    await page.waitForFunction((n) => Number(document.body.dataset.reports) > n && document.body.dataset.state === 'done', before);
    assert.deepEqual(await tiles(page), withPrevious.counts);
    assert.match(await page.textContent('#previous-chosen'), /uga-2023-long-en\.xlsx/);
    assert.match(await page.textContent('#summary .file-list li.previous'), /last year’s return/);
    // The JSON download equals the CLI's report with --previous, byte for byte.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.downloads button[data-format="json"]')]);
    const cliJson = runCli(['validate', '--format', 'json', '--previous', UGANDA_2023, UGANDA]).stdout;
    assert.equal(readFileSync(await download.path(), 'utf8'), cliJson);
    const again = Number(await page.getAttribute('body', 'data-reports'));
    await page.click('#previous-clear');
    await page.waitForFunction((n) => Number(document.body.dataset.reports) > n && document.body.dataset.state === 'done', again);
    assert.deepEqual(await tiles(page), alone.counts);
    assert.equal(await page.isVisible('#previous-chosen'), false);
    // This year's return given as last year's: refused with a message, and its tables not counted.
    const refused = cliCounts(['--previous', UGANDA, UGANDA]);
    assert.ok(refused.report.findings.some((f) => f.rule === 'previous.not_earlier'));
    const third = Number(await page.getAttribute('body', 'data-reports'));
    await page.setInputFiles('#previous-files', [UGANDA]);
    await page.waitForFunction((n) => Number(document.body.dataset.reports) > n && document.body.dataset.state === 'done', third);
    assert.deepEqual(await tiles(page), refused.counts);
    assert.equal((await tiles(page)).tables, alone.counts.tables, 'last year\'s tables are not counted');
    assert.match(await page.textContent('#findings-body'), /not of a year before 2024/);
  });
});

test('the template button downloads the CLI\'s template, in the page\'s language, and it reads back cleanly', async () => {
  await withPage(async (page) => {
    for (const lang of ['en', 'fr']) {
      if (lang === 'fr') await page.click('#lang-fr');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#template')]);
      assert.match(download.suggestedFilename(), new RegExp(`-${lang}\\.xlsx$`));
      const bytes = readFileSync(await download.path());
      const expected = spawnSync(cli, ['template', '--lang', lang, '-o', '-']);
      assert.equal(expected.status, 0, expected.stderr?.toString());
      assert.ok(bytes.equals(expected.stdout), `the ${lang} template equals migcheck template --lang ${lang}`);
      const saved = path.join(mkdtempSync(path.join(tmpdir(), 'migcheck-template-')), download.suggestedFilename());
      writeFileSync(saved, bytes);
      await validate(page, [saved]);
      const { warnings } = await tiles(page);
      assert.equal(warnings, 0, 'a blank template has no warning, not even its Codes sheet');
    }
  });
});
