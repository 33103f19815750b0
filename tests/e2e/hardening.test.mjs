// Hostile and broken input: a panic shows a readable panel instead of a frozen page, deck and
// URL text is only ever text, and every URL parameter survives empty, huge, negative,
// non-numeric, script and unicode values.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { suite, open, problems, respond, storedProgress, collectViolations, startQuiz, currentStatement, nextQuestion, startStudy, flipCard, sel, PROGRESS_KEY, TAG_OF } from "./harness.mjs";

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

const ctx = suite({ routes: { "/decks/hostile.json": respond(JSON.stringify(xssDeck)) } });

const ENABLE_TEST_HOOKS = () => {
  window.__rolecallTestHooks = true;
};

test("a panic shows a readable error panel with reload and export, instead of a frozen page", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/cards", { init: [ENABLE_TEST_HOOKS], context: { acceptDownloads: true } });
  const page = s.page;
  await page.click(sel("start-study"));
  await page.click(sel("flip"));
  await page.click(sel("grade-good"));
  // The grade is saved before the panic, so the export has something to keep.
  await page.waitForFunction((key) => Object.keys(JSON.parse(localStorage.getItem(key))?.decks?.["devops-vs-platform"]?.cards?.cards ?? {}).length === 1, PROGRESS_KEY);
  const stored = await storedProgress(page);
  await page.evaluate(() => dispatchEvent(new Event("rolecall-test-panic")));
  await page.waitForSelector(sel("crash-panel"));
  assert.equal(await page.textContent("#crash-title"), "Something went wrong");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "crash-title", "focus moves to the panel");
  assert.equal(await page.getAttribute(sel("crash-panel"), "role"), "alert");
  assert.equal(await page.isVisible(".app"), false, "the frozen app is hidden");
  assert.match(await page.textContent('[data-testid="crash-panel"] pre'), /test panic requested by the browser test harness/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(sel("crash-export"))]);
  assert.equal(await readFile(await download.path(), "utf8"), stored, "the export is the stored progress, byte for byte");
  await page.click(sel("crash-reload"));
  await page.waitForSelector("html[data-ready]");
  assert.equal(await page.$(sel("crash-panel")), null);
  assert.equal(await storedProgress(page), stored, "nothing was lost");
});

test("without the harness's flag, the test panic event does nothing", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl);
  await s.page.evaluate(() => dispatchEvent(new Event("rolecall-test-panic")));
  await s.page.waitForSelector(sel("home"));
  assert.equal(await s.page.$(sel("crash-panel")), null);
  assert.deepEqual(problems(s), []);
});

test("a deck whose every field holds HTML and script renders it literally and runs nothing", async (t) => {
  const s = await open(t, ctx.browser, `${ctx.server.appUrl}?deck=${encodeURIComponent(ctx.server.origin + "/decks/hostile.json")}`, {
    init: [collectViolations],
  });
  const page = s.page;
  await page.waitForSelector(sel("home"));
  assert.ok((await page.textContent(sel("home"))).includes(xssDeck.description));
  assert.equal(await page.title(), `RoleCall: ${xssDeck.title}`);
  const link = await page.getAttribute('[data-testid="attribution"] a', "href");
  assert.equal(link, xssDeck.source.url, "the URL is an attribute value, not markup");
  await page.click(sel("enter-quiz"));
  await startQuiz(page, "all");
  for (let i = 0; i < 4; i++) {
    const id = await currentStatement(page);
    const st = xssDeck.statements.find((x) => x.id === id);
    assert.equal((await page.textContent(sel("statement"))).trim(), st.text);
    await page.click(sel(`tag-${i % 2 ? st.tag : st.tag === "alpha" ? "beta" : "alpha"}`));
    assert.equal(await page.textContent(sel("explanation")), st.explanation);
    await nextQuestion(page, id);
  }
  await page.waitForSelector(sel("results"));
  await page.click(sel("study-missed"));
  await page.click(sel("flip"));
  // Nothing ran, no element came from deck text, no policy was violated.
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.$$eval(".app img, .app script, .app b, .app i", (els) => els.length), 0);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(problems(s), []);
});

/** Every parameter with values a careless or hostile link could carry. */
function hostileParams() {
  const values = ["", " ", "-1", "0", "1e3", "NaN", "Infinity", "0x10", "99999999999999999999999", "x".repeat(10000), "<script>window.__pwned=1</script>", "javascript:window.__pwned=1", "%00", "\u202egnp.evil", "😀".repeat(50), "\\u0000", "null", "[object Object]", "../../etc/passwd"];
  const params = ["mode", "n", "seed", "pass", "tags", "deck", "embed", "theme", "parentOrigin", "lock", "nav", "attempts", "grade"];
  return params.flatMap((p) => values.map((v) => [p, v]));
}

