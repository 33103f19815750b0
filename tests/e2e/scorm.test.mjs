// The app as a SCORM 1.2 and SCORM 2004 package, played inside a test LMS: the package a
// trainer downloads (dist/packages/scorm12.zip, scorm2004.zip), unzipped and framed below the
// scorm-again run-time on one origin (scorm-lms.mjs, hosts/scorm-lms.js). Whole quizzes by mouse
// and by keyboard, quitting half-way and resuming in a new run-time, the LMS's mastery score,
// and a run-time that refuses to store data. Expected values come from the deck file and the
// answers given; formats from the SCORM run-time specifications.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  suite,
  problems,
  currentStatement,
  startQuiz,
  nextQuestion,
  nextStatement,
  playToResults,
  focused,
  wrongTag,
  sel,
  CATS,
  DECK,
  TAG_OF,
} from "./harness.mjs";
import { SCORM, startScormLms, openPlayer, lmsState, waitForCalls } from "./scorm-lms.mjs";

const ctx = suite(false);
let lms;
before(async () => {
  lms = await startScormLms();
});
after(() => lms?.close());

const TEXT_OF = Object.fromEntries(DECK.statements.map((s) => [s.id, s.text]));
/** SCORM 1.2 answers are single letters: the category's position in the deck (a, b, c). */
const LETTER = (cat) => String.fromCharCode(97 + CATS.indexOf(cat));

// Formats from the run-time specifications.
const CMI_TIME = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$/; // 1.2 CMITime
const CMI_TIMESPAN = /^\d{2,4}:[0-5]\d:[0-5]\d(\.\d{1,2})?$/; // 1.2 CMITimespan, HHHH:MM:SS.SS
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}(:\d{2})?)?$/; // 2004 time(second,10,0)
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/; // 2004 timeinterval

/** The launch data the tests set over the package's own (the settings a trainer chose). */
const launch = (extra) => ({ embed: 1, mode: "quiz", ...extra });

/** The values the SCO set, in order, for data model elements matching `re`. */
function sets(state, version, re) {
  return state.calls.filter((c) => c.fn === SCORM[version].set && re.test(c.args[0])).map((c) => ({ element: c.args[0], value: c.args[1], result: c.result, error: c.error }));
}

/** The last value the SCO set for `element` (undefined if never). */
function lastSet(state, version, element) {
  return sets(state, version, new RegExp(`^${element.replace(/\./g, "\\.")}$`)).at(-1)?.value;
}

/** The interactions the SCO wrote, by index: {index: {field: value}}. */
function interactionsSet(state, version) {
  const out = {};
  for (const { element, value } of sets(state, version, /^cmi\.interactions\.\d+\./)) {
    const [, n, field] = element.match(/^cmi\.interactions\.(\d+)\.(.+)$/);
    (out[n] ??= {})[field] = value;
  }
  return out;
}

/** Waits until the app in `frame` has opened its LMS session and says which one. */
async function lmsSession(frame, version) {
  await frame
    .waitForFunction(() => document.documentElement.dataset.lms !== undefined, null, { timeout: 10000 })
    .catch(() => assert.fail("the app opened no LMS session: <html data-lms> was never set"));
  assert.equal(await frame.evaluate(() => document.documentElement.dataset.lms), SCORM[version].lms, "the app says which LMS session it opened");
}

/** The pass mark that decides: the LMS's mastery score over the launch data's `pass`. */
function decides(state, version, pass = 70) {
  if (state.masteryScore !== null && state.masteryScore !== undefined) return version === "1.2" ? Number(state.masteryScore) : Number(state.masteryScore) * 100;
  return pass;
}

/** Presses Finish and waits until the app says the session ended and the LMS saw it end. */
async function finish(s, version) {
  await s.frame.click(sel("lms-finish"));
  await s.frame.waitForSelector(sel("lms-finished"));
  await waitForCalls(s.page, SCORM[version].finish, 1);
}

/** Every call the SCO made that the run-time answered with an error (reads of unset values aside). */
function failedCalls(state, version) {
  const v = SCORM[version];
  return state.calls.filter((c) => [v.init, v.set, v.commit, v.finish].includes(c.fn) && (String(c.result) !== "true" || c.error !== "0"));
}

