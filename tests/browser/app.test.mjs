// The web app in Chromium: the counts of a report equal the CLI's, findings
// lead to their cells, the interface switches to French, hostile files give
// a clear error, downloads equal the CLI's reports, and the page makes no
// request other than its own static files. Run: node --test tests/browser/
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  artifacts, checkPrerequisites, fixture, launchBrowser, ownFixture, recordRequests, runCli,
  startServer, tiles, validate, webDir, withAppPage } from './harness.mjs';

checkPrerequisites();
let server;
let browser;
let context;
const requests = [];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true, locale: 'en-GB' });
  recordRequests(context, requests);
});

after(async () => {
  await browser?.close();
  server?.stop();
});

const MESS = fixture('returns/ken-2024-mess.xlsx');

const withPage = (fn) => withAppPage(context, server.origin, fn);

const COMPARED = [
  ['returns/ken-2024-mess.xlsx'],
  ['returns/ken-2024-wide-fr.xlsx'],
  ['real/libreoffice-wide.xlsx'],
  ['real/openpyxl-return.xlsx'],
  ['real/windows1252-semicolon.csv'],
  ['returns/ken-2024-pop_ctz.csv', 'returns/ken-2024-imm_ctz.csv', 'returns/ken-2024-imm_reason.csv'],
];

test('the counts of the report equal the CLI\'s, for single files and several files at once', async () => {
  await withPage(async (page) => {
    for (const names of COMPARED) {
      const files = names.map(fixture);
      await validate(page, files);
      const cli = runCli(['validate', '--format', 'json', ...files], { json: true }).stdout;
      const expected = {
        errors: cli.summary.problems.errors, warnings: cli.summary.problems.warnings, infos: cli.summary.problems.infos,
        tables: cli.files.reduce((n, f) => n + f.tables.length, 0),
      };
      assert.deepEqual(await tiles(page), expected, names.join(' + '));
      const shown = await page.textContent('#findings-shown');
      assert.match(shown, new RegExp(`of ${cli.problems.length.toLocaleString('en-GB')} problems`), names.join(' + '));
      const listed = await page.locator('#findings-body tr[data-index]').count();
      assert.equal(listed, Math.min(cli.problems.length, 200), names.join(' + '));
      assert.equal(await page.textContent('#alerts'), '', 'no alert for a readable file');
    }
  });
});

test('clicking a finding shows its cell, highlighted, and its related cells', async () => {
  const file = fixture('real/libreoffice-return.xlsx');
  const cli = runCli(['validate', '--format', 'json', file], { json: true }).stdout;
  const target = cli.findings.find((f) => f.cell && f.related_cells.length && f.sheet);
  assert.ok(target, 'the fixture has a finding with a cell and related cells');
  await withPage(async (page) => {
    await validate(page, [file]);
    await page.selectOption('#filter-rule', target.rule);
    await page.locator('#findings-body tr[data-index]', { hasText: target.message }).first().click();
    const cell = page.locator(`#sheet-grid td[data-ref="${target.cell}"]`);
    await cell.waitFor();
    assert.match(await cell.getAttribute('class'), /\bcurrent\b/);
    assert.match(await cell.getAttribute('class'), new RegExp(`\\bsev-${target.severity}\\b`));
    assert.equal(await page.textContent('#sheet-tabs button[aria-pressed="true"]'), target.sheet);
    // The cell shows what the CLI's dump says is there.
    const dump = runCli(['dump', '--json', '--sheet', target.sheet, file], { json: true }).stdout;
    const dumped = dump.sheets[0].cells.find((c) => c.ref === target.cell);
    assert.equal(await cell.textContent(), dumped ? String(dumped.value) : '');
    let related = 0;
    for (const ref of target.related_cells) {
      const td = page.locator(`#sheet-grid td[data-ref="${ref}"]`);
      if (await td.count()) {
        related++;
        assert.match(await td.getAttribute('class'), /\brelated\b/, ref);
      }
    }
    assert.ok(related > 0, 'at least one related cell is in view and marked');
    assert.match(await page.textContent('#details'), new RegExp(escape(target.message)));
    // A related cell's button goes to that cell.
    await page.locator('#details .chip', { hasText: new RegExp(`^${target.related_cells[0]}$`) }).click();
    assert.equal(await page.locator(`#sheet-grid td[data-ref="${target.related_cells[0]}"]`).count(), 1);
  });
});

