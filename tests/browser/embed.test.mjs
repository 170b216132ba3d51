// The embeddable validator (web/embed, docs/embedding.md) in Chromium, inside
// the example partner portal (web/examples/partner-portal.html): the element
// renders in the portal, its report equals the CLI's, the portal's styles
// reach into its shadow root, `compact` and `lang` work, a hostile file and a
// refused rulebook are reported, the module API works from page script, and
// nothing is requested outside the portal's origin. Run: node --test tests/browser/
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  checkPrerequisites, fixture, launchBrowser, ownFixture, recordRequests, root, runCli, startServer, webDir,
} from './harness.mjs';

checkPrerequisites();
let server;
let browser;
let context;
const requests = [];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  recordRequests(context, requests);
  // Before any page script: every CSP violation (a style attribute, an inline script…) is recorded.
  await context.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`), true);
  });
});

after(async () => {
  await browser?.close();
  server?.stop();
});

const MESS = fixture('returns/ken-2024-mess.xlsx');
const CLEAN = fixture('returns/complete/uga-2024-long-en.xlsx');
const PLANTED = fixture('returns/complete/uga-2024-planted.xlsx');
const LAST_YEAR = fixture('returns/complete/uga-2023-long-en.xlsx');
const CSVS = ['ken-2024-pop_ctz.csv', 'ken-2024-imm_ctz.csv', 'ken-2024-imm_reason.csv'].map((n) => fixture(`returns/${n}`));
const INPUT = '#checker input[type="file"]';  // Playwright's CSS locators pierce open shadow roots

const cliReport = (files, lang = 'en') => runCli(['validate', '--format', 'json', '--lang', lang, ...files], { json: true }).stdout;

// Opens the portal, waits for the element's validator, and records its events.
async function withPortal(fn, { violations = [] } = {}) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${server.origin}/examples/partner-portal.html`);
    await page.evaluate(async () => {
      window.events = [];
      const checker = document.querySelector('#checker');
      for (const type of ['progress', 'validated', 'error']) {
        document.addEventListener(type, (e) => {
          if (e.target.localName === 'migcheck-validator') window.events.push({ type, target: e.target.id, detail: e.detail });
        });
      }
      await customElements.whenDefined('migcheck-validator');
      await checker.ready;
    });
    await fn(page);
    assert.deepEqual(errors, [], 'no script error in the page');
    // Unique: the policy is both in the <meta> and in the server's header, and each reports.
    assert.deepEqual(await page.evaluate(() => [...new Set(window.violations)]), violations, 'CSP violations');
  } finally {
    await page.close();
  }
}

const events = (page, type) => page.evaluate((t) => window.events.filter((e) => e.type === t), type);

// Sets files on the element's file input; resolves with the `validated` or `error` event that follows.
async function upload(page, files) {
  const before = (await page.evaluate(() => window.events.filter((e) => e.type !== 'progress').length));
  await page.setInputFiles(INPUT, files);
  await page.waitForFunction((n) => window.events.filter((e) => e.type !== 'progress').length > n, before, { timeout: 60_000 });
  return page.evaluate(() => window.events.filter((e) => e.type !== 'progress').at(-1));
}

async function shownCounts(page) {
  const read = async (key) => Number((await page.textContent(`#checker [data-summary="${key}"] .value`)).replace(/\D/g, ''));
  return { errors: await read('errors'), warnings: await read('warnings'), infos: await read('infos'), tables: await read('tables') };
}

