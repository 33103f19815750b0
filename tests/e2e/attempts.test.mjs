// Results a trainer can trust, tried as a trainer would: the app in a frame on another origin,
// a host page recording every message. Practice never reaches the host, each full attempt is
// reported with its number and registration, a locked quiz cannot be changed or left, attempts
// can be limited, and the trainer's mistakes reach the trainer, not the learner.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  suite,
  serve,
  open,
  respond,
  startQuiz,
  nextQuestion,
  answer,
  currentStatement,
  sel,
  focused,
  hostPageUrl,
  openFramed,
  fromApp,
  caughtUp,
  screenshot,
  problems,
  HOSTS,
  PHONE,
} from "./harness.mjs";
import { assertValidStatement } from "./xapi.mjs";

const ctx = suite();
let hosts;
before(async () => {
  hosts = await serve({
    dirs: { "/hosts/": HOSTS },
    routes: { "/decks/broken.json": respond('{"format": 1, "id": "x", ') },
    name: "localhost",
  });
});
after(() => hosts?.close());

/** Opens the app framed by a host page on another origin, results addressed to that page. */
function openHost(t, query, sessionOpts) {
  const q = `${query}&parentOrigin=${encodeURIComponent(hosts.origin)}`;
  return openFramed(t, ctx.browser, hostPageUrl(hosts, ctx.server.appUrl, { query: q, dialect: "rolecall" }), sessionOpts);
}

/** Answers the questions on screen as `answers` says (true: right), clicking Next after each. */
async function play(frame, answers) {
  for (const right of answers) {
    const id = await answer(frame, right);
    await nextQuestion(frame, id);
  }
  await frame.waitForSelector(sel("results"));
}

const ofType = (messages, type) => messages.filter((m) => m.data.type === type).map((m) => m.data);
const statements = (messages) => ofType(messages, "rolecall:xapi").map((d) => d.statement);
const verbs = (messages) => statements(messages).map((s) => s.verb.display["en-US"]);
const attemptOf = (st) => Object.entries(st.context.extensions).find(([k]) => k.endsWith("/attempt"))?.[1];

