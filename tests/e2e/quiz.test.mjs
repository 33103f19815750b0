// Quiz mode in a real browser against the release build: play with the mouse and with the
// keyboard only, check the results against answers computed from the deck file, retry the missed
// ones, resume after a reload, and replay orders from seeds.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, playQuiz, open, problems, screenshot, currentStatement, wrongTag, DECK, TAG_OF, PHONE, DESKTOP } from "./harness.mjs";

const ctx = suite();

const CATS = DECK.categories.map((c) => c.id);

/** Starts a quiz of `length` (10, 20 or "all") from the start screen. */
async function start(page, length = 10) {
  await page.click(`[data-testid="length-${length}"]`);
  await page.click('[data-testid="start-quiz"]');
  await page.waitForSelector('[data-testid="statement"]');
}

/**
 * Answers every question with `choose(id, index)` (a category id), clicking Next after each, and
 * returns what was asked and answered.
 */
async function playWithMouse(page, choose) {
  const asked = [];
  for (let i = 0; ; i++) {
    const id = await currentStatement(page);
    const answer = choose(id, i);
    await page.click(`[data-testid="tag-${answer}"]`);
    await page.waitForSelector('[data-testid="feedback"]');
    const verdict = await page.textContent('[data-testid="verdict"]');
    assert.equal(verdict, answer === TAG_OF[id] ? "Correct" : "Not quite", `verdict for ${id}`);
    const label = DECK.categories.find((c) => c.id === TAG_OF[id]).label;
    assert.match(await page.textContent('[data-testid="correct-tag"]'), new RegExp(`The answer is ${label}`));
    const statement = DECK.statements.find((s) => s.id === id);
    assert.equal(await page.textContent('[data-testid="explanation"]'), statement.explanation);
    assert.match(await page.textContent('[data-testid="quote"]'), /Sandip Das/);
    asked.push({ id, answer });
    const last = (await page.textContent('[data-testid="next"]')).includes("See results");
    await page.click('[data-testid="next"]');
    if (last) break;
    await page.waitForFunction((prev) => document.querySelector('[data-testid="statement"]')?.dataset.id !== prev, id);
  }
  await page.waitForSelector('[data-testid="results"]');
  return asked;
}

/** What the results screen must show for these answers, computed from the deck file alone. */
function expected(asked) {
  const perCat = Object.fromEntries(CATS.map((c) => [c, { correct: 0, total: 0 }]));
  const matrix = CATS.map(() => CATS.map(() => 0));
  for (const { id, answer } of asked) {
    const truth = TAG_OF[id];
    perCat[truth].total++;
    if (answer === truth) perCat[truth].correct++;
    matrix[CATS.indexOf(truth)][CATS.indexOf(answer)]++;
  }
  const correct = asked.filter((a) => a.answer === TAG_OF[a.id]).length;
  return { correct, total: asked.length, perCat, matrix };
}

async function checkResults(page, asked) {
  const want = expected(asked);
  assert.equal(await page.textContent('[data-testid="score"]'), `${want.correct} of ${want.total} correct`);
  const pct = Math.round((want.correct * 100) / want.total);
  const verdict = await page.textContent('[data-testid="pass-verdict"]');
  assert.match(verdict, want.correct * 100 >= 70 * want.total ? /^Passed/ : /^Not passed yet/);
  assert.match(verdict, new RegExp(`${pct}%`));
  for (const c of CATS) {
    const bar = await page.$(`[data-testid="bar-${c}"] [data-testid="bar-figure"]`);
    const { correct, total } = want.perCat[c];
    if (total === 0) {
      assert.equal(bar, null, `no bar for ${c}`);
    } else {
      assert.match(await bar.textContent(), new RegExp(`^${correct} / ${total}`), `bar for ${c}`);
    }
  }
  let sum = 0;
  for (let t = 0; t < CATS.length; t++) {
    for (let p = 0; p < CATS.length; p++) {
      const n = Number(await page.textContent(`[data-testid="cell-${t}-${p}"]`));
      assert.equal(n, want.matrix[t][p], `matrix ${CATS[t]} -> ${CATS[p]}`);
      sum += n;
    }
  }
  assert.equal(sum, asked.length, "the matrix sums to the number of questions");
  const missed = await page.$$eval('[data-testid="missed-item"]', (els) => els.map((e) => e.dataset.id));
  assert.deepEqual(missed, asked.filter((a) => a.answer !== TAG_OF[a.id]).map((a) => a.id));
}