test('the portal embeds the element; its report and counts equal the CLI\'s, with progress on the way', async () => {
  await withPortal(async (page) => {
    assert.equal(await page.getAttribute('#checker', 'state'), 'ready');
    assert.equal(await page.locator('#checker [part~="dropzone"]').isVisible(), true);
    assert.match(await page.textContent('#checker [part~="dropzone"]'), /Drop your return here/);
    assert.equal(await page.textContent('#verdict'), 'Check your file first.');

    const event = await upload(page, [MESS]);
    assert.equal(event.type, 'validated');
    const cli = cliReport([MESS]);
    assert.deepEqual(event.detail.report, cli, 'the same report as migcheck validate --format json');
    assert.deepEqual(await shownCounts(page), {
      errors: cli.summary.problems.errors, warnings: cli.summary.problems.warnings, infos: cli.summary.problems.infos, tables: 3,
    });
    assert.match(await page.textContent('#checker [part~="summary"]'), /reporting country Kenya \(KEN\), year 2024/);
    assert.equal(await page.locator('#checker [part~="finding"]').count(), cli.problems.length);
    const firstError = cli.findings.find((f) => f.severity === 'error');
    const item = page.locator('#checker [part~="finding-error"]').first();
    assert.equal(await item.locator('[part~="message"]').textContent(), firstError.message);
    assert.match(await item.locator('[part~="instruction"]').textContent(), /^What to do: ./);
    // An info at a cell says where as Sheet!Cell (the first infos may be about a whole sheet).
    const infos = cli.problems.filter((p) => p.severity === 'info');
    const atCell = infos.findIndex((p) => p.cell);
    assert.ok(atCell >= 0);
    assert.equal(await page.locator('#checker [part~="finding-info"] [part~="where"]').nth(atCell).textContent(),
      `${infos[atCell].sheet}!${infos[atCell].cell}`, 'Sheet!Cell');

    const progress = (await events(page, 'progress')).map((e) => e.detail);
    assert.ok(progress.length > 1, 'progress events');
    for (const p of progress) assert.deepEqual(Object.keys(p).sort(), ['file', 'files', 'fraction', 'stage']);
    assert.equal(progress.at(-1).fraction, 1);
    // The portal's own reaction to `validated`.
    assert.equal(await page.textContent('#verdict'), `Fix ${cli.summary.problems.errors} errors first, then check the file again.`);
    assert.equal(await page.isDisabled('#submit'), true);

    // Several files at once are one return.
    const several = await upload(page, CSVS);
    assert.deepEqual(several.detail.report.summary, cliReport(CSVS).summary);
    assert.equal((await shownCounts(page)).tables, 3);

    // A clean return may be submitted.
    const clean = await upload(page, [CLEAN]);
    assert.equal(clean.detail.report.summary.errors, 0);
    assert.deepEqual(clean.detail.report.summary, cliReport([CLEAN]).summary);
    assert.equal(await page.textContent('#verdict'), 'Ready to submit.');
    assert.equal(await page.isDisabled('#submit'), false);
    assert.match(await page.textContent('#checker [part~="summary"]'), /No findings/);

    // element.validate(files) from the portal's script.
    const bytes = [...readFileSync(CSVS[0])];
    const summary = await page.evaluate(async ([name, b]) => (await document.querySelector('#checker').validate([new File([new Uint8Array(b)], name)])).summary,
      [path.basename(CSVS[0]), bytes]);
    assert.deepEqual(summary, cliReport([CSVS[0]]).summary);
  });
});

test('the portal restyles the element with custom properties and ::part(), under a strict CSP', async () => {
  await withPortal(async (page) => {
    const dropBorder = () => page.locator('#checker [part~="dropzone"]').evaluate((n) => getComputedStyle(n).borderTopColor);
    assert.equal(await dropBorder(), 'rgb(11, 110, 79)', 'the portal\'s --migcheck-accent');
    await page.evaluate(() => document.querySelector('#checker').style.setProperty('--migcheck-accent', 'rgb(200, 0, 100)'));
    assert.equal(await dropBorder(), 'rgb(200, 0, 100)');
    assert.equal(await page.locator('#checker [part~="dropzone"]').evaluate((n) => getComputedStyle(n).borderTopStyle), 'solid', '::part(dropzone)');
    assert.match(await page.locator('#checker').evaluate((n) => getComputedStyle(n.shadowRoot.querySelector('.drop')).fontFamily), /Georgia/,
      'the portal\'s --migcheck-font');
    await upload(page, [MESS]);
    const summary = page.locator('#checker [part~="summary"]');
    assert.equal(await summary.evaluate((n) => getComputedStyle(n).borderTopStyle), 'double', '::part(summary)');
    const error = page.locator('#checker [part~="finding-error"] [part~="severity"]').first();
    assert.equal(await error.evaluate((n) => getComputedStyle(n).color), 'rgb(164, 22, 26)', 'the portal\'s --migcheck-error');
    // Styles come from a constructed stylesheet: no <style> element, no style attribute in the shadow root.
    const shadow = await page.locator('#checker').evaluate((n) => ({
      sheets: n.shadowRoot.adoptedStyleSheets.length, styled: n.shadowRoot.querySelectorAll('style, [style]').length,
    }));
    assert.deepEqual(shadow, { sheets: 1, styled: 0 });
  });
});

