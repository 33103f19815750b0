// Flashcards and progress storage in a real browser: grading, persistence across reloads, the
// in-session learning queue, answer-first mode, keyboard-only study, the back that keeps the
// statement, phones (what stays in view, key hints), going on when nothing is due, the words and
// counts the screens use, export/reset/import, and storage that is blocked, full, corrupt or from
// a newer version.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import {
  suite,
  playQuiz,
  open,
  problems,
  screenshot,
  startStudy,
  flipCard,
  setNewPerDay,
  focused,
  storedProgress as stored,
  blockStorage,
  wrongTag,
  sel,
  ready,
  startQuiz,
  CATS,
  settle,
  PHONE,
  PROGRESS_KEY,
  DECK,
  TAG_OF,
  WIDTHS,
  goTo,
} from "./harness.mjs";

const ctx = suite();

const text = (page, id) => page.textContent(sel(id));
const frontId = async (page) => {
  const t = await text(page, "card-front");
  return DECK.statements.find((s) => s.text === t.trim())?.id;
};

async function gradeCurrent(page, grade) {
  await flipCard(page);
  await page.click(sel(`grade-${grade}`));
}

test("graded cards are scheduled, saved, and still there after a reload", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/cards");
  const page = s.page;
  assert.equal(await text(page, "due-count"), "0");
  assert.equal(await text(page, "new-count"), "10");
  await startStudy(page);
  const first = await frontId(page);
  await gradeCurrent(page, "easy");
  await page.waitForFunction((prev) => document.querySelector('[data-testid="card-front"]')?.textContent.trim() !== prev, DECK.statements.find((x) => x.id === first).text);
  const second = await frontId(page);
  await gradeCurrent(page, "good");
  const raw = JSON.parse(await stored(page));
  assert.equal(raw.format, 1);
  const cards = raw.decks["devops-vs-platform"].cards.cards;
  assert.deepEqual(Object.keys(cards).sort(), [first, second].sort());
  assert.equal(cards[first].phase, "review");
  assert.equal(cards[second].phase, "learning");
  await page.reload();
  await page.waitForSelector(sel("cards-home"));
  assert.equal(await text(page, "new-count"), "8", "two new cards used from today's ten");
  assert.match(await text(page, "next-due"), /Next card due in 10 minutes/);
  await goTo(page, "progress");
  assert.match(await text(page, "state-counts"), new RegExp(`${DECK.statements.length - 2} new\\s*1 learning\\s*1 in review`));
  assert.deepEqual(problems(s), []);
});

test("a card failed now comes back later in the same session", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/cards");
  const page = s.page;
  await setNewPerDay(page, 2);
  await startStudy(page);
  const a = await frontId(page);
  await gradeCurrent(page, "again");
  const b = await frontId(page);
  assert.notEqual(a, b);
  await gradeCurrent(page, "good");
  assert.equal(await frontId(page), a, "the failed card returns from the learning queue");
  assert.equal(await text(page, "card-kind"), "Learning");
  await gradeCurrent(page, "easy");
  assert.equal(await frontId(page), b);
  await gradeCurrent(page, "easy");
  await page.waitForSelector(sel("cards-done"));
});

test("answer-first: pick the tag, see the verdict, graded automatically", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/cards");
  const page = s.page;
  await page.check(sel("mode-answer-first"));
  await startStudy(page);
  const id = await frontId(page);
  await page.click(sel(`tag-${wrongTag(id)}`));
  await page.waitForSelector('[data-testid="flashcard"][data-face="back"]');
  assert.match(await text(page, "card-verdict"), /Not quite/);
  // The back says why the tag picked is wrong, and whose words the quote is; so does the live region.
  const card = DECK.statements.find((s) => s.id === id);
  const label = DECK.categories.find((c) => c.id === wrongTag(id)).label;
  const back = '[data-testid="flashcard"] .back';
  assert.equal(await page.textContent(`${back} ${sel("why-not")}`), `Why not ${label}? ${card.wrong[wrongTag(id)]}`);
  assert.equal(await page.textContent(`${back} ${sel("speaker")}`), `Said by ${card.speaker}`);
  assert.ok((await text(page, "live")).includes(card.wrong[wrongTag(id)]));
  const raw = JSON.parse(await stored(page));
  const st = raw.decks["devops-vs-platform"].cards.cards[id];
  assert.equal(st.due - st.last_review, 60000, "wrong counts as Again: due in a minute");
  await page.click(sel("next-card"));
  const next = await frontId(page);
  await page.click(sel(`tag-${TAG_OF[next]}`));
  assert.match(await text(page, "card-verdict"), /Correct/);
  assert.equal(await page.$(`[data-testid="flashcard"] .back ${sel("why-not")}`), null, "nothing to correct");
});

