// Writes into the web bundle's service worker (DIR/sw.js) the list of the
// page's own files to keep for offline use, and a version from their content,
// so that a new build replaces the old files in the browser.
//   node scripts/generate-offline.mjs DIR
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const dir = path.resolve(process.argv[2] || 'build/web');
// The page and what it loads; the embeddable element's package is for portals, not this page.
const SKIP = new Set(['sw.js', 'examples', 'embed', 'package.json']);

function files(relative = '') {
  return readdirSync(path.join(dir, relative)).sort().flatMap((name) => {
    if (!relative && SKIP.has(name)) return [];
    const rel = relative ? `${relative}/${name}` : name;
    return statSync(path.join(dir, rel)).isDirectory() ? files(rel) : [rel];
  });
}

const list = files();
const hash = createHash('sha256');
for (const rel of list) hash.update(rel).update(readFileSync(path.join(dir, rel)));
const offline = { version: hash.digest('hex').slice(0, 16), files: ['./', ...list] };
const sw = path.join(dir, 'sw.js');
const source = readFileSync(sw, 'utf8');
const line = /^const OFFLINE = .*$/m;
if (!line.test(source)) throw new Error(`${sw} has no "const OFFLINE = ..." line to fill`);
writeFileSync(sw, source.replace(line, `const OFFLINE = ${JSON.stringify(offline)};  // written by scripts/generate-offline.mjs`));
