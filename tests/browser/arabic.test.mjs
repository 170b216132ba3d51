// Arabic, right to left (docs/web.md, "Right to left"), in Chromium: the page
// opened with the browser's preference ar-EG is <html lang="ar" dir="rtl">,
// from the catalogue's language.direction; a return with problems is checked
// and shown mirrored at 1366 x 768 and 390 x 844 with nothing wider than the
// screen; the sheet view is laid out as a right-to-left sheet (column A on the
// right of column B, row numbers on the right); the pyramid is mirrored (the
// first sex on the right, the totals on the left); numbers, signs and cell
// references keep their order inside Arabic text; axe-core finds no
// violation; English comes back left to right without a reload. The element
// <migcheck-validator lang="ar"> in the partner portal is right to left in its
// shadow root, beside an English one that stays left to right.
// Screenshots: build/browser-artifacts/arabic-*.png. Run: node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { artifacts, checkPrerequisites, fixture, openApp, root, runCli, serverAndBrowser, tiles, validate } from './harness.mjs';

checkPrerequisites();
const axeSource = readFileSync(createRequire(`${root}/package.json`).resolve('axe-core/axe.min.js'), 'utf8');
const session = serverAndBrowser();

const AR = JSON.parse(readFileSync(path.join(root, 'core/messages/ar.json'), 'utf8'));
const EN = JSON.parse(readFileSync(path.join(root, 'core/messages/en.json'), 'utf8'));
const MESS = fixture('returns/ken-2024-mess.xlsx');  // errors, warnings, infos, and a pyramid with marked bars
const SCREENS = { desktop: { width: 1366, height: 768 }, phone: { width: 390, height: 844 } };

// What sticks out sideways: the document's own overflow, and every element of the report's summary,
// findings, selected finding and sheet picker (outside a box that scrolls by itself, like the sheet
// grid) whose box passes either edge of the screen.
function overflow(page) {
  return page.evaluate(() => {
    const out = [];
    const width = window.innerWidth;
    if (document.scrollingElement.scrollWidth > width) out.push(`document ${document.scrollingElement.scrollWidth} > ${width}`);
    const scrolls = (e) => {
      for (let p = e.parentElement; p; p = p.parentElement) if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
      return false;
    };
    const boxes = document.querySelectorAll('.report-head *, #summary *, .findings *, #details *, .sheet-picker *, #sheet-caption, .pyramid-controls *');
    for (const e of boxes) {
      if (!e.getClientRects().length || scrolls(e)) continue;
      const r = e.getBoundingClientRect();
      if (r.left < -1 || r.right > width + 1) out.push(`${e.tagName.toLowerCase()}#${e.id}.${e.className} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
    }
    return out.slice(0, 8);
  });
}

// axe's violations on the page as it is, and how many rules passed.
async function axe(page) {
  // The page's CSP allows no inline script; evaluate() is the browser's own channel, outside it.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return {
      passes: result.passes.length,
      violations: result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`),
    };
  });
}

async function withPage(viewport, fn) {
  const context = await session.browser.newContext({ viewport, locale: 'ar-EG' });
  try {
    const page = await openApp(context, session.server.origin);
    await fn(page);
    assert.deepEqual(page.errors, [], 'no script error');
  } finally {
    await context.close();
  }
}

// The report in Arabic is on screen (the core's words too: the report's language is ar).
async function validateArabic(page) {
  await validate(page, [MESS]);
  await page.waitForSelector('#pyramid-chart svg');
  await page.locator('#findings-body tr[data-index]').first().click();
  await page.waitForSelector('#sheet-grid td[data-ref]');
}

// The left edge, on the screen, of each character of a rendered text: the order the eye reads.
function charLefts(page, selector) {
  return page.evaluate((sel) => {
    const node = document.querySelector(sel);
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    const out = [];
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      for (let i = 0; i < t.length; i++) {
        const range = document.createRange();
        range.setStart(t, i);
        range.setEnd(t, i + 1);
        const r = range.getBoundingClientRect();
        if (r.width) out.push([t.data[i], r.left]);
      }
    }
    return out;
  }, selector);
}