test("keyboard-only study: Space flips, 1-4 grade, focus follows the face", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/cards");
  const page = s.page;
  const active = () => focused(page);
  await page.focus(sel("start-study"));
  await page.keyboard.press("Enter");
  await page.waitForSelector(sel("flashcard"));
  for (let i = 0; i < 4; i++) {
    assert.equal(await active(), "card-front", `card ${i + 1}: focus on the front`);
    await page.keyboard.press(" ");
    await page.waitForSelector('[data-testid="flashcard"][data-face="back"]');
    assert.equal(await active(), "card-back", "focus on the back after flipping");
    assert.match(await text(page, "live"), /^Back of the card\./);
    await page.keyboard.press(String((i % 4) + 1));
    await page.waitForSelector('[data-testid="flashcard"][data-face="front"]');
  }
  assert.equal(await text(page, "reviewed"), "4 cards studied");
  // The hidden face cannot be reached by Tab.
  const hiddenFocusable = await page.$$eval('[data-testid="flashcard"] .face.back button', (bs) => bs.filter((b) => b.closest("[inert]")).length);
  assert.ok(hiddenFocusable > 0, "the back's buttons are inert while the front shows");
});

test("the flip is a 3D turn, and a cross-fade under reduced motion", async (t) => {
  for (const [reducedMotion, want] of [["no-preference", /transform/], ["reduce", /^opacity/]]) {
    const s = await open(t, ctx.browser, ctx.server.appUrl + "#/cards", { reducedMotion });
    await startStudy(s.page);
    const transition = await s.page.$eval('[data-testid="flashcard"] .face.back', (e) => getComputedStyle(e).transitionProperty);
    assert.match(transition, want, reducedMotion);
    const transform = await s.page.$eval('[data-testid="flashcard"] .face.back', (e) => getComputedStyle(e).transform);
    if (reducedMotion === "reduce") assert.equal(transform, "none");
    else assert.notEqual(transform, "none");
    await s.close();
  }
});

test("export, reset and import restore the same progress", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/cards", { context: { acceptDownloads: true } });
  const page = s.page;
  await startStudy(page);
  for (const g of ["easy", "good", "again"]) await gradeCurrent(page, g);
  await goTo(page, "progress");
  const counts = await text(page, "state-counts");
  const before = JSON.parse(await stored(page));
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(sel("export"))]);
  assert.match(download.suggestedFilename(), /^rolecall-progress-\d{4}-\d{2}-\d{2}\.json$/);
  const file = await download.path();
  const exported = JSON.parse(await readFile(file, "utf8"));
  assert.deepEqual(exported.decks, before.decks);

  await page.click(sel("reset"));
  await page.click(sel("reset-yes"));
  assert.match(await text(page, "state-counts"), new RegExp(`^${DECK.statements.length} new`));
  assert.deepEqual(JSON.parse(await stored(page)).decks, {});

  await page.setInputFiles(sel("import-file"), file);
  await page.waitForSelector(sel("import-confirm"));
  assert.match(await text(page, "import-confirm"), /3 scheduled cards/);
  await page.click(sel("import-replace"));
  await page.waitForSelector(sel("import-done"));
  assert.equal(await text(page, "state-counts"), counts);
  assert.deepEqual(JSON.parse(await stored(page)).decks, before.decks);
  await page.reload();
  await page.waitForSelector(sel("stats"));
  assert.equal(await text(page, "state-counts"), counts);
});

