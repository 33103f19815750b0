// Accessibility in a real browser against the release build: axe-core (WCAG 2.0/2.1/2.2 A and AA)
// on every screen and state in the light and dark themes, focus appearance measured from computed
// styles, a keyboard-only quiz and study session with focus checked at every step, the help
// dialog and the single-key shortcut switch, landmarks of structure (one h1, a labelled answer
// group, a live region), and reduced motion.
import { test } from "node:test";
import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import {
  suite,
  settle,
  notFound,
  open,
  currentStatement,
  answer,
  startQuiz,
  nextStatement,
  nextQuestion,
  startStudy,
  flipCard,
  setNewPerDay,
  focused,
  tabTo,
  frames,
  blockStorage,
  wrongTag,
  sel,
  CATS,
  SCHEMES,
  TAG_OF,
  DESKTOP,
  goTo,
} from "./harness.mjs";

// One origin serves the app and a deck URL that answers 404, for the deck error screen.
const ctx = suite({ routes: { "/decks/missing.json": notFound() } });

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Collects axe violations and structural problems per state, and reports them all at once. */
class Audit {
  constructor(scheme) {
    this.scheme = scheme;
    this.found = [];
    this.scanned = [];
  }
  async check(page, label, { h1 = 1 } = {}) {
    await settle(page);
    this.scanned.push(label);
    const h1s = await page.$$eval("h1", (els) => els.length);
    if (h1s !== h1) this.found.push(`${label} [${this.scheme}]: ${h1s} h1 elements, expected ${h1}`);
    const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    for (const v of result.violations) {
      const nodes = v.nodes
        .slice(0, 6)
        .map((n) => `      at ${n.target.join(" > ")}\n        ${(n.failureSummary || "").replace(/\n/g, "\n        ")}`)
        .join("\n");
      this.found.push(`${label} [${this.scheme}]: ${v.id} (${v.impact}) ${v.help}\n${nodes}${v.nodes.length > 6 ? `\n      ... and ${v.nodes.length - 6} more` : ""}`);
    }
  }
  done() {
    assert.ok(this.scanned.length > 0);
    assert.equal(this.found.length, 0, `\n${this.found.length} accessibility problems:\n\n${this.found.join("\n\n")}\n`);
  }
}

