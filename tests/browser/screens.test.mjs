// The page on any screen: at a phone's 390 x 844 and the narrowest common
// 360 x 740, and at a desktop's 1366 x 768, in English and French, before and
// after a report, nothing is wider than the screen (no sideways scrolling);
// after a check the report is in view with focus on it, so that it is
// announced; the first screen says what is checked. Screenshots of each state
// are kept in build/browser-artifacts. Run: node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, checkPrerequisites, fixture, openApp, runCli, serverAndBrowser, validate } from './harness.mjs';

checkPrerequisites();
const session = serverAndBrowser();

const PLANTED = fixture('returns/complete/uga-2024-planted.xlsx');
const SCREENS = { phone: { width: 390, height: 844 }, narrow: { width: 360, height: 740 }, desktop: { width: 1366, height: 768 } };

// What sticks out of the page sideways: the document's overflow, and the elements (outside a
// scrolling box of their own, like the sheet grid) whose right edge passes the screen's.
function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrolls = (e) => { for (let p = e.parentElement; p; p = p.parentElement) if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true; return false; };
    const out = [...document.querySelectorAll('body *')].filter((e) => e.getClientRects().length && !scrolls(e) &&
      e.getBoundingClientRect().right > width + 1).slice(0, 5).map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`);
    if (document.documentElement.scrollWidth > width) out.unshift(`document ${document.documentElement.scrollWidth} > ${width}`);
    return out;
  });
}

for (const [name, viewport] of Object.entries(SCREENS)) {
  for (const language of ['en', 'fr']) {
    test(`${name} (${viewport.width} x ${viewport.height}), ${language}: nothing sideways, the report comes into view and is announced`, async () => {
      const context = await session.browser.newContext({ viewport, locale: language === 'fr' ? 'fr-FR' : 'en-GB' });
      try {
        const page = await openApp(context, session.server.origin);
        assert.equal(await page.getAttribute('html', 'lang'), language, 'the browser\'s language chooses the page\'s');
        assert.deepEqual(await overflow(page), [], 'start');
        // The first screen says what is checked, above the fold.
        const checks = await page.locator('#checks').boundingBox();
        assert.ok(checks && checks.y + checks.height <= viewport.height, 'what is checked is on the first screen');
        assert.match(await page.textContent('#checks'), language === 'fr' ? /total/ : /every total against its parts/);
        await page.screenshot({ path: path.join(artifacts, `screen-${name}-${language}-start.png`) });
        await validate(page, [PLANTED]);
        await page.waitForTimeout(100);
        assert.deepEqual(await overflow(page), [], 'report');
        const heading = await page.locator('#report-title').boundingBox();
        assert.ok(heading.y >= -1 && heading.y < viewport.height / 2, `the report's heading is in view (y ${heading.y})`);
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'report', 'focus is on the report');
        await page.screenshot({ path: path.join(artifacts, `screen-${name}-${language}-report.png`) });
        if (name === 'desktop') {
          // Every distinct planted mistake is on the first screen of the report, without scrolling.
          const tops = await page.locator('#findings-body tr[data-index]').evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().top));
          assert.equal(tops.length, 3, 'the planted return\'s three problems');
          assert.ok(tops.every((top) => top >= 0 && top < viewport.height), `rows at ${tops.map(Math.round)}`);
        }
        // A finding selected: its details and its cell in the sheet, still nothing sideways.
        await page.locator('#findings-body tr[data-index]').first().click();
        assert.deepEqual(await overflow(page), [], 'a finding selected');
        assert.deepEqual(page.errors, []);
      } finally {
        await context.close();
      }
    });
  }
}

test('the HTML report prints on A4: contents first, each file on its own pages', async () => {
  const file = fixture('blind/synthetic/planted/KEN_2024_migration_return.xlsx');
  const html = runCli(['validate', '--format', 'html', file]).stdout;
  const context = await session.browser.newContext({ viewport: { width: 1000, height: 1400 } });
  try {
    const page = await context.newPage();
    await page.setContent(html);
    const pdf = await page.pdf({ format: 'A4', path: path.join(artifacts, 'report-print.pdf') });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.ok(pages >= 2, `${pages} pages`);
    // What the first printed page shows, kept to look at.
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(artifacts, 'report-print.png') });
    const contents = await page.locator('nav.contents a').allTextContents();
    assert.ok(contents.some((t) => t.includes('POP_CTB')));
  } finally {
    await context.close();
  }
});
