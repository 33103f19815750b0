// Static hosting: the strict Content-Security-Policy (as an HTTP header), offline play after
// the first visit, a redeploy picked up cleanly with old caches removed, and the web manifest.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, writeFile, readdir, rename, rm } from "node:fs/promises";
import { createHash } from "node:crypto";
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { suite, serve, open, problems, playQuiz, collectViolations, headersFromDist, sel, goOffline, DIST, TAG_OF } from "./harness.mjs";

// One browser for the file; each test starts the server it needs.
const ctx = suite(false);

test("under the strict CSP header, every screen runs with zero violations", async (t) => {
  const csp = headersFromDist()["Content-Security-Policy"];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  assert.match(csp, /require-trusted-types-for 'script'/);
  assert.match(csp, /frame-ancestors /);
  const server = await serve({ headers: () => ({ "Content-Security-Policy": csp }) });
  t.after(() => server.close());
  const s = await open(t, ctx.browser, server.appUrl + "#/quiz", { init: [collectViolations] });
  const page = s.page;
  await playQuiz(page, { choose: (id, i) => (i % 2 ? TAG_OF[id] : "both") });
  await page.click(sel("study-missed"));
  await page.click(sel("flip"));
  await page.click(sel("grade-good"));
  await page.goto(server.appUrl + "#/stats");
  await page.waitForSelector(sel("stats"));
  // The studio runs under the same policy, with the app in its preview frame.
  await page.goto(server.studioUrl);
  const preview = await (await page.waitForSelector(sel("embed-preview"))).contentFrame();
  await preview.waitForSelector("html[data-ready]");
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  await page.goto(server.appUrl);
  await page.waitForSelector(sel("home"));
  await page.keyboard.press("?");
  await page.waitForSelector('[data-testid="help-dialog"][open]');
  // The service worker registered through the Trusted Types policy.
  await page.evaluate(() => navigator.serviceWorker.ready);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(problems(s), []);
  // Trusted Types are enforced: raw HTML strings are refused.
  const refused = await page.evaluate(() => {
    try {
      document.body.insertAdjacentHTML("beforeend", "<b>x</b>");
      return false;
    } catch (e) {
      return e instanceof TypeError;
    }
  });
  assert.equal(refused, true);
});

test("after the first visit the app works offline, and a quiz can be played", async (t) => {
  const server = await serve();
  t.after(() => server.close());
  const s = await open(t, ctx.browser, server.appUrl);
  const page = s.page;
  await goOffline(s);
  await page.goto(server.appUrl + "#/quiz");
  await page.waitForSelector("html[data-ready]");
  await playQuiz(page);
  assert.equal(await page.textContent(sel("score")), "10 of 10 correct");
});

/** A copy of dist/ as a new deploy: the inlined stylesheet changes (and with it its hash in the
 * page's policy), and sw.js gets a new build id. */
async function redeploy() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "rolecall-deploy-"));
  await cp(DIST, dir, { recursive: true });
  let html = await readFile(path.join(dir, "index.html"), "utf8");
  const style = html.match(/<style>([\s\S]*?)<\/style>/)[1];
  const next = style + ':root{--deploy:"second"}';
  const digest = (s) => "'sha256-" + createHash("sha256").update(s).digest("base64") + "'";
  assert.ok(html.includes(digest(style)), "the page's policy allows its inline style by hash");
  html = html.replace(style, next).replace(digest(style), digest(next));
  await writeFile(path.join(dir, "index.html"), html);
  const hash = createHash("sha256").update(html).digest("hex").slice(0, 16);
  let sw = await readFile(path.join(dir, "sw.js"), "utf8");
  sw = sw.replace(/const BUILD = "[0-9a-f]+"/, `const BUILD = "${hash}"`);
  await writeFile(path.join(dir, "sw.js"), sw);
  // A build writes fresh precompressed copies; the changed files' old ones must not be served.
  for (const f of ["index.html", "sw.js"]) {
    for (const ext of [".br", ".gz"]) await rm(path.join(dir, f + ext), { force: true });
  }
  return { dir, build: hash };
}