for (const scheme of SCHEMES) {
  test(`axe: home, quiz, feedback, results, embed builder and help [${scheme}]`, async (t) => {
    const audit = new Audit(scheme);
    const s = await open(t, ctx.browser, ctx.server.appUrl, { colorScheme: scheme });
    const page = s.page;
    await audit.check(page, "home");
    await page.click(sel("enter-quiz"));
    await page.waitForSelector(sel("quiz-start"));
    await audit.check(page, "quiz start");
    await startQuiz(page, 10);
    // Before the first answer: the live region is already in the page (so the first
    // announcement is read), and the answer buttons form a group named by the prompt.
    assert.equal(await page.$eval(sel("live"), (e) => e.getAttribute("aria-live")), "polite");
    const group = await page.$eval(sel("tag-picker"), (e) => ({
      role: e.getAttribute("role"),
      name: e.getAttribute("aria-label") || document.getElementById(e.getAttribute("aria-labelledby") || "")?.textContent?.trim() || "",
      buttons: e.querySelectorAll("button").length,
    }));
    assert.equal(group.role, "group");
    assert.ok(group.name.length > 3, `the answer group has an accessible name (got "${group.name}")`);
    assert.equal(group.buttons, CATS.length);
    const tree = await page.locator(sel("tag-picker")).ariaSnapshot();
    assert.ok(tree.startsWith(`- group ${JSON.stringify(group.name)}`), `the accessibility tree has the named group:\n${tree}`);
    await audit.check(page, "quiz question");
    const first = await answer(page, false);
    await audit.check(page, "quiz feedback (wrong)");
    await nextQuestion(page, first);
    let prev = await answer(page, true);
    await audit.check(page, "quiz feedback (right)");
    for (let i = 2; i < 10; i++) {
      await nextQuestion(page, prev);
      prev = await answer(page, i % 3 !== 0);
    }
    await page.click(sel("next"));
    await page.waitForSelector(sel("results"));
    await audit.check(page, "results");
    await page.click(sel("retry-missed"));
    await page.waitForSelector(sel("quiz-label"));
    await audit.check(page, "practice quiz");
    while (!(await page.$(sel("results")))) {
      const id = await answer(page, true);
      await page.click(sel("next"));
      await page.waitForSelector(`${sel("results")}, ${sel("statement")}:not([data-id="${id}"])`);
    }
    await page.waitForSelector(sel("counting-note"));
    await audit.check(page, "practice results");
    await page.goto(ctx.server.studioUrl);
    await page.waitForSelector(sel("embed-builder"));
    // One category ticked: the builder's warning is part of the audit.
    await page.check(sel("embed-tag-both"));
    await page.waitForSelector(sel("embed-tags-warning"));
    // (While the preview's new document loads, it may have no root element yet.)
    await page.waitForFunction(() => {
      const f = document.querySelector('[data-testid="embed-preview"]');
      return f.contentWindow.location.search.includes("tags=both") && f.contentDocument?.documentElement?.dataset.ready !== undefined;
    });
    await audit.check(page, "embed builder (with its preview frame and a warning)");
    // Wrong values said at their fields, and the list of what to put right in place of the snippet.
    await page.fill(sel("embed-pass"), "150");
    await page.selectOption(sel("embed-deck-choice"), "url");
    await page.fill(sel("embed-deck"), "not a url");
    await page.waitForSelector(sel("embed-not-ready"));
    await audit.check(page, "embed builder with wrong settings");
    await page.fill(sel("embed-pass"), "");
    await page.selectOption(sel("embed-deck-choice"), "");
    await page.check(sel("embed-kind-link"));
    await audit.check(page, "embed builder offering a link");
    // Sort mode, with its choice of what happens to wrong cards, and its start in the preview.
    await page.selectOption(sel("embed-mode"), "sort");
    await page.selectOption(sel("embed-retries"), "0");
    await page.waitForFunction(() => {
      const f = document.querySelector('[data-testid="embed-preview"]');
      return f.contentWindow.location.search.includes("retries=0") && f.contentDocument?.querySelector('[data-testid="sort-start"]');
    });
    await audit.check(page, "embed builder in sort mode");
    await page.click(sel("studio-app-link"));
    await page.waitForSelector("html[data-ready]");
    await goTo(page, "quiz");
    await page.waitForSelector(sel("quiz-start"));
    await page.keyboard.press("?");
    await page.waitForSelector("dialog[open]");
    await audit.check(page, "help dialog");
    audit.done();
  });

  test(`axe: flashcards home, faces in both modes, done, stats [${scheme}]`, async (t) => {
    const audit = new Audit(scheme);
    // Stats before anything is studied.
    const empty = await open(t, ctx.browser, ctx.server.appUrl + "#/stats", { colorScheme: scheme });
    await empty.page.waitForSelector(sel("stats"));
    await audit.check(empty.page, "stats (empty)");
    await empty.close();

    const s = await open(t, ctx.browser, ctx.server.appUrl + "#/cards", { colorScheme: scheme });
    const page = s.page;
    await page.waitForSelector(sel("cards-home"));
    await audit.check(page, "flashcards home");
    await startStudy(page);
    await audit.check(page, "card front (self-grade)");
    await flipCard(page);
    await audit.check(page, "card back (self-grade)");
    await page.click(sel("grade-good"));
    await page.waitForSelector('[data-testid="flashcard"][data-face="front"]');
    await flipCard(page);
    await page.click(sel("grade-again"));
    await page.waitForSelector('[data-testid="flashcard"][data-face="front"]');
    await page.click(sel("end-study"));
    await page.waitForSelector(sel("cards-home"));
    await page.check(sel("mode-answer-first"));
    await audit.check(page, "flashcards home (answer-first selected)");
    await startStudy(page);
    await audit.check(page, "card front (answer-first)");
    await page.click(sel(`tag-${CATS[1]}`));
    await page.waitForSelector('[data-testid="flashcard"][data-face="back"]');
    await audit.check(page, "card back (answer-first)");
    await goTo(page, "progress");
    await page.waitForSelector(sel("stats"));
    await audit.check(page, "stats (after grading)");
    await s.close();

    // The done screen: one new card a day, graded Easy.
    const d = await open(t, ctx.browser, ctx.server.appUrl + "#/cards", { colorScheme: scheme });
    await d.page.waitForSelector(sel("cards-home"));
    await setNewPerDay(d.page, 1);
    await startStudy(d.page);
    await flipCard(d.page);
    await d.page.click(sel("grade-easy"));
    await d.page.waitForSelector(sel("cards-done"));
    await audit.check(d.page, "cards done");
    audit.done();
  });

  test(`axe: notices, blocked storage, deck error, not found, no results, embed [${scheme}]`, async (t) => {
    const audit = new Audit(scheme);
    const visit = async (label, url, selector, opts = {}) => {
      const s = await open(t, ctx.browser, ctx.server.appUrl + url, { colorScheme: scheme, ...opts });
      await s.page.waitForSelector(selector);
      await audit.check(s.page, label);
      await s.close();
    };
    await visit("parameter notices", "?n=abc&theme=pink", '[data-testid^="notice-param-"]');
    await visit("storage-blocked notice", "", sel("notice-storage"), { init: [blockStorage] });
    await visit("deck error", `?deck=${encodeURIComponent(ctx.server.origin + "/decks/missing.json")}`, sel("deck-error"));
    await visit("not found", "#/nope", sel("not-found"));
    await visit("no results", "#/results", sel("no-results"));
    await visit("embed layout", "?embed=1", "html[data-embed]", { viewport: { width: 400, height: 700 } });
    await visit("locked start screen with attempts", "?lock=1&n=5&attempts=2&grade=best#/quiz", sel("fixed-length"));
    await visit("embed set-up notice", "?embed=1&n=abc#/quiz", sel("notice-setup"));
    await visit("embed set-up error", `?embed=1&deck=${encodeURIComponent(ctx.server.origin + "/decks/missing.json")}`, sel("setup-error"));
    audit.done();
  });
}

