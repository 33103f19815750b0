// Browser test harness: static servers for the built dist/ (under a sub-path) and for host
// pages on a second origin, Chromium launched through playwright-core, and the helpers the test
// files share: open the app (closed after the test, pass or fail), collect console messages and
// failed requests, take screenshots, and the steps many tests take (start a quiz, answer, wait
// for the next statement, study flashcards, move focus with Tab).
import http from "node:http";
import { readFile, stat, mkdir, mkdtemp } from "node:fs/promises";
import os from "node:os";
import { existsSync, readFileSync } from "node:fs";
import { execSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { before, after } from "node:test";
import assert from "node:assert/strict";
import zlib from "node:zlib";
import { createHash } from "node:crypto";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DIST = process.env.ROLECALL_DIST ? path.resolve(process.env.ROLECALL_DIST) : path.join(ROOT, "dist");
export const BASE = "/training/rolecall/";
export const ARTIFACTS = path.join(ROOT, "artifacts");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".xml": "application/xml",
};

/** The deck the app ships, as the tests' source of truth for expected answers. */
export const DECK = JSON.parse(readFileSync(path.join(ROOT, "decks/devops-vs-platform.json"), "utf8"));
export const TAG_OF = Object.fromEntries(DECK.statements.map((s) => [s.id, s.tag]));
/** The deck's category ids in order: the answer buttons, the digit keys, the matrix axes. */
export const CATS = DECK.categories.map((c) => c.id);

/** Where the app keeps progress in localStorage. */
export const PROGRESS_KEY = "rolecall.progress";

/** The selector of the element with this `data-testid`. */
export const sel = (id) => `[data-testid="${id}"]`;

/** The CSP header the build wrote into dist/_headers (first block), as `{name: value}`. */
export function headersFromDist(dist = DIST) {
  const lines = readFileSync(path.join(dist, "_headers"), "utf8").split("\n");
  const out = {};
  for (const line of lines.slice(1)) {
    if (!line.startsWith("  ")) break;
    const [name, ...rest] = line.trim().split(": ");
    out[name] = rest.join(": ");
  }
  return out;
}

/**
 * Starts a static server. `routes` maps exact paths to handlers `(req, res) => void`; paths under
 * `BASE` are served from `dist` (a getter, so a test can switch it to simulate a redeploy).
 */
const compressedCache = new Map();
function compressed(file, body, encoding) {
  const key = `${encoding}:${file}:${createHash("sha1").update(body).digest("hex")}`;
  if (!compressedCache.has(key)) {
    compressedCache.set(
      key,
      encoding === "br"
        ? zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } })
        : zlib.gzipSync(body, { level: 9 }),
    );
  }
  return compressedCache.get(key);
}

export async function serve({ dist = () => DIST, headers = () => ({}), routes = {}, dirs = {}, host = "127.0.0.1", name = host, compress = true } = {}) {
  const log = [];
  // Paths under BASE answered with the build's precompressed copy.
  const served = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    log.push(url.pathname);
    try {
      if (routes[url.pathname]) return routes[url.pathname](req, res);
      for (const [prefix, dir] of Object.entries(dirs)) {
        if (url.pathname.startsWith(prefix)) {
          const rel = decodeURIComponent(url.pathname.slice(prefix.length));
          if (rel.includes("..")) throw new Error("bad path");
          const file = path.join(dir, rel);
          const body = await readFile(file);
          res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream", "Access-Control-Allow-Origin": "*" });
          return res.end(body);
        }
      }
      if (url.pathname === BASE.slice(0, -1)) {
        res.writeHead(301, { Location: BASE });
        return res.end();
      }
      if (!url.pathname.startsWith(BASE)) {
        res.writeHead(404, { "Content-Type": "text/plain" });
        return res.end("not found");
      }
      let rel = decodeURIComponent(url.pathname.slice(BASE.length)) || "index.html";
      if (rel.includes("..")) throw new Error("bad path");
      let file = path.join(dist(), rel);
      if ((await stat(file).catch(() => null))?.isDirectory()) file = path.join(file, "index.html");
      const body = await readFile(file);
      // Compress as static hosts do, so load figures resemble the real thing: the build's own
      // .br and .gz files where they exist (as nginx's brotli_static/gzip_static and Caddy's
      // `precompressed` do), else on the fly.
      const accepts = req.headers["accept-encoding"] || "";
      const encoding = !compress || body.length < 1024 ? null : accepts.includes("br") ? "br" : accepts.includes("gzip") ? "gzip" : null;
      const prebuilt = encoding && (await readFile(`${file}.${encoding === "br" ? "br" : "gz"}`).catch(() => null));
      if (prebuilt) served.push(rel);
      res.writeHead(200, {
        "Content-Type": TYPES[path.extname(file)] || "application/octet-stream",
        "Cache-Control": "no-cache",
        ...(encoding ? { "Content-Encoding": encoding, Vary: "Accept-Encoding" } : {}),
        ...headers(rel),
      });
      res.end(encoding ? prebuilt || compressed(file, body, encoding) : body);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, host, resolve));
  const { port } = server.address();
  const origin = `http://${name}:${port}`;
  const close = () => {
    // Browsers keep connections alive; end them so close() returns at once.
    server.closeAllConnections();
    return new Promise((r) => server.close(r));
  };
  return { origin, appUrl: origin + BASE, studioUrl: origin + BASE + "studio/", log, precompressed: served, close };
}