/** The session's calls: Initialize first and once, Terminate/LMSFinish last and once. */
function checkLifecycle(state, version) {
  const v = SCORM[version];
  const fns = state.calls.map((c) => c.fn);
  assert.equal(fns[0], v.init, `${v.init} is the first call`);
  assert.equal(fns.filter((f) => f === v.init).length, 1, `${v.init} once`);
  assert.equal(fns.filter((f) => f === v.finish).length, 1, `${v.finish} once`);
  assert.equal(fns.at(-1), v.finish, `${v.finish} is the last call`);
  assert.ok(state.commits.length >= 1, "the data was committed");
}

/** The data model after a finished quiz, checked against the answers given. */
function checkFinished(state, version, asked, pass) {
  const n = asked.length;
  const correct = asked.filter((a) => a.answer === TAG_OF[a.id]).length;
  const passMark = decides(state, version, pass);
  const passed = correct * 100 >= passMark * n;
  const data = state.committed;
  const interactions = interactionsSet(state, version);
  assert.deepEqual(Object.keys(interactions).map(Number).sort((a, b) => a - b), asked.map((_, i) => i), "one interaction per answer, numbered from 0");
  if (version === "1.2") {
    assert.equal(sets(state, version, /^cmi\.core\.lesson_status$/)[0]?.value, "incomplete", "the status is incomplete at the start");
    asked.forEach(({ id, answer }, i) => {
      const x = interactions[i];
      assert.equal(x.id, id, `interaction ${i} id`);
      assert.equal(x.type, "choice", `interaction ${i} type`);
      assert.equal(x.student_response, LETTER(answer), `interaction ${i} is the learner's response`);
      assert.equal(x["correct_responses.0.pattern"], LETTER(TAG_OF[id]), `interaction ${i} correct response`);
      assert.equal(x.result, answer === TAG_OF[id] ? "correct" : "wrong", `interaction ${i} result`);
      assert.match(x.time, CMI_TIME, `interaction ${i} time is CMITime`);
      assert.match(x.latency, CMI_TIMESPAN, `interaction ${i} latency is CMITimespan`);
      assert.equal(data[`cmi.interactions.${i}.student_response`], LETTER(answer), `the run-time holds interaction ${i}`);
    });
    const percent = Math.round((correct * 100) / n);
    assert.equal(Number(lastSet(state, version, "cmi.core.score.raw")), percent, "score.raw is the percentage");
    assert.equal(Number(data["cmi.core.score.raw"]), percent, "the run-time holds score.raw");
    assert.equal(Number(data["cmi.core.score.min"]), 0);
    assert.equal(Number(data["cmi.core.score.max"]), 100);
    assert.equal(lastSet(state, version, "cmi.core.lesson_status"), passed ? "passed" : "failed", `the SCO's status for ${percent}% against ${passMark}%`);
    assert.equal(data["cmi.core.lesson_status"], passed ? "passed" : "failed", "the run-time holds the status");
    assert.match(lastSet(state, version, "cmi.core.session_time") ?? "", CMI_TIMESPAN, "session_time is CMITimespan");
    assert.equal(lastSet(state, version, "cmi.core.exit"), "", "exit is empty: the attempt is over");
  } else {
    asked.forEach(({ id, answer }, i) => {
      const x = interactions[i];
      assert.equal(x.id, id, `interaction ${i} id`);
      assert.equal(x.type, "choice", `interaction ${i} type`);
      assert.equal(x.learner_response, answer, `interaction ${i} is the learner's response`);
      assert.equal(x["correct_responses.0.pattern"], TAG_OF[id], `interaction ${i} correct response`);
      assert.equal(x.result, answer === TAG_OF[id] ? "correct" : "incorrect", `interaction ${i} result`);
      assert.match(x.timestamp, ISO_TIME, `interaction ${i} timestamp is ISO 8601`);
      assert.match(x.latency, ISO_DURATION, `interaction ${i} latency is an ISO 8601 duration`);
      assert.equal(x.description, TEXT_OF[id], `interaction ${i} description is the statement`);
      assert.equal(data[`cmi.interactions.${i}.learner_response`], answer, `the run-time holds interaction ${i}`);
    });
    assert.equal(Number(data["cmi.score.raw"]), correct, "score.raw is the number correct");
    assert.equal(Number(data["cmi.score.min"]), 0);
    assert.equal(Number(data["cmi.score.max"]), n);
    assert.ok(Math.abs(Number(data["cmi.score.scaled"]) - correct / n) < 1e-6, `score.scaled is ${correct}/${n}`);
    assert.equal(lastSet(state, version, "cmi.completion_status"), "completed");
    // The run-time works success_status out itself when it has a passing score, so the SCO's
    // own value is what shows the app's judgement.
    assert.equal(lastSet(state, version, "cmi.success_status"), passed ? "passed" : "failed", `the SCO's success for ${correct}/${n} against ${passMark}%`);
    assert.equal(data["cmi.success_status"], passed ? "passed" : "failed");
    assert.match(lastSet(state, version, "cmi.session_time") ?? "", ISO_DURATION, "session_time is an ISO 8601 duration");
    assert.equal(lastSet(state, version, "cmi.exit"), "normal", "exit is normal: the attempt is over");
  }
  return { correct, passed };
}

