// The app shell offline: every file of the build is cached when this worker installs, so a page opened or
// reloaded without a network starts from the cache (its data then comes from IndexedDB). Navigations try the
// network first and fall back to the cached index.html; API, health and metrics never touch the cache.
// `scripts/write-service-worker.mjs` writes this file into the build with the build's file list and version.
/* global self, caches */
const VERSION = '__VERSION__';
const PRECACHE = ['__PRECACHE__'];
const CACHE = `taskpulse-app-${VERSION}`;
const PASS_THROUGH = /^\/(api|health|metrics)(\/|$)/;

self.addEventListener('install', (event) => {
  // Where the browser supports it, the server's own paths skip this worker entirely.
  if (event.addRoutes && typeof URLPattern === 'function') {
    event
      .addRoutes(
        ['/api/*', '/health*', '/metrics*'].map((pathname) => ({
          condition: { urlPattern: new URLPattern({ pathname }) },
          source: 'network',
        })),
      )
      .catch(() => undefined);
  }
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('taskpulse-app-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || PASS_THROUGH.test(url.pathname)) {
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => caches.match('/index.html', { cacheName: CACHE })));
    return;
  }
  event.respondWith(caches.match(request, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
});
