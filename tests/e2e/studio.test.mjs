// The trainers' studio is a page of its own: learners never download its code, old links to the
// app's embed builder land in it with their settings, it reads a custom deck's categories, and it
// works offline like the app. Every text and wasm file also ships precompressed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { suite, serve, open, respond, sel, problems, screenshot, goOffline, ROOT, DIST, PHONE } from "./harness.mjs";

const ctx = suite();
let decks;
before(async () => {
  decks = await serve({
    dirs: { "/decks/": path.join(ROOT, "tests/decks/valid") },
    routes: { "/broken.json": respond('{"format": 1, "id": "x", ') },
    name: "localhost",
  });
});
after(() => decks?.close());

// The plain app's wasm (not the one for LMS launches, which sits beside it).
const wasmOf = (dir) => readdirSync(dir).find((f) => f.endsWith("_bg.wasm") && !f.startsWith("rolecall-lms-"));
const lmsWasm = () => readdirSync(DIST).find((f) => /^rolecall-lms-[0-9a-f]+_bg\.wasm$/.test(f));

test("learners never download the studio: not on any screen, not in the app's wasm", async (t) => {
  const server = await serve();
  t.after(() => server.close());
  const s = await open(t, ctx.browser, server.appUrl);
  const page = s.page;
  for (const [nav, testid] of [["nav-quiz", "quiz-start"], ["nav-flashcards", "cards-home"], ["nav-progress", "stats"]]) {
    await page.click(sel(nav));
    await page.waitForSelector(sel(testid));
  }
  await page.evaluate(() => navigator.serviceWorker.ready);
  // The service worker precaches the studio for offline use, in the background; the page itself
  // asks for nothing of it.
  const pageRequests = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname));
  assert.deepEqual(pageRequests.filter((p) => p.includes("/studio/")), [], "the page requested studio files");
  // The builder's words are in the studio's wasm and not in the learner's.
  const learner = readFileSync(path.join(DIST, wasmOf(DIST)));
  const studio = readFileSync(path.join(DIST, "studio", wasmOf(path.join(DIST, "studio"))));
  for (const words of ["Copy snippet", "Live preview", "Which attempt counts", "Download for your LMS", "adlcp:masteryscore", "CourseStructure.xsd"]) {
    assert.ok(studio.includes(words), `${words} in the studio`);
    assert.ok(!learner.includes(words), `${words} not in the learner's app`);
  }
  assert.ok(learner.length < studio.length * 3, "sanity: both are real builds");
  // Nor the LMS run-time, which only the app for LMS launches carries.
  assert.deepEqual(pageRequests.filter((p) => p.includes("rolecall-lms-")), [], "the page requested the LMS build");
  const lms = readFileSync(path.join(DIST, lmsWasm()));
  for (const words of ["API_1484_11", "LMS.LaunchData", "cmi.suspend_data", "Your answers are recorded in your course"]) {
    assert.ok(lms.includes(words), `${words} in the app for LMS launches`);
    assert.ok(!learner.includes(words), `${words} not in the plain app`);
  }
  assert.deepEqual(problems(s), []);
});

test("an old link to the app's embed builder opens the studio with the link's settings", async (t) => {
  const deck = `${decks.origin}/decks/four-categories.json`;
  const s = await open(t, ctx.browser, `${ctx.server.appUrl}?deck=${encodeURIComponent(deck)}&n=20#/embed?pass=80`, { viewport: PHONE });
  const page = s.page;
  await page.waitForSelector(sel("embed-builder"));
  const url = new URL(page.url());
  assert.equal(url.pathname, "/training/rolecall/studio/");
  assert.equal(url.searchParams.get("deck"), deck);
  assert.equal(url.searchParams.get("pass"), "80");
  // The form starts from those settings, and the categories are the custom deck's.
  assert.equal(await page.inputValue(sel("embed-n")), "20");
  assert.equal(await page.inputValue(sel("embed-pass")), "80");
  assert.equal(await page.inputValue(sel("embed-deck")), deck);
  await page.waitForSelector(sel("embed-tag-winter"));
  assert.match(await page.textContent(sel("embed-deck-note")), /categories of \u201cWhich season\?\u201d/);
  const snippet = await page.inputValue(sel("embed-snippet"));
  const src = new URL(snippet.match(/src="([^"]+)"/)[1].replaceAll("&amp;", "&"));
  assert.equal(src.origin + src.pathname, ctx.server.appUrl, "the snippet points at the learner's app, not the studio");
  assert.equal(src.searchParams.get("deck"), deck);
  // The preview is the learner's app with that deck.
  const preview = await (await page.$(sel("embed-preview"))).contentFrame();
  await preview.waitForSelector("html[data-ready]");
  await preview.waitForSelector(sel("quiz-start"));
  // Back to the app from the studio's own link, labelled in words even on a phone.
  const label = await page.$eval(`${sel("studio-app-link")} span`, (e) => [e.textContent, e.getBoundingClientRect().width]);
  assert.equal(label[0], "Open the app");
  assert.ok(label[1] > 40, `the label is ${label[1]} px wide`);
  await page.click(sel("studio-app-link"));
  await page.waitForSelector("html[data-ready]");
  assert.equal(new URL(page.url()).pathname, "/training/rolecall/");
  assert.deepEqual(problems(s), []);
});