for (const [name, viewport] of Object.entries(SCREENS)) {
  test(`Arabic at ${viewport.width} x ${viewport.height}: right to left, the report mirrored, nothing sideways`, async () => {
    await withPage(viewport, async (page) => {
      assert.equal(await page.getAttribute('html', 'lang'), 'ar', 'the browser\'s preference ar-EG chooses Arabic');
      assert.equal(await page.getAttribute('html', 'dir'), 'rtl', 'the catalogue says Arabic is right to left');
      assert.equal(AR['language.direction'], 'rtl');
      assert.equal(await page.textContent('#checks'), AR['page.checks']);
      await validateArabic(page);
      const cli = runCli(['validate', '--format', 'json', MESS], { json: true }).stdout;
      assert.deepEqual(await tiles(page), {
        errors: cli.summary.problems.errors, warnings: cli.summary.problems.warnings, infos: cli.summary.problems.infos, tables: 3,
      });
      assert.equal(await page.textContent('#report-title'), AR['page.reportTitle']);
      assert.equal(await page.textContent('[data-summary="errors"] .label'), AR['page.errors']);
      await page.waitForTimeout(100);
      assert.deepEqual(await overflow(page), [], 'nothing sticks out of the screen');

      // Mirrored: the title on the right, the language buttons on the left; the drop zone starts on the right.
      const title = await page.locator('.top h1').boundingBox();
      const languages = await page.locator('#languages').boundingBox();
      assert.ok(title.x + title.width > viewport.width - 40, `the title is on the right (${title.x})`);
      assert.ok(languages.x < viewport.width / 2, 'the language buttons are on the left');
      const drop = await page.locator('#drop').boundingBox();
      assert.ok(drop.x + drop.width > viewport.width - 40, 'the drop zone is on the start side, the right');
      // The selected finding's bar and the details' border are on the right (the start).
      assert.equal(await page.locator('#details').evaluate((d) => getComputedStyle(d).borderRightWidth), '5px');

      await page.screenshot({ path: path.join(artifacts, `arabic-${name}.png`), fullPage: true });
      await page.locator('.sheet').screenshot({ path: path.join(artifacts, `arabic-${name}-sheet.png`) });
      await page.locator('#pyramid').screenshot({ path: path.join(artifacts, `arabic-${name}-pyramid.png`) });
    });
  });
}

test('the sheet view in Arabic is a right-to-left sheet: column A right of B, row numbers on the right, cells readable', async () => {
  await withPage(SCREENS.desktop, async (page) => {
    await validateArabic(page);
    const head = page.locator('#sheet-grid thead th');
    const [corner, a, b] = [await head.nth(0).boundingBox(), await head.nth(1).boundingBox(), await head.nth(2).boundingBox()];
    assert.equal(await head.nth(1).textContent(), 'A');
    assert.equal(await head.nth(2).textContent(), 'B');
    assert.ok(a.x > b.x, `column A (${a.x}) is to the right of column B (${b.x})`);
    assert.ok(corner.x > a.x, 'the row numbers are to the right of column A');
    const grid = await page.locator('#sheet-grid').boundingBox();
    assert.ok(corner.x + corner.width > grid.x + grid.width - 3, 'the row numbers stand at the grid\'s right edge');
    const rowNumber = await page.locator('#sheet-grid tbody tr:not(.spacer) th').first().boundingBox();
    assert.ok(rowNumber.x > a.x, 'each row\'s number is on the right');
    // A cell's text keeps its own order ("65+", "15-64"), whatever the sheet's direction.
    const age = await charLefts(page, '#sheet-grid td[data-ref="C11"]');
    assert.equal(age.map(([c]) => c).join(''), '65+');
    assert.ok(age[0][1] < age[2][1], '"65+" reads 6, 5, + from left to right');
    // A finding's cell, selected, is scrolled into view to the left of the row numbers.
    await page.locator('#findings-body tr[data-index]').evaluateAll((rows) => rows.find((r) => /!/.test(r.querySelector('.ref').textContent))?.click());
    const current = page.locator('#sheet-grid td.current');
    await current.waitFor();
    const cell = await current.boundingBox();
    assert.ok(cell.x >= grid.x - 1 && cell.x + cell.width <= corner.x + 1, 'the selected cell is in view, left of the row numbers');
  });
});

