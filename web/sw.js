// The playground's service worker: after one visit the site opens with no network; a new build
// replaces the old one cleanly. web/stamp-sw.mjs (Trunk's post_build hook) rewrites the two
// lines below in the staged copy: every file of the build, and a hash of their contents.
const BUILD = "dev";
const FILES = [];

const PREFIX = "copilot-playground-";
const CACHE = PREFIX + BUILD;

// Precache this build (bypassing the HTTP cache), then take over without waiting for old tabs:
// every fetch is network first, so an old page never gets files of the wrong build while online.
self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

// Drop every other build's cache, then control the open pages.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// Same-origin GETs: the network first, this build's cache when the network fails. A page's query
// (?example=…&embed=1) is ignored for navigations; its hash never reaches the network anyway.
self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(req).catch(async (error) => {
      const hit = await caches.match(req, { cacheName: CACHE, ignoreSearch: req.mode === "navigate" });
      if (hit) return hit;
      throw error;
    }),
  );
});