test("the theme toggle changes the colours at the first click, says what each state means, is remembered, and both in-app themes pass axe", async (t) => {
  // The OS says dark, so the in-app light theme is checked against it (and vice versa below).
  const s = await open(t, ctx.browser, ctx.server.appUrl, { colorScheme: "dark" });
  const page = s.page;
  const theme = () => page.getAttribute("html", "data-theme");
  const bg = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  assert.equal(await theme(), "auto");
  const autoBg = await bg();
  const label = () => page.getAttribute(sel("theme-toggle"), "aria-label");
  assert.equal(await label(), "Colour theme: automatic, as your device (now dark). Switch to light");
  await page.click(sel("theme-toggle"));
  await page.waitForFunction(() => document.documentElement.dataset.theme === "light");
  assert.notEqual(await bg(), autoBg, "the first click changes the colours: light over the dark OS preference");
  assert.equal(await label(), "Colour theme: light. Switch to dark");
  const audit = new Audit("in-app light on a dark OS");
  await audit.check(page, "home");
  await page.click(sel("theme-toggle"));
  await page.waitForFunction(() => document.documentElement.dataset.theme === "dark");
  assert.equal(await bg(), autoBg, "the dark theme matches the OS dark theme");
  assert.equal(await label(), "Colour theme: dark. Switch back to your device’s theme");
  await page.reload();
  await page.waitForSelector("html[data-ready]");
  assert.equal(await theme(), "dark", "the choice survives a reload");
  await page.click(sel("theme-toggle"));
  await page.waitForFunction(() => document.documentElement.dataset.theme === "auto");
  await page.reload();
  await page.waitForSelector("html[data-ready]");
  assert.equal(await theme(), "auto");
  await s.close();

  const l = await open(t, ctx.browser, ctx.server.appUrl, { colorScheme: "light" });
  const lightBg = await l.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  await l.page.click(sel("theme-toggle"));
  await l.page.waitForFunction(() => document.documentElement.dataset.theme === "dark");
  assert.notEqual(await l.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor), lightBg, "on a light OS the first click turns it dark");
  const dark = new Audit("in-app dark on a light OS");
  await dark.check(l.page, "home");
  await l.page.click(sel("enter-quiz"));
  await startQuiz(l.page);
  await answer(l.page, false);
  await dark.check(l.page, "quiz feedback (wrong)");
  audit.done();
  dark.done();
});

// ---- Focus appearance ------------------------------------------------------------------------

/**
 * The focused element's outline and the colour behind it (the outline is drawn outside the
 * element, over its ancestors' backgrounds, composited down to the canvas).
 */
