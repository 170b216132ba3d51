// Accessibility: axe-core (npm) in Chromium on every state of the page: the
// start, a report, the same report in French, the heat map of two countries'
// returns, the mapping panel, and a phone's screen. Zero violations of any
// rule axe runs by default (WCAG 2 A and AA, and best practices).
// Run: node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { checkPrerequisites, fixture, openApp, root, validate, serverAndBrowser } from './harness.mjs';

checkPrerequisites();
const axeSource = readFileSync(createRequire(`${root}/package.json`).resolve('axe-core/axe.min.js'), 'utf8');
const session = serverAndBrowser();

// axe's violations on the page as it is: "rule (impact): the first nodes".
async function violations(page) {
  // The page's CSP allows no inline script; evaluate() is the browser's own channel, outside it.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

async function withPage(viewport, locale, fn) {
  const context = await session.browser.newContext({ viewport, locale });
  try {
    const page = await openApp(context, session.server.origin);
    await fn(page);
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
}

const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

test('the start, a report and the same report in French: no axe violation', async () => {
  await withPage(DESKTOP, 'en-GB', async (page) => {
    assert.deepEqual(await violations(page), [], 'start');
    await validate(page, [fixture('returns/complete/uga-2024-planted.xlsx')]);
    await page.locator('#findings-body tr[data-index]').first().click();
    assert.deepEqual(await violations(page), [], 'report, a finding selected');
    await page.click('#lang-fr');
    await page.waitForFunction(() => document.body.dataset.state === 'done' && document.documentElement.lang === 'fr');
    assert.deepEqual(await violations(page), [], 'French');
  });
});

test('the heat map of two countries\' returns and the mapping panel: no axe violation', async () => {
  await withPage(DESKTOP, 'en-GB', async (page) => {
    await validate(page, [fixture('returns/ken-2024-long-en.xlsx'), fixture('returns/complete/uga-2024-long-en.xlsx')]);
    assert.equal(await page.isVisible('#mirrors'), true);
    await page.locator('#mirrors-table button').first().click();
    assert.deepEqual(await violations(page), [], 'heat map');
    await validate(page, [fixture('mapping/ken-2024-own-layout.xlsx')]);
    assert.equal(await page.isVisible('#mapping'), true);
    assert.deepEqual(await violations(page), [], 'mapping panel');
  });
});

test('a phone: the start and a report, no axe violation', async () => {
  await withPage(PHONE, 'fr-FR', async (page) => {
    assert.deepEqual(await violations(page), [], 'start');
    await validate(page, [fixture('returns/complete/uga-2024-planted.xlsx')]);
    assert.deepEqual(await violations(page), [], 'report');
  });
});