test("the #/embed hash typed while the app runs offers the studio, and the footer links to it", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "?theme=dark");
  const page = s.page;
  const footer = await page.getAttribute(sel("studio-link"), "href");
  assert.equal(footer, "studio/?theme=dark", "the studio link carries the page's settings");
  await page.evaluate(() => (location.hash = "#/embed"));
  await page.waitForSelector(sel("moved-to-studio"));
  await page.click(`${sel("moved-to-studio")} button`);
  await page.waitForSelector(sel("embed-builder"));
  assert.equal(new URL(page.url()).pathname, "/training/rolecall/studio/");
  assert.equal(await page.getAttribute("html", "data-theme"), "dark");
  assert.deepEqual(problems(s), []);
});

test("the studio reads a custom deck's categories, and says when it cannot", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.studioUrl);
  const page = s.page;
  await page.waitForSelector(sel("embed-builder"));
  assert.match(await page.textContent(sel("embed-deck-note")), /built-in deck/);
  assert.ok(await page.$(sel("embed-tag-devops")));
  // The address field shows once "A deck file at an address" is the deck chosen.
  await page.selectOption(sel("embed-deck-choice"), "url");
  await page.fill(sel("embed-deck"), `${decks.origin}/decks/four-categories.json`);
  await page.press(sel("embed-deck"), "Tab");
  await page.waitForSelector(sel("embed-tag-winter"));
  assert.equal(await page.$(sel("embed-tag-devops")), null);
  await page.check(sel("embed-tag-winter"));
  assert.match(await page.inputValue(sel("embed-snippet")), /tags=winter/);
  await page.fill(sel("embed-deck"), `${decks.origin}/broken.json`);
  // While an address is typed, the snippet and preview keep the last one taken up.
  assert.match(await page.inputValue(sel("embed-snippet")), /four-categories\.json/);
  await page.press(sel("embed-deck"), "Tab");
  await page.waitForFunction(() => /could not be read/.test(document.querySelector('[data-testid="embed-deck-note"]').textContent));
  assert.ok(await page.$(sel("embed-tag-devops")), "the built-in deck's categories are back");
  // The reason is said at the deck field, and no snippet is offered for a deck that does not load.
  assert.match(await page.textContent("#deck-help"), /It does not load: .*not valid JSON/);
  assert.equal(await page.getAttribute(sel("embed-deck"), "aria-invalid"), "true");
  assert.equal(await page.$(sel("embed-snippet")), null);
  assert.match(await page.textContent(sel("embed-not-ready")), /Deck file address: It does not load/);
  await page.waitForSelector(sel("embed-preview-problems"));
  assert.match(await page.textContent(sel("embed-preview-problems")), /broken\.json could not be used/);
  assert.doesNotMatch(await page.textContent(sel("embed-preview-problems")), /Ignored tags/);
  await screenshot(page, "studio-deck-failed");
  assert.deepEqual(s.errors, []);
});

test("after a visit to the app, the studio and the app both work offline, each as itself", async (t) => {
  const server = await serve();
  t.after(() => server.close());
  const s = await open(t, ctx.browser, server.appUrl);
  const page = s.page;
  await goOffline(s);
  await page.goto(server.studioUrl + "?n=10");
  await page.waitForSelector(sel("embed-builder"));
  const preview = await (await page.$(sel("embed-preview"))).contentFrame();
  await preview.waitForSelector(sel("quiz-start"));
  await page.goto(server.appUrl + "#/stats");
  await page.waitForSelector(sel("stats"));
  await page.goto(server.appUrl + "index.html");
  await page.waitForSelector(sel("home"));
  assert.equal(await page.$(sel("embed-builder")), null);
});

test("every text and wasm file ships precompressed, and hosts that serve those copies work", async (t) => {
  const compressible = /\.(html|js|css|wasm|json|svg|webmanifest)$/;
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (compressible.test(name)) files.push(p);
    }
  };
  walk(DIST);
  assert.ok(files.length >= 10);
  for (const file of files) {
    const bytes = readFileSync(file);
    const rel = path.relative(DIST, file);
    if (bytes.length < 200) continue;
    assert.ok(zlib.gunzipSync(readFileSync(file + ".gz")).equals(bytes), `${rel}.gz`);
    assert.ok(zlib.brotliDecompressSync(readFileSync(file + ".br")).equals(bytes), `${rel}.br`);
  }
  const server = await serve();
  t.after(() => server.close());
  const s = await open(t, ctx.browser, server.appUrl);
  await s.page.waitForSelector(sel("home"));
  const wasm = wasmOf(DIST);
  assert.ok(server.precompressed.includes(wasm), "the wasm was sent from its .br file");
  assert.ok(server.precompressed.includes("index.html") || server.precompressed.some((p) => p.endsWith(".css")));
  assert.deepEqual(problems(s), []);
});
