// The app as a cmi5 assignable unit: the package a trainer downloads (dist/packages/cmi5.zip),
// unzipped and served on its own origin, launched by a test LMS (cmi5-lms.mjs) in front of a
// real LRS (Ralph, lrs.mjs). The LRS must accept every statement, in the order the cmi5
// specification requires, all with the launch's registration; the fetch URL is called once; a
// token the LRS rejects leaves the quiz playable with a notice; Browse mode records no
// judgement; leaving ends the session and goes to the returnURL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { suite, serve, unpack, open, ready, problems, currentStatement, startQuiz, nextQuestion, playToResults, wrongTag, sel, TAG_OF } from "./harness.mjs";
import { startLrs } from "./lrs.mjs";
import { startCmi5Lms, readCourseStructure, CMI5, verbName } from "./cmi5-lms.mjs";
import { assertValidStatement } from "./xapi.mjs";

const ctx = suite(false);
let app, lrs, lms, course, au, dir;
before(async () => {
  dir = await unpack("cmi5.zip");
  course = readCourseStructure(await readFile(path.join(dir, "cmi5.xml"), "utf8"));
  app = await serve({ dist: () => dir });
  // The AU's URL as the course structure gives it, relative to where the package is served.
  au = new URL(course.url, app.appUrl).href;
  assert.equal(new URL(au).origin, app.origin, `cmi5.xml's AU url (${course.url}) is inside the package`);
  lrs = await startLrs({ corsOrigins: [app.origin] });
  lms = await startCmi5Lms({ lrs, auOrigin: app.origin });
});
after(async () => {
  await lms?.close();
  await lrs?.stop();
  await app?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const DEFINED = ["initialized", "passed", "failed", "completed", "terminated"];

/** The course's launch parameters with the test's settings over them. */
function launchParameters(extra) {
  const q = new URLSearchParams(course.launchParameters ?? "");
  for (const [k, v] of Object.entries({ embed: 1, mode: "quiz", ...extra })) q.set(k, String(v));
  return q.toString();
}

/** Opens the LMS's launch page for session `s` and returns the AU's frame, rendered. */
async function launchAu(t, s) {
  const session = await open(t, ctx.browser, null);
  await session.page.goto(s.launchPage);
  const frame = await (await session.page.waitForSelector("#au")).contentFrame();
  await ready(frame);
  return { ...session, frame };
}

/** Waits until the app has read the launch data and says it is in a cmi5 session. */
async function cmi5Session(frame) {
  await frame
    .waitForFunction(() => document.documentElement.dataset.lms !== undefined, null, { timeout: 10000 })
    .catch(() => assert.fail("the app opened no LMS session: <html data-lms> was never set"));
  assert.equal(await frame.evaluate(() => document.documentElement.dataset.lms), "cmi5");
}

/** The AU's statements in the LRS for this registration (the LMS's "launched" left out). */
async function auStatements(s) {
  return (await lrs.statements({ registration: s.registration })).filter((st) => st.verb.id !== CMI5.verbs.launched);
}

/** Waits until the LRS holds a statement with `verb` for the session (conditions, not sleeps). */
async function waitForVerb(s, verb, timeout = 15000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const list = await auStatements(s);
    if (list.some((st) => st.verb.id === CMI5.verbs[verb])) return list;
    if (Date.now() > deadline) throw new Error(`no ${verb} statement reached the LRS; it holds: ${list.map((st) => verbName(st.verb.id)).join(", ") || "nothing"}; the LMS saw: ${JSON.stringify(s.failures)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts the quiz and plays it to the results with the mouse, answering with `choose(id, i)`. */
async function play(frame, choose) {
  await startQuiz(frame, null);
  return playToResults(frame, choose);
}

const categories = (st) => (st.context?.contextActivities?.category ?? []).map((a) => a.id);

/** What every statement of the session shares: registration, actor, the context template. */
function checkShared(s, statements) {
  for (const st of statements) {
    const name = verbName(st.verb.id);
    assertValidStatement(st);
    assert.equal(st.context?.registration, s.registration, `${name} has the launch's registration`);
    assert.deepEqual(st.actor.account, s.actor.account, `${name}'s actor is the launch's actor`);
    const grouping = (st.context.contextActivities?.grouping ?? []).map((a) => a.id);
    assert.ok(grouping.includes(s.publisherId), `${name} carries the context template's publisher id grouping`);
    assert.equal(st.context.extensions?.[CMI5.sessionId], s.sessionId, `${name} carries the session id`);
    const defined = DEFINED.includes(name);
    assert.equal(categories(st).includes(CMI5.category), defined, `${name}: the cmi5 category only on cmi5 defined statements`);
    if (defined) assert.equal(st.object.id, s.activityId, `${name}'s object is the AU (activityId)`);
    const judged = ["passed", "failed", "completed"].includes(name);
    assert.equal(categories(st).includes(CMI5.moveOn), judged, `${name}: the moveOn category only with success or completion`);
    if (["passed", "failed", "completed", "terminated"].includes(name)) assert.match(st.result?.duration ?? "", ISO_DURATION, `${name} has a duration`);
    if (defined && !["passed", "failed"].includes(name)) assert.equal(st.result?.score, undefined, `${name} has no score`);
  }
}

/** Verbs in the order the AU's timestamps give (the order cmi5 judges), and as stored. */
function order(statements) {
  const byTime = [...statements].sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
  return { byTime: byTime.map((st) => verbName(st.verb.id)), stored: statements.map((st) => verbName(st.verb.id)) };
}

test("cmi5: a whole quiz: the LRS accepts every statement, in the specification's order, with the registration", async (t) => {
  const masteryScore = 0.6;
  const s = await lms.session({ au, publisherId: course.id, masteryScore, moveOn: course.moveOn, launchParameters: launchParameters({ n: 5, seed: 7 }) });
  const a = await launchAu(t, s);
  await cmi5Session(a.frame);
  await a.frame.waitForSelector(sel("lms-finish"));
  // Right, wrong, right, wrong, right: 3 of 5, exactly the mastery score (passed: "equal to or
  // greater than", cmi5 9.3.4).
  const asked = await play(a.frame, (id, i) => (i % 2 ? wrongTag(id) : TAG_OF[id]));
  assert.equal(asked.length, 5, "the launch parameters' length");
  await a.frame.click(sel("lms-finish"));
  await a.frame.waitForSelector(sel("lms-finished"));
  const statements = await waitForVerb(s, "terminated");

  assert.equal(s.fetchCalls.length, 1, "the fetch URL is called once");
  assert.deepEqual(s.failures, [], "nothing a conforming AU would not do");
  assert.deepEqual(s.rejected.map((r) => `${r.status} ${r.answer}`), [], "the LRS accepted every statement");
  const launchData = s.requests.find((r) => r.method === "GET" && r.query.stateId === "LMS.LaunchData");
  assert.ok(launchData, "the AU read LMS.LaunchData");
  assert.ok(s.posted.every((p) => p.seq > launchData.seq && p.seq > s.fetchCalls[0].seq), "no statement before the token and the launch data");

  const expected = ["initialized", ...asked.map(() => "answered"), "passed", "completed", "terminated"];
  const { byTime, stored } = order(statements);
  assert.deepEqual(byTime, expected, "in the order of their timestamps");
  assert.deepEqual(stored, expected, "in the order the LRS stored them");
  checkShared(s, statements);

  const answered = statements.filter((st) => st.verb.id === CMI5.verbs.answered);
  asked.forEach(({ id, answer }, i) => {
    const st = answered[i];
    assert.ok(st.object.id.endsWith(`/statements/${id}`), `answer ${i + 1} is about ${id}`);
    assert.equal(st.object.definition?.interactionType, "choice");
    assert.equal(st.result?.response, answer, `answer ${i + 1} is the learner's`);
    assert.equal(st.result?.success, answer === TAG_OF[id], `answer ${i + 1} is judged`);
  });
  const passed = statements.find((st) => st.verb.id === CMI5.verbs.passed);
  assert.equal(passed.result.success, true);
  assert.ok(Math.abs(passed.result.score.scaled - 3 / 5) < 1e-9, "score.scaled is 3/5");
  assert.ok(passed.result.score.scaled >= masteryScore, "passed: scaled at least the mastery score");
  const completed = statements.find((st) => st.verb.id === CMI5.verbs.completed);
  assert.equal(completed.result.completion, true);
  assert.equal(completed.result.success, undefined, "completed carries no success");
  assert.equal(await a.frame.$(sel("lms-notice")), null, "no LMS notice");
  // A 404 is the xAPI answer for a state document the AU has not written yet; the browser logs it.
  assert.deepEqual(problems(a).filter((p) => !/status of 404/.test(p)), []);
});

test("cmi5: the mastery score decides: failed below it", async (t) => {
  const s = await lms.session({ au, publisherId: course.id, masteryScore: 0.8, moveOn: course.moveOn, launchParameters: launchParameters({ n: 5, seed: 8, pass: 50 }) });
  const a = await launchAu(t, s);
  await cmi5Session(a.frame);
  await play(a.frame, (id, i) => (i < 3 ? TAG_OF[id] : wrongTag(id)));
  await a.frame.click(sel("lms-finish"));
  const statements = await waitForVerb(s, "terminated");
  const { byTime } = order(statements);
  assert.deepEqual(byTime.filter((v) => v !== "answered"), ["initialized", "failed", "completed", "terminated"]);
  const failed = statements.find((st) => st.verb.id === CMI5.verbs.failed);
  assert.equal(failed.result.success, false);
  assert.ok(failed.result.score.scaled < 0.8, "failed: scaled below the mastery score");
  checkShared(s, statements);
  assert.deepEqual(s.failures, []);
  assert.equal(s.fetchCalls.length, 1);
});

test("cmi5: Browse mode records no passed, failed or completed", async (t) => {
  const s = await lms.session({ au, publisherId: course.id, launchMode: "Browse", masteryScore: 0.5, moveOn: course.moveOn, launchParameters: launchParameters({ n: 3, seed: 9 }) });
  const a = await launchAu(t, s);
  await cmi5Session(a.frame);
  await play(a.frame, (id) => TAG_OF[id]);
  await a.frame.click(sel("lms-finish"));
  await a.frame.waitForSelector(sel("lms-finished"));
  const statements = await waitForVerb(s, "terminated");
  const { byTime } = order(statements);
  assert.equal(byTime[0], "initialized");
  assert.equal(byTime.at(-1), "terminated");
  for (const v of ["passed", "failed", "completed"]) assert.ok(!byTime.includes(v), `no ${v} in Browse mode`);
  checkShared(s, statements);
  assert.equal(s.fetchCalls.length, 1, "the fetch URL is called once");
  assert.deepEqual(s.failures, []);
});

test("cmi5: Finish with a returnURL ends the session, then goes back to the LMS", async (t) => {
  const s = await lms.session({ au, publisherId: course.id, masteryScore: 0.5, moveOn: course.moveOn, launchParameters: launchParameters({ n: 3, seed: 10 }), returnURL: true });
  const a = await launchAu(t, s);
  await cmi5Session(a.frame);
  await play(a.frame, (id) => TAG_OF[id]);
  await a.frame.click(sel("lms-finish"));
  // The frame (the AU's window) is redirected to the returnURL.
  await a.page.waitForFunction(() => document.getElementById("au").contentDocument?.querySelector('[data-testid="lms-returned"]'));
  assert.equal(s.returned.length, 1);
  const statements = await waitForVerb(s, "terminated");
  assert.equal(order(statements).byTime.filter((v) => v === "terminated").length, 1, "one terminated");
  assert.deepEqual(s.failures, []);
});

test("cmi5: leaving half-way ends the session with one terminated and no judgement", async (t) => {
  const s = await lms.session({ au, publisherId: course.id, masteryScore: 0.5, moveOn: course.moveOn, launchParameters: launchParameters({ n: 5, seed: 12 }) });
  const a = await launchAu(t, s);
  await cmi5Session(a.frame);
  await startQuiz(a.frame, null);
  for (let i = 0; i < 2; i++) {
    const id = await currentStatement(a.frame);
    await a.frame.click(sel(`tag-${TAG_OF[id]}`));
    await nextQuestion(a.frame, id);
  }
  await waitForVerb(s, "initialized");
  // The LMS takes the frame elsewhere (pagehide in the AU).
  // (From the LMS's page: the frame's own handle goes when another origin's document replaces it.)
  await a.page.evaluate((url) => { document.getElementById("au").src = url; }, `${lms.origin}/returned`);
  const statements = await waitForVerb(s, "terminated");
  const { byTime } = order(statements);
  assert.deepEqual(byTime, ["initialized", "answered", "answered", "terminated"]);
  checkShared(s, statements);
  assert.deepEqual(s.failures, []);
});

test("cmi5: a token the LRS rejects: a notice, no crash, the quiz plays on", async (t) => {
  const s = await lms.session({ au, publisherId: course.id, masteryScore: 0.5, moveOn: course.moveOn, launchParameters: launchParameters({ n: 3, seed: 13 }), token: "rejected" });
  const a = await launchAu(t, s);
  await cmi5Session(a.frame);
  const notice = a.frame.locator(sel("lms-notice"));
  await notice.waitFor({ state: "visible" });
  assert.ok((await notice.textContent()).trim().length > 15, "the notice says what went wrong");
  const asked = await play(a.frame, (id) => TAG_OF[id]);
  assert.equal(await a.frame.textContent(sel("score")), `${asked.length} of ${asked.length} correct`);
  assert.ok(s.rejected.length > 0 && s.rejected.every((r) => r.status === 401), "Ralph answered 401");
  assert.equal(s.fetchCalls.length, 1, "no second fetch to get another token");
  assert.deepEqual(await auStatements(s), [], "nothing was recorded with the rejected token");
  assert.deepEqual(a.errors, [], "no page errors");
});

test("cmi5: an LRS out of service: a notice, the statements wait and arrive in order once it is back", async (t) => {
  const s = await lms.session({ au, publisherId: course.id, masteryScore: 0.5, moveOn: course.moveOn, launchParameters: launchParameters({ n: 3, seed: 21 }), down: 2 });
  const a = await launchAu(t, s);
  await cmi5Session(a.frame);
  const notice = a.frame.locator(sel("lms-notice"));
  await notice.waitFor({ state: "visible" });
  assert.match(await notice.textContent(), /503/, "the notice says what the LRS answered");
  const asked = await play(a.frame, (id) => TAG_OF[id]);
  assert.equal(await a.frame.textContent(sel("score")), `${asked.length} of ${asked.length} correct`, "the learner played on");
  // Once the LRS takes the statements, the notice goes.
  await a.frame.waitForFunction(() => !document.querySelector('[data-testid="lms-notice"]'), null, { timeout: 20000 });
  await a.frame.click(sel("lms-finish"));
  await a.frame.waitForSelector(sel("lms-finished"));
  const statements = await waitForVerb(s, "terminated", 30000);
  assert.equal(s.unavailable.length, 2, "the LRS was out of service twice");
  const { byTime, stored } = order(statements);
  const expected = ["initialized", ...asked.map(() => "answered"), "passed", "completed", "terminated"];
  assert.deepEqual(stored, expected, "every statement, once, in order");
  assert.deepEqual(byTime, expected);
  assert.deepEqual(s.rejected, [], "the LRS accepted them all once back");
  checkShared(s, statements);
  assert.deepEqual(a.errors, [], "no page errors");
});