function focusStyle() {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const el = document.activeElement;
  const st = getComputedStyle(el);
  const layers = [];
  for (let n = el.parentElement; n; n = n.parentElement) {
    const c = parse(getComputedStyle(n).backgroundColor);
    if (c && c.a > 0) {
      layers.push(c);
      if (c.a >= 1) break;
    }
  }
  // Chromium paints the canvas with the root's background, or white.
  let bg = { r: 255, g: 255, b: 255 };
  for (const c of layers.reverse()) bg = { r: c.r * c.a + bg.r * (1 - c.a), g: c.g * c.a + bg.g * (1 - c.a), b: c.b * c.a + bg.b * (1 - c.a) };
  return {
    testid: el.dataset?.testid ?? el.tagName,
    focusVisible: el.matches(":focus-visible"),
    style: st.outlineStyle,
    width: parseFloat(st.outlineWidth),
    color: parse(st.outlineColor),
    bg,
  };
}

function luminance({ r, g, b }) {
  const f = (v) => {
    v /= 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}
function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

async function assertFocusRing(page, testid, scheme) {
  assert.equal(await focused(page), testid, `${testid} has focus`);
  const f = await page.evaluate(focusStyle);
  const where = `${testid} [${scheme}]`;
  assert.ok(f.focusVisible, `${where}: :focus-visible matches after keyboard focus`);
  assert.equal(f.style, "solid", `${where}: outline is solid`);
  assert.ok(f.width >= 2, `${where}: outline is at least 2px (got ${f.width})`);
  const ratio = contrast(f.color, f.bg);
  assert.ok(ratio >= 3, `${where}: outline ${JSON.stringify(f.color)} on ${JSON.stringify(f.bg)} contrasts ${ratio.toFixed(2)}:1, needs 3:1`);
}

for (const scheme of SCHEMES) {
  test(`focus rings are solid, at least 2px and 3:1 against what is behind them [${scheme}]`, async (t) => {
    const s = await open(t, ctx.browser, ctx.server.appUrl, { colorScheme: scheme });
    const page = s.page;
    await tabTo(page, "nav-quiz");
    await assertFocusRing(page, "nav-quiz", scheme);
    await page.keyboard.press("Enter");
    await page.waitForSelector(sel("quiz-start"));
    await tabTo(page, "start-quiz");
    await page.keyboard.press("Enter");
    await page.waitForSelector(sel("statement"));
    const first = CATS[0];
    await tabTo(page, `tag-${first}`);
    await assertFocusRing(page, `tag-${first}`, scheme);
    await tabTo(page, `tag-${CATS[CATS.length - 1]}`);
    await assertFocusRing(page, `tag-${CATS[CATS.length - 1]}`, scheme);
    await page.keyboard.press("Enter");
    await page.waitForSelector(sel("feedback"));
    await settle(page);
    await assertFocusRing(page, "next", scheme);
    await s.close();

    const c = await open(t, ctx.browser, ctx.server.appUrl + "#/cards", { colorScheme: scheme });
    await c.page.waitForSelector(sel("cards-home"));
    await tabTo(c.page, "start-study");
    await assertFocusRing(c.page, "start-study", scheme);
    await c.page.keyboard.press("Enter");
    await c.page.waitForSelector('[data-testid="flashcard"][data-face="front"]');
    await c.page.keyboard.press(" ");
    await c.page.waitForSelector('[data-testid="flashcard"][data-face="back"]');
    await settle(c.page);
    for (const g of ["grade-again", "grade-good"]) {
      await tabTo(c.page, g);
      await assertFocusRing(c.page, g, scheme);
    }
  });
}

// ---- Keyboard only -----------------------------------------------------------------------------

/** Where the focused element is, and whether something else covers its centre. */
function focusBox() {
  const el = document.activeElement;
  if (!el || el === document.body) return { none: true };
  const r = el.getBoundingClientRect();
  const vw = document.documentElement.clientWidth;
  const vh = window.innerHeight;
  const cx = Math.min(Math.max(r.left + r.width / 2, 0), vw - 1);
  const cy = Math.min(Math.max(r.top + Math.min(r.height, vh) / 2, 0), vh - 1);
  const hit = document.elementFromPoint(cx, cy);
  const covered = !(hit && (el.contains(hit) || hit.contains(el) || hit.closest("label")?.control === el));
  const inside = r.left >= -1 && r.right <= vw + 1 && (r.height > vh ? r.top <= 1 && r.bottom >= vh - 1 : r.top >= -1 && r.bottom <= vh + 1);
  return {
    testid: el.dataset?.testid ?? el.id ?? el.tagName,
    inside,
    covered,
    by: covered && hit ? hit.outerHTML.slice(0, 80) : null,
    rect: [r.left, r.top, r.width, r.height].map(Math.round),
  };
}

test("keyboard only: a 10-question quiz and three flashcards, focus always visible and moving", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl, { viewport: DESKTOP });
  const page = s.page;
  const steps = [];
  const checkFocus = async (expect, why) => {
    const b = await page.evaluate(focusBox);
    steps.push(`${why}: ${b.testid}`);
    if (expect) assert.equal(b.testid, expect, why);
    assert.ok(!b.none, `${why}: something has focus`);
    assert.ok(b.inside, `${why}: ${b.testid} at ${b.rect} is inside the viewport`);
    assert.ok(!b.covered, `${why}: ${b.testid} is not covered (by ${b.by})`);
  };
  /** One Tab or Shift+Tab that must move focus to a visible, uncovered element. */
  const tab = async (back = false) => {
    // A handle to the element itself: evaluate() would copy it into a plain object, which is
    // never the focused element, and the check could not fail.
    const before = await page.evaluateHandle(() => document.activeElement);
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const moved = await page.evaluate((b) => document.activeElement !== b, before);
    await before.dispose();
    assert.ok(moved, `${back ? "Shift+Tab" : "Tab"} moves focus (no trap) from ${steps.at(-1)}`);
    await checkFocus(null, back ? "Shift+Tab" : "Tab");
  };
  const tabUntil = async (testid, back = false) => {
    for (let i = 0; i < 40 && (await focused(page)) !== testid; i++) await tab(back);
    await checkFocus(testid, `reach ${testid}`);
  };

  await tabUntil("enter-quiz");
  await page.keyboard.press("Enter");
  await page.waitForSelector(sel("quiz-start"));
  await tabUntil("length-10");
  await page.keyboard.press("ArrowRight");
  await checkFocus("length-20", "ArrowRight picks 20");
  await page.keyboard.press("ArrowLeft");
  await checkFocus("length-10", "ArrowLeft picks 10 again");
  await tabUntil("start-quiz");
  await page.keyboard.press(" ");
  await page.waitForSelector(sel("statement"));
  for (let i = 0; i < 10; i++) {
    await checkFocus("statement", `question ${i + 1} takes focus`);
    const id = await currentStatement(page);
    const answer = i % 3 === 1 ? wrongTag(id) : TAG_OF[id];
    if (i % 2 === 0) {
      // Tab to the answer button and press it (Enter or Space).
      await tabUntil(`tag-${answer}`);
      await page.keyboard.press(i % 4 === 0 ? "Enter" : " ");
    } else {
      await page.keyboard.press(String(CATS.indexOf(answer) + 1));
    }
    await page.waitForSelector(sel("feedback"));
    await checkFocus("next", `question ${i + 1}: focus on Next after answering`);
    assert.match(await page.textContent(sel("live")), answer === TAG_OF[id] ? /^Correct\./ : /^Not quite\./);
    await page.keyboard.press("Enter");
    if (i < 9) await nextStatement(page, id);
  }
  await page.waitForSelector(sel("results"));
  await checkFocus("results-title", "results take focus");
  assert.equal(await page.textContent(sel("score")), "7 of 10 correct");
  // Walk forward through the results, then back up to the navigation.
  for (let i = 0; i < 6; i++) await tab();
  await tabUntil("nav-flashcards", true);
  await page.keyboard.press("Enter");
  await page.waitForSelector(sel("cards-home"));
  await tabUntil("start-study");
  await page.keyboard.press("Enter");
  for (let i = 0; i < 3; i++) {
    await page.waitForSelector('[data-testid="flashcard"][data-face="front"]');
    await checkFocus("card-front", `card ${i + 1}: focus on the front`);
    await page.keyboard.press(" ");
    await page.waitForSelector('[data-testid="flashcard"][data-face="back"]');
    await checkFocus("card-back", `card ${i + 1}: focus on the back`);
    if (i === 1) {
      await tabUntil("grade-good");
      await page.keyboard.press("Enter");
    } else {
      await page.keyboard.press(i === 0 ? "3" : "4");
    }
    await page.waitForFunction((n) => document.querySelector('[data-testid="reviewed"]')?.textContent === `${n} card${n === 1 ? "" : "s"} studied`, i + 1);
  }
});

