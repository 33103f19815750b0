// Quiz mode in a real browser against the release build: play with the mouse and with the
// keyboard only, check the results against answers computed from the deck file, retry the missed
// ones, resume after a reload, and replay orders from seeds.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  suite,
  playQuiz,
  playToResults,
  open,
  problems,
  screenshot,
  currentStatement,
  startQuiz,
  nextStatement,
  nextQuestion,
  focused,
  tabTo,
  horizontalOverflow,
  wrongTag,
  sel,
  CATS,
  DECK,
  TAG_OF,
  WIDTHS,
} from "./harness.mjs";

const ctx = suite();

/**
 * Answers every question with `choose(id, index)` (a category id), clicking Next after each,
 * checks each feedback against the deck, and returns what was asked and answered.
 */
function playWithMouse(page, choose) {
  return playToResults(page, choose, {
    onFeedback: async (id, answer) => {
      const verdict = await page.textContent(sel("verdict"));
      assert.equal(verdict, answer === TAG_OF[id] ? "Correct" : "Not quite", `verdict for ${id}`);
      const label = DECK.categories.find((c) => c.id === TAG_OF[id]).label;
      assert.match(await page.textContent(sel("correct-tag")), new RegExp(`The answer is ${label}`));
      const statement = DECK.statements.find((s) => s.id === id);
      assert.equal(await page.textContent(sel("explanation")), statement.explanation);
      assert.match(await page.textContent(sel("quote")), /Sandip Das/);
      // Who says the quoted words, and, for a wrong answer, why that answer is wrong.
      assert.equal(await page.textContent(`${sel("quote")} ${sel("speaker")}`), `Said by ${statement.speaker}`);
      const why = await page.$(sel("why-not"));
      assert.equal(why && (await why.textContent()), answer === statement.tag ? null : whyNot(statement, answer));
    },
  });
}

/** "Why not Platform? …": what the deck says to a learner who answered `answer`. */
function whyNot(statement, answer) {
  const label = DECK.categories.find((c) => c.id === answer).label;
  return `Why not ${label}? ${statement.wrong[answer]}`;
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
  assert.equal(await page.textContent(sel("score")), `${want.correct} of ${want.total} correct`);
  const pct = Math.round((want.correct * 100) / want.total);
  const verdict = await page.textContent(sel("pass-verdict"));
  assert.match(verdict, want.correct * 100 >= 70 * want.total ? /^Passed/ : /^Not passed yet/);
  assert.match(verdict, new RegExp(`${pct}%`));
  for (const c of CATS) {
    const bar = await page.$(`${sel(`bar-${c}`)} ${sel("bar-figure")}`);
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
      const n = Number(await page.textContent(sel(`cell-${t}-${p}`)));
      assert.equal(n, want.matrix[t][p], `matrix ${CATS[t]} -> ${CATS[p]}`);
      sum += n;
    }
  }
  assert.equal(sum, asked.length, "the matrix sums to the number of questions");
  const missed = await page.$$eval(sel("missed-item"), (els) =>
    els.map((e) => [e.dataset.id, e.querySelector('[data-testid="why-not"]')?.textContent]),
  );
  const wrong = asked.filter((a) => a.answer !== TAG_OF[a.id]);
  assert.deepEqual(
    missed,
    wrong.map((a) => [a.id, whyNot(DECK.statements.find((s) => s.id === a.id), a.answer)]),
    "each miss, with why the answer given is wrong",
  );
}

test("a whole quiz with the mouse: feedback on every answer, results from the deck's answers", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/quiz");
  await startQuiz(s.page, 10);
  // Answer right, right, wrong, repeating: a known mix of hits and misses.
  const asked = await playWithMouse(s.page, (id, i) => (i % 3 === 2 ? wrongTag(id) : TAG_OF[id]));
  assert.equal(asked.length, 10);
  await checkResults(s.page, asked);
  assert.equal(new URL(s.page.url()).hash, "#/results");
  assert.match(await s.page.textContent(sel("best")), /Best score: 7 of 10/);
  assert.deepEqual(problems(s), []);
});

