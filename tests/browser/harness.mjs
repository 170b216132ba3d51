// Shared by the browser tests: the static server (scripts/serve.mjs on a free
// port), Debian's Chromium driven by playwright-core, the native CLI to
// compare with, and a log of every request the page makes.
//   MIGCHECK_WEB_DIR  the web bundle (default build/web, from scripts/build.sh web)
//   MIGCHECK_CLI      the native CLI (default build/native/migcheck)
//   CHROMIUM          the browser (default /usr/bin/chromium)
import { spawn, spawnSync } from 'node:child_process';
import { after, before } from 'node:test';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const webDir = path.resolve(root, process.env.MIGCHECK_WEB_DIR || 'build/web');
export const cli = path.resolve(root, process.env.MIGCHECK_CLI || 'build/native/migcheck');
export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
export const artifacts = path.join(root, 'build/browser-artifacts');
export const fixture = (p) => path.join(root, 'tests/fixtures', p);
export const ownFixture = (p) => path.join(root, 'tests/browser/fixtures', p);

// Fails at once, with what to do, when something the tests need is missing.
export function checkPrerequisites() {
  const missing = [];
  if (!existsSync(chromiumPath)) missing.push(`${chromiumPath} (Debian's chromium: apt-get install chromium)`);
  if (!existsSync(path.join(webDir, 'index.html')) || !existsSync(path.join(webDir, 'migcheck.mjs')))
    missing.push(`the web bundle in ${webDir} (scripts/build.sh web)`);
  if (!existsSync(cli)) missing.push(`the native CLI ${cli} (scripts/build.sh native)`);
  if (missing.length) throw new Error(`browser tests cannot run; missing: ${missing.join('; ')}`);
}

// Starts scripts/serve.mjs on a free port; resolves to {origin, stop}.
export function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'scripts/serve.mjs'), webDir], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error('scripts/serve.mjs did not start')), 10_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ origin: `http://127.0.0.1:${m[1]}`, stop: () => child.kill() });
      }
    });
    child.on('exit', (code) => reject(new Error(`scripts/serve.mjs exited (${code})`)));
  });
}

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  // playwright-core starts it with a fresh, temporary profile; no background
  // traffic of Chromium's own (the machine's network is closed).
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return { browser, close: () => browser.close() };
}

// One server and browser for a test file whose tests open contexts of their own (screen sizes,
// locales, the network cut): returns an object whose `server` and `browser` are set once started.
export function serverAndBrowser() {
  const session = {};
  before(async () => {
    session.server = await startServer();
    session.browser = (await launchBrowser()).browser;
    mkdirSync(artifacts, { recursive: true });
  });
  after(async () => {
    await session.browser?.close();
    session.server?.stop();
  });
  return session;
}

// One server, browser and context for a test file, started before its tests and closed after:
// returns an object whose `server` and `context` are set once started.
export function browserSession(contextOptions = { viewport: { width: 1366, height: 900 }, acceptDownloads: true, locale: 'en-GB' }) {
  const session = {};
  before(async () => {
    session.server = await startServer();
    session.browser = await launchBrowser();
    session.context = await session.browser.browser.newContext(contextOptions);
  });
  after(async () => {
    await session.browser?.close();
    session.server?.stop();
  });
  return session;
}

// The CLI's answer: {status, stdout} (JSON parsed with json: true).
export function runCli(args, { json = false } = {}) {
  const r = spawnSync(cli, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { status: r.status, stdout: json ? JSON.parse(r.stdout) : r.stdout, stderr: r.stderr };
}

// Every request the pages of a context make, and every web socket they open.
export function recordRequests(context, log) {
  context.on('request', (request) => log.push({ url: request.url(), method: request.method() }));
  context.on('page', (page) => page.on('websocket', (ws) => log.push({ url: ws.url(), method: 'WEBSOCKET' })));
}

// Opens the app and waits until the engine is ready.
export async function openApp(context, origin) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.errors = errors;
  const response = await page.goto(`${origin}/`);
  await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });
  page.mainResponse = response;
  return page;
}

// Uploads files and waits until the page shows their report.
export async function validate(page, files) {
  const before = Number(await page.getAttribute('body', 'data-reports') || 0);
  await page.setInputFiles('#files', files);
  await page.waitForFunction((n) => Number(document.body.dataset.reports || 0) > n && document.body.dataset.state === 'done',
    before, { timeout: 60_000 });
}

// Runs fn on a fresh page of the app in `context`, then checks that the page had no script error.
export async function withAppPage(context, origin, fn) {
  const page = await openApp(context, origin);
  try {
    await fn(page);
    if (page.errors.length) throw new Error(`script errors in the page: ${page.errors.join('; ')}`);
  } finally {
    await page.close();
  }
}

// The numbers in the summary tiles.
export async function tiles(page) {
  const read = async (key) => Number((await page.textContent(`[data-summary="${key}"] .value`)).replace(/\D/g, ''));
  return { errors: await read('errors'), warnings: await read('warnings'), infos: await read('infos'), tables: await read('tables') };
}