test("help dialog: ? opens it with focus inside, Escape returns focus; shortcuts can be turned off for good", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/quiz");
  const page = s.page;
  await startQuiz(page);
  await tabTo(page, `tag-${CATS[1]}`);
  await page.keyboard.press("?");
  await page.waitForSelector("dialog[open]");
  assert.ok(await page.evaluate(() => document.querySelector("dialog[open]").contains(document.activeElement)), "focus moves into the dialog");
  await page.keyboard.press("Escape");
  await page.waitForSelector(sel("help-dialog") + ":not([open])", { state: "attached" });
  assert.equal(await focused(page), `tag-${CATS[1]}`, "focus returns to where it was");

  // Turn single-key shortcuts off from the dialog, with the keyboard.
  await page.keyboard.press("?");
  await page.waitForSelector("dialog[open]");
  await tabTo(page, "shortcuts-toggle");
  assert.equal(await page.isChecked(sel("shortcuts-toggle")), true);
  await page.keyboard.press(" ");
  await page.waitForFunction(() => !document.querySelector('[data-testid="shortcuts-toggle"]').checked);
  await page.keyboard.press("Escape");
  await page.waitForSelector(sel("help-dialog") + ":not([open])", { state: "attached" });
  const noEffect = async (why) => {
    await page.focus(sel("statement"));
    await page.keyboard.press("1");
    await page.keyboard.press("?");
    // Two frames: long enough for the app to have rendered a reaction to the key.
    await frames(page, 2);
    assert.equal(await page.$(sel("feedback")), null, `${why}: "1" does not answer`);
    assert.equal(await page.$("dialog[open]"), null, `${why}: "?" does not open help`);
  };
  await noEffect("shortcuts off");
  await page.reload();
  await page.waitForSelector(sel("statement"));
  await noEffect("after a reload");
  // The switch shows the stored setting; clicking the help button still opens help.
  await page.click(sel("help-button"));
  await page.waitForSelector("dialog[open]");
  assert.equal(await page.isChecked(sel("shortcuts-toggle")), false);
  await page.click(sel("shortcuts-toggle"));
  await page.click(sel("help-close"));
  await page.focus(sel("statement"));
  await page.keyboard.press("1");
  await page.waitForSelector(sel("feedback"));
});

