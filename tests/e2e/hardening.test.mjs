// Hostile and broken input: a panic shows a readable panel instead of a frozen page, deck and
// URL text is only ever text, and every URL parameter survives empty, huge, negative,
// non-numeric, script and unicode values.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { serve, launch, open, problems, respond, TAG_OF } from "./harness.mjs";

let server, browser;
const PAYLOADS = ['<script>window.__pwned=1</script>', '<img src=x onerror="window.__pwned=1">', '"><svg onload=window.__pwned=1>', "{{7*7}} ${7*7}"];
const hostile = (i) => `${PAYLOADS[i % PAYLOADS.length]} ${i}`;
const xssDeck = {
  format: 1,
  id: "hostile",
  title: hostile(0),
  description: hostile(1),
  language: "en",
  source: { title: hostile(2), author: hostile(3), date: "2024-01-01", url: 'https://example.org/"><script>window.__pwned=1</script>' },
  categories: [
    { id: "alpha", label: "<b>A</b>", description: hostile(5) },
    { id: "beta", label: "<i>B</i>", description: hostile(6) },
  ],
  statements: Array.from({ length: 4 }, (_, i) => ({
    id: `s${i}`,
    text: hostile(i + 7),
    tag: i % 2 ? "beta" : "alpha",
    explanation: hostile(i + 8),
    quote: hostile(i + 9),
  })),
};

before(async () => {
  server = await serve({ routes: { "/decks/hostile.json": respond(JSON.stringify(xssDeck)) } });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const ENABLE_TEST_HOOKS = () => {
  window.__rolecallTestHooks = true;
};

test("a panic shows a readable error panel with reload and export, instead of a frozen page", async () => {
  const s = await open(browser, server.appUrl + "#/cards", { init: [ENABLE_TEST_HOOKS], context: { acceptDownloads: true } });
  const page = s.page;
  await page.click('[data-testid="start-study"]');
  await page.click('[data-testid="flip"]');
  await page.click('[data-testid="grade-good"]');
  const stored = await page.evaluate(() => localStorage.getItem("rolecall.progress"));
  await page.evaluate(() => dispatchEvent(new Event("rolecall-test-panic")));
  await page.waitForSelector('[data-testid="crash-panel"]');
  assert.equal(await page.textContent("#crash-title"), "Something went wrong");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "crash-title", "focus moves to the panel");
  assert.equal(await page.getAttribute('[data-testid="crash-panel"]', "role"), "alert");
  assert.equal(await page.isVisible(".app"), false, "the frozen app is hidden");
  assert.match(await page.textContent('[data-testid="crash-panel"] pre'), /test panic requested by the browser test harness/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="crash-export"]')]);
  assert.equal(await readFile(await download.path(), "utf8"), stored, "the export is the stored progress, byte for byte");
  await page.click('[data-testid="crash-reload"]');
  await page.waitForSelector("html[data-ready]");
  assert.equal(await page.$('[data-testid="crash-panel"]'), null);
  assert.equal(await page.evaluate(() => localStorage.getItem("rolecall.progress")), stored, "nothing was lost");
  await s.close();
});

test("without the harness's flag, the test panic event does nothing", async () => {
  const s = await open(browser, server.appUrl);
  await s.page.evaluate(() => dispatchEvent(new Event("rolecall-test-panic")));
  await s.page.waitForSelector('[data-testid="home"]');
  assert.equal(await s.page.$('[data-testid="crash-panel"]'), null);
  assert.deepEqual(problems(s), []);
  await s.close();
});

test("a deck whose every field holds HTML and script renders it literally and runs nothing", async () => {
  const s = await open(browser, `${server.appUrl}?deck=${encodeURIComponent(server.origin + "/decks/hostile.json")}`, {
    init: [() => document.addEventListener("securitypolicyviolation", (e) => (window.__violations = (window.__violations || []).concat(e.violatedDirective)))],
  });
  const page = s.page;
  await page.waitForSelector('[data-testid="home"]');
  assert.ok((await page.textContent('[data-testid="home"]')).includes(xssDeck.description));
  assert.equal(await page.title(), `RoleCall: ${xssDeck.title}`);
  const link = await page.getAttribute('[data-testid="attribution"] a', "href");
  assert.equal(link, xssDeck.source.url, "the URL is an attribute value, not markup");
  await page.click('[data-testid="enter-quiz"]');
  await page.click('[data-testid="length-all"]');
  await page.click('[data-testid="start-quiz"]');
  for (let i = 0; i < 4; i++) {
    const id = await page.getAttribute('[data-testid="statement"]', "data-id");
    const st = xssDeck.statements.find((x) => x.id === id);
    assert.equal((await page.textContent('[data-testid="statement"]')).trim(), st.text);
    await page.click(`[data-testid="tag-${i % 2 ? st.tag : st.tag === "alpha" ? "beta" : "alpha"}"]`);
    assert.equal(await page.textContent('[data-testid="explanation"]'), st.explanation);
    await page.click('[data-testid="next"]');
  }
  await page.waitForSelector('[data-testid="results"]');
  await page.click('[data-testid="study-missed"]');
  await page.click('[data-testid="flip"]');
  // Nothing ran, no element came from deck text, no policy was violated.
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.$$eval(".app img, .app script, .app b, .app i", (els) => els.length), 0);
  assert.equal(await page.evaluate(() => window.__violations), undefined);
  assert.deepEqual(problems(s), []);
  await s.close();
});