test('numbers, signs and cell references keep their order inside Arabic text', async () => {
  await withPage(SCREENS.desktop, async (page) => {
    // The page's own helpers (web/js/dom.js bidi, bidi.js bidiRuns), rendered into the Arabic page.
    const runs = await page.evaluate(async () => {
      const { bidiRuns } = await import('./js/bidi.js');
      const { bidi } = await import('./js/dom.js');
      const p = document.createElement('p');
      p.id = 'bidi-probe';
      p.append(...bidi('القيمة -1,234 في الخلية POP_CTZ!D13، والنسبة 12.5 %.', 'rtl'));
      document.querySelector('main').prepend(p);
      return bidiRuns('القيمة -1,234 في الخلية POP_CTZ!D13، والنسبة 12.5 %.').filter((r) => r.ltr).map((r) => r.text);
    });
    assert.deepEqual(runs, ['-1,234', 'POP_CTZ!D13', '12.5 %']);
    const chars = await charLefts(page, '#bidi-probe');
    const x = (text) => {
      const i = chars.map(([c]) => c).join('').indexOf(text);
      assert.ok(i >= 0, `${text} is shown in its order`);
      return chars[i][1];
    };
    // Shown in reading order: each run left to right, the runs from right to left.
    assert.ok(x('-1,234') > x('POP_CTZ!D13') && x('POP_CTZ!D13') > x('12.5 %'), 'the runs follow the Arabic sentence, right to left');
    const minus = chars.find(([c]) => c === '-')[1];
    const one = chars.find(([c]) => c === '1')[1];
    assert.ok(minus < one, '"-1,234" is not shown as "1,234-"');

    // The tiles' numbers and the pyramid's numbers: Western digits, grouped as the catalogue says.
    await validateArabic(page);
    const values = await page.locator('#pyramid-chart .pyr-value').allTextContents();
    assert.ok(values.some((v) => new RegExp(`^\\d{1,3}(${AR['number.group'].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\d{3})+( ✕)?$`).test(v)), values.join(' | '));
    const pyramidNumber = await page.locator('#pyramid-chart .pyr-value').first().getAttribute('direction');
    assert.equal(pyramidNumber, 'ltr', 'the pyramid writes its numbers left to right');
  });
});

test('the pyramid in Arabic is mirrored: the first sex on the right, the totals on the left, the ages between them', async () => {
  await withPage(SCREENS.desktop, async (page) => {
    await validateArabic(page);
    const svg = await page.locator('#pyramid-chart svg').boundingBox();
    const centre = svg.x + svg.width / 2;
    const boxes = (selector) => page.locator(`#pyramid-chart ${selector}`).evaluateAll((nodes) => nodes.map((n) => {
      const r = n.getBoundingClientRect();
      return { left: r.left, right: r.right };
    }));
    const first = await boxes('.pyr-bar.first');
    const second = await boxes('.pyr-bar.second');
    const ages = await boxes('.pyr-age');
    assert.ok(first.length && second.length && ages.length);
    assert.ok(first.every((b) => b.left >= centre), 'the first sex (men, M) on the right');
    assert.ok(second.every((b) => b.right <= centre), 'the second sex (women, F) on the left');
    // The age axis: the bands' labels between the two sides, each bar growing outwards from it.
    for (const age of ages) assert.ok(Math.abs((age.left + age.right) / 2 - centre) < 2, 'the age labels are centred');
    assert.ok(Math.min(...first.map((b) => b.left)) >= Math.max(...ages.map((a) => a.right)) - 1, 'the men\'s bars start right of the ages');
    // The totals' column (the heading of the sex total, and the grand total) on the left edge.
    const heads = await page.locator('#pyramid-chart .pyr-head').evaluateAll((nodes) => nodes.map((n) => [n.textContent, n.getBoundingClientRect().left]));
    const total = heads.at(-1);
    assert.ok(total[1] < svg.x + 40, `the totals' heading "${total[0]}" is on the left`);
    assert.match(await page.getAttribute('#pyramid-chart svg', 'aria-label'), new RegExp(`${AR['page.pyramidAria'].split('{')[0].trim()}`));
    // A marked bar (a finding: Kenya's citizens) is still a button that selects its finding.
    await page.selectOption('#pyramid-controls select[data-dimension="CITIZENSHIP"]', 'KEN');
    const marked = page.locator('#pyramid-chart .pyr-item:not(.pyr-total-item):has(.faulty)').first();
    await marked.click();
    await page.waitForSelector('#findings-body tr[aria-current="true"]');
    await page.locator('#pyramid').screenshot({ path: path.join(artifacts, 'arabic-pyramid.png') });
  });
});