test("a whole quiz with the mouse: feedback on every answer, results from the deck's answers", async () => {
  const s = await open(ctx.browser, ctx.server.appUrl + "#/quiz");
  await start(s.page, 10);
  // Answer right, right, wrong, repeating: a known mix of hits and misses.
  const asked = await playWithMouse(s.page, (id, i) => (i % 3 === 2 ? wrongTag(id) : TAG_OF[id]));
  assert.equal(asked.length, 10);
  await checkResults(s.page, asked);
  assert.equal(new URL(s.page.url()).hash, "#/results");
  assert.match(await s.page.textContent('[data-testid="best"]'), /Best score: 7 of 10/);
  assert.deepEqual(problems(s), []);
  await s.close();
});

test("a whole quiz with the keyboard only, with focus where it should be", async () => {
  const s = await open(ctx.browser, ctx.server.appUrl);
  const page = s.page;
  const active = () => page.evaluate(() => document.activeElement?.dataset?.testid ?? document.activeElement?.tagName);
  // Tab from the top of the page to the quiz entry point.
  for (let i = 0; i < 20 && (await active()) !== "enter-quiz"; i++) await page.keyboard.press("Tab");
  assert.equal(await active(), "enter-quiz");
  await page.keyboard.press("Enter");
  await page.waitForSelector('[data-testid="quiz-start"]');
  for (let i = 0; i < 20 && (await active()) !== "length-10"; i++) await page.keyboard.press("Tab");
  assert.equal(await active(), "length-10");
  await page.keyboard.press("ArrowRight");
  assert.equal(await active(), "length-20");
  for (let i = 0; i < 10 && (await active()) !== "start-quiz"; i++) await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.waitForSelector('[data-testid="statement"]');
  const asked = [];
  for (let i = 0; i < 20; i++) {
    assert.equal(await active(), "statement", `question ${i + 1} takes focus`);
    const id = await currentStatement(page);
    const answer = i % 4 === 0 ? wrongTag(id) : TAG_OF[id];
    // Alternate digit and letter shortcuts.
    const cat = DECK.categories.find((c) => c.id === answer);
    await page.keyboard.press(i % 2 ? String(CATS.indexOf(answer) + 1) : cat.label[0].toLowerCase());
    await page.waitForSelector('[data-testid="feedback"]');
    assert.equal(await active(), "next", "focus moves to Next after answering");
    const live = await page.textContent('[data-testid="live"]');
    assert.match(live, answer === TAG_OF[id] ? /^Correct\./ : /^Not quite\./);
    asked.push({ id, answer });
    await page.keyboard.press("Enter");
    if (i < 19) await page.waitForFunction((prev) => document.querySelector('[data-testid="statement"]')?.dataset.id !== prev, id);
  }
  await page.waitForSelector('[data-testid="results"]');
  assert.equal(await page.evaluate(() => document.activeElement?.id), "results-title");
  await checkResults(page, asked);
  // Focus is visible: the focused element draws an outline.
  await page.keyboard.press("Tab");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, "solid");
  assert.deepEqual(problems(s), []);
  await s.close();
});

test("retry-missed asks exactly the missed statements", async () => {
  const s = await open(ctx.browser, ctx.server.appUrl + "#/quiz");
  await start(s.page, 10);
  const asked = await playWithMouse(s.page, (id, i) => (i % 2 ? wrongTag(id) : TAG_OF[id]));
  const missed = asked.filter((a) => a.answer !== TAG_OF[a.id]).map((a) => a.id);
  await s.page.click('[data-testid="retry-missed"]');
  await s.page.waitForSelector('[data-testid="statement"]');
  assert.match(await s.page.textContent('[data-testid="question-count"]'), new RegExp(`of ${missed.length}$`));
  const retried = await playWithMouse(s.page, (id) => TAG_OF[id]);
  assert.deepEqual(retried.map((a) => a.id), missed);
  assert.equal(await s.page.textContent('[data-testid="score"]'), `${missed.length} of ${missed.length} correct`);
  await s.close();
});

test("a reload mid-quiz resumes at the same question with the same score", async () => {
  const s = await open(ctx.browser, ctx.server.appUrl + "#/quiz");
  const page = s.page;
  await start(page, 10);
  for (let i = 0; i < 3; i++) {
    const id = await currentStatement(page);
    await page.click(`[data-testid="tag-${i === 1 ? wrongTag(id) : TAG_OF[id]}"]`);
    await page.click('[data-testid="next"]');
    await page.waitForFunction((prev) => document.querySelector('[data-testid="statement"]')?.dataset.id !== prev, id);
  }
  const before = { id: await currentStatement(page), count: await page.textContent('[data-testid="question-count"]'), score: await page.textContent('[data-testid="running-score"]') };
  assert.equal(before.count, "Question 4 of 10");
  assert.equal(before.score, "Score 2 / 3");
  await page.reload();
  await page.waitForSelector('[data-testid="statement"]');
  assert.deepEqual(
    { id: await currentStatement(page), count: await page.textContent('[data-testid="question-count"]'), score: await page.textContent('[data-testid="running-score"]') },
    before,
  );
  // Answered-but-not-advanced also survives a reload: the feedback is still showing.
  await page.click(`[data-testid="tag-${TAG_OF[before.id]}"]`);
  await page.reload();
  await page.waitForSelector('[data-testid="feedback"]');
  assert.equal(await page.textContent('[data-testid="verdict"]'), "Correct");
  await s.close();
});

