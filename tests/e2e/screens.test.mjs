// Screenshots of every screen at phone and desktop widths, in the light and dark themes, into
// artifacts/screens/<width>-<theme>-<screen>.png, each checked for horizontal overflow; and at
// 320 px, the screens a learner goes through checked for overflow and 44 x 44 px touch targets.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, settle, notFound, open, screenshot, answer, startQuiz, nextQuestion, startStudy, flipCard, setNewPerDay, sel, SCHEMES, goTo } from "./harness.mjs";

// One origin serves the app and a deck URL that answers 404, for the deck error screen.
const ctx = suite({ routes: { "/decks/missing.json": notFound() } });

const SIZES = [
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1280, height: 800 },
];

async function overflow(page) {
  return page.evaluate(() => {
    const d = document.documentElement;
    const wide = [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > d.clientWidth + 0.5 && !e.closest(".sr-only, .visually-hidden-input, .table-wrap"))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")} right=${Math.round(e.getBoundingClientRect().right)}`);
    // Scroll areas inside the page (the confusion matrix) should fit too.
    const inner = [...document.querySelectorAll(".table-wrap, .problems")]
      .filter((e) => e.scrollWidth > e.clientWidth + 1)
      .map((e) => `.${e.className} scrolls sideways (${e.scrollWidth} > ${e.clientWidth})`);
    return { scroll: d.scrollWidth, client: d.clientWidth, wide, inner };
  });
}

/** Settles, saves a full-page screenshot, and checks there is no horizontal scrolling. */
async function shot(page, name, problems) {
  // The pointer rests in a corner, so no hover styles show in the pictures.
  await page.mouse.move(0, 0);
  await settle(page);
  await screenshot(page, name);
  const o = await overflow(page);
  if (o.scroll > o.client) problems.push(`${name}: scrollWidth ${o.scroll} > clientWidth ${o.client} (${o.wide.join(", ")})`);
  for (const i of o.inner) problems.push(`${name}: ${i}`);
}

/** Clicks Next on the last question's feedback and waits for the results. */
async function toResults(page) {
  await page.click(sel("next"));
  await page.waitForSelector(sel("results"));
}

for (const size of SIZES) {
  for (const scheme of SCHEMES) {
    const tag = `${size.width}-${scheme}`;
    test(`screens at ${size.width}px, ${scheme}`, async (t) => {
      const problems = [];
      const s = await open(t, ctx.browser, ctx.server.appUrl + "?seed=5", { viewport: size, colorScheme: scheme });
      const page = s.page;
      await shot(page, `${tag}-home`, problems);
      await page.click(sel("enter-quiz"));
      await page.waitForSelector(sel("quiz-start"));
      await shot(page, `${tag}-quiz-start`, problems);
      await startQuiz(page, 10);
      await shot(page, `${tag}-question`, problems);
      await page.keyboard.press("?");
      await page.waitForSelector("dialog[open]");
      await shot(page, `${tag}-help`, problems);
      await page.keyboard.press("Escape");
      await page.waitForSelector("dialog:not([open])", { state: "attached" });
      let id = await answer(page, false);
      await shot(page, `${tag}-feedback-wrong`, problems);
      await nextQuestion(page, id);
      id = await answer(page, true);
      await shot(page, `${tag}-feedback-right`, problems);
      for (let i = 2; i < 10; i++) {
        await nextQuestion(page, id);
        id = await answer(page, i % 3 !== 0);
      }
      await toResults(page);
      await shot(page, `${tag}-results`, problems);

      await goTo(page, "flashcards");
      await page.waitForSelector(sel("cards-home"));
      await shot(page, `${tag}-cards-home`, problems);
      await setNewPerDay(page, 1);
      await startStudy(page);
      await shot(page, `${tag}-card-front`, problems);
      await flipCard(page);
      await shot(page, `${tag}-card-back`, problems);
      await page.click(sel("grade-easy"));
      await page.waitForSelector(sel("cards-done"));
      await shot(page, `${tag}-cards-done`, problems);

      await goTo(page, "progress");
      await page.waitForSelector(sel("stats"));
      await shot(page, `${tag}-stats`, problems);

      // The studio, from the footer's link for trainers.
      await page.click(sel("brand"));
      await page.click(sel("studio-link"));
      await page.waitForSelector(sel("embed-builder"));
      const preview = await page.waitForSelector(sel("embed-preview"));
      await preview.scrollIntoViewIfNeeded();
      await (await preview.contentFrame()).waitForSelector("html[data-ready]");
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, `${tag}-embed-builder`, problems);
      await s.close();

      const e = await open(t, ctx.browser, `${ctx.server.appUrl}?deck=${encodeURIComponent(ctx.server.origin + "/decks/missing.json")}`, { viewport: size, colorScheme: scheme });
      await e.page.waitForSelector(sel("deck-error"));
      await shot(e.page, `${tag}-error`, problems);

      assert.deepEqual(problems, [], "no horizontal overflow");
    });
  }
}