test('axe-core finds no violation on the Arabic page, before and after a report', async () => {
  for (const viewport of Object.values(SCREENS)) {
    await withPage(viewport, async (page) => {
      const start = await axe(page);
      console.log(`axe, Arabic, ${viewport.width} px, start: ${start.passes} rules passed, ${start.violations.length} violations`, start.violations);
      assert.deepEqual(start.violations, [], 'start');
      await validateArabic(page);
      const report = await axe(page);
      console.log(`axe, Arabic, ${viewport.width} px, report: ${report.passes} rules passed, ${report.violations.length} violations`, report.violations);
      assert.deepEqual(report.violations, [], 'report');
    });
  }
});

test('English from the Arabic page: left to right again, without a reload', async () => {
  await withPage(SCREENS.desktop, async (page) => {
    await validateArabic(page);
    await page.evaluate(() => { window.sameDocument = true; });
    const reports = Number(await page.getAttribute('body', 'data-reports'));
    await page.click('#lang-en');
    await page.waitForFunction((n) => Number(document.body.dataset.reports) > n + 1 && document.body.dataset.state === 'done', reports);
    assert.equal(await page.evaluate(() => window.sameDocument), true, 'no reload');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
    assert.equal(await page.textContent('#report-title'), EN['page.reportTitle']);
    const head = page.locator('#sheet-grid thead th');
    assert.ok((await head.nth(1).boundingBox()).x < (await head.nth(2).boundingBox()).x, 'column A left of column B again');
    assert.equal(await page.locator('#details').evaluate((d) => getComputedStyle(d).borderLeftWidth), '5px');
    assert.equal(await page.locator('#findings-body bdi').count(), 0, 'English text is not cut into isolates');
    const first = await page.locator('#pyramid-chart .pyr-bar.first').first().boundingBox();
    const svg = await page.locator('#pyramid-chart svg').boundingBox();
    assert.ok(first.x + first.width <= svg.x + svg.width / 2, 'the first sex on the left again');
    assert.deepEqual(await overflow(page), []);
    await page.screenshot({ path: path.join(artifacts, 'arabic-then-english.png'), fullPage: true });
    // And back: right to left again.
    await page.click('#lang-ar');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl' && document.body.dataset.state === 'done');
  });
});

// Opens the partner portal at a screen's size with its element in Arabic; resolves with the page
// once the element's validator is ready. `other`: a second element, in English, beside it.
async function openPortal(context, { other = false } = {}) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(`${session.server.origin}/examples/partner-portal.html`);
  await page.evaluate(async (withOther) => {
    await customElements.whenDefined('migcheck-validator');
    const checker = document.querySelector('#checker');
    checker.setAttribute('lang', 'ar');
    const ready = [checker.ready];
    if (withOther) {
      const english = document.createElement('migcheck-validator');
      english.id = 'other';
      english.setAttribute('lang', 'en');
      english.setAttribute('compact', '');
      checker.after(english);
      ready.push(english.ready);
    }
    await Promise.all(ready);
  }, other);
  return page;
}