test("a redeploy is picked up at once, and the old caches are removed", async (t) => {
  let current = DIST;
  const server = await serve({ dist: () => current });
  t.after(() => server.close());
  const s = await open(t, ctx.browser, server.appUrl);
  const page = s.page;
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const oldCaches = await page.evaluate(() => caches.keys());
  assert.equal(oldCaches.length, 1);
  const next = await redeploy();
  t.after(() => rm(next.dir, { recursive: true, force: true }));
  current = next.dir;
  await page.reload();
  await page.waitForSelector("html[data-ready]");
  // The new stylesheet is what the page uses.
  await page.waitForFunction(() => getComputedStyle(document.documentElement).getPropertyValue("--deploy").trim() === '"second"', null, { timeout: 5000 });
  // The new worker installs, takes over and deletes the old cache. (waitForFunction cannot await
  // a promise, so the page polls the Cache Storage itself.)
  const onlyNewCache = page.evaluate(async (name) => {
    for (;;) {
      const keys = await caches.keys();
      if (keys.length === 1 && keys[0] === name) return keys;
      await new Promise((r) => setTimeout(r, 50));
    }
  }, `rolecall-${next.build}`);
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error("the old cache was not replaced within 10 s")), 10000);
  });
  assert.deepEqual(await Promise.race([onlyNewCache, timeout]).finally(() => clearTimeout(timer)), [`rolecall-${next.build}`]);
  // The new deploy works offline too.
  await s.context.setOffline(true);
  await page.reload();
  await page.waitForSelector(sel("home"));
  await page.waitForFunction(() => getComputedStyle(document.documentElement).getPropertyValue("--deploy").trim() === '"second"', null, { timeout: 5000 });
  assert.deepEqual(problems(s).filter((p) => !p.includes("ERR_INTERNET_DISCONNECTED")), []);
});

test("the web manifest and its icons are served and installable", async (t) => {
  const server = await serve();
  t.after(() => server.close());
  const s = await open(t, ctx.browser, server.appUrl);
  const manifestHref = await s.page.getAttribute('link[rel="manifest"]', "href");
  const manifest = await s.page.evaluate((href) => fetch(href).then((r) => r.json()), manifestHref);
  assert.equal(manifest.start_url, "./");
  assert.equal(manifest.display, "standalone");
  for (const icon of manifest.icons) {
    const status = await s.page.evaluate((src) => fetch(src).then((r) => r.status), icon.src);
    assert.equal(status, 200, icon.src);
  }
  assert.ok(manifest.icons.some((i) => i.sizes === "512x512"));
});

test("while the app downloads a loading shell shows, and if the download never ends it says why", async (t) => {
  const server = await serve();
  t.after(() => server.close());
  // Hold the wasm back until the test lets it through.
  let release;
  const held = new Promise((r) => (release = r));
  const s = await open(t, ctx.browser, null);
  const page = s.page;
  await page.route(/\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  // Settings the build did not pre-render a screen for: the generic shell.
  await page.goto(server.appUrl + "?n=5#/quiz");
  await page.waitForSelector("#boot .boot-status");
  assert.equal((await page.textContent("#boot .boot-status")).trim(), "Loading the quiz\u2026");
  assert.equal(await page.isVisible("#boot .boot-slow"), false, "no excuses in the first seconds");
  release();
  await page.waitForSelector("html[data-ready]");
  assert.equal(await page.$("#boot"), null, "the shell is gone once the app runs");
  assert.ok(await page.isVisible('[data-testid="quiz-start"], [data-testid="statement"]'));

  // A first visit whose download fails: the shell stays and, after ten seconds, explains.
  const dead = await open(t, ctx.browser, null);
  await dead.page.route(/\.wasm$/, (route) => route.abort());
  await dead.page.goto(server.appUrl + "?n=5");
  await dead.page.waitForSelector("#boot .boot-slow", { state: "visible", timeout: 15000 });
  assert.match(await dead.page.textContent("#boot .boot-slow"), /first visit needs a connection/);
  assert.equal(await dead.page.$("html[data-ready]"), null);
});

test("with scripts off the page says what it needs instead of promising a quiz", async (t) => {
  const server = await serve();
  t.after(() => server.close());
  const s = await open(t, ctx.browser, null, { context: { javaScriptEnabled: false } });
  await s.page.goto(server.appUrl);
  assert.equal(await s.page.isVisible(".noscript"), true);
  assert.match(await s.page.textContent(".noscript"), /needs JavaScript and WebAssembly/);
  assert.equal(await s.page.isVisible("#boot .boot-status"), false);
});

/**
 * Starts Python's http.server on a port the system picks, serving `root`, and resolves with the
 * port once the server says it is listening. The process is killed when test `t` ends.
 */
function pythonServer(t, root) {
  // -u: unbuffered, so the "Serving HTTP on ... port N" line arrives as soon as it is printed.
  const python = spawn("python3", ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", root], { stdio: ["ignore", "pipe", "pipe"] });
  t.after(() => python.kill());
  return new Promise((resolve, reject) => {
    let out = "";
    python.stdout.setEncoding("utf8");
    python.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/Serving HTTP on \S+ port (\d+)/);
      if (m) resolve(Number(m[1]));
    });
    python.stderr.setEncoding("utf8");
    python.stderr.on("data", (chunk) => (out += chunk));
    python.on("error", reject);
    python.on("exit", (code) => reject(new Error(`python3 -m http.server exited (${code}) before serving:\n${out}`)));
  });
}

