/*
 * Loupe's service worker: keeps the app shell (index.html and the built assets) so a till
 * opens with no network after its first visit. Data never goes through here: it lives in
 * IndexedDB and syncs over the websocket. API calls are never cached.
 *
 * Navigations: network first (a new deploy shows up at once), cached shell when offline.
 * Assets (hashed file names): cache first, filled as they are fetched.
 *
 * The precache list is index.html itself: every /assets/ file it names is cached at install. The
 * build names there, as <link rel="prefetch">, the files index.html would not load by itself (the
 * camera's decoder worker, lazy chunks; scripts/vite-precache.ts, CAMCOUNT-8), so they are on a
 * till from its first visit too.
 */
const CACHE = 'loupe-shell-v1';
const SHELL = ['/', '/index.html', '/manifest.webmanifest'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(SHELL);
      // The built assets are named in index.html (with the worker and lazy chunks as prefetch links);
      // cache them now so the first offline start, and the camera offline, work.
      const html = await (await cache.match('/index.html')).text();
      await cache.addAll(assetsOf(html));
      await self.skipWaiting();
    })(),
  );
});

/** The hashed asset paths the given index.html loads. */
const assetsOf = (html) => [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      // Hashed assets of earlier deploys are dead weight: keep only what this shell loads.
      const cache = await caches.open(CACHE);
      const shell = await cache.match('/index.html');
      if (shell) {
        const keep = new Set(assetsOf(await shell.text()));
        for (const request of await cache.keys()) {
          const path = new URL(request.url).pathname;
          if (path.startsWith('/assets/') && !keep.has(path)) await cache.delete(request);
        }
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/'))
    return;

  if (request.mode === 'navigate') {
    event.respondWith(
      (async () => {
        try {
          const fresh = await fetch(request);
          const cache = await caches.open(CACHE);
          await cache.put('/index.html', fresh.clone());
          return fresh;
        } catch {
          // Every route is the same single-page shell.
          return (await caches.match('/index.html')) ?? Response.error();
        }
      })(),
    );
    return;
  }

  event.respondWith(
    (async () => {
      const cached = await caches.match(request);
      if (cached) return cached;
      const response = await fetch(request);
      if (response.ok && url.pathname.startsWith('/assets/')) {
        const cache = await caches.open(CACHE);
        await cache.put(request, response.clone());
      }
      return response;
    })(),
  );
});