test("a whole quiz with the keyboard only, with focus where it should be", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl);
  const page = s.page;
  const active = () => focused(page);
  // Tab from the top of the page to the quiz entry point.
  await tabTo(page, "enter-quiz", { max: 20 });
  await page.keyboard.press("Enter");
  await page.waitForSelector(sel("quiz-start"));
  await tabTo(page, "length-10", { max: 20 });
  await page.keyboard.press("ArrowRight");
  assert.equal(await active(), "length-20");
  await tabTo(page, "start-quiz", { max: 10 });
  await page.keyboard.press("Enter");
  await page.waitForSelector(sel("statement"));
  const asked = [];
  for (let i = 0; i < 20; i++) {
    assert.equal(await active(), "statement", `question ${i + 1} takes focus`);
    const id = await currentStatement(page);
    const answer = i % 4 === 0 ? wrongTag(id) : TAG_OF[id];
    // Alternate digit and letter shortcuts.
    const cat = DECK.categories.find((c) => c.id === answer);
    await page.keyboard.press(i % 2 ? String(CATS.indexOf(answer) + 1) : cat.label[0].toLowerCase());
    await page.waitForSelector(sel("feedback"));
    assert.equal(await active(), "next", "focus moves to Next after answering");
    const live = await page.textContent(sel("live"));
    assert.match(live, answer === TAG_OF[id] ? /^Correct\./ : /^Not quite\./);
    if (answer !== TAG_OF[id]) {
      // A screen reader hears why the answer given is wrong, not only that it is.
      const statement = DECK.statements.find((s) => s.id === id);
      assert.ok(live.endsWith(` ${statement.wrong[answer]}`), live);
    }
    asked.push({ id, answer });
    await page.keyboard.press("Enter");
    if (i < 19) await nextStatement(page, id);
  }
  await page.waitForSelector(sel("results"));
  assert.equal(await page.evaluate(() => document.activeElement?.id), "results-title");
  await checkResults(page, asked);
  // Focus is visible: the focused element draws an outline.
  await page.keyboard.press("Tab");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, "solid");
  assert.deepEqual(problems(s), []);
});

test("retry-missed asks exactly the missed statements", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/quiz");
  await startQuiz(s.page, 10);
  const asked = await playWithMouse(s.page, (id, i) => (i % 2 ? wrongTag(id) : TAG_OF[id]));
  const missed = asked.filter((a) => a.answer !== TAG_OF[a.id]).map((a) => a.id);
  await s.page.click(sel("retry-missed"));
  await s.page.waitForSelector(sel("statement"));
  assert.match(await s.page.textContent(sel("question-count")), new RegExp(`of ${missed.length}$`));
  const retried = await playWithMouse(s.page, (id) => TAG_OF[id]);
  assert.deepEqual(retried.map((a) => a.id), missed);
  assert.equal(await s.page.textContent(sel("score")), `${missed.length} of ${missed.length} correct`);
});

test("a reload mid-quiz resumes at the same question with the same score", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/quiz");
  const page = s.page;
  await startQuiz(page, 10);
  for (let i = 0; i < 3; i++) {
    const id = await currentStatement(page);
    await page.click(sel(`tag-${i === 1 ? wrongTag(id) : TAG_OF[id]}`));
    await nextQuestion(page, id);
  }
  const where = async () => ({ id: await currentStatement(page), count: await page.textContent(sel("question-count")), score: await page.textContent(sel("running-score")) });
  const before = await where();
  assert.equal(before.count, "Question 4 of 10");
  assert.equal(before.score, "Score 2 / 3");
  await page.reload();
  await page.waitForSelector(sel("statement"));
  assert.deepEqual(await where(), before);
  // Answered-but-not-advanced also survives a reload: the feedback is still showing.
  await page.click(sel(`tag-${TAG_OF[before.id]}`));
  await page.reload();
  await page.waitForSelector(sel("feedback"));
  assert.equal(await page.textContent(sel("verdict")), "Correct");
});

/** The first `n` statements a quiz of the whole deck asks at `seedUrl`. */
async function order(t, seedUrl, n = 10) {
  const s = await open(t, ctx.browser, ctx.server.appUrl + seedUrl);
  await startQuiz(s.page, "all");
  const ids = [];
  for (let i = 0; i < n; i++) {
    const id = await currentStatement(s.page);
    ids.push(id);
    await s.page.click(sel(`tag-${TAG_OF[id]}`));
    await nextQuestion(s.page, id);
  }
  await s.close();
  return ids;
}

test("the same seed replays the same order; other seeds give other orders", async (t) => {
  const a = await order(t, "#/quiz?seed=42");
  const b = await order(t, "#/quiz?seed=42");
  const c = await order(t, "?seed=43#/quiz");
  const d = await order(t, "#/quiz?seed=7");
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.notDeepEqual(a, d);
  // Without a seed, two new quizzes are shuffled differently.
  const e = await order(t, "#/quiz");
  const f = await order(t, "#/quiz");
  assert.notDeepEqual(e, f);
});

test("hash routes work with the back button", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl);
  await s.page.click(sel("enter-quiz"));
  await s.page.waitForSelector(sel("quiz-start"));
  await s.page.goBack();
  await s.page.waitForSelector(sel("home"));
  await s.page.goForward();
  await s.page.waitForSelector(sel("quiz-start"));
});