test('N and P go to the next and previous problem in the order to fix them; Shift+N and Shift+P along its cells', async () => {
  const cli = runCli(['validate', '--format', 'json', MESS], { json: true }).stdout;
  // The core's order of problems is the order to fix them: errors first.
  const errors = cli.problems.filter((p) => p.severity === 'error').map((p) => p.message);
  assert.ok(errors.length >= 2);
  assert.deepEqual(cli.problems.map((p) => p.severity), [...cli.problems.map((p) => p.severity)].sort(), 'errors, warnings, infos');
  await withPage(async (page) => {
    await validate(page, [MESS]);
    await page.locator('body').press('n');
    const first = await page.textContent('#findings-body tr[aria-current="true"] .msg');
    await page.locator('body').press('n');
    const second = await page.textContent('#findings-body tr[aria-current="true"] .msg');
    assert.deepEqual([first, second], errors.slice(0, 2));
    await page.locator('body').press('p');
    assert.equal(await page.textContent('#findings-body tr[aria-current="true"] .msg'), first);
    assert.equal(await page.textContent('#details .lead strong'), first);
    // Arrow keys move along the list.
    await page.locator('#findings-body tr[aria-current="true"]').press('ArrowDown');
    assert.equal(await page.textContent('#findings-body tr[aria-current="true"] .msg'), second);
  });
  // A problem of several cells: Shift+N and Shift+P go along them.
  const file = fixture('blind/synthetic/planted/KEN_2023_migration_return.xlsx');
  const planted = runCli(['validate', '--format', 'json', file], { json: true }).stdout;
  const many = planted.problems.find((p) => p.findings.length >= 2);
  assert.ok(many, 'the fixture has a problem of several cells');
  const messages = many.findings.map((i) => planted.findings[i].message);
  await withPage(async (page) => {
    await validate(page, [file]);
    await page.locator('#findings-body tr[data-index]', { hasText: messages[0] }).first().click();
    await page.locator('body').press('Shift+N');
    assert.equal(await page.textContent('#findings-body tr[aria-current="true"] .msg'), messages[1]);
    await page.locator('body').press('Shift+P');
    assert.equal(await page.textContent('#findings-body tr[aria-current="true"] .msg'), messages[0]);
  });
});

test('the interface and the messages switch to French without reloading', async () => {
  const fr = runCli(['validate', '--format', 'json', '--lang', 'fr', MESS], { json: true }).stdout;
  const en = runCli(['validate', '--format', 'json', '--lang', 'en', MESS], { json: true }).stdout;
  const message = fr.findings.find((f) => f.severity === 'error').message;
  assert.notEqual(message, en.findings.find((f) => f.severity === 'error').message, 'the CLI translates it');
  await withPage(async (page) => {
    await validate(page, [MESS]);
    await page.locator('#findings-body tr[data-index]').first().click();
    const url = page.url();
    await page.click('#lang-fr');
    await page.waitForFunction((m) => document.querySelector('#findings-body').textContent.includes(m), message, { timeout: 30_000 });
    assert.equal(page.url(), url, 'no navigation');
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.equal(await page.textContent('[data-summary="errors"] .label'), 'Erreurs');
    assert.equal(await page.textContent('#findings-title'), 'Constats');
    assert.match(await page.textContent('#privacy'), /ne quittent jamais votre ordinateur/);
    assert.equal(await page.getAttribute('#lang-fr', 'aria-pressed'), 'true');
    assert.deepEqual(await tiles(page), { errors: fr.summary.problems.errors, warnings: fr.summary.problems.warnings, infos: fr.summary.problems.infos, tables: 3 });
    // The selected finding stays selected, now in French.
    assert.equal(await page.locator('#findings-body tr[aria-current="true"]').count(), 1);
    // Every word of the page is filled in: no "{name}" left, in any text or attribute.
    const unfilled = () => page.evaluate(() => {
      const texts = [document.body.innerText, ...[...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.value))];
      return texts.flatMap((t) => t.match(/\{[A-Za-z_]+\}/g) || []);
    });
    assert.deepEqual(await unfilled(), []);
    // The language buttons come from the catalogue, each named in its own language.
    assert.deepEqual(await page.$$eval('#languages button', (bs) => bs.map((b) => [b.lang, b.textContent])), [['ar', 'العربية'], ['en', 'English'], ['fr', 'Français']]);
    await page.click('#lang-en');
    await page.waitForFunction((m) => document.querySelector('#findings-body').textContent.includes(m),
      en.findings.find((f) => f.severity === 'error').message, { timeout: 30_000 });
    assert.equal(await page.textContent('[data-summary="errors"] .label'), 'Errors');
    assert.deepEqual(await unfilled(), []);
  });
});