test("help reopened before its last close is reported stays open", async (t) => {
  // A dialog's `close` event is queued as a task. Reopening help with "?" before it runs (a fast
  // typist, or a busy device) must not let that late event close help again, whether the app
  // re-renders in between or not.
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/quiz");
  const page = s.page;
  await startQuiz(page);
  for (const [i, rendersPutOff] of [false, true].entries()) {
    await page.keyboard.press("?");
    await page.waitForSelector("dialog[open]");
    if (rendersPutOff) assert.ok(await putOffRenders(page, 11 + i), "renders are put off");
    await page.evaluate(async () => {
      const dialog = document.querySelector("dialog[open]");
      dialog.dispatchEvent(new Event("cancel"));
      dialog.close();
      for (let i = 0; i < 20; i++) await null;
      document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "?", bubbles: true }));
      for (let i = 0; i < 20; i++) await null;
    });
    if (rendersPutOff) await page.evaluate(() => window.releaseRenders());
    // Let the queued close event run, and the app react to it.
    await frames(page, 2);
    assert.ok(await page.$("dialog[open]"), `help is open (renders put off: ${rendersPutOff})`);
    await tabTo(page, "shortcuts-toggle");
    await page.keyboard.press("Escape");
    await page.waitForSelector(sel("help-dialog") + ":not([open])", { state: "attached" });
  }
});

test("a shortcut typed the moment help closes is not lost", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/quiz");
  const page = s.page;
  await startQuiz(page);
  for (const how of ["button", "Escape"]) {
    await page.keyboard.press("?");
    await page.waitForSelector("dialog[open]");
    // Close, let the microtasks run (where the app usually renders), and press "1" before the
    // dialog's close event, which is queued as a task, runs: what a fast typist on a busy device
    // can do. The key must count even if that render has not happened yet: Yew can put a render
    // off to a later task (its scheduler yields to the browser after 16 ms of work), and a key
    // press may come first.
    await page.evaluate(async (how) => {
      const dialog = document.querySelector("dialog[open]");
      if (how === "button") document.querySelector('[data-testid="help-close"]').click();
      else dialog.dispatchEvent(new Event("cancel")), dialog.close();
      for (let i = 0; i < 20; i++) await null;
      const statement = document.querySelector('[data-testid="statement"]');
      statement.focus();
      statement.dispatchEvent(new KeyboardEvent("keydown", { key: "1", bubbles: true }));
    }, how);
    await page.waitForSelector(sel("feedback"), { timeout: 5000 });
    await page.keyboard.press("Enter");
    await page.waitForSelector(sel("feedback"), { state: "detached" });
  }
});