test("importing a file that is not progress, or from a newer version, changes nothing", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/stats");
  const page = s.page;
  for (const [content, message] of [
    ["not json at all", /Nothing was imported: the file is not RoleCall progress: not JSON/],
    [JSON.stringify({ format: 9, learner: "x" }), /newer version of RoleCall \(format 9\)/],
    // A damaged file says where it is damaged.
    [
      JSON.stringify({ format: 1, learner: "x", decks: { d: { history: [{ at: 1, correct: "5", total: 3 }] } } }),
      /not RoleCall progress: unexpected content \(decks\.d\.history\[0\]\.correct: expected a whole number from 0 to 4294967295, found a string\)/,
    ],
  ]) {
    await page.setInputFiles(sel("import-file"), { name: "p.json", mimeType: "application/json", buffer: Buffer.from(content) });
    // Each file replaces the previous message: wait for this one's.
    await page
      .waitForFunction((src) => new RegExp(src).test(document.querySelector('[data-testid="import-error"]')?.textContent ?? ""), message.source, { timeout: 5000 })
      .catch(() => {});
    assert.match(await text(page, "import-error"), message);
  }
  assert.equal(await stored(page), null, "nothing written");
});

test("blocked storage: the app works in memory and says progress will not be kept", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/quiz", { init: [blockStorage] });
  const page = s.page;
  assert.match(await text(page, "notice-storage"), /blocks storage here/);
  await playQuiz(page);
  assert.equal(await text(page, "score"), "10 of 10 correct");
  assert.ok(await page.$(sel("not-kept")));
  await page.click(sel("dismiss-storage"));
  assert.equal(await page.$(sel("notice-storage")), null);
  assert.deepEqual(problems(s), []);
});

const FILL_STORAGE = () => {
  if (localStorage.getItem("filler-done")) return;
  let size = 1024 * 1024;
  let i = 0;
  while (size >= 16) {
    try {
      localStorage.setItem("filler-" + i++, "x".repeat(size));
    } catch {
      size = Math.floor(size / 2);
    }
  }
  try {
    localStorage.setItem("filler-done", "1");
  } catch {}
};

test("storage filled to quota: the app keeps working and says the latest progress is not saved", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/cards", { init: [FILL_STORAGE] });
  const page = s.page;
  await startStudy(page);
  await gradeCurrent(page, "good");
  await page.waitForSelector(sel("notice-storage"));
  assert.match(await text(page, "notice-storage"), /Storage is full/);
  await gradeCurrent(page, "easy");
  assert.equal(await text(page, "reviewed"), "2 cards studied");
});

for (const [name, value, expectNotice, mayWrite] of [
  ["corrupt", '{"format":1,"learner":"abc","decks":{"devops-vs-platform":{"cards":{"cards":{"x":{"due":"soon"}}}}}}', /could not be read/, true],
  ["truncated", '{"format":1,"learner":"abc","dec', /could not be read/, true],
  ["newer", '{"format":2,"learner":"abc","whatever":[1,2,3]}', /newer version of RoleCall \(format 2\)/, false],
]) {
  test(`${name} stored progress is kept aside, recoverable, and never silently overwritten`, async (t) => {
    const s = await open(t, ctx.browser, null, { context: { acceptDownloads: true } });
    const page = s.page;
    await page.goto(ctx.server.appUrl + "#/cards");
    // The first page must have loaded its (empty) progress before the bad value goes in.
    await ready(page);
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [PROGRESS_KEY, value]);
    await page.reload();
    await page.waitForSelector(sel("notice-storage"));
    // A second reload before anything is saved finds the same text and keeps no second copy.
    await page.reload();
    await page.waitForSelector(sel("notice-storage"));
    assert.match(await text(page, "notice-storage"), expectNotice);
    // The original bytes can be exported from the notice.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(sel("notice-action-storage"))]);
    assert.equal(await readFile(await download.path(), "utf8"), value);
    // Study still works.
    await startStudy(page);
    await gradeCurrent(page, "good");
    const keys = await page.evaluate(() => Object.keys(localStorage));
    const aside = keys.filter((k) => k.startsWith("rolecall.unreadable."));
    if (mayWrite) {
      assert.equal(aside.length, 1, "a copy was set aside");
      assert.equal(await page.evaluate((k) => localStorage.getItem(k), aside[0]), value);
      assert.equal(JSON.parse(await stored(page)).format, 1, "fresh progress is saved");
    } else {
      assert.equal(await stored(page), value, "newer data is left exactly as it was");
    }
  });
}