test('a hostile file gives one clear error, and the page keeps working', async () => {
  await withPage(async (page) => {
    for (const name of ['legacy.xls', 'zip-bomb.xlsx', 'doctype.xlsx', 'random.bin']) {
      const file = fixture(`hostile/${name}`);
      const cli = runCli(['validate', '--format', 'json', file], { json: true }).stdout;
      assert.equal(cli.files[0].readable, false, `${name} is unreadable for the CLI`);
      await validate(page, [file]);
      const alert = await page.textContent('#alerts');
      assert.equal(alert, `${name} could not be read: ${cli.findings[0].message}`);
      assert.equal((await tiles(page)).errors, cli.summary.problems.errors);
      assert.match(await page.textContent('#sheet-grid'), /could not be read/);
    }
    await validate(page, [MESS]);
    assert.equal(await page.textContent('#alerts'), '');
    assert.equal((await tiles(page)).tables, 3);
  });
});

test('the downloads are the core\'s reports: JSON and SARIF equal the CLI\'s; HTML and SDMX-CSV', async () => {
  await withPage(async (page) => {
    await validate(page, [MESS]);
    const get = async (format) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`.downloads button[data-format="${format}"]`)]);
      return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
    };
    const json = await get('json');
    assert.equal(json.name, 'ken-2024-mess.migcheck.json');
    assert.equal(json.text, runCli(['validate', '--format', 'json', MESS]).stdout);
    const sarif = await get('sarif');
    assert.equal(sarif.text, runCli(['validate', '--format', 'sarif', MESS]).stdout);
    const html = await get('html');
    assert.match(html.text, /<html[\s>]/i);
    const csv = await get('sdmx-csv');
    assert.match(csv.name, /\.sdmx\.csv$/);
    assert.match(csv.text.split('\n')[0], /OBS_VALUE/);
    for (const [format, text] of [['html', html.text], ['sdmx-csv', csv.text]]) {
      const native = runCli(['validate', '--format', format, MESS]);
      if (native.status !== 2) assert.equal(text, native.stdout, format);  // 2: the CLI does not offer it yet
    }
  });
});

test('the user\'s own workbook comes back annotated, byte for byte as `migcheck annotate` writes it', async () => {
  await withPage(async (page) => {
    await validate(page, [MESS]);
    const buttons = page.locator('.annotate-button');
    assert.equal(await buttons.count(), 1, 'one button for the one workbook');
    const [download] = await Promise.all([page.waitForEvent('download'), buttons.first().click()]);
    assert.equal(download.suggestedFilename(), 'ken-2024-mess.migcheck.xlsx');
    const fromPage = readFileSync(await download.path());
    mkdirSync(artifacts, { recursive: true });
    const out = path.join(artifacts, 'ken-2024-mess.migcheck.xlsx');
    const cli = runCli(['annotate', '-o', out, MESS]);
    assert.equal(cli.status, 0, cli.stderr);
    assert.ok(fromPage.equals(readFileSync(out)), 'the page\'s annotated workbook is the CLI\'s');
    assert.equal(await page.textContent('#alerts'), '');
    // A CSV has no button: there is no workbook to mark.
    await validate(page, [fixture('real/rfc4180-quoting.csv')]);
    assert.equal(await page.locator('.annotate-button').count(), 0);
  });
});