test('compact shows the summary only', async () => {
  await withPortal(async (page) => {
    await upload(page, [MESS]);
    const findings = page.locator('#checker [part~="findings"]');
    assert.equal(await findings.isVisible(), true);
    await page.check('#summary-only');  // the portal's control sets the attribute
    assert.equal(await page.getAttribute('#checker', 'compact'), '');
    assert.equal(await findings.isVisible(), false);
    assert.equal(await page.locator('#checker [part~="finding"]').count(), 0);
    assert.equal(await page.locator('#checker [part~="summary"]').isVisible(), true);
    await page.uncheck('#summary-only');
    assert.equal(await findings.isVisible(), true);
    assert.equal(await page.locator('#checker [part~="finding"]').count(), cliReport([MESS]).problems.length);
  });
});

test('lang="fr" gives French words and the core\'s French messages, without reloading', async () => {
  const fr = cliReport([MESS], 'fr');
  const en = cliReport([MESS], 'en');
  const message = fr.findings.find((f) => f.severity === 'error').message;
  assert.notEqual(message, en.findings.find((f) => f.severity === 'error').message, 'the CLI translates it');
  await withPortal(async (page) => {
    await upload(page, [MESS]);
    const url = page.url();
    const before = (await events(page, 'validated')).length;
    await page.click('button.lang[data-lang="fr"]');  // the portal's control sets lang="fr"
    assert.equal(await page.getAttribute('#checker', 'lang'), 'fr');
    assert.match(await page.textContent('#checker [part~="dropzone"]'), /Déposez votre questionnaire/);
    await page.waitForFunction((n) => window.events.filter((e) => e.type === 'validated').length > n, before, { timeout: 60_000 });
    const report = (await events(page, 'validated')).at(-1).detail.report;
    assert.deepEqual(report, fr);
    assert.equal(page.url(), url, 'no navigation');
    assert.equal(await page.textContent('#checker [data-summary="errors"] .label'), 'Erreurs');
    const item = page.locator('#checker [part~="finding-error"]').first();
    assert.equal(await item.locator('[part~="message"]').textContent(), message);
    assert.match(await item.locator('[part~="instruction"]').textContent(), /^Que faire : ./);
    assert.equal(await item.locator('[part~="severity"]').textContent(), 'Erreur');
  });
});

test('a hostile file is reported as unreadable, and the element keeps working', async () => {
  await withPortal(async (page) => {
    for (const name of ['legacy.xls', 'random.bin', 'zip-bomb.xlsx']) {
      const file = fixture(`hostile/${name}`);
      const cli = cliReport([file]);
      assert.equal(cli.files[0].readable, false, `${name} is unreadable for the CLI`);
      // The worker answers with a report holding the read error: `validated`, not `error`.
      const event = await upload(page, [file]);
      assert.equal(event.type, 'validated', name);
      assert.deepEqual(event.detail.report, cli, name);
      assert.equal(await page.textContent('#checker [part~="alerts"]'), `${name} could not be read: ${cli.findings[0].message}`);
      assert.equal((await shownCounts(page)).errors, cli.summary.problems.errors);
      assert.match(await page.textContent('#verdict'), /^Fix 1 error first/);
    }
    const good = await upload(page, [MESS]);
    assert.equal(good.type, 'validated');
    assert.equal(await page.textContent('#checker [part~="alerts"]'), '');
    assert.equal((await shownCounts(page)).tables, 3);
  });
});

test('a rulebook the page may not fetch gives an `error` event and a clear message', async () => {
  // The portal's CSP has connect-src 'none': the element cannot fetch a rulebook URL.
  await withPortal(async (page) => {
    const detail = await page.evaluate(() => new Promise((resolve) => {
      const element = document.createElement('migcheck-validator');
      element.id = 'second';
      element.setAttribute('rulebook', 'partner-portal.css');
      element.addEventListener('error', (e) => resolve(e.detail));
      document.querySelector('main').append(element);
    }));
    assert.match(detail.message, /the rulebook .*partner-portal\.css could not be fetched .*connect-src/);
    assert.equal(await page.getAttribute('#second', 'state'), 'error');
    assert.match(await page.textContent('#second [part~="alerts"]'), /could not be fetched/);
    const errorsOf = () => page.evaluate(() => window.events.filter((e) => e.type === 'error' && e.target === 'second').length);
    assert.equal(await errorsOf(), 1, 'said once');
    // A file given to it then: refused, and said again.
    const refused = await page.evaluate(() => document.querySelector('#second').validate([new File(['A'], 'a.csv')]).then(() => 'validated', (e) => e.message));
    assert.match(refused, /could not be fetched/);
    assert.equal(await errorsOf(), 2);
    assert.equal(await page.getAttribute('#second', 'state'), 'error');
    // The portal's own element is unaffected.
    assert.equal((await upload(page, [MESS])).type, 'validated');
  }, { violations: [`connect-src ${server.origin}/examples/partner-portal.css`] });
});