test("dist/ copied under a deep sub-path of a plain static server (Python's http.server) just works", async (t) => {
  const root = await mkdtemp(path.join(os.tmpdir(), "rolecall-static-"));
  t.after(() => rm(root, { recursive: true, force: true }));
  await cp(DIST, path.join(root, "courses/devops/week-3/rolecall"), { recursive: true });
  // No compression, no custom headers, no rewrites: whatever the server guesses.
  const port = await pythonServer(t, root);
  const url = `http://127.0.0.1:${port}/courses/devops/week-3/rolecall/`;
  const s = await open(t, ctx.browser, url + "#/quiz");
  await playQuiz(s.page);
  assert.equal(await s.page.textContent(sel("score")), "10 of 10 correct");
  await s.page.reload();
  await s.page.waitForSelector("html[data-ready]");
  assert.deepEqual(problems(s), []);
  assert.deepEqual(s.failed, []);
});

test("a server that sends the wasm with a generic content type still runs the app", async (t) => {
  const server = await serve({ headers: (rel) => (rel.endsWith(".wasm") ? { "Content-Type": "application/octet-stream" } : {}) });
  t.after(() => server.close());
  const s = await open(t, ctx.browser, server.appUrl + "#/quiz?n=5");
  await playQuiz(s.page, { length: 5 });
  assert.equal(await s.page.textContent(sel("score")), "5 of 5 correct");
  // wasm-bindgen falls back from streaming compilation and says why; nothing else is wrong.
  const other = problems(s).filter((p) => !p.includes("application/wasm"));
  assert.deepEqual(other, []);
});

test("the loading shell is painted in the learner's theme, not the system's", async (t) => {
  const server = await serve();
  t.after(() => server.close());
  const SAVED_DARK = () =>
    localStorage.setItem("rolecall.progress", JSON.stringify({ format: 1, learner: "3f0b1c1e-1d7e-4b7a-9a57-6a3f1f7e2c10", settings: { theme: "dark" } }));
  for (const [query, theme] of [
    ["", "dark"],
    ["?theme=light", "light"],
    ["?theme=light#/quiz?theme=auto", "auto"],
  ]) {
    const s = await open(t, ctx.browser, null, { colorScheme: "light", init: [SAVED_DARK] });
    await s.page.route(/\.wasm$/, () => {}); // never answered: the shell stays up
    await s.page.goto(server.appUrl + query);
    await s.page.waitForSelector("#boot .boot-status");
    assert.equal(await s.page.getAttribute("html", "data-theme"), theme, query);
    const background = await s.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const [r, g, b] = background.match(/\d+/g).map(Number);
    assert.equal(r + g + b < 150, theme === "dark", `${query}: ${background}`);
    await s.close();
  }
});