test('a rulebook file of the user: a usable one is used, a broken one lists its problems', async () => {
  await withPage(async (page) => {
    await page.setInputFiles('#rulebook-file', ownFixture('broken-rulebook.json'));
    await page.waitForSelector('#rulebook-status .problems li');
    const cli = runCli(['validate', '--rulebook', ownFixture('broken-rulebook.json'), MESS]);
    assert.equal(cli.status, 2);
    const expected = cli.stderr.split('\n').filter((l) => l.startsWith('  /')).map((l) => l.trim());
    const listed = await page.locator('#rulebook-status .problems li').allTextContents();
    assert.deepEqual(listed, expected);
    assert.equal(await page.isChecked('#rulebook-bundled'), true, 'back to the bundled rulebook');

    const own = path.join(path.dirname(fixture('x')), '../../rulebooks/comesa-migration.json');
    await page.setInputFiles('#rulebook-file', own);
    await page.waitForFunction(() => /comesa-migration\.json/.test(document.querySelector('#rulebook-status').textContent));
    await validate(page, [MESS]);
    const report = runCli(['validate', '--format', 'json', '--rulebook', own, MESS], { json: true }).stdout;
    assert.equal((await tiles(page)).errors, report.summary.problems.errors);
  });
});

test('a population pyramid of the recognised data marks the bars that have findings', async () => {
  const inspect = runCli(['inspect', '--json', '--observations', MESS], { json: true }).stdout;
  const cli = runCli(['validate', '--format', 'json', MESS], { json: true }).stdout;
  const table = inspect.tables.find((t) => t.table === 'POP_CTZ');
  const bands = (citizenship) => table.data.filter((o) => o.key.CITIZENSHIP === citizenship && ['M', 'F'].includes(o.key.SEX) &&
    !['_T', '_U'].includes(o.key.AGE));
  const sheet = cli.files[0].tables.find((t) => t.table === 'POP_CTZ').sheet;
  await withPage(async (page) => {
    await validate(page, [MESS]);
    await page.waitForSelector('#pyramid-chart svg');
    assert.equal(await page.locator('#pyramid-chart .pyr-bar').count(), bands('_T').length);
    await page.selectOption('#pyramid-controls select[data-dimension="CITIZENSHIP"]', 'KEN');
    await page.waitForFunction(() => document.querySelectorAll('#pyramid-chart .pyr-bar').length > 0);
    const kenya = bands('KEN');
    const refs = (await page.locator('#pyramid-chart .pyr-item:not(.pyr-total-item)').evaluateAll((items) => items.map((g) => g.dataset.ref))).sort();
    assert.deepEqual(refs, kenya.map((o) => o.cell).sort());
    const flagged = new Set(cli.findings.filter((f) => f.sheet === sheet && f.cell).map((f) => f.cell));
    const expected = kenya.map((o) => o.cell).filter((c) => flagged.has(c)).sort();
    assert.ok(expected.length > 0, 'the fixture has findings on Kenya\'s bars');
    const marked = (await page.locator('#pyramid-chart .pyr-item:not(.pyr-total-item):has(.faulty)').evaluateAll((items) => items.map((g) => g.dataset.ref))).sort();
    assert.deepEqual(marked, expected);
    // A bar without a finding shows its cell in the sheet view.
    const plain = kenya.map((o) => o.cell).find((c) => !flagged.has(c));
    await page.locator(`#pyramid-chart .pyr-item[data-ref="${plain}"]`).click();
    await page.waitForSelector(`#sheet-grid td[data-ref="${plain}"].current`, { timeout: 10_000 });
    assert.deepEqual(page.errors, []);
  });
});