for (const [name, viewport] of WIDTHS) {
  test(`screenshots of question, feedback and results at ${name} width`, async (t) => {
    const s = await open(t, ctx.browser, ctx.server.appUrl + "#/quiz?seed=5", { viewport });
    const page = s.page;
    await startQuiz(page, 10);
    await screenshot(page, `quiz-question-${name}`);
    const first = await currentStatement(page);
    await page.click(sel(`tag-${wrongTag(first)}`));
    await page.waitForSelector(sel("feedback"));
    await screenshot(page, `quiz-feedback-wrong-${name}`);
    await nextQuestion(page, first);
    const second = await currentStatement(page);
    await page.click(sel(`tag-${TAG_OF[second]}`));
    await screenshot(page, `quiz-feedback-right-${name}`);
    await nextQuestion(page, second);
    await playWithMouse(page, (id, i) => (i % 3 ? TAG_OF[id] : wrongTag(id)));
    await screenshot(page, `quiz-results-${name}`);
    assert.equal(await horizontalOverflow(page), 0, "no horizontal scrolling");
  });
}

test("share copies a short summary of the result to the clipboard", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/quiz", { context: { permissions: ["clipboard-read", "clipboard-write"] } });
  const page = s.page;
  await playQuiz(page, { choose: (id, i) => (i < 2 ? wrongTag(id) : TAG_OF[id]) });
  await page.click(sel("share"));
  await page.waitForFunction(() => document.querySelector('[data-testid="share-status"]').textContent.includes("copied"));
  const text = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(text, /^RoleCall – DevOps vs Platform Engineering: 8 of 10 correct \(80%\), passed \(pass mark 70%\)\. http:\/\/127\.0\.0\.1:\d+\/training\/rolecall\/$/);
});

test("where the clipboard is refused, the summary is shown to copy by hand", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/quiz", {
    init: [() => Object.defineProperty(Navigator.prototype, "clipboard", { get: () => ({ writeText: () => Promise.reject(new DOMException("denied", "NotAllowedError")) }) })],
  });
  const page = s.page;
  await playQuiz(page);
  await page.click(sel("share"));
  await page.waitForSelector(sel("share-text"));
  assert.match(await page.inputValue(sel("share-text")), /10 of 10 correct \(100%\), passed/);
  assert.match(await page.textContent(sel("share-status")), /copy the text below/);
});

test("a reload of the results shows the same results, and a reload on the last answer lets Next record it", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/quiz");
  const page = s.page;
  await startQuiz(page, 10);
  const asked = [];
  // Answer nine, then the last without pressing Next: its feedback is showing.
  for (let i = 0; i < 10; i++) {
    const id = await currentStatement(page);
    const answer = i % 4 === 1 ? wrongTag(id) : TAG_OF[id];
    asked.push({ id, answer });
    await page.click(sel(`tag-${answer}`));
    if (i < 9) await nextQuestion(page, id);
  }
  await page.waitForSelector(sel("feedback"));
  await page.reload();
  await page.waitForSelector(sel("feedback"));
  assert.equal(await page.textContent(sel("question-count")), "Question 10 of 10", "the last feedback shows again");
  await page.click(sel("next"));
  await page.waitForSelector(sel("results"));
  await checkResults(page, asked);
  const shown = async () => ({
    score: await page.textContent(sel("score")),
    took: await page.textContent(".score-card .muted"),
    matrix: await page.textContent(sel("matrix")),
    best: await page.textContent(sel("best")),
    history: await page.getAttribute(`${sel("history-chart")} svg`, "aria-label"),
  });
  const before = await shown();
  assert.match(before.history, /^Score of your last attempt: 70%\.$/, "the attempt is recorded once");
  await page.reload();
  await page.waitForSelector(sel("results"));
  assert.equal(await page.$(sel("no-results")), null);
  assert.deepEqual(await shown(), before, "the same results after a reload, history not doubled");
  await checkResults(page, asked);
  // A new quiz takes the results' place only once it is finished.
  await page.click(sel("new-quiz"));
  await page.waitForSelector(sel("statement"));
  await page.goto(ctx.server.appUrl + "#/results");
  await page.waitForSelector(sel("results"));
  assert.deepEqual(await shown(), before);
  assert.deepEqual(problems(s), []);
});