test("practice on the misses of a failed attempt is shown as practice and never reported", async (t) => {
  const s = await openHost(t, "?n=5&pass=80&seed=42&embed=1");
  await startQuiz(s.frame, null);
  await play(s.frame, [false, true, false, true, false]);
  assert.match(await s.frame.textContent(sel("pass-verdict")), /Not passed yet · 40%/);
  await s.frame.click(sel("retry-missed"));
  await s.frame.waitForSelector(sel("statement"));
  assert.match(await s.frame.textContent(sel("quiz-label")), /Practice/);
  await play(s.frame, [true, true, true]);
  assert.equal(await s.frame.textContent("#results-title"), "Practice results");
  assert.equal(await s.frame.textContent(sel("score")), "3 of 3 correct");
  assert.equal(await s.frame.$(sel("pass-verdict")), null, "practice has no pass or fail");
  assert.match(await s.frame.textContent(sel("counting-note")), /not graded, not reported.*Attempt 1's result stands/);
  // The history and the best score hold the attempt only, and agree with each other.
  assert.match(await s.frame.textContent(sel("best")), /Best score: 2 of 5 \(40%\)/);
  assert.equal(await s.frame.$$eval('[data-testid="history-chart"] circle.point', (c) => c.length), 1);
  assert.equal(await s.frame.getAttribute('[data-testid="history-chart"] svg', "aria-label"), "Score of your last attempt: 40%.");

  // A new full attempt is reported again.
  await s.frame.click(sel("new-quiz"));
  await s.frame.waitForSelector(sel("statement"));
  await answer(s.frame, true);
  await caughtUp(s.page, s.frame);
  const all = await fromApp(s.page);
  const completed = ofType(all, "rolecall:completed");
  assert.equal(completed.length, 1, "exactly one attempt result");
  assert.deepEqual(completed[0].score, { raw: 2, max: 5, percent: 40 });
  assert.equal(completed[0].passed, false);
  assert.equal(completed[0].attempt, 1);
  const answered = ofType(all, "rolecall:answered");
  assert.deepEqual(answered.map((a) => a.attempt), [1, 1, 1, 1, 1, 2], "no practice answer reached the host");
  assert.deepEqual(verbs(all).filter((v) => v !== "answered"), ["completed", "failed"], "no passed, ever");
  for (const st of statements(all)) assertValidStatement(st);
  assert.ok(all.every((m) => m.origin === ctx.server.origin));
});

test("two full attempts are reported as attempt 1 and 2, each with its own registration", async (t) => {
  const s = await openHost(t, "?n=3&seed=7&pass=60&embed=1");
  await startQuiz(s.frame, null);
  await play(s.frame, [true, false, true]);
  assert.equal(await s.frame.$(sel("results-label")), null, "a first attempt needs no label");
  await s.frame.click(sel("new-quiz"));
  await s.frame.waitForSelector(sel("statement"));
  assert.equal(await s.frame.textContent(sel("quiz-label")), "Attempt 2");
  await play(s.frame, [true, true, true]);
  await caughtUp(s.page, s.frame);
  const all = await fromApp(s.page);
  const completed = ofType(all, "rolecall:completed");
  assert.deepEqual(completed.map((c) => [c.attempt, c.score.raw, c.passed]), [[1, 2, true], [2, 3, true]]);
  const xapi = statements(all);
  assert.equal(xapi.length, 10, "3 answers + completed + passed, twice");
  for (const st of xapi) assertValidStatement(st);
  const registrations = [...new Set(xapi.map((st) => st.context.registration))];
  assert.equal(registrations.length, 2, "one registration per attempt");
  for (const [i, st] of xapi.entries()) {
    const attempt = i < 5 ? 1 : 2;
    assert.equal(attemptOf(st), attempt, `statement ${i} is marked with its attempt`);
    assert.equal(st.context.registration, registrations[attempt - 1]);
  }
  assert.deepEqual(ofType(all, "rolecall:answered").map((a) => a.attempt), [1, 1, 1, 2, 2, 2]);
  // The history shows both attempts.
  assert.match(await s.frame.textContent(sel("best")), /3 of 3/);
});

test("grade=first: later attempts run but nothing of them is reported, and the learner is told", async (t) => {
  const s = await openHost(t, "?n=2&seed=5&embed=1&grade=first");
  assert.match(await s.frame.textContent(sel("grade-note")), /first attempt is the one that counts/);
  await startQuiz(s.frame, null);
  await play(s.frame, [false, false]);
  await s.frame.click(sel("new-quiz"));
  await s.frame.waitForSelector(sel("statement"));
  await play(s.frame, [true, true]);
  assert.match(await s.frame.textContent(sel("counting-note")), /Only your first attempt counts/);
  await caughtUp(s.page, s.frame);
  const all = await fromApp(s.page);
  assert.deepEqual(ofType(all, "rolecall:completed").map((c) => [c.attempt, c.score.raw]), [[1, 0]]);
  assert.deepEqual(ofType(all, "rolecall:answered").map((a) => a.attempt), [1, 1]);
});

test("a locked length cannot be changed by mouse, keyboard or the URL hash", async (t) => {
  const s = await openHost(t, "?n=5&seed=42&lock=1&embed=1");
  const frame = s.frame;
  assert.equal(await frame.$$eval('input[name="length"]', (i) => i.length), 0, "no length to pick");
  assert.equal(await frame.textContent(sel("fixed-length")), "5 statements, set by your trainer");
  // Keyboard: a Tab walk through the frame reaches the start button and no length to change,
  // and keys pressed there change nothing.
  await frame.focus("main");
  const reached = [];
  for (let i = 0; i < 12; i++) {
    await s.page.keyboard.press("Tab");
    reached.push(await focused(frame));
  }
  assert.ok(reached.includes("start-quiz"), reached.join(", "));
  assert.ok(!reached.some((id) => String(id).startsWith("length-")), reached.join(", "));
  await frame.focus(sel("start-quiz"));
  for (const key of ["ArrowUp", "ArrowDown", "2", "0"]) await s.page.keyboard.press(key);
  assert.equal(await focused(frame), "start-quiz");
  assert.equal(await frame.textContent(sel("fixed-length")), "5 statements, set by your trainer");
  // The hash, which a learner can change, cannot unlock or lengthen the quiz.
  await frame.evaluate(() => (location.hash = "#/quiz?n=20&lock=0&seed=1"));
  await frame.waitForFunction(() => location.hash.includes("n=20"));
  assert.equal(await frame.textContent(sel("fixed-length")), "5 statements, set by your trainer");
  await s.page.keyboard.press("Enter");
  await frame.waitForSelector(sel("statement"));
  assert.equal(await frame.textContent(sel("question-count")), "Question 1 of 5");
  assert.equal(await frame.$(sel("quit")), null, "a locked attempt cannot be left halfway");
  const first = [];
  for (let i = 0; i < 5; i++) {
    first.push(await currentStatement(frame));
    await answer(frame, true);
    await nextQuestion(frame, first.at(-1));
  }
  await frame.waitForSelector(sel("results"));
  // Every attempt is the same quiz: same length, same statements, same order.
  await frame.click(sel("new-quiz"));
  await frame.waitForSelector(sel("statement"));
  assert.equal(await frame.textContent(sel("question-count")), "Question 1 of 5");
  assert.equal(await currentStatement(frame), first[0]);
});

test("a locked embed offers no way out of its mode", async (t) => {
  const s = await openHost(t, "?n=2&seed=3&lock=1&embed=1");
  const frame = s.frame;
  const links = () => frame.$$eval("a[href]", (as) => as.map((a) => a.getAttribute("href")).filter((h) => h !== "#main"));
  assert.deepEqual(await links(), [], "no link to another screen");
  for (const hash of ["#/cards", "#/stats", "#/embed", "#/", "#/nowhere"]) {
    await frame.evaluate((h) => (location.hash = h), hash);
    await frame.waitForFunction((h) => location.hash === h, hash);
    await frame.waitForSelector(sel("quiz-start"));
    assert.equal(await frame.$(sel("cards-home")), null, hash);
    assert.equal(await frame.$(sel("stats")), null, hash);
  }
  await startQuiz(frame, null);
  await play(frame, [false, true]);
  assert.equal(await frame.$(sel("study-missed")), null, "flashcards are another mode");
  assert.ok(await frame.$(sel("retry-missed")), "practice stays in the quiz");
  assert.deepEqual(await links(), []);
  // Flashcards, locked, stay flashcards.
  const c = await openHost(t, "?mode=cards&lock=1&embed=1");
  await c.frame.waitForSelector(sel("cards-home"));
  await c.frame.evaluate(() => (location.hash = "#/quiz"));
  await c.frame.waitForFunction(() => location.hash === "#/quiz");
  await c.frame.waitForSelector(sel("cards-home"));
  assert.equal(await c.frame.$(sel("quiz-start")), null);
});

test("a limit on attempts holds across reloads and still allows practice", async (t) => {
  const s = await open(t, ctx.browser, `${ctx.server.appUrl}?attempts=2&n=2&seed=3#/quiz`);
  const page = s.page;
  assert.equal(await page.textContent(sel("attempts-note")), "Attempt 1 of 2");
  await startQuiz(page, null);
  assert.equal(await page.textContent(sel("quiz-label")), "Attempt 1 of 2");
  await play(page, [false, true]);
  await page.click(sel("new-quiz"));
  await page.waitForSelector(sel("statement"));
  assert.equal(await page.textContent(sel("quiz-label")), "Attempt 2 of 2");
  await play(page, [false, true]);
  assert.equal(await page.$(sel("new-quiz")), null, "no third attempt is offered");
  assert.match(await page.textContent(sel("no-attempts-left")), /used every attempt.*practise what you missed/);
  await page.click(sel("retry-missed"));
  await page.waitForSelector(sel("statement"));
  assert.match(await page.textContent(sel("quiz-label")), /Practice/);
  await page.click(sel("quit"));
  await page.waitForSelector(sel("quiz-start"));
  // A reload does not give attempts back.
  await page.reload();
  await page.waitForSelector(sel("quiz-start"));
  assert.equal(await page.textContent(sel("start-error")), "You have used all 2 attempts at this quiz.");
  assert.equal(await page.$(sel("start-quiz")), null);
  assert.equal(await page.textContent(sel("attempts-note")), "All 2 attempts used");
});

test("a broken deck in an embed: a calm message for the learner, the detail for the trainer", async (t) => {
  const deck = encodeURIComponent(`${hosts.origin}/decks/broken.json`);
  const s = await openHost(t, `?embed=1&deck=${deck}`);
  await s.frame.waitForSelector(sel("setup-error"));
  const shown = await s.frame.textContent("main");
  assert.match(shown, /This activity is not ready.*Please let your trainer know/s);
  assert.doesNotMatch(shown, /broken\.json|https?:|JSON|EOF/, "no address and no technical detail");
  assert.equal(await s.frame.$(sel("error-action")), null, "no detour to other content");
  // Nothing leads anywhere: no link, and no screen of the built-in deck in the toolbar.
  assert.deepEqual(await s.frame.$$eval("a[href]", (as) => as.map((a) => a.getAttribute("href")).filter((h) => h !== "#main")), []);
  assert.deepEqual(await s.frame.$$eval("main button", (els) => els.map((e) => e.outerHTML)), []);
  await s.page.waitForFunction(() => window.received.some((m) => m.data?.type === "rolecall:error"));
  const errors = ofType(await fromApp(s.page), "rolecall:error");
  assert.equal(errors.length, 1);
  assert.equal(errors[0].code, "deck");
  assert.equal(errors[0].version, 1);
  assert.match(errors[0].message, /broken\.json could not be used: .*not valid JSON/);
  assert.ok(s.messages.some((m) => m.type === "error" && m.text.includes("broken.json")), "and on the console");
  await screenshot(s.page, "embed-setup-error");
  // A reload shows the same calm message.
  await s.frame.evaluate(() => location.reload());
  await s.frame.waitForSelector(sel("setup-error"));
});

test("bad parameters in an embed: one calm notice for the learner, each detail for the trainer", async (t) => {
  const s = await openHost(t, "?embed=1&n=abc&tags=ops");
  await s.frame.waitForSelector(sel("notice-setup"));
  assert.equal(await s.frame.$('[data-testid^="notice-param-"]'), null);
  assert.doesNotMatch(await s.frame.textContent(sel("notice-setup")), /=|abc|ops/);
  await s.page.waitForFunction(() => window.received.filter((m) => m.data?.type === "rolecall:error").length >= 2);
  const errors = ofType(await fromApp(s.page), "rolecall:error");
  assert.deepEqual(
    errors.map((e) => [e.code, e.message]),
    [
      ["parameter", 'Ignored n="abc": use a whole number from 1 to 10000, or all.'],
      ["parameter", "Ignored tags=ops: not a category of this deck (use devops, platform, both)."],
    ],
  );
  // The quiz still works with the defaults.
  await startQuiz(s.frame, 10);
});

test("the builder locks, limits and counts attempts, warns of a one-category quiz, and lists preview errors", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.studioUrl, { viewport: PHONE });
  const page = s.page;
  const snippet = () => page.inputValue(sel("embed-snippet"));
  await page.check(sel("embed-lock"));
  await page.fill(sel("embed-attempts"), "3");
  await page.press(sel("embed-attempts"), "Tab");
  await page.selectOption(sel("embed-grade"), "best");
  await page.fill(sel("embed-seed"), "42");
  await page.press(sel("embed-seed"), "Tab");
  await page.waitForFunction(() => document.querySelector('[data-testid="embed-snippet"]').value.includes("grade=best"));
  const code = await snippet();
  for (const part of ["seed=42", "lock=1", "attempts=3", "grade=best"]) assert.ok(code.includes(part), `${part} in ${code}`);
  // One category makes every answer the same: the builder says so; two do not.
  await page.check(sel("embed-tag-both"));
  assert.match(await page.textContent(sel("embed-tags-warning")), /every answer is Both/);
  assert.ok((await snippet()).includes("tags=both"));
  await page.check(sel("embed-tag-devops"));
  assert.equal(await page.$(sel("embed-tags-warning")), null);
  // The preview's set-up errors are shown to the trainer.
  // The address field shows once "A deck file at an address" is the deck chosen.
  await page.selectOption(sel("embed-deck-choice"), "url");
  await page.fill(sel("embed-deck"), `${hosts.origin}/decks/broken.json`);
  await page.press(sel("embed-deck"), "Tab");
  await page.waitForSelector(sel("embed-preview-problems"));
  assert.match(await page.textContent(sel("embed-preview-problems")), /broken\.json could not be used: .*not valid JSON/);
  await screenshot(page, "embed-builder-assessment-phone");
  // Fixing the deck clears the list.
  await page.fill(sel("embed-deck"), "");
  await page.press(sel("embed-deck"), "Tab");
  await page.waitForFunction(() => !document.querySelector('[data-testid="embed-preview-problems"]'));
  assert.deepEqual(problems(s).filter((p) => !p.includes("broken.json")), []);
});