/**
 * Puts off the app's renders, as on a busy device where Yew's scheduler yields to the browser
 * after 16 ms of work and finishes in a later task (a state change meanwhile only queues its
 * render). The page's clock runs 20 ms per reading and timers wait for `releaseRenders`, so the
 * scheduler pauses on the next render and stays paused. Returns whether it paused.
 */
async function putOffRenders(page, seed) {
  return page.evaluate(async (seed) => {
    const [now, setTimer] = [Date.now, window.setTimeout];
    const held = [];
    let skew = 0;
    Date.now = () => now() + (skew += 20);
    window.setTimeout = (fn, ms, ...args) => held.push(() => fn(...args));
    window.releaseRenders = () => {
      Date.now = now;
      window.setTimeout = setTimer;
      held.forEach((run) => setTimer(run, 0));
    };
    // Any render now pauses the scheduler: change a setting the quiz on screen ignores.
    const changed = new Promise((r) => addEventListener("hashchange", r, { once: true }));
    location.hash = `#/quiz?seed=${seed}`;
    await changed;
    for (let i = 0; i < 20; i++) await null;
    return held.length > 0;
  }, seed);
}

/** Types shortcuts on the statement (not on a button), one after another, in one task. */
async function pressOnStatement(page, keys) {
  await page.evaluate((keys) => {
    const statement = document.querySelector('[data-testid="statement"]');
    statement.focus();
    for (const key of keys) statement.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
  }, keys);
}

test("a shortcut typed after help closes counts even when the app has not re-rendered yet", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/quiz");
  const page = s.page;
  await startQuiz(page);
  for (const [i, how] of ["button", "Escape"].entries()) {
    const before = await currentStatement(page);
    await page.keyboard.press("?");
    await page.waitForSelector("dialog[open]");
    assert.ok(await putOffRenders(page, 7 + i), "renders are put off");
    await page.evaluate((how) => {
      const dialog = document.querySelector("dialog[open]");
      if (how === "button") document.querySelector('[data-testid="help-close"]').click();
      else dialog.dispatchEvent(new Event("cancel")), dialog.close();
    }, how);
    await pressOnStatement(page, ["1"]);
    await page.evaluate(() => window.releaseRenders());
    await page.waitForSelector(sel("feedback"), { timeout: 5000 });
    assert.equal(await currentStatement(page), before, "the key answered the question on screen");
    await page.keyboard.press("Enter");
    await page.waitForSelector(sel("feedback"), { state: "detached" });
  }
});

test("an answer and Enter typed before the app re-renders both count", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/quiz");
  const page = s.page;
  await startQuiz(page);
  const before = await currentStatement(page);
  assert.ok(await putOffRenders(page, 9), "renders are put off");
  await pressOnStatement(page, ["1", "Enter"]);
  await page.evaluate(() => window.releaseRenders());
  await page.waitForFunction((id) => {
    const st = document.querySelector('[data-testid="statement"]');
    return st && st.dataset.id !== id && !document.querySelector('[data-testid="feedback"]');
  }, before, { timeout: 5000 });
  assert.equal(await page.textContent(sel("question-count")), "Question 2 of 10");
});

// ---- Reduced motion ----------------------------------------------------------------------------

/** The longest running animation or declared animation/transition on the elements, in seconds. */
function motion(selector) {
  const secs = (v) => Math.max(...v.split(",").map((x) => (x.trim().endsWith("ms") ? parseFloat(x) / 1000 : parseFloat(x))));
  return [...document.querySelectorAll(selector)].map((el) => {
    const st = getComputedStyle(el);
    const running = el
      .getAnimations({ subtree: true })
      .filter((a) => a.playState === "running")
      .map((a) => Number(a.effect.getComputedTiming().duration) / 1000);
    return {
      cls: el.className,
      properties: st.transitionProperty,
      transform: st.transform,
      animation: st.animationName === "none" ? 0 : secs(st.animationDuration),
      transition: secs(st.transitionDuration),
      running: Math.max(0, ...running),
    };
  });
}