for (const scheme of SCHEMES) {
  test(`the embed in a 400px frame, ${scheme}`, async (t) => {
    const problems = [];
    const s = await open(t, ctx.browser, ctx.server.appUrl + "?embed=1&seed=5", { viewport: { width: 400, height: 700 }, colorScheme: scheme });
    const page = s.page;
    await shot(page, `400-${scheme}-embed`, problems);
    if (await page.$(sel("start-quiz"))) {
      await page.click(sel("start-quiz"));
      await page.waitForSelector(sel("statement"));
    }
    await shot(page, `400-${scheme}-embed-question`, problems);
    await answer(page, false);
    await shot(page, `400-${scheme}-embed-feedback`, problems);
    assert.deepEqual(problems, [], "no horizontal overflow");
  });
}

/**
 * Interactive elements a learner touches whose target is smaller than `min` px either way. An
 * input inside a label counts the label (the whole label is the target); links inside running
 * text are exempt (WCAG 2.5.8's inline exception); hidden and off-screen elements are skipped.
 */
function smallTargets(min) {
  const out = [];
  let checked = 0;
  const els = document.querySelectorAll('a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"]');
  const blockOf = (el) => {
    let n = el.parentElement;
    while (n && getComputedStyle(n).display.startsWith("inline")) n = n.parentElement;
    return n;
  };
  for (const el of els) {
    if (el.closest("[inert], [aria-hidden='true']")) continue;
    const box = el.tagName === "INPUT" && el.closest("label") ? el.closest("label") : el;
    if (el.tagName === "A" && getComputedStyle(el).display === "inline") {
      const block = blockOf(el);
      if (block && block.textContent.trim().length > el.textContent.trim().length) continue;
    }
    const r = box.getBoundingClientRect();
    const st = getComputedStyle(box);
    if (r.width === 0 || r.height === 0 || st.visibility === "hidden" || r.bottom + scrollY <= 0 || r.right + scrollX <= 0) continue;
    checked++;
    if (r.width < min - 0.5 || r.height < min - 0.5) {
      const name = el.dataset.testid || el.getAttribute("aria-label") || el.textContent.trim().slice(0, 30) || el.tagName;
      out.push(`${name} (${el.tagName.toLowerCase()}): ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
  }
  return { checked, small: out };
}

test("at 320px: no overflow and every target at least 44 x 44 px", async (t) => {
  const problems = [];
  const small = [];
  const s = await open(t, ctx.browser, ctx.server.appUrl + "?seed=5", { viewport: { width: 320, height: 640 }, colorScheme: "light" });
  const page = s.page;
  const check = async (name) => {
    await shot(page, `320-light-${name}`, problems);
    const r = await page.evaluate(smallTargets, 44);
    // (At 320 px the home screen has four: the name, the menu and the two ways in.)
    assert.ok(r.checked >= 4, `${name}: measured ${r.checked} targets`);
    for (const t of r.small) small.push(`${name}: ${t}`);
  };
  await check("home");
  await page.click(sel("menu-button"));
  await page.waitForSelector(sel("menu"));
  await check("menu");
  await page.keyboard.press("Escape");
  await page.waitForSelector(sel("menu"), { state: "detached" });
  await page.click(sel("enter-quiz"));
  await startQuiz(page, 10);
  await check("question");
  let id = await answer(page, false);
  await check("feedback");
  for (let i = 1; i < 10; i++) {
    await nextQuestion(page, id);
    id = await answer(page, i % 2 === 0);
  }
  await toResults(page);
  await check("results");
  await goTo(page, "flashcards");
  await startStudy(page);
  await flipCard(page);
  await check("card-back");
  assert.deepEqual(problems, [], "no horizontal overflow at 320px");
  assert.deepEqual(small, [], `targets smaller than 44 x 44 px at 320px:\n  ${small.join("\n  ")}`);
});

/** Whether two boxes overlap (touching edges do not count). */
const overlap = (a, b) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

test("layout: one width for every screen, icon tiles unsqueezed, labels clear of what they label", async (t) => {
  for (const size of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    const s = await open(t, ctx.browser, ctx.server.appUrl + "?seed=5", { viewport: size });
    const page = s.page;
    const width = async () => (await page.locator("main .screen").first().boundingBox()).width;
    // The skip link, when focused, covers nothing of the masthead.
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link");
    const skip = await page.locator(".skip-link").boundingBox();
    // It covers the masthead's parts whole, or not at all, and never the page's heading.
    const inside = (a, b) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.width <= b.x + b.width + 0.5 && a.y + a.height <= b.y + b.height + 0.5;
    for (const what of [".masthead .logo", ".masthead .brand", size.width > 640 ? sel("nav-quiz") : sel("menu-button")]) {
      const box = await page.locator(what).boundingBox();
      assert.ok(!overlap(skip, box) || inside(box, skip), `${size.width}px: the focused skip link covers ${what} whole or not at all`);
    }
    assert.ok(!overlap(skip, await page.locator("main h1").boundingBox()), `${size.width}px: the focused skip link is clear of the heading`);
    await page.keyboard.press("Escape");
    const widths = { home: await width() };
    const tiles = await page.$$eval(".entry-icon", (els) => els.map((e) => [e.getBoundingClientRect().width, e.getBoundingClientRect().height]));
    assert.ok(tiles.length >= 2);
    for (const [w, h] of tiles) assert.deepEqual([w, h], [48, 48], `${size.width}px: entry icon tiles are 48 x 48`);
    await page.click(sel("enter-quiz"));
    await startQuiz(page, 10);
    widths.quiz = await width();
    let id;
    for (let i = 0; i < 10; i++) {
      if (i) await nextQuestion(page, id);
      id = await answer(page, i % 3 !== 0);
    }
    await toResults(page);
    widths.results = await width();
    // The article's date never breaks across lines in a quote's attribution.
    const dates = await page.$$eval(".quote cite .nowrap", (els) => els.map((e) => [e.textContent, e.getClientRects().length]));
    assert.ok(dates.length > 0, "the missed statements show their quotes");
    for (const [text, lines] of dates) assert.equal(lines, 1, `${size.width}px: ${text} on one line`);
    // The pass mark's label sits beside its dashed line, not on it.
    const [label, line] = [await page.locator(".pass-label").boundingBox(), await page.locator(".pass-line").boundingBox()];
    assert.ok(!overlap(label, { ...line, y: line.y - 1, height: line.height + 2 }), `${size.width}px: "pass 70%" is clear of its line`);
    await goTo(page, "progress");
    await page.waitForSelector(sel("stats"));
    widths.progress = await width();
    for (const [screen, w] of Object.entries(widths)) assert.equal(w, widths.home, `${size.width}px: ${screen} is as wide as home (${JSON.stringify(widths)})`);
    await s.close();
  }
});