test("study missed: the quiz's misses open as flashcards", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/quiz?seed=3");
  const page = s.page;
  const asked = await playQuiz(page, { choose: (id, i) => (i < 3 ? wrongTag(id) : TAG_OF[id]) });
  const missed = asked.slice(0, 3);
  await page.click(sel("study-missed"));
  await page.waitForSelector(sel("flashcard"));
  const shown = [];
  for (let i = 0; i < 3; i++) {
    shown.push(await frontId(page));
    await gradeCurrent(page, "easy");
  }
  assert.deepEqual(shown, missed);
  await page.waitForSelector(sel("cards-done"));
});

const TOUCH_PHONE = { viewport: PHONE, context: { hasTouch: true, isMobile: true } };

/** Where an element is in the window, after every transition has ended. */
async function box(page, id) {
  await settle(page);
  return page.$eval(sel(id), (e) => {
    const r = e.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, height: r.height, window: innerHeight };
  });
}

function assertInView(b, what) {
  assert.ok(b.height > 0, `${what} is shown`);
  assert.ok(b.top >= 0 && b.bottom <= b.window, `${what} is in the window: ${Math.round(b.top)} to ${Math.round(b.bottom)} of ${b.window}`);
}

test("the back of a card keeps the statement, above its answer", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/cards");
  const page = s.page;
  await startStudy(page);
  const statement = (await text(page, "card-front")).trim();
  await flipCard(page);
  assert.equal((await text(page, "card-question")).trim(), statement);
  const [question, answer] = [await box(page, "card-question"), await box(page, "card-back")];
  assertInView(question, "the statement on the back");
  assert.ok(question.bottom <= answer.top, "the statement comes before the answer");
  assert.equal(await page.$eval(sel("card-question"), (e) => !!e.closest("[inert]")), false, "on the face that shows");
});

test("on a phone, answering keeps the statement and the answer buttons in view, without scrolling", async (t) => {
  // Every card of the deck, self-graded: the longest back must fit too.
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/cards", TOUCH_PHONE);
  const page = s.page;
  await setNewPerDay(page, DECK.statements.length);
  await startStudy(page);
  for (let i = 0; i < DECK.statements.length; i++) {
    const id = await frontId(page);
    await page.tap(sel("flip"));
    await page.waitForSelector('[data-testid="flashcard"][data-face="back"]');
    assertInView(await box(page, "card-question"), `${id}: the statement`);
    for (const g of ["again", "hard", "good", "easy"]) assertInView(await box(page, `grade-${g}`), `${id}: ${g}`);
    await page.tap(sel("grade-easy"));
    await page.waitForSelector(i + 1 < DECK.statements.length ? '[data-testid="flashcard"][data-face="front"]' : sel("cards-done"));
  }

  // Answer-first: the answer buttons may sit below the fold; once one is tapped, the back's
  // statement and its Next button are both in view.
  const a = await open(t, ctx.browser, ctx.server.appUrl + "#/cards", TOUCH_PHONE);
  await a.page.check(sel("mode-answer-first"));
  await startStudy(a.page);
  for (let i = 0; i < 5; i++) {
    const id = await frontId(a.page);
    await a.page.tap(sel(`tag-${wrongTag(id)}`));
    await a.page.waitForSelector('[data-testid="flashcard"][data-face="back"]');
    assertInView(await box(a.page, "card-question"), `${id}: the statement`);
    assertInView(await box(a.page, "next-card"), `${id}: Next card`);
    await a.page.tap(sel("next-card"));
    await a.page.waitForSelector('[data-testid="flashcard"][data-face="front"]');
  }
});

