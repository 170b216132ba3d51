// Serves the static web app (default build/web) on 127.0.0.1 with the page's
// security headers. Static files only, GET and HEAD only: the app never sends
// anything back. PORT=0 takes a free port; the first line printed names it.
//   node scripts/serve.mjs [DIR]        PORT (default 8080), HOST (default 127.0.0.1)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(process.argv[2] || 'build/web');
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST || '127.0.0.1';
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.txt': 'text/plain; charset=utf-8', '.webmanifest': 'application/manifest+json',
};
// The same policy as the page's <meta> (web/index.html), plus what only a header can say.
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; " +
  "connect-src 'none'; img-src 'self' data: blob:; style-src 'self'; font-src 'none'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// The service worker's own policy: it may fetch this origin's files (to keep
// them for offline use) and nothing else. The page's policy above is unchanged.
export const SERVICE_WORKER_CSP = "default-src 'none'; connect-src 'self'";

const server = createServer(async (req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' });
    res.end('method not allowed\n');
    return;
  }
  try {
    const url = new URL(req.url, 'http://localhost');
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (file !== root && !file.startsWith(root + path.sep)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
    if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
    const body = await readFile(file);
    res.writeHead(200, {
      'Content-Type': types[path.extname(file)] || 'application/octet-stream',
      'Content-Length': body.length,
      'Content-Security-Policy': path.basename(file) === 'sw.js' ? SERVICE_WORKER_CSP : CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cache-Control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch (e) {
    const missing = e.code === 'ENOENT' || e.code === 'ENOTDIR' || e instanceof URIError;
    res.writeHead(missing ? 404 : 500, { 'Content-Type': 'text/plain' });
    res.end(missing ? 'not found\n' : 'error\n');
  }
});
server.listen(port, host, () => {
  console.log(`migcheck is served at http://${host}:${server.address().port}/ (Ctrl+C stops)`);
});