/** Every parameter with values a careless or hostile link could carry. */
function hostileParams() {
  const values = ["", " ", "-1", "0", "1e3", "NaN", "Infinity", "0x10", "99999999999999999999999", "x".repeat(10000), "<script>window.__pwned=1</script>", "javascript:window.__pwned=1", "%00", "\u202egnp.evil", "😀".repeat(50), "\\u0000", "null", "[object Object]", "../../etc/passwd"];
  const params = ["mode", "n", "seed", "pass", "tags", "deck", "embed", "theme", "parentOrigin"];
  return params.flatMap((p) => values.map((v) => [p, v]));
}

test("every URL parameter survives empty, huge, negative, non-numeric, script and unicode values", async () => {
  const cases = hostileParams();
  const s = await open(browser, null);
  const page = s.page;
  let notices = 0;
  for (const [param, value] of cases) {
    const url = `${server.appUrl}?${param}=${encodeURIComponent(value)}#/quiz`;
    await page.goto(url);
    await page.waitForSelector("html[data-ready]");
    // The app is usable: a quiz start screen (or the deck loading/error screen for deck=).
    await page.waitForSelector('[data-testid="quiz-start"], [data-testid="deck-error"], [data-testid="cards-home"]', { timeout: 10000 });
    notices += (await page.$$('[data-testid^="notice-param-"]')).length;
    const notice = await page.$(`[data-testid="notice-param-${param}"]`);
    if (notice) {
      const text = await notice.textContent();
      assert.ok(text.startsWith(`Ignored ${param}=`), text);
      assert.ok(text.length < 300, `notice for ${param} is bounded (${text.length} chars)`);
    }
    assert.equal(await page.evaluate(() => window.__pwned), undefined, `${param}=${value.slice(0, 20)}`);
  }
  assert.ok(notices > cases.length / 2, `most hostile values give a notice (${notices} of ${cases.length})`);
  assert.deepEqual(problems(s).filter((p) => !p.includes("Failed to load resource")), []);
  console.log(`# hostile URL parameters: ${cases.length} cases tried, ${notices} notices shown, 0 failures`);
  await s.close();
});

test("a saved quiz that no longer fits the deck is reported, not silently dropped", async () => {
  const s = await open(browser, server.appUrl + "#/quiz");
  const page = s.page;
  await page.click('[data-testid="length-10"]');
  await page.click('[data-testid="start-quiz"]');
  const id = await page.getAttribute('[data-testid="statement"]', "data-id");
  await page.click(`[data-testid="tag-${TAG_OF[id]}"]`);
  // Rename the saved quiz's first statement, as if the deck had changed since.
  await page.evaluate(() => {
    const p = JSON.parse(localStorage.getItem("rolecall.progress"));
    p.decks["devops-vs-platform"].quiz.items[0] = "no-such-statement";
    localStorage.setItem("rolecall.progress", JSON.stringify(p));
  });
  await page.reload();
  await page.waitForSelector('[data-testid="quiz-start"]');
  assert.match(await page.textContent('[data-testid="notice-quiz-not-resumed"]'), /unfinished quiz could not be resumed: this deck has changed/);
  // Kept in storage until a new quiz replaces it.
  const kept = await page.evaluate(() => JSON.parse(localStorage.getItem("rolecall.progress")).decks["devops-vs-platform"].quiz);
  assert.equal(kept.items[0], "no-such-statement");
  await page.click('[data-testid="start-quiz"]');
  await page.waitForSelector('[data-testid="statement"]');
  assert.equal(await page.$('[data-testid="notice-quiz-not-resumed"]'), null, "gone once a new quiz starts");
  assert.deepEqual(problems(s), []);
  await s.close();
});