/** Serves a fixed body with CORS, for deck URLs and host pages. */
export function respond(body, { type = "application/json", status = 200, cors = true, extra = {} } = {}) {
  return (req, res) => {
    res.writeHead(status, { "Content-Type": type, ...(cors ? { "Access-Control-Allow-Origin": "*" } : {}), ...extra });
    res.end(body);
  };
}

/** A route that answers 404, for a deck URL that does not exist. */
export const notFound = () => respond("not found", { status: 404, type: "text/plain" });

export function chromiumPath() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const c of ["chromium", "chromium-browser", "google-chrome"]) {
    try {
      return execSync(`command -v ${c}`).toString().trim();
    } catch {}
  }
  throw new Error("Chromium not found: run `make test` (it installs Debian's chromium) or set CHROMIUM");
}

export async function launch() {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };
/** The widths most screenshots are taken at, as [name, viewport]. */
export const WIDTHS = [["phone", PHONE], ["desktop", DESKTOP]];
export const SCHEMES = ["light", "dark"];

/**
 * Opens a page in a fresh context and records every console message, page error and failed
 * request. `init` scripts run before the app (e.g. to block storage). The context is closed
 * when test `t` ends, whether it passes or fails; `close()` may also be called earlier (twice
 * is harmless).
 */
export async function open(t, browser, url, { viewport = DESKTOP, init = [], colorScheme = "light", reducedMotion = "no-preference", context: ctxOpts = {} } = {}) {
  if (typeof t?.after !== "function") throw new TypeError("open(t, browser, url): pass the test context first, so the page is closed after the test");
  const context = await browser.newContext({ viewport, colorScheme, reducedMotion, ...ctxOpts });
  let closing;
  const close = () => (closing ??= context.close());
  t.after(close);
  const messages = [];
  const errors = [];
  const failed = [];
  for (const script of init) await context.addInitScript(script);
  const page = await context.newPage();
  page.on("console", (m) => messages.push({ type: m.type(), text: m.text() }));
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("requestfailed", (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => {
    if (r.status() >= 400) failed.push(`${r.url()} ${r.status()}`);
  });
  if (url) {
    await page.goto(url);
    await ready(page);
  }
  return { context, page, messages, errors, failed, close };
}

/**
 * The address of the test host page (`tests/e2e/hosts/`) served by `hosts` (another origin than
 * the app's), framing the app at `appUrl + query`. `dialect` is the resize protocol the page
 * speaks; `page` another host page; `third` the URL of a third-origin frame beside the app.
 */
export function hostPageUrl(hosts, appUrl, { query = "", dialect = "none", width = 600, page = "host.html", third } = {}) {
  const params = new URLSearchParams({ src: `${appUrl}${query}`, dialect, width: String(width) });
  if (third) params.set("third", third);
  return `${hosts.origin}/hosts/${page}?${params}`;
}

/** Opens a host page (see `hostPageUrl`) and returns the session with the app's frame, rendered. */
export async function openFramed(t, browser, url, sessionOpts = {}) {
  const s = await open(t, browser, null, sessionOpts);
  await s.page.goto(url);
  const frame = await (await s.page.waitForSelector("#app")).contentFrame();
  await ready(frame);
  return { ...s, frame };
}

/**
 * What the host page received from the app, oldest first: its `rolecall:*` messages but the
 * resize ones. Call `caughtUp` first, so that everything the app has sent is in.
 */
export function fromApp(page) {
  return page.evaluate(() =>
    window.received
      .filter((m) => m.fromApp && typeof m.data?.type === "string" && m.data.type !== "rolecall:resize")
      .map((m) => ({ origin: m.origin, data: m.data })),
  );
}

/**
 * Waits until the host page has received every message the app in `frame` has posted so far:
 * posts a marker from the frame to the host and waits for it, since messages from one window
 * to another arrive in the order they were posted.
 */
export async function caughtUp(page, frame) {
  const marker = `caught-up-${Math.random()}`;
  await frame.evaluate((m) => parent.postMessage({ marker: m }, "*"), marker);
  await page.waitForFunction((m) => window.received.some((r) => r.data?.marker === m), marker);
}

/** Waits until the service worker controls the page, then takes the session's network away. */
export async function goOffline(session) {
  await session.page.evaluate(() => navigator.serviceWorker.ready);
  await session.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await session.context.setOffline(true);
}

/** Waits until the app has rendered (the root carries `data-ready`). */
export async function ready(page) {
  await page.waitForSelector("html[data-ready]", { timeout: 15000 });
}

/** Console output that counts as a problem: errors and warnings. */
export function problems(session) {
  return session.messages.filter((m) => m.type === "error" || m.type === "warning").map((m) => `${m.type}: ${m.text}`).concat(session.errors);
}

export async function screenshot(page, name) {
  const dir = path.join(ARTIFACTS, "screens");
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The statement id on screen (`page` may also be a frame, as may every helper below). */
export async function currentStatement(page) {
  return page.getAttribute(sel("statement"), "data-id");
}

/**
 * Starts a quiz of `length` (10, 20 or "all"; null keeps the length the URL set) from the quiz
 * start screen, and waits for the first statement.
 */
export async function startQuiz(page, length = 10) {
  if (length !== null) await page.click(sel(`length-${length}`));
  await page.click(sel("start-quiz"));
  await page.waitForSelector(sel("statement"));
}

/**
 * Waits until the statement on screen is no longer `prev`: the next question has rendered (or,
 * after the last, no question shows; wait for the results separately).
 */
export async function nextStatement(page, prev) {
  await page.waitForFunction((p) => document.querySelector('[data-testid="statement"]')?.dataset.id !== p, prev);
}

/**
 * Plays the quiz on screen to the results with the mouse, answering each question with
 * `choose(id, i)` (a category id; `i` counts from `from`), clicking Next after each; returns
 * what was asked and answered. `onFeedback(id, answer)` may check each feedback as it shows.
 */
export async function playToResults(page, choose, { from = 0, onFeedback } = {}) {
  const asked = [];
  for (let i = from; ; i++) {
    const id = await currentStatement(page);
    const answer = choose(id, i);
    await page.click(sel(`tag-${answer}`));
    await page.waitForSelector(sel("feedback"));
    if (onFeedback) await onFeedback(id, answer);
    asked.push({ id, answer });
    const last = (await page.textContent(sel("next"))).includes("See results");
    await page.click(sel("next"));
    if (last) break;
    await nextStatement(page, id);
  }
  await page.waitForSelector(sel("results"));
  return asked;
}

/** Clicks Next on the feedback for statement `prev` and waits as `nextStatement` does. */
export async function nextQuestion(page, prev) {
  await page.click(sel("next"));
  await nextStatement(page, prev);
}

/** Answers the statement on screen, rightly or wrongly, waits for the feedback, returns its id. */
export async function answer(page, right = true) {
  const id = await currentStatement(page);
  await page.click(sel(`tag-${right ? TAG_OF[id] : wrongTag(id)}`));
  await page.waitForSelector(sel("feedback"));
  return id;
}

/** The wrong tag for a statement (the next category round the list). */
export function wrongTag(id) {
  return CATS[(CATS.indexOf(TAG_OF[id]) + 1) % CATS.length];
}

/** Starts a study session from the flashcards home and waits for the first card's front. */
export async function startStudy(page) {
  await page.click(sel("start-study"));
  await page.waitForSelector('[data-testid="flashcard"][data-face="front"]');
}

/** Flips the card on screen and waits for its back. */
export async function flipCard(page) {
  await page.click(sel("flip"));
  await page.waitForSelector('[data-testid="flashcard"][data-face="back"]');
}

/** Sets "new cards per day" on the flashcards home and waits until the count shows it. */
export async function setNewPerDay(page, n) {
  await page.fill(sel("new-per-day"), String(n));
  await page.press(sel("new-per-day"), "Tab");
  await page.waitForFunction((v) => document.querySelector('[data-testid="new-count"]')?.textContent === v, String(n));
}

/**
 * What has focus: its `data-testid`, else its id, else its tag name (the ids and tag names only
 * show up in failure messages; the tests compare test ids).
 */
export function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el?.dataset?.testid ?? (el?.id || el?.tagName);
  });
}