// The element's container: its dir and lang attributes and its computed direction.
const container = (page, id) => page.evaluate((i) => {
  const root = document.getElementById(i).shadowRoot.querySelector('[part~="container"]');
  return { dir: root.dir, lang: root.lang, direction: getComputedStyle(root).direction };
}, id);

async function validateElement(page) {
  const validated = page.evaluate(() => new Promise((resolve) =>
    document.querySelector('#checker').addEventListener('validated', (e) => resolve(e.detail.report), { once: true })));
  await page.setInputFiles('#checker input[type="file"]', [MESS]);
  return validated;
}

// The element's parts whose box passes either side of the element.
function outsideElement(page) {
  return page.evaluate(() => {
    const host = document.querySelector('#checker').getBoundingClientRect();
    return [...document.querySelector('#checker').shadowRoot.querySelectorAll('*')]
      .filter((e) => e.getClientRects().length && e.localName !== 'input')
      .filter((e) => { const r = e.getBoundingClientRect(); return r.left < host.left - 1 || r.right > host.right + 1; })
      .map((e) => `${e.localName}.${e.className}`);
  });
}

test('the element: <migcheck-validator lang="ar"> is right to left in its shadow root, an English one beside it left to right', async () => {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  try {
    const page = await openPortal(context, { other: true });
    assert.equal(await page.getAttribute('html', 'dir'), null, 'the portal itself stays as it is');
    assert.deepEqual(await container(page, 'checker'), { dir: 'rtl', lang: 'ar', direction: 'rtl' });
    assert.deepEqual(await container(page, 'other'), { dir: 'ltr', lang: 'en', direction: 'ltr' });
    assert.equal(await page.textContent('#checker .drop-main'), AR['element.dropMain']);

    const report = await validateElement(page);
    assert.equal(report.language, 'ar');
    const cli = runCli(['validate', '--format', 'json', MESS], { json: true }).stdout;
    assert.deepEqual(report.summary, cli.summary);
    assert.equal(await page.textContent('#checker [data-summary="errors"] .label'), AR['element.errors']);
    // Mirrored: each finding's severity bar on the right (the start), the severity word first on the right.
    const finding = page.locator('#checker [part~="finding-error"]').first();
    assert.equal(await finding.evaluate((f) => getComputedStyle(f).borderRightWidth), '4px');
    const box = await finding.boundingBox();
    const severity = await finding.locator('[part~="severity"]').boundingBox();
    assert.ok(severity.x + severity.width > box.x + box.width - 30, 'the severity stands at the right');
    const tile = await page.locator('#checker [data-summary="errors"]').boundingBox();
    const tables = await page.locator('#checker [data-summary="tables"]').boundingBox();
    assert.ok(tile.x > tables.x, 'the errors\' tile first, on the right');
    assert.deepEqual(await outsideElement(page), [], 'nothing of the element sticks out of it');
    await page.locator('#checker').screenshot({ path: path.join(artifacts, 'arabic-element.png') });
    // axe-core: the portal with its element in Arabic (axe reads the open shadow root).
    const result = await axe(page);
    console.log(`axe, the portal with the Arabic element: ${result.passes} rules passed, ${result.violations.length} violations`, result.violations);
    assert.deepEqual(result.violations, []);
    // Back to English: left to right at once.
    await page.evaluate(() => document.querySelector('#checker').setAttribute('lang', 'en'));
    assert.deepEqual(await container(page, 'checker'), { dir: 'ltr', lang: 'en', direction: 'ltr' });
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

test('the element in Arabic on a phone: nothing sideways', async () => {
  const context = await session.browser.newContext({ viewport: SCREENS.phone, locale: 'ar-EG' });
  try {
    const page = await openPortal(context);
    assert.deepEqual(await container(page, 'checker'), { dir: 'rtl', lang: 'ar', direction: 'rtl' });
    await validateElement(page);
    assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= window.innerWidth), 'the portal is not wider than the screen');
    assert.deepEqual(await outsideElement(page), []);
    await page.locator('#checker').screenshot({ path: path.join(artifacts, 'arabic-element-phone.png') });
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});