/** Whether the key hint inside the button `id` is displayed. */
const hintShown = (page, id) => page.$eval(`${sel(id)} kbd`, (k) => k.checkVisibility());

test("key hints show where a keyboard is in use: on touch screens only once a key is pressed", async (t) => {
  // A tablet-sized touch screen, wide enough for the answer keys' hints.
  const touch = await open(t, ctx.browser, ctx.server.appUrl + "#/quiz", { viewport: { width: 820, height: 1180 }, context: { hasTouch: true, isMobile: true } });
  const desk = await open(t, ctx.browser, ctx.server.appUrl + "#/quiz");
  for (const [s, keyboard] of [[touch, false], [desk, true]]) {
    const page = s.page;
    await startQuiz(page);
    const pick = sel(`tag-${CATS[0]}`);
    assert.equal(await page.$eval(`${pick} kbd`, (k) => k.checkVisibility()), keyboard, "answer keys");
    await page.goto(ctx.server.appUrl + "#/cards");
    await page.waitForSelector(sel("cards-home"));
    await startStudy(page);
    assert.equal(await hintShown(page, "flip"), keyboard, "Space on Show answer");
    await flipCard(page);
    assert.equal(await hintShown(page, "grade-good"), keyboard, "3 on Good");
  }
  // The touch screen's first key press brings the hints.
  await touch.page.keyboard.press("Tab");
  assert.equal(await hintShown(touch.page, "grade-good"), true, "after a key press");
  await touch.page.keyboard.press("3");
  await touch.page.waitForSelector('[data-testid="flashcard"][data-face="front"]');
  assert.equal(await hintShown(touch.page, "flip"), true, "and on the next card");
  // Typing in a field (as an on-screen keyboard does) is not a keyboard in use.
  const typed = await open(t, ctx.browser, ctx.server.appUrl + "#/cards", TOUCH_PHONE);
  await typed.page.fill(sel("new-per-day"), "");
  await typed.page.type(sel("new-per-day"), "5");
  await typed.page.waitForFunction(() => document.querySelector('[data-testid="new-count"]')?.textContent === "5");
  await startStudy(typed.page);
  assert.equal(await hintShown(typed.page, "flip"), false);
});

test("'New cards per day' applies as it is typed, before the field is left", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/cards");
  const page = s.page;
  await page.fill(sel("new-per-day"), "3");
  await page.waitForFunction(() => document.querySelector('[data-testid="new-count"]')?.textContent === "3");
  assert.equal(await focused(page), "new-per-day", "still typing");
  assert.equal(JSON.parse(await stored(page)).settings.new_per_day, 3, "and saved");
});

test("nothing due: study ahead and learn more new cards, without bringing any card forward", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/cards");
  const page = s.page;
  await setNewPerDay(page, 2);
  await startStudy(page);
  const first = [];
  for (let i = 0; i < 2; i++) {
    first.push(await frontId(page));
    await gradeCurrent(page, "easy");
  }
  await page.waitForSelector(sel("cards-done"));
  await page.click(sel("cards-back"));
  await page.waitForSelector(sel("go-on"));
  assert.equal(await page.$(sel("start-study")), null, "no disabled button in the way");
  assert.equal(await text(page, "study-ahead"), "Study ahead (2 cards)");
  assert.equal(await text(page, "learn-more"), "Learn 2 more new cards");

  // Learn more: new cards beyond today's limit of 2, then done.
  await page.click(sel("learn-more"));
  await page.waitForSelector('[data-testid="flashcard"][data-face="front"]');
  const more = [];
  for (let i = 0; i < 2; i++) {
    more.push(await frontId(page));
    assert.equal(await text(page, "card-kind"), "New card");
    await gradeCurrent(page, "easy");
  }
  await page.waitForSelector(sel("cards-done"));
  assert.equal(new Set([...first, ...more]).size, 4, "two cards not seen before");
  assert.equal(JSON.parse(await stored(page)).settings.new_per_day, 2, "the daily limit is unchanged");

  // Study ahead: the studied cards, soonest due first; a remembered card is not brought forward.
  await page.click(sel("cards-back"));
  await page.waitForSelector(sel("go-on"));
  const before = JSON.parse(await stored(page)).decks["devops-vs-platform"].cards.cards;
  await page.click(sel("study-ahead"));
  await page.waitForSelector('[data-testid="flashcard"][data-face="front"]');
  const id = await frontId(page);
  assert.ok(before[id], "a card studied before");
  await gradeCurrent(page, "hard");
  const after = JSON.parse(await stored(page)).decks["devops-vs-platform"].cards.cards;
  assert.ok(after[id].due >= before[id].due, `due ${after[id].due} is not before ${before[id].due}`);
  assert.equal(after[id].reps, before[id].reps + 1, "the review counted");
});