test("every URL parameter survives empty, huge, negative, non-numeric, script and unicode values", async (t) => {
  const cases = hostileParams();
  const s = await open(t, ctx.browser, null);
  const page = s.page;
  let notices = 0;
  for (const [param, value] of cases) {
    const url = `${ctx.server.appUrl}?${param}=${encodeURIComponent(value)}#/quiz`;
    await page.goto(url);
    await page.waitForSelector("html[data-ready]");
    // The app is usable: a quiz start screen (or the deck loading/error screen for deck=).
    await page.waitForSelector('[data-testid="quiz-start"], [data-testid="deck-error"], [data-testid="cards-home"]', { timeout: 10000 });
    notices += (await page.$$('[data-testid^="notice-param-"]')).length;
    const notice = await page.$(sel(`notice-param-${param}`));
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
});

test("a saved quiz that no longer fits the deck is reported, not silently dropped", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/quiz");
  const page = s.page;
  await startQuiz(page, 10);
  const id = await currentStatement(page);
  await page.click(sel(`tag-${TAG_OF[id]}`));
  // The answer is saved (so no later save can undo the edit below).
  await page.waitForFunction((key) => JSON.parse(localStorage.getItem(key))?.decks?.["devops-vs-platform"]?.quiz?.answers?.length === 1, PROGRESS_KEY);
  // Rename the saved quiz's first statement, as if the deck had changed since.
  await page.evaluate((key) => {
    const p = JSON.parse(localStorage.getItem(key));
    p.decks["devops-vs-platform"].quiz.items[0] = "no-such-statement";
    localStorage.setItem(key, JSON.stringify(p));
  }, PROGRESS_KEY);
  await page.reload();
  await page.waitForSelector(sel("quiz-start"));
  assert.match(await page.textContent(sel("notice-quiz-not-resumed")), /unfinished quiz could not be resumed: this deck has changed/);
  // Kept in storage until a new quiz replaces it.
  const kept = JSON.parse(await storedProgress(page)).decks["devops-vs-platform"].quiz;
  assert.equal(kept.items[0], "no-such-statement");
  await page.click(sel("start-quiz"));
  await page.waitForSelector(sel("statement"));
  assert.equal(await page.$(sel("notice-quiz-not-resumed")), null, "gone once a new quiz starts");
  assert.deepEqual(problems(s), []);
});

test("progress saved with the deck's first edition: kept statements keep their schedules, a removed statement's are kept in storage, its unfinished quiz is reported", async (t) => {
  // An id of the first edition that the second no longer has.
  const REMOVED = "scenario-resume-tools";
  assert.equal(TAG_OF[REMOVED], undefined);
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/cards");
  const page = s.page;
  await startStudy(page);
  await flipCard(page);
  await page.click(sel("grade-good"));
  const deckOf = (raw) => JSON.parse(raw).decks["devops-vs-platform"];
  await page.waitForFunction((key) => Object.keys(JSON.parse(localStorage.getItem(key))?.decks?.["devops-vs-platform"]?.cards?.cards ?? {}).length === 1, PROGRESS_KEY);
  const [studied, schedule] = Object.entries(deckOf(await storedProgress(page)).cards.cards)[0];
  assert.ok(TAG_OF[studied], `${studied} is in the deck`);
  // As the first edition left it: a schedule for the removed statement, and a quiz under way
  // that asks it.
  await page.goto(ctx.server.appUrl + "#/quiz");
  await startQuiz(page, 10);
  const first = await currentStatement(page);
  await page.click(sel(`tag-${TAG_OF[first]}`));
  await page.waitForFunction((key) => JSON.parse(localStorage.getItem(key))?.decks?.["devops-vs-platform"]?.quiz?.answers?.length === 1, PROGRESS_KEY);
  await page.evaluate(([key, removed]) => {
    const p = JSON.parse(localStorage.getItem(key));
    const d = p.decks["devops-vs-platform"];
    d.cards.cards[removed] = structuredClone(Object.values(d.cards.cards)[0]);
    d.quiz.items[1] = removed;
    localStorage.setItem(key, JSON.stringify(p));
  }, [PROGRESS_KEY, REMOVED]);
  await page.reload();
  await page.waitForSelector(sel("quiz-start"));
  assert.match(await page.textContent(sel("notice-quiz-not-resumed")), /this deck has changed since it was saved/);
  // Studying on: the kept statement's schedule is the one it had; the removed statement's stays
  // in storage, untouched, through every save.
  await page.goto(ctx.server.appUrl + "#/cards");
  await startStudy(page);
  await flipCard(page);
  await page.click(sel("grade-good"));
  await page.waitForFunction((key) => Object.keys(JSON.parse(localStorage.getItem(key))?.decks?.["devops-vs-platform"]?.cards?.cards ?? {}).length === 3, PROGRESS_KEY);
  const after = deckOf(await storedProgress(page)).cards.cards;
  assert.deepEqual(after[studied], schedule, "the kept statement's schedule is unchanged");
  assert.deepEqual(after[REMOVED], schedule, "the removed statement's schedule is kept as it was");
  assert.deepEqual(problems(s), []);
});