test('the module API: createValidator() validates {name, bytes} (with last year\'s return too) from page script, formats, and refuses a broken rulebook', async () => {
  const csv = CSVS[0];
  const broken = readFileSync(ownFixture('broken-rulebook.json'), 'utf8');
  const rulebook = JSON.parse(readFileSync(path.join(root, 'rulebooks/comesa-migration.json'), 'utf8'));
  await withPortal(async (page) => {
    const result = await page.evaluate(async ({ url, name, bytes, broken, rulebook, csvs, thisYear, lastYear }) => {
      const { createValidator } = await import(url);
      const validator = createValidator();
      const info = await validator.ready;
      const progress = [];
      const report = await validator.validate({ name, bytes: new Uint8Array(bytes) }, { onProgress: (p) => progress.push(p) });
      const json = await validator.format('json');
      const sarif = await validator.format('sarif');
      // An array of {name, bytes: ArrayBuffer}, and Files, in French.
      validator.setLanguage('fr');
      const several = await validator.validate(csvs.map((c, i) => (i ? new File([new Uint8Array(c.bytes)], c.name) : { name: c.name, bytes: new Uint8Array(c.bytes).buffer })));
      const unknownFormat = await validator.format('pdf').then(() => 'accepted', (e) => e.name);
      // Last year's return beside this year's: the checks over time.
      validator.setLanguage('en');
      const overTime = await validator.validate({ name: thisYear.name, bytes: new Uint8Array(thisYear.bytes) },
        { previous: [{ name: lastYear.name, bytes: new Uint8Array(lastYear.bytes) }] });
      validator.close();
      const closed = await validator.validate({ name, bytes: new Uint8Array(bytes) }).then(() => 'validated', (e) => e.message);
      // A rulebook as an object, and a broken one as JSON text.
      const own = createValidator({ rulebook });
      const ownInfo = await own.ready;
      own.close();
      const refused = await createValidator({ rulebook: broken }).ready.then(() => null, (e) => ({ name: e.name, problems: e.problems }));
      return { version: info.version, rulebookId: info.rulebook.id, report, progress, json, sarif, several, unknownFormat, overTime, closed, ownId: ownInfo.rulebook.id, refused };
    }, {
      url: `${server.origin}/embed/migcheck-validator.js`, name: path.basename(csv), bytes: [...readFileSync(csv)], broken, rulebook,
      csvs: CSVS.map((f) => ({ name: path.basename(f), bytes: [...readFileSync(f)] })),
      thisYear: { name: path.basename(PLANTED), bytes: [...readFileSync(PLANTED)] },
      lastYear: { name: path.basename(LAST_YEAR), bytes: [...readFileSync(LAST_YEAR)] },
    });
    assert.equal(result.version, JSON.parse(readFileSync(path.join(webDir, 'embed/package.json'), 'utf8')).version);
    assert.equal(result.rulebookId, 'comesa-migration');
    assert.deepEqual(result.report, cliReport([csv]));
    assert.equal(result.json, runCli(['validate', '--format', 'json', csv]).stdout);
    assert.equal(result.sarif, runCli(['validate', '--format', 'sarif', csv]).stdout);
    assert.ok(result.progress.length > 0);
    assert.deepEqual(result.progress.map((p) => p.fraction), [...result.progress.map((p) => p.fraction)].sort((a, b) => a - b), 'monotonic');
    assert.deepEqual(result.several, cliReport(CSVS, 'fr'));
    assert.equal(result.unknownFormat, 'TypeError');
    assert.deepEqual(result.overTime, runCli(['validate', '--format', 'json', '--previous', LAST_YEAR, PLANTED], { json: true }).stdout);
    assert.notDeepEqual(result.overTime.summary, cliReport([PLANTED]).summary, 'last year\'s return changes the report');
    assert.match(result.closed, /closed/);
    assert.equal(result.ownId, 'comesa-migration');
    const cli = runCli(['validate', '--rulebook', ownFixture('broken-rulebook.json'), csv]);
    assert.equal(cli.status, 2);
    const expected = cli.stderr.split('\n').filter((l) => l.startsWith('  /')).map((l) => l.trim());
    assert.equal(result.refused?.name, 'RulebookError');
    assert.deepEqual(result.refused.problems.map((p) => `${p.path}: ${p.message}`), expected);
  });
});

