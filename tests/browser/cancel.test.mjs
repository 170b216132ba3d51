// Cancelling a validation in Chromium: a return of a million observations,
// cancelled while it is checked, stops within a second (its worker is
// replaced), and the next validation in the same page succeeds. The same
// through the embeddable module's AbortSignal. Run: node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSession, checkPrerequisites, fixture, openApp, runCli, validate } from './harness.mjs';

checkPrerequisites();
const session = browserSession();

// In the page: a long IMM_CTZ return of about a million rows (59 years x 249 countries x 23 ages x 3
// sexes), as a File, the shape of the benchmark's (bench/generate-return.mjs).
const MAKE_BIG_RETURN = `(() => {
  const countries = [];
  for (let a = 65; a < 91; a++) for (let b = 65; b < 91 && countries.length < 249; b++) countries.push('A' + String.fromCharCode(a, b));
  const ages = ['Y0T4','Y5T9','Y10T14','Y15T19','Y20T24','Y25T29','Y30T34','Y35T39','Y40T44','Y45T49','Y50T54','Y55T59',
    'Y60T64','Y65T69','Y70T74','Y75T79','Y80T84','Y_GE85','Y_LT15','Y15T64','Y_GE65','_U','_T'];
  const parts = ['REF_AREA,TIME_PERIOD,CITIZENSHIP,AGE,SEX,OBS_VALUE\\n'];
  for (let year = 1966; year <= 2024; year++)
    for (const c of countries) {
      let block = '';
      for (const age of ages) for (const sex of ['M', 'F', '_T']) block += 'KEN,' + year + ',' + c + ',' + age + ',' + sex + ',7\\n';
      parts.push(block);
    }
  return new File(parts, 'ken-imm_ctz-big.csv', { type: 'text/csv' });
})()`;

test('a validation of a million observations, cancelled, stops within a second; the next one succeeds', async () => {
  const page = await openApp(session.context, session.server.origin);
  await page.evaluate(`window.bigReturn = ${MAKE_BIG_RETURN}`);
  assert.ok(await page.evaluate(() => window.bigReturn.size > 20_000_000), 'a return of the benchmark\'s size');
  await page.evaluate(() => {
    const input = document.getElementById('files');
    const files = new DataTransfer();
    files.items.add(window.bigReturn);
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  // Under way: the worker is reading or checking it.
  await page.waitForFunction(() => document.body.dataset.state === 'busy' && !document.getElementById('cancel').hidden);
  await page.waitForFunction(() => Number(document.getElementById('progress').value) >= 1, null, { timeout: 30_000 });
  const stopped = await page.evaluate(async () => {
    const started = performance.now();
    document.getElementById('cancel').click();
    while (document.body.dataset.state !== 'cancelled') await new Promise((r) => setTimeout(r, 10));
    return performance.now() - started;
  });
  assert.ok(stopped < 1000, `stopped in ${Math.round(stopped)} ms`);
  assert.match(await page.textContent('#status'), /cancelled/);
  assert.equal(await page.isVisible('#cancel'), false);
  // The next validation, in the same page, on a fresh worker.
  const file = fixture('returns/ken-2024-mess.xlsx');
  await validate(page, [file]);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('.downloads button[data-format="json"]')]);
  const { readFileSync } = await import('node:fs');
  assert.equal(readFileSync(await download.path(), 'utf8'), runCli(['validate', '--format', 'json', file]).stdout);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the module API: an AbortSignal cancels a validation, and the validator goes on', async () => {
  const page = await openApp(session.context, session.server.origin);
  await page.evaluate(`window.bigReturn = ${MAKE_BIG_RETURN}`);
  const result = await page.evaluate(async ({ url }) => {
    const { createValidator } = await import(url);
    const validator = createValidator();
    await validator.ready;
    const big = window.bigReturn;
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 300);
    const outcome = await validator.validate(big, { signal: controller.signal }).then(() => 'finished', (e) => e.name);
    const took = performance.now() - started;
    const small = await validator.validate({ name: 'ken-2024-imm_ctz.csv', bytes: new TextEncoder().encode('REF_AREA,TIME_PERIOD,CITIZENSHIP,AGE,SEX,OBS_VALUE\nKEN,2024,UGA,_T,_T,5\n') });
    validator.close();
    return { outcome, took, files: small.files.length };
  }, { url: `${session.server.origin}/embed/migcheck-validator.js` });
  assert.equal(result.outcome, 'AbortError');
  assert.ok(result.took < 1300, `aborted after ${Math.round(result.took)} ms (abort at 300 ms)`);
  assert.equal(result.files, 1);
  await page.close();
});
