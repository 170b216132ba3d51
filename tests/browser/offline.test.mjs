// Works offline: once visited, the page loads, starts its engine and checks a
// return with the network cut (its service worker keeps its own files, listed
// at build time), under the same Content-Security-Policy; it is an installable
// web app (a manifest with a name, a start URL and an icon). Run: node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkPrerequisites, fixture, openApp, runCli, tiles, validate, webDir, serverAndBrowser } from './harness.mjs';

checkPrerequisites();
const session = serverAndBrowser();

test('the bundle lists its own files for offline use, and a manifest makes it installable', () => {
  const sw = readFileSync(path.join(webDir, 'sw.js'), 'utf8');
  const offline = JSON.parse(/^const OFFLINE = (.*);  \/\/ written by/m.exec(sw)[1]);
  assert.match(offline.version, /^[0-9a-f]{16}$/);
  for (const file of ['./', 'index.html', 'app.js', 'worker.js', 'migcheck.mjs', 'engine/engine.mjs', 'js/catalogue.js', 'style.css'])
    assert.ok(offline.files.includes(file), file);
  assert.ok(!offline.files.some((f) => f.startsWith('embed/')), 'the portal package is not the page');
  const manifest = JSON.parse(readFileSync(path.join(webDir, 'manifest.webmanifest'), 'utf8'));
  assert.equal(manifest.start_url, './');
  assert.ok(manifest.name && manifest.icons.length);
});

test('once visited, the page works with the network cut: it loads, starts and checks a return', async () => {
  const file = fixture('returns/ken-2024-long-en.xlsx');
  const cli = runCli(['validate', '--format', 'json', file], { json: true }).stdout;
  const context = await session.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
  try {
    const page = await openApp(context, session.server.origin);
    // The service worker has kept the files and controls the page.
    await page.evaluate(() => Promise.race([navigator.serviceWorker.ready.then(() => true),
      new Promise((resolve, reject) => setTimeout(() => reject(new Error('the service worker did not start')), 20_000))]));
    await page.reload();
    await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });
    assert.equal(await page.evaluate(() => !!navigator.serviceWorker.controller), true);
    const csp = page.mainResponse.headers()['content-security-policy'];
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });
    assert.equal(await page.evaluate(() => navigator.onLine), false, 'the network is cut');
    await validate(page, [file]);
    assert.deepEqual(await tiles(page), {
      errors: cli.summary.problems.errors, warnings: cli.summary.problems.warnings, infos: cli.summary.problems.infos,
      tables: cli.files.reduce((n, f) => n + f.tables.length, 0),
    });
    assert.ok(csp && csp.includes("connect-src 'none'"), 'the same policy as online');
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});