test('a mapping: the module API and the element read a return laid out by its own habits as validate --mapping does', async () => {
  const own = fixture('mapping/ken-2024-own-layout.xlsx');
  const mappingFile = fixture('mapping/mapping.json');
  const mapping = JSON.parse(readFileSync(mappingFile, 'utf8'));
  await withPortal(async (page) => {
    const result = await page.evaluate(async ({ url, name, bytes, mapping }) => {
      const { createValidator } = await import(url);
      const validator = createValidator();
      const report = await validator.validate({ name, bytes: new Uint8Array(bytes) }, { mapping });
      const bad = structuredClone(mapping);
      bad.labels[0].code = 'ZZZ';
      const refused = await validator.validate({ name, bytes: new Uint8Array(bytes) }, { mapping: JSON.stringify(bad) })
        .then(() => null, (e) => ({ name: e.name, problems: e.problems }));
      validator.close();
      // The element: the mapping property, then the files.
      const checker = document.querySelector('#checker');
      checker.mapping = mapping;
      const shown = await checker.validate([new File([new Uint8Array(bytes)], name)]);
      checker.mapping = undefined;
      return { report, refused, shown };
    }, { url: `${server.origin}/embed/migcheck-validator.js`, name: path.basename(own), bytes: [...readFileSync(own)], mapping });
    const expected = runCli(['validate', '--format', 'json', '--mapping', mappingFile, own], { json: true }).stdout;
    assert.deepEqual(result.report, expected);
    assert.deepEqual(result.shown, expected);
    assert.equal(result.refused?.name, 'MappingError');
    assert.deepEqual(result.refused.problems.map((p) => p.path), ['/labels/0/code']);
  });
});

test('a worker that cannot start rejects with what to check, once, instead of restarting forever', async () => {
  const worker = '/embed/package.json';  // a file of the bundle, but not JavaScript: the module worker fails to load
  const tries = () => requests.filter(({ url }) => url === `${server.origin}${worker}`).length;
  const before = tries();
  await withPortal(async (page) => {
    const messages = await page.evaluate(async ({ url, worker }) => {
      const { createValidator } = await import(url);
      const validator = createValidator({ workerUrl: worker });
      const ready = await validator.ready.then(() => 'ready', (e) => e.message);
      const validated = await validator.validate({ name: 'a.csv', bytes: new Uint8Array([65]) }).then(() => 'validated', (e) => e.message);
      const crossOrigin = await createValidator({ workerUrl: 'https://example.org/worker.js' }).ready.then(() => 'ready', (e) => e.message);
      await new Promise((resolve) => setTimeout(resolve, 1500));  // time for restarts, if any
      return { ready, validated, crossOrigin };
    }, { url: `${server.origin}/embed/migcheck-validator.js`, worker });
    assert.match(messages.ready, /^migcheck: the worker \S+\/embed\/package\.json could not start\. It must be served, as JavaScript, from this page's origin/);
    assert.equal(messages.validated, messages.ready);
    assert.match(messages.crossOrigin, /the worker https:\/\/example\.org\/worker\.js could not start \(.*origin/);
  });
  assert.equal(tries() - before, 1, 'one attempt to start the worker');
});

test('privacy: the portal keeps migcheck\'s policy, and nothing was requested outside its own files', async () => {
  const policy = (file) => /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(readFileSync(path.join(webDir, file), 'utf8'))[1];
  assert.equal(policy('examples/partner-portal.html'), policy('index.html'));
  await withPortal(async (page) => {
    const attempt = await page.evaluate((origin) => fetch(`${origin}/examples/partner-portal.html`).then(() => 'sent', () => 'blocked'), server.origin);
    assert.equal(attempt, 'blocked');
  }, { violations: [`connect-src ${server.origin}/examples/partner-portal.html`] });
  assert.ok(requests.some(({ url }) => url.endsWith('/worker.js')), 'the worker was loaded');
  const origin = server.origin;
  const foreign = requests.filter(({ url, method }) => {
    if (url.startsWith('data:') || url.startsWith(`blob:${origin}/`)) return false;
    if (method !== 'GET' || !url.startsWith(`${origin}/`)) return true;
    const file = path.join(webDir, decodeURIComponent(new URL(url).pathname));
    return !(existsSync(file) && statSync(file).isFile());
  });
  assert.deepEqual(foreign, []);
});