test("prefers-reduced-motion: nothing moves; the card faces only cross-fade", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/quiz", { reducedMotion: "reduce" });
  const page = s.page;
  await startQuiz(page);
  await answer(page, true);
  const offenders = (list) => list.filter((m) => m.animation > 0.05 || m.transition > 0.05 || m.running > 0.05);
  assert.deepEqual(offenders(await page.evaluate(motion, ".feedback")), [], "feedback panel");
  await goTo(page, "flashcards");
  await page.click(sel("start-study"));
  await page.waitForSelector(".flashcard .face");
  // The faces may fade (opacity only, briefly) but never turn or move.
  const moving = (list) =>
    list.filter((m) => m.animation > 0.05 || m.transform !== "none" || m.properties !== "opacity" || m.transition > 0.3 || m.running > 0.3);
  assert.deepEqual(moving(await page.evaluate(motion, ".flashcard .face")), [], "card faces before flipping");
  await page.click(sel("flip"));
  assert.deepEqual(moving(await page.evaluate(motion, ".flashcard .face")), [], "card faces while flipping");
  const fading = await page.evaluate(motion, ".flashcard .face");
  assert.ok(fading.every((m) => m.transition >= 0.1), "the faces cross-fade rather than cut");
});

test("on a phone the masthead's menu names every screen, the theme, help and the studio in words", async (t) => {
  for (const scheme of SCHEMES) {
    const audit = new Audit(scheme);
    const s = await open(t, ctx.browser, ctx.server.appUrl, { viewport: { width: 390, height: 844 }, colorScheme: scheme });
    const page = s.page;
    assert.equal(await page.isVisible(sel("nav-quiz")), false, "no row of bare icons on a phone");
    assert.equal(await page.isVisible(sel("theme-toggle")), false);
    assert.equal(await page.getAttribute(sel("menu-button"), "aria-expanded"), "false");
    // The keyboard: from the top, Tab reaches the menu button; Enter opens it and Tab walks it.
    await tabTo(page, "menu-button", { max: 6 });
    await page.keyboard.press("Enter");
    await page.waitForSelector(sel("menu"));
    assert.equal(await page.getAttribute(sel("menu-button"), "aria-expanded"), "true");
    const words = (await page.locator(`${sel("menu")} .menu-item`).allInnerTexts()).map((w) => w.split("\n")[0]);
    assert.deepEqual(words, ["Home", "Quiz", "Sort", "Flashcards", "Progress", `Theme: automatic, as your device (now ${scheme})`, "Help and keyboard shortcuts", "For trainers: RoleCall Studio"]);
    assert.equal(await page.getAttribute(sel("menu-home"), "aria-current"), "page");
    await page.keyboard.press("Tab");
    await assertFocusRing(page, "menu-home", scheme);
    await audit.check(page, "phone menu open");
    // Escape closes it and gives focus back to the button.
    await page.keyboard.press("Escape");
    await page.waitForSelector(sel("menu"), { state: "detached" });
    await assertFocusRing(page, "menu-button", scheme);
    // A screen chosen from it opens, and the menu closes.
    await page.click(sel("menu-button"));
    await page.click(sel("menu-progress"));
    await page.waitForSelector(sel("stats"));
    assert.equal(await page.$(sel("menu")), null);
    // The theme entry changes the colours at once and says what it did.
    const bg = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const before = await bg();
    await page.click(sel("menu-button"));
    await page.click(sel("menu-theme"));
    await page.waitForFunction(() => document.documentElement.dataset.theme !== "auto");
    assert.notEqual(await bg(), before);
    assert.match(await page.textContent(sel("menu-theme")), scheme === "light" ? /^Theme: darkSwitch to light/ : /^Theme: lightSwitch to dark/);
    // A click outside closes it; Help opens the help dialog.
    await page.mouse.click(200, 700);
    await page.waitForSelector(sel("menu"), { state: "detached" });
    await page.click(sel("menu-button"));
    await page.click(sel("menu-help"));
    await page.waitForSelector("dialog[open]");
    assert.equal(await page.$(sel("menu")), null);
    audit.done();
    await s.close();
  }
});
