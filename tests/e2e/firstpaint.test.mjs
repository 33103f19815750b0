// The first screen paints from the HTML: the build pre-renders the app's first screens (home, the
// quiz start, the embedded quiz start) from its own components, the page shows the one its URL
// opens on while the wasm downloads, and the app then takes its place without a visible change.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, open, sel, problems, screenshot, collectViolations, startQuiz, answer, PHONE, DESKTOP } from "./harness.mjs";

const ctx = suite();

/** Opens `url` with the wasm held back; `release()` lets it through. */
async function held(t, url, opts = {}) {
  let release;
  const gate = new Promise((r) => (release = r));
  const s = await open(t, ctx.browser, null, { init: [collectViolations], ...opts });
  await s.page.route(/\.wasm$/, async (route) => {
    await gate;
    await route.continue();
  });
  if (url) await s.page.goto(url);
  return { ...s, release };
}

/** What a learner sees of the page: the boxes and text of its landmarks and headings. */
function looks(page) {
  return page.evaluate(() => {
    const visible = [...document.querySelectorAll("header, main, footer, h1, h2, a, button, label")].filter((e) => e.getClientRects().length);
    return {
      count: document.querySelectorAll(".app").length,
      text: document.querySelector(".app").innerText,
      boxes: visible.map((e) => {
        const r = e.getBoundingClientRect();
        return `${e.tagName} ${e.textContent.trim().slice(0, 24)} @ ${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`;
      }),
    };
  });
}

for (const [name, query, testid] of [
  ["home", "", "home"],
  ["quiz", "?mode=quiz", "quiz-start"],
  ["embed", "?embed=1", "quiz-start"],
]) {
  for (const [width, viewport] of [["phone", PHONE], ["desktop", DESKTOP]]) {
    test(`${name} at ${width} width: readable before the wasm, the same once the app runs`, async (t) => {
      const s = await held(t, ctx.server.appUrl + query, { viewport });
      const page = s.page;
      await page.waitForSelector(`#prerendered[data-variant="${name}"] ${sel(testid)}`);
      assert.equal(await page.$("html[data-ready]"), null, "the app has not started");
      assert.equal(await page.isVisible("#boot"), false, "no loading shell over a pre-rendered screen");
      const before = await looks(page);
      if (width === "phone") await screenshot(page, `prerendered-${name}-${width}`);
      s.release();
      await page.waitForSelector("html[data-ready]");
      assert.equal(await page.$("#prerendered"), null, "the pre-rendered screen is gone");
      const after = await looks(page);
      assert.equal(after.count, 1);
      assert.equal(after.text, before.text, "the same words");
      assert.deepEqual(after.boxes, before.boxes, "everything where it was");
      assert.deepEqual(await page.evaluate(() => window.__violations), []);
      assert.deepEqual(problems(s), []);
    });
  }
}

test("over a pre-rendered screen, the wasm is fetched only once that screen is painted", async (t) => {
  // (No service worker: its cache would answer before the network log could show the order.)
  const s = await open(t, ctx.browser, ctx.server.appUrl, { viewport: PHONE, context: { serviceWorkers: "block" } });
  await s.page.waitForSelector("html[data-ready]");
  const { fcp, wasm, preload } = await s.page.evaluate(() => ({
    fcp: performance.getEntriesByName("first-contentful-paint")[0].startTime,
    wasm: performance.getEntriesByType("resource").find((e) => e.name.endsWith(".wasm")).startTime,
    preload: !!document.querySelector('link[rel=preload][href$=".wasm"]'),
  }));
  assert.equal(preload, false, "no preload starts the download early");
  // The page waits for the paint, or 300 ms for a frame that is never painted.
  assert.ok(wasm >= Math.min(fcp, 300) - 1, `wasm requested at ${wasm} ms, first paint at ${fcp} ms`);
  assert.deepEqual(problems(s).filter((p) => !p.includes("Service Worker registration blocked")), []);
});

test("a link followed before the app arrives shows its screen, and the app opens there", async (t) => {
  const s = await held(t, ctx.server.appUrl, { viewport: PHONE });
  const page = s.page;
  await page.click(`#prerendered ${sel("enter-quiz")}`);
  await page.waitForSelector(`#prerendered[data-variant="quiz"] ${sel("quiz-start")}`);
  s.release();
  await page.waitForSelector("html[data-ready]");
  await page.waitForSelector(sel("quiz-start"));
  await startQuiz(page, 10);
  assert.deepEqual(problems(s), []);
});

test("returning learners and settings without a pre-rendered screen get the loading shell", async (t) => {
  // Settings that change the first screen.
  const s = await held(t, ctx.server.appUrl + "?n=5&mode=quiz");
  await s.page.waitForSelector("#boot .boot-status");
  assert.equal(await s.page.$("#prerendered"), null);
  s.release();
  await s.page.waitForSelector(sel("quiz-start"));

  // A learner with saved progress: the home screen would show it.
  // (No service worker: it would serve the wasm from its cache, past the test's hold.)
  const r = await open(t, ctx.browser, ctx.server.appUrl + "#/quiz", { context: { serviceWorkers: "block" } });
  await startQuiz(r.page, 10);
  await answer(r.page, true);
  await r.page.waitForFunction(() => localStorage.getItem("rolecall.progress"));
  let release;
  const gate = new Promise((x) => (release = x));
  await r.page.route(/\.wasm$/, async (route) => {
    await gate;
    await route.continue();
  });
  await r.page.goto(ctx.server.appUrl + "index.html");
  await r.page.waitForSelector("#boot .boot-status");
  assert.equal(await r.page.$("#prerendered"), null);
  release();
  await r.page.waitForSelector(sel("home"));
  assert.match(await r.page.textContent(sel("enter-quiz")), /Resume/);
});

test("if the wasm never arrives, the pre-rendered screen says why after a while", async (t) => {
  const s = await open(t, ctx.browser, null);
  await s.page.route(/\.wasm$/, (route) => route.abort());
  await s.page.goto(ctx.server.appUrl);
  await s.page.waitForSelector(`#prerendered ${sel("home")}`);
  assert.equal(await s.page.isVisible("#prerendered .boot-slow"), false, "no excuses in the first seconds");
  await s.page.waitForSelector("#prerendered .boot-slow", { state: "visible", timeout: 15000 });
  assert.match(await s.page.textContent("#prerendered .boot-slow"), /first visit needs a connection/);
  await screenshot(s.page, "prerendered-stalled-phone");
});