async function order(seedUrl, n = 10) {
  const s = await open(ctx.browser, ctx.server.appUrl + seedUrl);
  await start(s.page, "all");
  const ids = [];
  for (let i = 0; i < n; i++) {
    const id = await currentStatement(s.page);
    ids.push(id);
    await s.page.click(`[data-testid="tag-${TAG_OF[id]}"]`);
    await s.page.click('[data-testid="next"]');
    await s.page.waitForFunction((prev) => document.querySelector('[data-testid="statement"]')?.dataset.id !== prev, id);
  }
  await s.close();
  return ids;
}

test("the same seed replays the same order; other seeds give other orders", async () => {
  const a = await order("#/quiz?seed=42");
  const b = await order("#/quiz?seed=42");
  const c = await order("?seed=43#/quiz");
  const d = await order("#/quiz?seed=7");
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.notDeepEqual(a, d);
  // Without a seed, two new quizzes are shuffled differently.
  const e = await order("#/quiz");
  const f = await order("#/quiz");
  assert.notDeepEqual(e, f);
});

test("hash routes work with the back button", async () => {
  const s = await open(ctx.browser, ctx.server.appUrl);
  await s.page.click('[data-testid="enter-quiz"]');
  await s.page.waitForSelector('[data-testid="quiz-start"]');
  await s.page.goBack();
  await s.page.waitForSelector('[data-testid="home"]');
  await s.page.goForward();
  await s.page.waitForSelector('[data-testid="quiz-start"]');
  await s.close();
});

for (const [name, viewport] of [["phone", PHONE], ["desktop", DESKTOP]]) {
  test(`screenshots of question, feedback and results at ${name} width`, async () => {
    const s = await open(ctx.browser, ctx.server.appUrl + "#/quiz?seed=5", { viewport });
    const page = s.page;
    await start(page, 10);
    await screenshot(page, `quiz-question-${name}`);
    const first = await currentStatement(page);
    await page.click(`[data-testid="tag-${wrongTag(first)}"]`);
    await page.waitForSelector('[data-testid="feedback"]');
    await screenshot(page, `quiz-feedback-wrong-${name}`);
    await page.click('[data-testid="next"]');
    await page.waitForFunction((prev) => document.querySelector('[data-testid="statement"]')?.dataset.id !== prev, first);
    const second = await currentStatement(page);
    await page.click(`[data-testid="tag-${TAG_OF[second]}"]`);
    await screenshot(page, `quiz-feedback-right-${name}`);
    await page.click('[data-testid="next"]');
    await page.waitForFunction((prev) => document.querySelector('[data-testid="statement"]')?.dataset.id !== prev, second);
    await playWithMouse(page, (id, i) => (i % 3 ? TAG_OF[id] : wrongTag(id)));
    await screenshot(page, `quiz-results-${name}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, "no horizontal scrolling");
    await s.close();
  });
}

test("share copies a short summary of the result to the clipboard", async () => {
  const s = await open(ctx.browser, ctx.server.appUrl + "#/quiz", { context: { permissions: ["clipboard-read", "clipboard-write"] } });
  const page = s.page;
  await playQuiz(page, { choose: (id, i) => (i < 2 ? wrongTag(id) : TAG_OF[id]) });
  await page.click('[data-testid="share"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="share-status"]').textContent.includes("copied"));
  const text = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(text, /^RoleCall – DevOps vs Platform Engineering: 8 of 10 correct \(80%\), passed \(pass mark 70%\)\. http:\/\/127\.0\.0\.1:\d+\/training\/rolecall\/$/);
  await s.close();
});

test("where the clipboard is refused, the summary is shown to copy by hand", async () => {
  const s = await open(ctx.browser, ctx.server.appUrl + "#/quiz", {
    init: [() => Object.defineProperty(Navigator.prototype, "clipboard", { get: () => ({ writeText: () => Promise.reject(new DOMException("denied", "NotAllowedError")) }) })],
  });
  const page = s.page;
  await playQuiz(page);
  await page.click('[data-testid="share"]');
  await page.waitForSelector('[data-testid="share-text"]');
  assert.match(await page.inputValue('[data-testid="share-text"]'), /10 of 10 correct \(100%\), passed/);
  assert.match(await page.textContent('[data-testid="share-status"]'), /copy the text below/);
  await s.close();
});