/**
 * Goes to a screen ("quiz", "flashcards", "progress", "home") the way a learner would: by the
 * masthead's link, or on a phone, where the masthead has a menu, by the menu's entry.
 */
export async function goTo(page, screen) {
  if (await page.isVisible(sel(`nav-${screen}`))) return page.click(sel(`nav-${screen}`));
  await page.click(sel("menu-button"));
  await page.click(sel(`menu-${screen}`));
}

/** Presses Tab (or Shift+Tab) until `testid` has focus, at most `max` times. */
export async function tabTo(page, testid, { back = false, max = 40 } = {}) {
  for (let i = 0; i < max && (await focused(page)) !== testid; i++) await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  assert.equal(await focused(page), testid, `reached ${testid} with ${back ? "Shift+Tab" : "Tab"}`);
}

/** How many CSS pixels the page is wider than its viewport (0: no horizontal scrolling). */
export function horizontalOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Resolves after `n` animation frames in the page: long enough for the app to render a reaction. */
export function frames(page, n = 2) {
  return page.evaluate(async (n) => {
    for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r));
  }, n);
}

/** The progress the app stored, as the raw string (null if none). */
export function storedProgress(page) {
  return page.evaluate((k) => localStorage.getItem(k), PROGRESS_KEY);
}

/** An init script: localStorage throws on access, as where the browser blocks storage. */
export function blockStorage() {
  Object.defineProperty(window, "localStorage", {
    configurable: true,
    get() {
      throw new DOMException("The operation is insecure.", "SecurityError");
    },
  });
}