test('the pyramid shows the totals, marks those that disagree with their parts, and each mark leads to its finding', async () => {
  const file = fixture('blind/synthetic/planted/KEN_2024_migration_return.xlsx');
  const cli = runCli(['validate', '--format', 'json', file], { json: true }).stdout;
  const atTotal = cli.findings.filter((f) => f.table === 'POP_CTB' && f.rule === 'ADDITIVITY' && f.key?.COUNTRY_OF_BIRTH === 'SOM' &&
    (f.key.AGE === '_T' || f.key.SEX === '_T'));
  assert.ok(atTotal.length >= 2, 'the fixture has a sex total and an age total that disagree');
  await withPage(async (page) => {
    await validate(page, [file]);
    await page.waitForSelector('#pyramid-chart svg');
    const tableSelect = page.locator('#pyramid-controls select').first();
    const option = await tableSelect.locator('option', { hasText: 'POP_CTB' }).getAttribute('value');
    await tableSelect.selectOption(option);
    await page.waitForSelector('#pyramid-controls select[data-dimension="COUNTRY_OF_BIRTH"]');
    await page.selectOption('#pyramid-controls select[data-dimension="COUNTRY_OF_BIRTH"]', 'SOM');
    for (const f of atTotal) {
      const mark = page.locator(`#pyramid-chart .pyr-total-item[data-ref="${f.cell}"]`);
      await mark.waitFor();
      assert.match(await mark.locator('text').textContent(), /^≠ /, `${f.cell} is marked`);
    }
    // The age total's row is drawn, with its marks; a mark leads to its finding.
    assert.ok(await page.locator('#pyramid-chart .pyr-total-item').count() >= 3);
    await page.locator(`#pyramid-chart .pyr-total-item[data-ref="${atTotal[0].cell}"]`).click();
    await page.waitForFunction((m) => document.querySelector('#details').textContent.includes(m), atTotal[0].message.slice(0, 40));
    assert.deepEqual(page.errors, []);
  });
});

test('a screenshot of the report is saved under build/browser-artifacts', async () => {
  await withPage(async (page) => {
    await validate(page, [MESS]);
    await page.locator('body').press('n');
    await page.waitForSelector('#details .lead');
    mkdirSync(artifacts, { recursive: true });
    const file = path.join(artifacts, 'report.png');
    await page.screenshot({ path: file, fullPage: true });
    assert.ok(statSync(file).size > 10_000);
  });
});

test('privacy: a CSP forbids connections, and the page made no request other than its own static files', async () => {
  await withPage(async (page) => {
    const csp = page.mainResponse.headers()['content-security-policy'];
    assert.match(csp, /connect-src 'none'/);
    const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(meta, /connect-src 'none'/);
    assert.match(await page.textContent('#privacy'), /never leave your computer/);
    // Even a request to the page's own server is refused.
    const attempt = await page.evaluate((origin) => fetch(`${origin}/index.html`).then(() => 'sent', () => 'blocked'), server.origin);
    assert.equal(attempt, 'blocked');
    // A whole session: files, French, a download, the sheet view.
    await validate(page, [fixture('returns/ken-2024-wide-en.xlsx'), fixture('returns/ken-2024-pop_ctz.csv')]);
    await page.click('#lang-fr');
    await page.locator('#findings-body tr[data-index]').first().click();
    await Promise.all([page.waitForEvent('download'), page.click('.downloads button[data-format="json"]')]);
  });
  assert.ok(requests.length > 0);
  const origin = server.origin;
  const foreign = requests.filter(({ url, method }) => {
    if (url.startsWith('data:') || url.startsWith(`blob:${origin}/`)) return false;
    if (method !== 'GET' || !url.startsWith(`${origin}/`)) return true;
    const file = path.join(webDir, decodeURIComponent(new URL(url).pathname));
    return !(existsSync(file) && (statSync(file).isFile() || existsSync(path.join(file, 'index.html'))));
  });
  assert.deepEqual(foreign, []);
});

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