test("one vocabulary: the same words and counts on the home and flashcards screens, plural-aware", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl);
  const page = s.page;
  assert.equal(await text(page, "cards-note"), "10 new cards today");
  await page.click(sel("enter-cards"));
  await page.waitForSelector(sel("cards-home"));
  assert.equal(await page.textContent(`${sel("cards-today")} .tile:nth-child(1)`), "0cards due");
  assert.equal(await page.textContent(`${sel("cards-today")} .tile:nth-child(2)`), "10new cards today");
  // The words are explained where they show, open for someone who has not studied yet.
  assert.equal(await page.$eval(sel("glossary"), (d) => d.open), true);
  assert.match(await text(page, "glossary"), /Due\s*a card whose time to come back has come\./);
  assert.match(await text(page, "glossary"), /Learning\s*a card you saw in the last few minutes/);

  // Miss a card; it comes back in the session, so 2 cards make 3 reviews.
  await setNewPerDay(page, 2);
  await startStudy(page);
  const missed = await frontId(page);
  await gradeCurrent(page, "again");
  assert.equal(await text(page, "reviewed"), "1 card studied");
  await gradeCurrent(page, "easy");
  assert.equal(await frontId(page), missed);
  await gradeCurrent(page, "easy");
  await page.waitForSelector(sel("cards-done"));
  assert.match(await text(page, "session-summary"), /^You studied 2 cards, 3 reviews in all: the ones you missed came back\./);

  // One card due, read the same way on both screens.
  const raw = JSON.parse(await stored(page));
  raw.decks["devops-vs-platform"].cards.cards[missed].due = Date.now() - 60000;
  raw.decks["devops-vs-platform"].cards.cards[missed].phase = "review";
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [PROGRESS_KEY, JSON.stringify(raw)]);
  await page.goto(ctx.server.appUrl + "#/");
  await page.reload();
  await page.waitForSelector(sel("home"));
  assert.equal(await text(page, "cards-note"), "1 card due");
  await page.click(sel("enter-cards"));
  await page.waitForSelector(sel("cards-home"));
  assert.equal(await page.textContent(`${sel("cards-today")} .tile:nth-child(1)`), "1card due");
  assert.equal(await page.textContent(`${sel("cards-today")} .tile:nth-child(2)`), "0new cards today");
  assert.equal(await page.$eval(sel("glossary"), (d) => d.open), false, "closed once cards are studied");
});

for (const [name, viewport] of WIDTHS) {
  test(`screenshots of the flashcards and stats at ${name} width`, async (t) => {
    const s = await open(t, ctx.browser, ctx.server.appUrl + "#/cards", { viewport });
    const page = s.page;
    await screenshot(page, `cards-home-${name}`);
    await startStudy(page);
    await screenshot(page, `cards-front-${name}`);
    await page.click(sel("flip"));
    // Let the flip finish before the picture.
    await page.$eval('[data-testid="flashcard"] .face.back', (el) => Promise.all(el.getAnimations().map((a) => a.finished)));
    await screenshot(page, `cards-back-${name}`);
    await page.click(sel("grade-good"));
    await goTo(page, "progress");
    await screenshot(page, `stats-${name}`);
  });
}