/** An init script: every Content-Security-Policy violation is kept in `window.__violations`. */
export function collectViolations() {
  window.__violations = [];
  document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
}

export const HOSTS = path.join(ROOT, "tests/e2e/hosts");

export function distExists() {
  return existsSync(path.join(DIST, "index.html"));
}

/**
 * One static server (options as for `serve`; `false` for none) and one browser for a whole test
 * file, closed after it, even when a test fails. Returns an object whose `server` and `browser`
 * are set once the file's tests start.
 */
export function suite(serveOptions) {
  const ctx = {};
  before(async () => {
    if (serveOptions !== false) ctx.server = await serve(serveOptions);
    ctx.browser = await launch();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.close();
  });
  return ctx;
}

/**
 * Starts a quiz of `length` (10, 20 or "all") from the quiz start screen and answers every
 * question with `choose(statementId, index)` (a category id; right by default), clicking Next
 * after each, until the results show. Returns the statement ids asked, in order.
 */
export async function playQuiz(page, { length = 10, choose = (id) => TAG_OF[id] } = {}) {
  await startQuiz(page, length);
  return (await playToResults(page, choose)).map((a) => a.id);
}

/**
 * Waits until every finite CSS animation and transition in the page and its same-origin frames
 * has finished (after two frames, so that whatever the last render started exists): for
 * screenshots and colour measurements on final styles. No fixed sleeps.
 */
export async function settle(page) {
  for (const frame of page.frames()) {
    await frame
      .evaluate(async () => {
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
        await Promise.all(finite.map((a) => a.finished.catch(() => {})));
      })
      .catch(() => {});
  }
}

/** Where the build writes the LMS packages (`make dist`): scorm12.zip, scorm2004.zip, cmi5.zip. */
export const PACKAGES = path.join(DIST, "packages");

/**
 * Unzips `dist/packages/<name>` into a fresh temporary directory and returns it; the caller
 * removes it (`rm(dir, {recursive: true})`) when done. Fails with a clear message when the build
 * has not written that package.
 */
export async function unpack(name) {
  const zip = path.join(PACKAGES, name);
  if (!existsSync(zip)) throw new Error(`${path.relative(ROOT, zip)} is missing: run \`make dist\` (it writes the LMS packages)`);
  const dir = await mkdtemp(path.join(os.tmpdir(), `rolecall-${path.basename(name, ".zip")}-`));
  // Python's zipfile (Python 3 is a build requirement) drops `..` and leading `/` from entry names.
  execSync(`python3 -m zipfile -e ${JSON.stringify(zip)} ${JSON.stringify(dir)}`, { stdio: "pipe" });
  return dir;
}