for (const version of ["1.2", "2004"]) {
  test(`SCORM ${version}: a whole quiz with the mouse: score, status, interactions, session time, one Terminate`, async (t) => {
    const s = await openPlayer(t, ctx.browser, lms, version, { launch: launch({ n: 10, seed: 7, pass: 70 }) });
    await lmsSession(s.frame, version);
    const initial = await lmsState(s.page);
    assert.equal(new URLSearchParams(initial.launchData).get("n"), "10", "the launch data reached the run-time");
    await s.frame.waitForSelector(sel("quiz-start"));
    await s.frame.waitForSelector(sel("lms-finish"));
    await startQuiz(s.frame, null);
    assert.match(await s.frame.textContent(sel("question-count")), /of 10$/, "the launch data's length");
    const asked = await playToResults(s.frame, (id, i) => (i % 3 === 2 ? wrongTag(id) : TAG_OF[id]));
    assert.equal(asked.length, 10);
    await finish(s, version);
    const state = await lmsState(s.page);
    checkLifecycle(state, version);
    checkFinished(state, version, asked, 70);
    assert.deepEqual(failedCalls(state, version), [], "every call succeeded");
    assert.equal(await s.frame.$(sel("lms-notice")), null, "no LMS notice");
    assert.deepEqual(problems(s), []);
  });

  test(`SCORM ${version}: a whole quiz with the keyboard only`, async (t) => {
    const s = await openPlayer(t, ctx.browser, lms, version, { launch: launch({ n: 5, seed: 11, pass: 60 }) });
    await lmsSession(s.frame, version);
    await s.frame.waitForSelector(sel("quiz-start"));
    // Tab from the LMS page into the course until the start button has focus.
    for (let i = 0; i < 40 && (await focused(s.frame)) !== "start-quiz"; i++) await s.page.keyboard.press("Tab");
    assert.equal(await focused(s.frame), "start-quiz", "Tab reaches the start button");
    await s.page.keyboard.press("Enter");
    await s.frame.waitForSelector(sel("statement"));
    const asked = [];
    for (let i = 0; i < 5; i++) {
      const id = await currentStatement(s.frame);
      const answer = i % 2 ? wrongTag(id) : TAG_OF[id];
      await s.page.keyboard.press(String(CATS.indexOf(answer) + 1));
      await s.frame.waitForSelector(sel("feedback"));
      asked.push({ id, answer });
      await s.page.keyboard.press("Enter");
      if (i < 4) await nextStatement(s.frame, id);
    }
    await s.frame.waitForSelector(sel("results"));
    for (let i = 0; i < 40 && (await focused(s.frame)) !== "lms-finish"; i++) await s.page.keyboard.press("Tab");
    assert.equal(await focused(s.frame), "lms-finish", "Tab reaches Finish");
    await s.page.keyboard.press("Enter");
    await s.frame.waitForSelector(sel("lms-finished"));
    await waitForCalls(s.page, SCORM[version].finish, 1);
    const state = await lmsState(s.page);
    checkLifecycle(state, version);
    checkFinished(state, version, asked, 60);
    assert.deepEqual(failedCalls(state, version), []);
    assert.deepEqual(problems(s), []);
  });

  for (const how of ["Finish", "leaving the page"]) {
    test(`SCORM ${version}: quit half-way by ${how}, resume in a new run-time at the same question with the same score`, async (t) => {
      const cfg = { launch: launch({ n: 10, seed: 21, pass: 70 }) };
      const first = await openPlayer(t, ctx.browser, lms, version, cfg);
      await lmsSession(first.frame, version);
      await startQuiz(first.frame, null);
      const answers = [true, false, true, true];
      for (const right of answers) {
        const id = await currentStatement(first.frame);
        await first.frame.click(sel(`tag-${right ? TAG_OF[id] : wrongTag(id)}`));
        await nextQuestion(first.frame, id);
      }
      const where = async (f) => ({ id: await currentStatement(f), count: await f.textContent(sel("question-count")), score: await f.textContent(sel("running-score")) });
      const before = await where(first.frame);
      assert.equal(before.count, "Question 5 of 10");
      assert.equal(before.score, "Score 3 / 4");
      if (how === "Finish") {
        await finish(first, version);
      } else {
        // The LMS navigates the course frame away (the learner picks another lesson).
        await first.frame.goto("about:blank");
        await waitForCalls(first.page, SCORM[version].finish, 1);
      }
      const state = await lmsState(first.page);
      checkLifecycle(state, version);
      assert.deepEqual(failedCalls(state, version), []);
      const exit = version === "1.2" ? "cmi.core.exit" : "cmi.exit";
      assert.equal(state.committed[exit], "suspend", "an unfinished attempt exits with suspend");
      const suspend = state.committed["cmi.suspend_data"];
      assert.ok(suspend && suspend.length > 0, "suspend_data holds the quiz");
      if (version === "1.2") {
        assert.ok(suspend.length <= 4096, `suspend_data fits SCORM 1.2's 4,096 characters (${suspend.length})`);
        assert.equal(lastSet(state, version, "cmi.core.lesson_status"), "incomplete", "still incomplete");
        assert.equal(lastSet(state, version, "cmi.core.score.raw"), undefined, "no score for an unfinished quiz");
      } else {
        assert.notEqual(lastSet(state, version, "cmi.completion_status"), "completed", "not completed");
        assert.equal(lastSet(state, version, "cmi.success_status") ?? "unknown", "unknown", "no success status yet");
      }
      assert.equal(Object.keys(interactionsSet(state, version)).length, answers.length, "one interaction per answer so far");
      await first.close();

      // A new run-time, seeded as an LMS does with what the first session committed.
      const second = await openPlayer(t, ctx.browser, lms, version, { ...cfg, previous: state.committed });
      const seeded = (await lmsState(second.page)).seeded;
      assert.equal(seeded[version === "1.2" ? "cmi.core.entry" : "cmi.entry"], "resume");
      await lmsSession(second.frame, version);
      await second.frame.waitForSelector(sel("statement"));
      assert.deepEqual(await where(second.frame), before, "the quiz resumes where it was left");
      const rest = await playToResults(second.frame, (id) => TAG_OF[id], { from: answers.length });
      assert.equal(rest.length, 10 - answers.length);
      assert.equal(await second.frame.textContent(sel("score")), `${3 + rest.length} of 10 correct`);
      await finish(second, version);
      const final = await lmsState(second.page);
      checkLifecycle(final, version);
      const raw = version === "1.2" ? "cmi.core.score.raw" : "cmi.score.raw";
      assert.equal(Number(final.committed[raw]), version === "1.2" ? (3 + rest.length) * 10 : 3 + rest.length, "the score counts both sessions' answers");
      assert.deepEqual(problems(second), []);
    });
  }

  test(`SCORM ${version}: the LMS's mastery score decides pass or fail over the launch data's pass mark`, async (t) => {
    // Six of ten right (60%), once against mastery 80% with pass=50, once against 50% with pass=90.
    const cases = [
      { pass: 50, mastery: version === "1.2" ? 80 : 0.8, passed: false },
      { pass: 90, mastery: version === "1.2" ? 50 : 0.5, passed: true },
    ];
    for (const c of cases) {
      const s = await openPlayer(t, ctx.browser, lms, version, { launch: launch({ n: 10, seed: 5, pass: c.pass }), masteryScore: c.mastery });
      await lmsSession(s.frame, version);
      await startQuiz(s.frame, null);
      const asked = await playToResults(s.frame, (id, i) => (i < 6 ? TAG_OF[id] : wrongTag(id)));
      assert.match(await s.frame.textContent(sel("pass-verdict")), c.passed ? /^Passed/ : /^Not passed yet/, `the learner sees the mastery score's verdict (mastery ${c.mastery}, pass ${c.pass})`);
      await finish(s, version);
      const state = await lmsState(s.page);
      const { passed } = checkFinished(state, version, asked, c.pass);
      assert.equal(passed, c.passed, "the case is what it says");
      await s.close();
    }
  });

  for (const refuse of ["setValue", "commit"]) {
    test(`SCORM ${version}: a run-time that refuses ${refuse === "setValue" ? "SetValue" : "Commit"}: a notice, and the quiz plays on`, async (t) => {
      const s = await openPlayer(t, ctx.browser, lms, version, { launch: launch({ n: 5, seed: 3 }), refuse: { [refuse]: true } });
      await lmsSession(s.frame, version);
      await startQuiz(s.frame, null);
      const asked = await playToResults(s.frame, (id) => TAG_OF[id]);
      const notice = s.frame.locator(sel("lms-notice"));
      await notice.waitFor({ state: "visible" });
      assert.ok((await notice.textContent()).trim().length > 15, "the notice says what went wrong");
      assert.equal(await s.frame.textContent(sel("score")), `${asked.length} of ${asked.length} correct`, "the results are right all the same");
      const state = await lmsState(s.page);
      assert.ok(state.calls.some((c) => c.refused), "the run-time did refuse");
      await finish(s, version);
      const after = await lmsState(s.page);
      assert.equal(after.calls.filter((c) => c.fn === SCORM[version].finish).length, 1, "the session still ends once");
      assert.deepEqual(s.errors, [], "no page errors");
    });
  }
}

