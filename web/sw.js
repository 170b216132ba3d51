// The page's service worker: once the page has been visited, it works with no
// network at all. It keeps the page's own files (listed at build time by
// scripts/generate-offline.mjs, which replaces the line below) and answers
// from them first; nothing else is fetched or kept, and no file of the user's
// ever reaches it (they are read in the page, never requested).
const OFFLINE = { version: 'dev', files: [] };  // replaced by scripts/build.sh web
const CACHE = `migcheck-${OFFLINE.version}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(OFFLINE.files)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n.startsWith('migcheck-') && n !== CACHE).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

// Own files from the cache first (the page then starts without a network),
// else from the network; any other request is left to the browser.
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(caches.open(CACHE).then(async (cache) => {
    const hit = await cache.match(event.request, { ignoreSearch: true });
    return hit || fetch(event.request);
  }));
});
