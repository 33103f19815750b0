// RoleCall service worker: makes the app work offline after the first visit.
//
// The build fills in BUILD and PRECACHE (scripts/post_build.py). Each deploy has its own cache;
// activating a new worker deletes the old caches. Pages are fetched network-first (so a new
// deploy is seen at once when online) with the cached copy as the offline fallback; hashed
// assets never change, so they are served cache-first.
const BUILD = "__BUILD_ID__";
const PRECACHE = [/*__PRECACHE__*/];
const CACHE = "rolecall-" + BUILD;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((p) => new Request(p, { cache: "reload" })))).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("rolecall-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Two pages live here, the learner's app (./) and the studio (studio/): each is kept under
    // its own address, without query or hash, so one never stands in for the other offline.
    const page = new URL(request.url);
    page.search = "";
    page.hash = "";
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(page.href, copy));
          }
          return response;
        })
        .catch(() =>
          caches.match(page.href, { cacheName: CACHE }).then((hit) => hit || caches.match(new URL("index.html", page).href, { cacheName: CACHE }))
        )
    );
    return;
  }
  event.respondWith(
    caches.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request))
  );
});