for (const version of ["1.2", "2004"]) {
  test(`SCORM ${version}: hostile values from the LMS are refused with notices, and the quiz plays with its own settings`, async (t) => {
    const v12 = version === "1.2";
    const raw = {
      // Another app's bookmark, launch data that is not RoleCall's settings, a mastery score out of range.
      "cmi.suspend_data": '{"page":3,"bookmark":"chapter-2"}',
      "cmi.launch_data": "chapter=2&lesson",
      [v12 ? "cmi.student_data.mastery_score" : "cmi.scaled_passing_score"]: v12 ? "300" : "3",
      [v12 ? "cmi.core.entry" : "cmi.entry"]: "resume",
    };
    const s = await openPlayer(t, ctx.browser, lms, version, { raw });
    await lmsSession(s.frame, version);
    const answered = (await lmsState(s.page)).calls.filter((c) => c.raw).map((c) => c.args[0]);
    assert.deepEqual(answered.sort(), Object.keys(raw).sort(), "the app read each hostile value");
    const notices = s.frame.locator(sel("lms-notice"));
    await s.frame.waitForFunction(() => document.querySelectorAll('[data-testid="lms-notice"]').length >= 3);
    const text = (await notices.allTextContents()).join("\n");
    assert.match(text, /settings were ignored.*chapter=2/, "the launch data is named as ignored");
    assert.match(text, /pass mark was ignored.*(300|3)/, "the mastery score is named as ignored");
    assert.match(text, /started afresh.*not RoleCall's/, "the foreign suspend data is named");
    // The app's own settings apply (no launch data: the home screen, the learner picks a length)
    // and the quiz plays.
    await s.frame.waitForSelector(sel("home"));
    await s.frame.evaluate(() => { location.hash = "#/quiz"; });
    await s.frame.waitForSelector(sel("start-quiz"));
    await startQuiz(s.frame, 10);
    const asked = await playToResults(s.frame, (id) => TAG_OF[id]);
    assert.equal(await s.frame.textContent(sel("score")), `${asked.length} of ${asked.length} correct`);
    await finish(s, version);
    const state = await lmsState(s.page);
    assert.match(lastSet(state, version, "cmi.suspend_data"), /^R1\|/, "RoleCall's own progress replaces the foreign text");
    assert.deepEqual(s.errors, [], "no page errors");
  });
}