test("leaving a quiz with answers asks first; Keep going keeps every answer", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/quiz");
  const page = s.page;
  await startQuiz(page, 10);
  // With nothing answered there is nothing to lose: Leave leaves at once.
  await page.click(sel("quit"));
  await page.waitForSelector(sel("quiz-start"));
  await startQuiz(page, 10);
  const first = await currentStatement(page);
  await page.click(sel(`tag-${TAG_OF[first]}`));
  await nextQuestion(page, first);
  await page.click(sel("quit"));
  await page.waitForSelector(sel("leave-confirm"));
  assert.match(await page.textContent(sel("leave-confirm")), /Leave this quiz\? Your 1 answer so far is not kept\./);
  assert.equal(await focused(page), "leave-no", "focus moves into the question");
  await page.keyboard.press("Enter");
  await page.waitForSelector(sel("quit"));
  assert.equal(await focused(page), "quit", "Keep going returns focus to Leave");
  assert.equal(await page.textContent(sel("running-score")), "Score 1 / 1");
  assert.equal(await page.textContent(sel("question-count")), "Question 2 of 10");
  // The keyboard again: Leave, then Tab back to the destructive choice and confirm.
  await page.keyboard.press("Enter");
  await page.waitForSelector(sel("leave-confirm"));
  await page.keyboard.press("Shift+Tab");
  assert.equal(await focused(page), "leave-yes");
  await page.keyboard.press("Enter");
  await page.waitForSelector(sel("quiz-start"));
  await page.reload();
  await page.waitForSelector(sel("quiz-start"));
  assert.equal(await page.$(sel("statement")), null, "the quiz left is gone after a reload too");
  assert.deepEqual(problems(s), []);
});

test("a shared result's status belongs to its quiz: the next quiz's results start fresh", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "#/quiz", { context: { permissions: ["clipboard-read", "clipboard-write"] } });
  const page = s.page;
  await playQuiz(page);
  await page.click(sel("share"));
  await page.waitForFunction(() => document.querySelector('[data-testid="share-status"]').textContent.includes("copied"));
  // The button and its status sit in the score card, on one row on a desktop.
  const [share, status] = [await page.locator(sel("share")).boundingBox(), await page.locator(sel("share-status")).boundingBox()];
  assert.ok(Math.abs(share.y + share.height / 2 - (status.y + status.height / 2)) < 4, "status beside the button");
  await page.click(sel("new-quiz"));
  await page.waitForSelector(sel("statement"));
  await playToResults(page, (id) => TAG_OF[id]);
  await page.waitForSelector(sel("results"));
  assert.equal(await page.textContent(sel("share-status")), "", "nothing was copied for this quiz");
});

test("the confusion matrix reads alone: key and axis labels first, one shading scale, equal columns", async (t) => {
  // A fixed deal: with a random one, the counts can all be close enough to share one shade.
  const s = await open(t, ctx.browser, ctx.server.appUrl + "?seed=3#/quiz");
  const page = s.page;
  await startQuiz(page, 20);
  // DevOps statements all called Platform; the rest right: one heavy mix-up, the rest diagonal.
  await playToResults(page, (id) => (TAG_OF[id] === CATS[0] ? CATS[1] : TAG_OF[id]));
  const m = await page.$eval(sel("matrix"), (table) => {
    const box = (el) => el.getBoundingClientRect().toJSON();
    const cells = [...table.querySelectorAll("td[data-testid^=cell-]")].map((td) => ({
      count: Number(td.textContent),
      heat: Number([...td.classList].find((c) => c.startsWith("heat-")).slice(5)),
    }));
    return {
      key: box(table.querySelector("caption")),
      head: box(table.querySelector("thead")),
      keyText: table.querySelector("caption").textContent,
      columnsAxis: table.querySelector('[data-testid="matrix-columns-axis"]').textContent,
      rowsAxis: table.querySelector('[data-testid="matrix-rows-axis"]').textContent,
      widths: [...table.querySelectorAll("thead tr:last-child th")].slice(1, -1).map((th) => th.getBoundingClientRect().width),
      cells,
    };
  });
  assert.ok(m.key.bottom <= m.head.top + 1, "the key comes before the table");
  assert.match(m.keyText, /Each row is a right answer; each column, what you answered\..*Green.*right.*Red.*mix-up/);
  assert.match(m.columnsAxis, /^You answered/);
  assert.match(m.rowsAxis, /^Right answer/);
  assert.equal(m.widths.length, CATS.length);
  for (const w of m.widths) assert.ok(Math.abs(w - m.widths[0]) < 1.5, `equal columns: ${m.widths.join(", ")}`);
  const most = Math.max(...m.cells.map((c) => c.count));
  for (const c of m.cells) assert.equal(c.heat, Math.ceil((c.count * 4) / most), `a ${c.count} is shaded against the largest cell (${most}), not its row`);
  const shades = new Set(m.cells.filter((c) => c.count > 0).map((c) => c.heat));
  assert.ok(shades.size > 1, `different counts, different shades: ${m.cells.map((c) => `${c.count}:${c.heat}`).join(" ")}`);
});
