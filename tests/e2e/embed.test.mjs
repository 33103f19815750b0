// Embedding: the app in an iframe on another origin. Auto-height in three dialects, results to
// the host as xAPI and rolecall:* events, origin checks both ways, URL configuration, custom
// decks and their failures, the compact layout, and the embed builder.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  suite,
  serve,
  open,
  problems,
  screenshot,
  respond,
  notFound,
  currentStatement,
  startQuiz,
  nextQuestion,
  nextStatement,
  answer,
  horizontalOverflow,
  sel,
  HOSTS,
  CATS,
  TAG_OF,
  wrongTag,
  hostPageUrl,
  openFramed,
  fromApp,
  ROOT,
  PHONE,
  ready,
} from "./harness.mjs";
import { assertValidStatement } from "./xapi.mjs";
import { readFileSync } from "node:fs";
import path from "node:path";

// The app's origin and the browser; host pages (and the decks they serve) on a second origin,
// and a third origin that is neither.
const ctx = suite();
let hosts, third;
const decks = {};
// A plain course page on the hosts' origin: whatever a test pastes into it, and nothing else.
let plainPage = "";
// A deck file a test changes between two readings of the same address.
let changing = "{";
before(async () => {
  const routes = {};
  routes["/plain.html"] = (req, res) => respond(plainPage, { type: "text/html; charset=utf-8" })(req, res);
  routes["/decks/changing.json"] = (req, res) => respond(changing)(req, res);
  for (const [name, deck] of Object.entries(customDecks())) {
    decks[name] = deck;
    routes[`/decks/${name}.json`] = respond(JSON.stringify(deck));
  }
  routes["/decks/broken.json"] = respond('{"format": 1, "id": "x", ');
  routes["/decks/invalid.json"] = respond(JSON.stringify({ ...customDecks().two, statements: [{ id: "a", text: "t", tag: "ops", explanation: "e" }] }));
  routes["/decks/missing.json"] = notFound();
  routes["/decks/no-cors.json"] = respond(JSON.stringify(customDecks().two), { cors: false });
  hosts = await serve({ dirs: { "/hosts/": HOSTS }, routes, name: "localhost" });
  third = await serve({ dirs: { "/hosts/": HOSTS } });
});
after(async () => {
  for (const s of [hosts, third]) await s?.close();
});

function customDecks() {
  const base = (id, cats, n) => ({
    format: 1,
    id,
    title: `Custom ${id}`,
    description: "A deck from a trainer's server.",
    language: "en",
    categories: cats.map((c) => ({ id: c.toLowerCase(), label: c, description: `The ${c} side.` })),
    statements: Array.from({ length: n }, (_, i) => ({
      id: `s${i}`,
      text: `Statement number ${i} about ${cats[i % cats.length]}.`,
      tag: cats[i % cats.length].toLowerCase(),
      explanation: `It is ${cats[i % cats.length]}.`,
    })),
  });
  return {
    two: base("two-way", ["Cat", "Dog"], 6),
    four: base("four-way", ["North", "East", "South", "West"], 8),
  };
}

function hostUrl(opts = {}) {
  return hostPageUrl(hosts, ctx.server.appUrl, opts);
}

/** Opens a host page and returns the app's frame once it has rendered. */
const openHost = (t, opts, sessionOpts = {}) => openFramed(t, ctx.browser, hostUrl(opts), sessionOpts);

/** Waits until the iframe's height matches its content (within 3 px) and checks for scrollbars. */
async function heightTracks(s, label) {
  await s.page.waitForFunction(
    () => {
      const f = document.getElementById("app");
      return window.heights.length > 0 && Math.abs(f.getBoundingClientRect().height - window.heights.at(-1)) < 1;
    },
    null,
    { timeout: 5000 },
  );
  await s.frame.waitForFunction(
    () => {
      const content = document.querySelector(".app").getBoundingClientRect().height;
      return Math.abs(innerHeight - content) <= 3;
    },
    null,
    { timeout: 5000 },
  ).catch(() => {});
  const m = await s.frame.evaluate(() => ({
    content: Math.ceil(document.querySelector(".app").getBoundingClientRect().height),
    viewport: innerHeight,
    scroll: document.documentElement.scrollHeight,
  }));
  assert.ok(Math.abs(m.content - m.viewport) <= 3, `${label}: frame ${m.viewport}px tracks content ${m.content}px`);
  assert.ok(m.scroll <= m.viewport + 1, `${label}: no inner scrollbar (${m.scroll} > ${m.viewport})`);
}

/** Answers the next questions rightly or wrongly, as `answers` says, clicking Next after each. */
async function playSome(frame, answers) {
  for (const right of answers) {
    const id = await answer(frame, right);
    await nextQuestion(frame, id);
  }
}

for (const dialect of ["h5p", "canvas", "rolecall"]) {
  test(`auto-height with the ${dialect} dialect tracks start, question, feedback and results`, async (t) => {
    const s = await openHost(t, { query: "?embed=1&n=3&seed=9", dialect });
    await heightTracks(s, "start");
    await startQuiz(s.frame, null);
    await heightTracks(s, "question");
    const id = await answer(s.frame, false);
    await heightTracks(s, "feedback");
    await nextQuestion(s.frame, id);
    await playSome(s.frame, [true, true]);
    await s.frame.waitForSelector(sel("results"));
    await heightTracks(s, "results");
    if (dialect === "h5p") {
      const actions = await s.page.evaluate(() => window.received.filter((m) => m.fromApp && m.data.context === "h5p").map((m) => m.data.action));
      assert.equal(actions[0], "hello", "the app starts the handshake");
      assert.ok(actions.includes("prepareResize") && actions.includes("resize"), actions.join(","));
    }
    assert.deepEqual(problems(s), []);
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DURATION = /^PT(\d+H)?(\d+M)?\d+(\.\d{1,2})?S$/;

test("the host receives valid xAPI statements and rolecall events for a scripted quiz", async (t) => {
  const s = await openHost(t, { query: `?embed=1&n=3&seed=11&pass=60&parentOrigin=${encodeURIComponent(hosts.origin)}`, dialect: "rolecall" });
  await startQuiz(s.frame, null);
  await playSome(s.frame, [true, false, true]);
  await s.frame.waitForSelector(sel("results"));
  await s.page.waitForFunction(() => window.received.some((m) => m.data?.type === "rolecall:completed"));
  const results = await fromApp(s.page);
  assert.ok(results.every((m) => m.origin === ctx.server.origin));
  const types = results.map((m) => m.data.type);
  assert.equal(types[0], "rolecall:ready");
  assert.equal(types.filter((t) => t === "rolecall:answered").length, 3);
  const statements = results.filter((m) => m.data.type === "rolecall:xapi").map((m) => m.data.statement);
  assert.equal(statements.length, 5, "3 answered + completed + passed");
  assert.ok(results.every((m) => m.data.version === 1));
  const registration = statements[0].context.registration;
  assert.match(registration, UUID);
  // Third-party storage may be blocked in the frame, so the anonymous id is read off the first
  // statement and must be the same in all of them.
  const learner = statements[0].actor.account.name;
  assert.match(learner, UUID);
  for (const st of statements) {
    assertValidStatement(st);
    assert.match(st.id, UUID);
    assert.ok(!Number.isNaN(Date.parse(st.timestamp)) && st.timestamp.endsWith("Z"));
    assert.match(st.verb.id, /^http:\/\/adlnet\.gov\/expapi\/verbs\/(answered|completed|passed|failed)$/);
    assert.ok(st.object.id.startsWith(ctx.server.appUrl.replace(/\/$/, "") + "/decks/devops-vs-platform"), st.object.id);
    assert.equal(st.context.registration, registration, "one registration per attempt");
    assert.deepEqual(st.actor, { objectType: "Agent", account: { homePage: ctx.server.origin, name: learner } });
    assert.match(st.result.duration, DURATION);
    assert.ok(st.result.score.scaled >= 0 && st.result.score.scaled <= 1);
  }
  const answered = statements.slice(0, 3);
  const answeredEvents = results.filter((m) => m.data.type === "rolecall:answered").map((m) => m.data);
  answered.forEach((st, i) => {
    const id = st.object.id.split("/").at(-1);
    assert.equal(answeredEvents[i].statement, id);
    assert.deepEqual(st.object.definition.correctResponsesPattern, [TAG_OF[id]]);
    assert.equal(st.object.definition.interactionType, "choice");
    assert.deepEqual(st.object.definition.choices.map((c) => c.id), CATS);
    assert.equal(st.result.success, i !== 1);
    assert.equal(st.result.response, i === 1 ? wrongTag(id) : TAG_OF[id]);
  });
  const [completed, verdict] = statements.slice(3);
  assert.equal(completed.verb.id, "http://adlnet.gov/expapi/verbs/completed");
  assert.equal(verdict.verb.id, "http://adlnet.gov/expapi/verbs/passed", "2 of 3 passes a 60% mark");
  assert.deepEqual({ raw: completed.result.score.raw, max: completed.result.score.max }, { raw: 2, max: 3 });
  const done = results.find((m) => m.data.type === "rolecall:completed").data;
  assert.deepEqual(done.score, { raw: 2, max: 3, percent: 67 });
  assert.equal(done.passed, true);
  assert.equal(done.passMark, 60);
});

test("with no parentOrigin and no referrer, no results are posted", async (t) => {
  const s = await openHost(t, { query: "?embed=1&n=2&seed=2", dialect: "rolecall", page: "host-noreferrer.html" });
  assert.equal(await s.frame.evaluate(() => document.referrer), "");
  await startQuiz(s.frame, null);
  await playSome(s.frame, [true, true]);
  await s.frame.waitForSelector(sel("results"));
  const types = await s.page.evaluate(() => window.received.filter((m) => m.fromApp).map((m) => m.data.type || m.data.subject || m.data.context));
  assert.ok(types.includes("rolecall:resize"), "sizes are still sent (they carry nothing personal)");
  assert.deepEqual(types.filter((t) => t && t.startsWith("rolecall:") && t !== "rolecall:resize"), []);
});

test("results never go to another origin than parentOrigin", async (t) => {
  // parentOrigin names a different origin than the real host: the host gets no results.
  const s = await openHost(t, { query: "?embed=1&n=1&seed=2&parentOrigin=https://lms.example.org", dialect: "rolecall" });
  await startQuiz(s.frame, null);
  await playSome(s.frame, [true]);
  await s.frame.waitForSelector(sel("results"));
  const types = await s.page.evaluate(() => window.received.filter((m) => m.fromApp).map((m) => m.data.type));
  assert.deepEqual(types.filter((t) => t && t !== "rolecall:resize"), []);
});

test("messages from a third origin, wrong shapes, oversized and replayed messages are ignored", async (t) => {
  const s = await openHost(t, { query: "?embed=1", dialect: "none", third: `${third.origin}/hosts/third.html` });
  const thirdFrame = await (await s.page.waitForSelector("#third")).contentFrame();
  await thirdFrame.waitForFunction(() => typeof window.attack === "function");
  const count = () => s.page.evaluate(() => window.received.filter((m) => m.fromApp && m.data.context === "h5p" && m.data.action !== "hello").length);
  const baseline = await count();
  // From a third origin (not the parent): ignored.
  await thirdFrame.evaluate(() => window.attack({ context: "h5p", action: "resizePrepared" }));
  await thirdFrame.evaluate(() => window.attack({ context: "h5p", action: "hello" }));
  // From the parent, in wrong shapes: ignored.
  for (const m of [
    { context: "h5p", action: "resizePrepared", extra: true },
    { context: "H5P", action: "resizePrepared" },
    "resizePrepared",
    { context: "h5p", action: "resizePrepared".padEnd(5000, " ") },
    null,
    [1, 2, 3],
  ]) {
    await s.page.evaluate((msg) => window.sendToApp(msg), m);
  }
  // A valid message from the parent is answered, proving the channel works...
  await s.page.evaluate(() => window.sendToApp({ context: "h5p", action: "resizePrepared" }));
  await s.page.waitForFunction((n) => window.received.filter((m) => m.fromApp && m.data.context === "h5p" && m.data.action !== "hello").length > n, baseline);
  const after = await count();
  assert.equal(after, baseline + 1, "only the valid parent message got an answer");
  // ...and replaying it changes nothing in the app: same height reported, same screen.
  await s.page.evaluate(() => window.sendToApp({ context: "h5p", action: "resizePrepared" }));
  await s.page.waitForFunction((n) => window.received.filter((m) => m.fromApp && m.data.context === "h5p" && m.data.action !== "hello").length > n, after);
  const resizes = await s.page.evaluate(() => window.received.filter((m) => m.fromApp && m.data.action === "resize").map((m) => m.data.scrollHeight));
  assert.equal(new Set(resizes).size, 1);
  assert.ok(await s.frame.$(sel("quiz-start")));
  assert.deepEqual(problems(s), []);
});

test("bad URL parameters are ignored with a notice naming each one, and can be dismissed", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "?n=abc&theme=pink&pass=150&mode=exam&seed=-1&tags=ops&parentOrigin=*&deck=javascript:alert(1)#/quiz");
  const page = s.page;
  for (const [param, allowed] of [
    ["n", "use a whole number from 1 to 10000, or all"],
    ["theme", "use auto, light or dark"],
    ["pass", "use a whole number from 0 to 100"],
    ["mode", "use quiz, cards or sort"],
    ["seed", "use a whole number from 0 to 999999999"],
    ["parentOrigin", "use an origin such as https://lms.example.org (no path)"],
    ["deck", "use an http:// or https:// address of a deck file"],
  ]) {
    const notice = await page.textContent(sel(`notice-param-${param}`));
    assert.ok(notice.includes(`Ignored ${param}=`) && notice.includes(allowed), notice);
  }
  assert.match(await page.textContent(sel("notice-param-tags-deck")), /Ignored tags=ops: not a category of this deck/);
  // The app works with defaults: pass mark 70, full deck.
  assert.match(await page.textContent(sel("quiz-start")), /Pass mark 70%/);
  await page.click(sel("dismiss-param-n"));
  assert.equal(await page.$(sel("notice-param-n")), null);
  assert.ok(await page.$(sel("notice-param-theme")));
  await startQuiz(page, null);
  assert.deepEqual(problems(s), []);
});

test("good URL parameters configure the quiz: length, pass mark, categories, theme", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl + "?n=4&pass=50&tags=platform&theme=dark#/quiz");
  const page = s.page;
  assert.equal(await page.getAttribute("html", "data-theme"), "dark");
  assert.match(await page.textContent(sel("quiz-start")), /Pass mark 50%/);
  // Which categories are asked is not for the learner to know: every answer would be Platform.
  assert.equal(await page.$(sel("filter-note")), null);
  assert.doesNotMatch(await page.textContent(sel("quiz-start")), /Platform statements/);
  await startQuiz(page, null);
  for (let i = 0; i < 4; i++) {
    const id = await currentStatement(page);
    assert.equal(TAG_OF[id], "platform");
    await page.click(sel(`tag-${TAG_OF[id]}`));
    await nextQuestion(page, id);
  }
  assert.equal(await page.textContent(sel("score")), "4 of 4 correct");
});

for (const [name, cats] of [["two", 2], ["four", 4]]) {
  test(`a custom deck with ${cats} categories from another origin works end to end`, async (t) => {
    const deck = decks[name];
    const s = await open(t, ctx.browser, `${ctx.server.appUrl}?deck=${encodeURIComponent(`${hosts.origin}/decks/${name}.json`)}#/quiz`);
    const page = s.page;
    await page.waitForSelector(sel("quiz-start"));
    const buttons = await page.$$eval('[data-testid="tag-picker"] button', (bs) => bs.map((b) => b.dataset.tag));
    assert.deepEqual(buttons, []);
    await startQuiz(page, "all");
    const tagButtons = await page.$$eval('[data-testid="tag-picker"] button', (bs) => bs.map((b) => b.dataset.tag));
    assert.deepEqual(tagButtons, deck.categories.map((c) => c.id));
    const truth = Object.fromEntries(deck.statements.map((x) => [x.id, x.tag]));
    for (let i = 0; i < deck.statements.length; i++) {
      const id = await currentStatement(page);
      // Answer by keyboard digit to exercise the shortcuts of a deck with other categories.
      await page.keyboard.press(String(deck.categories.findIndex((c) => c.id === truth[id]) + 1));
      await page.waitForSelector(sel("feedback"));
      await nextQuestion(page, id);
    }
    await page.waitForSelector(sel("results"));
    assert.equal(await page.textContent(sel("score")), `${deck.statements.length} of ${deck.statements.length} correct`);
    assert.equal(Number(await page.getAttribute(sel("matrix"), "data-size")), cats);
    assert.equal(await page.title(), `RoleCall: ${deck.title}`);
    if (name === "four") await screenshot(page, "custom-deck-four-results");
    assert.deepEqual(problems(s), []);
  });
}

for (const [file, pattern] of [
  ["broken", /is not valid JSON: EOF while parsing a value at line 1, column 25/],
  ["invalid", /the deck has 1 problem/],
  ["missing", /the server answered 404/],
  ["no-cors", /does not allow other sites to load the file \(CORS\)/],
]) {
  test(`a deck URL that fails (${file}) shows the reason and a way back to the built-in deck`, async (t) => {
    const s = await open(t, ctx.browser, `${ctx.server.appUrl}?deck=${encodeURIComponent(`${hosts.origin}/decks/${file}.json`)}`);
    const page = s.page;
    await page.waitForSelector(sel("deck-error"));
    assert.match(await page.textContent(sel("error-message")), pattern);
    if (file === "invalid") {
      assert.match(await page.textContent(sel("error-detail")), /statements\[0\]\.tag: "ops" is not a category of this deck \(cat, dog\)/);
    }
    await page.click(sel("error-action"));
    await page.waitForSelector(sel("home"));
    assert.equal(await page.textContent(sel("tagline")), "Tag each statement DevOps, Platform or Both.");
  });
}

test("the compact embed layout fits a 400 px wide frame", async (t) => {
  const s = await openHost(t, { query: "?embed=1&n=3&seed=4", dialect: "rolecall", width: 400 });
  assert.equal(await s.frame.$(".masthead:not(.compact)"), null, "no page header in embed mode");
  await startQuiz(s.frame, null);
  await answer(s.frame, true);
  await heightTracks(s, "feedback");
  assert.equal(await horizontalOverflow(s.frame), 0, "no horizontal scrolling at 400 px");
  await screenshot(s.page, "embed-400");
});

test("mode=cards opens flashcards in the frame", async (t) => {
  const s = await openHost(t, { query: "?embed=1&mode=cards", dialect: "rolecall" });
  await s.frame.waitForSelector(sel("cards-home"));
});

test("the embed builder makes a snippet, copies it, and previews exactly it", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.studioUrl, { context: { permissions: ["clipboard-read", "clipboard-write"] } });
  const page = s.page;
  await page.selectOption(sel("embed-mode"), "cards");
  await page.selectOption(sel("embed-n"), "20");
  await page.fill(sel("embed-pass"), "80");
  await page.press(sel("embed-pass"), "Tab");
  await page.selectOption(sel("embed-theme"), "dark");
  await page.fill(sel("embed-origin"), "https://lms.example.org/course/1");
  assert.match(await page.textContent("#origin-help"), /without a path/);
  await page.fill(sel("embed-origin"), "https://lms.example.org");
  // The address field shows once "A deck file at an address" is the deck chosen.
  await page.selectOption(sel("embed-deck-choice"), "url");
  await page.fill(sel("embed-deck"), "javascript:alert(1)");
  assert.match(await page.textContent("#deck-help"), /http:\/\/ or https:\/\//);
  await page.selectOption(sel("embed-deck-choice"), "");
  const snippet = await page.inputValue(sel("embed-snippet"));
  const src = snippet.match(/src="([^"]+)"/)[1].replaceAll("&amp;", "&");
  const url = new URL(src);
  assert.equal(url.origin + url.pathname, ctx.server.appUrl);
  assert.deepEqual(Object.fromEntries(url.searchParams), { mode: "cards", n: "20", pass: "80", embed: "1", theme: "dark", parentOrigin: "https://lms.example.org" });
  assert.equal(await page.getAttribute(sel("embed-preview"), "src"), src);
  const preview = await (await page.$(sel("embed-preview"))).contentFrame();
  await preview.waitForSelector(sel("cards-home"));
  // The preview sizes itself by its own rolecall:resize messages, as on a host page.
  const content = await preview.evaluate(() => Math.ceil(document.querySelector(".app").getBoundingClientRect().height));
  await page.waitForFunction(
    (h) => Math.abs(document.querySelector('[data-testid="embed-preview"]').getBoundingClientRect().height - h) <= 2,
    content,
  );
  await page.click(sel("embed-copy"));
  await page.waitForFunction(() => document.querySelector(".embed-builder [role=status]").textContent.includes("copied"));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet);
  await screenshot(page, "embed-builder-desktop");
});

test("tags naming a custom deck's categories are checked against that deck, not the built-in one while it downloads", async (t) => {
  const deck = `${hosts.origin}/decks/four.json`;
  const s = await open(t, ctx.browser, ctx.server.appUrl + `?deck=${encodeURIComponent(deck)}&tags=north,south&n=4#/quiz`);
  await s.page.waitForSelector(sel("start-quiz"));
  await startQuiz(s.page, null);
  for (let i = 0; i < 4; i++) {
    const id = await currentStatement(s.page);
    assert.match(id, /^s[0246]$/, "only North and South statements are asked");
    await s.page.click(sel(i % 2 ? "tag-south" : "tag-north"));
    await s.page.waitForSelector(sel("feedback"));
    await s.page.click(sel("next"));
    if (i < 3) await nextStatement(s.page, id);
  }
  const told = s.messages.filter((m) => /Ignored tags/.test(m.text)).map((m) => m.text);
  assert.deepEqual(told, [], "no warning about the deck's own categories");
  assert.equal(await s.page.$(sel("notice-param-tags-deck")), null);
});

/** The address a snippet's frame (or a link) opens, as a URL. */
const snippetUrl = (code) => new URL((code.match(/src="([^"]+)"/)?.[1] ?? code).replaceAll("&amp;", "&"));

/** The URL parameters the README documents, from its table. */
function documentedParameters() {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const table = readme.split("### URL parameters")[1].split("\n### ")[0];
  return [...table.matchAll(/^\| `([A-Za-z]+)` \|/gm)].map((m) => m[1]);
}

test("the builder has a control for every URL parameter, writes All as n=all, and reads its own snippet back", async (t) => {
  const deckUrl = `${hosts.origin}/decks/four.json`;
  const s = await open(t, ctx.browser, ctx.server.studioUrl);
  const page = s.page;
  const code = () => page.inputValue(sel("embed-snippet"));
  // Any number of questions, not only the presets; "All" is written as such.
  await page.selectOption(sel("embed-n"), "all");
  assert.equal(snippetUrl(await code()).searchParams.get("n"), "all");
  assert.match(await page.textContent(sel("embed-n-note")), /^Learners get all \d+ statements\.$/);
  // Sort mode, with its own setting: what happens to wrong cards. A round holds at most 20.
  await page.selectOption(sel("embed-mode"), "sort");
  assert.match(await page.textContent(sel("embed-n-note")), /^Each round deals 20 cards from the \d+ statements \(a round holds at most 20\)\.$/);
  await page.selectOption(sel("embed-retries"), "4");
  await page.selectOption(sel("embed-n"), "set");
  await page.fill(sel("embed-n-count"), "7");
  await page.press(sel("embed-n-count"), "Tab");
  await page.fill(sel("embed-seed"), "42");
  await page.fill(sel("embed-pass"), "85");
  await page.selectOption(sel("embed-deck-choice"), "url");
  await page.fill(sel("embed-deck"), deckUrl);
  await page.press(sel("embed-deck"), "Tab");
  await page.waitForSelector(sel("embed-tag-north"));
  await page.check(sel("embed-tag-north"));
  await page.check(sel("embed-tag-south"));
  await page.uncheck(sel("embed-compact"));
  await page.selectOption(sel("embed-theme"), "dark");
  // The studio's own origin: the preview's results then reach the page that frames it.
  await page.fill(sel("embed-origin"), ctx.server.origin);
  await page.check(sel("embed-lock"));
  await page.check(sel("embed-nav"));
  await page.fill(sel("embed-attempts"), "2");
  await page.selectOption(sel("embed-grade"), "last");
  const want = {
    mode: "sort",
    n: "7",
    seed: "42",
    pass: "85",
    tags: "north,south",
    deck: deckUrl,
    theme: "dark",
    parentOrigin: ctx.server.origin,
    lock: "1",
    nav: "1",
    attempts: "2",
    grade: "last",
    retries: "4",
  };
  const url = snippetUrl(await code());
  assert.deepEqual(Object.fromEntries(url.searchParams), want);
  // Every documented parameter has a control (embed is the compact switch, on by default).
  const documented = documentedParameters();
  assert.ok(documented.length >= 14, `the README's table: ${documented}`);
  for (const param of documented) assert.ok(param === "embed" || param in want, `the builder sets ${param}`);
  await page.check(sel("embed-compact"));
  assert.equal(snippetUrl(await code()).searchParams.get("embed"), "1");
  // The studio opened on the snippet's own settings shows them all, and writes the same snippet.
  const written = await code();
  const again = await open(t, ctx.browser, `${ctx.server.studioUrl}${snippetUrl(written).search}`);
  await again.page.waitForSelector(sel("embed-tag-north"));
  assert.equal(await again.page.inputValue(sel("embed-n")), "set");
  assert.equal(await again.page.inputValue(sel("embed-n-count")), "7");
  assert.equal(await again.page.inputValue(sel("embed-retries")), "4");
  assert.equal(await again.page.inputValue(sel("embed-snippet")), written);
  assert.deepEqual(problems(s), []);
  assert.deepEqual(problems(again), []);
});

/** The "Wrong cards" choices a test makes, what the snippet then says, and what sort mode's start screen tells the learner. */
const WRONG_CARDS = [
  { value: "0", retries: "0", start: /Wrong cards are marked, and you can see where they belong\./ },
  { value: "1", retries: "1", start: /\(1 more try at most\)/ },
  { value: "2", retries: null, start: /\(2 more tries at most\)/ },
  { value: "5", retries: "5", start: /\(5 more tries at most\)/ },
];

test("the builder makes a sort snippet with its wrong-cards choice, and the snippet opens sort mode saying so", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.studioUrl);
  const page = s.page;
  const code = () => page.inputValue(sel("embed-snippet"));
  // The choice belongs to sort mode: no such control, and nothing in the snippet, for a quiz.
  assert.equal(await page.$(sel("embed-retries")), null);
  assert.deepEqual(await page.$$eval(`${sel("embed-mode")} option`, (o) => o.map((e) => e.textContent)), ["Quiz", "Sort", "Flashcards"]);
  await page.selectOption(sel("embed-mode"), "sort");
  assert.equal(await page.inputValue(sel("embed-retries")), "2", "the default is chosen");
  assert.equal(await page.textContent(`${sel("embed-retries")} option[value="2"]`), "Up to 2 more tries (default)");
  assert.match(await page.textContent("#retries-help"), /go back to the tray for another try \(2 more tries at most\)/);
  // The length says what a round deals: 8 cards unless told otherwise.
  assert.match(await page.textContent(sel("embed-n-note")), /^Each round deals 8 cards from the \d+ statements\.$/);
  for (const { value, retries, start } of WRONG_CARDS) {
    await page.selectOption(sel("embed-retries"), value);
    const snippet = await code();
    const url = snippetUrl(snippet);
    assert.equal(url.searchParams.get("mode"), "sort");
    assert.equal(url.searchParams.get("retries"), retries, `retries=${value} is written only when it is not the default`);
    if (retries !== null) assert.ok(snippet.includes(`mode=sort&amp;embed=1&amp;retries=${retries}`), snippet);
    // The snippet, pasted into a plain page of another origin, opens sort mode's start, which
    // tells the learner what happens to wrong cards.
    plainPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course</title><link rel="icon" href="data:,"></head><body>${snippet}</body></html>`;
    const host = await open(t, ctx.browser, null);
    await host.page.goto(`${hosts.origin}/plain.html`);
    const frame = await (await host.page.waitForSelector("iframe")).contentFrame();
    const startText = await (await frame.waitForSelector(sel("sort-start"))).textContent();
    assert.match(startText, start, `retries ${value}: ${startText}`);
    assert.match(startText, /Deal 8 cards/);
    assert.deepEqual(problems(host), []);
    await host.close();
  }
  // Back to a quiz: the choice is not the quiz's, so the snippet leaves it out; sort mode again
  // brings it back.
  await page.selectOption(sel("embed-mode"), "quiz");
  assert.equal(await page.$(sel("embed-retries")), null);
  assert.equal(snippetUrl(await code()).search, "?embed=1");
  await page.selectOption(sel("embed-mode"), "sort");
  assert.equal(await page.inputValue(sel("embed-retries")), "5");
  assert.equal(snippetUrl(await code()).search, "?mode=sort&embed=1&retries=5");
  // The preview shows it too.
  const preview = await (await page.$(sel("embed-preview"))).contentFrame();
  await preview.waitForFunction(() => /5 more tries at most/.test(document.querySelector('[data-testid="sort-start"]')?.textContent ?? ""));
  await screenshot(page, "embed-builder-sort");
  assert.deepEqual(problems(s), []);
});

test("the studio opened with mode=sort and retries=0 shows both, and writes them back", async (t) => {
  const s = await open(t, ctx.browser, `${ctx.server.studioUrl}?mode=sort&retries=0&n=30`);
  const page = s.page;
  assert.equal(await page.inputValue(sel("embed-mode")), "sort");
  assert.equal(await page.inputValue(sel("embed-retries")), "0");
  assert.equal(await page.textContent(`${sel("embed-retries")} option:checked`), "Marked at once");
  assert.match(await page.textContent("#retries-help"), /wrong cards are marked, and learners can see where they belong/);
  // 30 is more than a round holds: the studio says what learners get.
  assert.equal(await page.inputValue(sel("embed-n-count")), "30");
  assert.match(await page.textContent("#builder-n-note"), /^Each round deals 20 cards from the \d+ statements \(a round holds at most 20\)\.$/);
  assert.equal(snippetUrl(await page.inputValue(sel("embed-snippet"))).search, "?mode=sort&n=30&embed=1&retries=0");
  // After a reload, the same.
  await page.reload();
  await ready(page);
  assert.equal(await page.inputValue(sel("embed-mode")), "sort");
  assert.equal(await page.inputValue(sel("embed-retries")), "0");
  // The default, written in the address, is left out of the snippet as the menus' defaults are.
  const plain = await open(t, ctx.browser, `${ctx.server.studioUrl}?mode=sort&retries=2`);
  assert.equal(await plain.page.inputValue(sel("embed-retries")), "2");
  assert.equal(snippetUrl(await plain.page.inputValue(sel("embed-snippet"))).search, "?mode=sort&embed=1");
  assert.deepEqual(problems(s), []);
  assert.deepEqual(problems(plain), []);
});

/** Waits until the frame on the plain page is as tall as the app inside it, and returns both. */
async function frameFitsContent(page) {
  const frame = await (await page.waitForSelector("iframe")).contentFrame();
  await ready(frame);
  const content = () => frame.evaluate(() => Math.ceil(document.querySelector(".app").getBoundingClientRect().height));
  await page.waitForFunction(
    (h) => Math.abs(document.querySelector("iframe").getBoundingClientRect().height - h) <= 2,
    await content(),
  );
  return { frame, content: await content(), height: await page.evaluate(() => document.querySelector("iframe").getBoundingClientRect().height) };
}

test("the default snippet sizes its frame on a plain page of another origin; the frame alone does not, and a link is offered", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.studioUrl);
  const page = s.page;
  assert.ok(await page.isChecked(sel("embed-kind-sizing")), "the frame that sizes itself is the default");
  const sizing = await page.inputValue(sel("embed-snippet"));
  assert.match(sizing, /<\/iframe>\n<script>[\s\S]*rolecall:resize[\s\S]*<\/script>$/);
  // Pasted as it is into a plain course page on another origin, the frame grows to its content,
  // and follows it when the content changes.
  plainPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course</title><link rel="icon" href="data:,"></head><body><h1>Week 1</h1>\n${sizing}\n<p>After the activity.</p></body></html>`;
  const host = await open(t, ctx.browser, null);
  await host.page.goto(`${hosts.origin}/plain.html`);
  const first = await frameFitsContent(host.page);
  assert.ok(Math.abs(first.height - 640) > 20, `the frame left its 640 px (now ${first.height} px for ${first.content} px of content)`);
  await startQuiz(first.frame, 10);
  await answer(first.frame, false);
  const after = await frameFitsContent(host.page);
  assert.notEqual(Math.round(after.height), Math.round(first.height), "the frame followed its content");
  assert.deepEqual(host.errors, []);

  // The frame alone is for pages with a resizer: on a plain page it keeps its 640 px. (Each
  // choice is named by its label alone, and described by its note.)
  assert.equal(await page.getByRole("radio", { name: "Frame only", exact: true }).count(), 1);
  await page.getByText("Frame only", { exact: true }).click();
  assert.ok(await page.isChecked(sel("embed-kind-frame")));
  const frameOnly = await page.inputValue(sel("embed-snippet"));
  assert.doesNotMatch(frameOnly, /<script/);
  assert.equal(`${frameOnly}\n`, sizing.slice(0, sizing.indexOf("<script>")));
  assert.match(await page.textContent("#kind-frame-about"), /Canvas.*H5P/);
  plainPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course</title><link rel="icon" href="data:,"></head><body>${frameOnly}</body></html>`;
  const bare = await open(t, ctx.browser, null);
  await bare.page.goto(`${hosts.origin}/plain.html`);
  const bareFrame = await (await bare.page.waitForSelector("iframe")).contentFrame();
  await ready(bareFrame);
  await bareFrame.waitForSelector(sel("quiz-start"));
  assert.equal(await bare.page.evaluate(() => document.querySelector("iframe").getBoundingClientRect().height), 640);

  // A link opens a page of its own: no compact layout, nobody to send results to.
  await page.fill(sel("embed-origin"), ctx.server.origin);
  await page.check(sel("embed-kind-link"));
  const link = await page.inputValue(sel("embed-snippet"));
  assert.equal(link, `${ctx.server.appUrl}`, "the built-in deck with no settings is the app itself");
  assert.equal((await page.textContent(sel("embed-copy"))).trim(), "Copy link");
  await screenshot(page, "embed-builder-kinds");
  assert.deepEqual(problems(s), []);
});

test("the builder says what is wrong as it is typed, keeps what was typed, and offers no snippet or package until it is put right", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.studioUrl, { viewport: PHONE });
  const page = s.page;
  /** The problem said at a field: its aria-invalid and the text it is described by. */
  const said = (testid) =>
    page.$eval(sel(testid), (e) => [e.getAttribute("aria-invalid"), (e.getAttribute("aria-describedby") || "").split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join(" ")]);
  // A pass mark of 150, as typed (no Tab): said at once, kept in the field, and no snippet.
  await page.fill(sel("embed-pass"), "150");
  assert.deepEqual(await said("embed-pass"), ["true", "150 is more than 100: use a whole number from 0 to 100."]);
  assert.equal(await page.inputValue(sel("embed-pass")), "150", "the value is not blanked");
  assert.equal(await page.$(sel("embed-snippet")), null);
  assert.equal(await page.$(sel("embed-copy")), null);
  assert.match(await page.textContent(sel("embed-not-ready")), /Pass mark: 150 is more than 100/);
  // The list leads to the field.
  await page.click(`${sel("embed-not-ready")} button`);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "embed-pass");
  // Nor is a package made with it (the button, marked as unavailable, says why when pressed).
  await page.focus(sel("package-scorm12"));
  await page.keyboard.press("Enter");
  assert.equal(await page.textContent(sel("package-status")), "No package until this setting is put right: Pass mark.");
  assert.equal(await page.$(sel("package-download")), null);
  await screenshot(page, "embed-builder-invalid-phone");
  // The other number fields.
  await page.fill(sel("embed-seed"), "abc");
  assert.deepEqual(await said("embed-seed"), ["true", "\u201cabc\u201d is not a whole number: use a whole number from 0 to 999999999."]);
  await page.fill(sel("embed-attempts"), "0");
  assert.deepEqual(await said("embed-attempts"), ["true", "0 is less than 1: use a whole number from 1 to 100."]);
  await page.selectOption(sel("embed-n"), "set");
  await page.fill(sel("embed-n-count"), "2.5");
  assert.equal((await said("embed-n-count"))[0], "true");
  // Listed in the order of the form.
  assert.deepEqual(await page.$$eval(`${sel("embed-not-ready")} li button`, (l) => l.map((b) => b.textContent)), ["Number of questions", "Pass mark", "Question order", "Attempts allowed"]);
  // Put right, one by one: the snippet is back with every value.
  await page.fill(sel("embed-pass"), "80%");
  await page.fill(sel("embed-seed"), "7");
  await page.fill(sel("embed-attempts"), "3");
  await page.fill(sel("embed-n-count"), "12");
  assert.deepEqual(await said("embed-pass"), [null, ""]);
  const params = snippetUrl(await page.inputValue(sel("embed-snippet"))).searchParams;
  assert.deepEqual([params.get("pass"), params.get("seed"), params.get("attempts"), params.get("n")], ["80", "7", "3", "12"]);

  // A deck address that is not one, then one that does not load, then one that does.
  await page.selectOption(sel("embed-deck-choice"), "url");
  assert.equal((await said("embed-deck"))[0], "true", "an empty address is not a deck");
  await page.fill(sel("embed-deck"), "not a url");
  assert.match((await said("embed-deck"))[1], /An address has no spaces/);
  await page.fill(sel("embed-deck"), `${hosts.origin}/decks/missing.json`);
  await page.click(sel("embed-deck-test"));
  await page.waitForFunction(() => /It does not load/.test(document.getElementById("deck-help").textContent));
  assert.equal((await said("embed-deck"))[0], "true");
  assert.match((await said("embed-deck"))[1], /It does not load: .*the server answered 404/);
  assert.match(await page.textContent(sel("embed-not-ready")), /Deck file address: It does not load/);
  // Test reads the file again: fixed on its server, the same address now loads.
  await page.fill(sel("embed-deck"), `${hosts.origin}/decks/changing.json`);
  changing = "{";
  await page.click(sel("embed-deck-test"));
  await page.waitForFunction(() => /It does not load: .*not valid JSON/.test(document.getElementById("deck-help").textContent));
  changing = JSON.stringify(decks.four);
  await page.click(sel("embed-deck-test"));
  await page.waitForFunction(() => /It loads/.test(document.querySelector('[data-testid="embed-deck-status"]').textContent));
  assert.equal(await page.textContent(sel("embed-deck-status")), "It loads: \u201cCustom four-way\u201d, 8 statements in 4 categories.");
  assert.deepEqual(await said("embed-deck"), [null, "A deck file in RoleCall's format, or a path relative to the app; its server must allow cross-origin requests. It loads: \u201cCustom four-way\u201d, 8 statements in 4 categories."]);
  assert.equal(snippetUrl(await page.inputValue(sel("embed-snippet"))).searchParams.get("deck"), `${hosts.origin}/decks/changing.json`);
  assert.equal(await page.textContent(sel("package-status")), "", "the package panel's refusal is gone with its reason");
  assert.equal(await page.getAttribute(sel("package-scorm12"), "aria-disabled"), null);
  assert.equal(await horizontalOverflow(page), 0);
  // (The address that does not exist is reported by the browser too.)
  assert.deepEqual(problems(s).filter((p) => !/missing\.json|status of 404/.test(p)), []);
});

test("values the studio's own address cannot use are put back in their fields as wrong, and the others are listed", async (t) => {
  const s = await open(t, ctx.browser, `${ctx.server.studioUrl}?pass=150&n=0&seed=12&mode=exam&deck=ftp://x.org/d.json&theme=pink`);
  const page = s.page;
  assert.equal(await page.inputValue(sel("embed-pass")), "150");
  assert.equal(await page.getAttribute(sel("embed-pass"), "aria-invalid"), "true");
  assert.equal(await page.inputValue(sel("embed-n")), "set");
  assert.equal(await page.inputValue(sel("embed-n-count")), "0");
  assert.equal(await page.inputValue(sel("embed-seed")), "12", "a good value is kept as it is");
  assert.equal(await page.inputValue(sel("embed-deck")), "ftp://x.org/d.json");
  assert.equal(await page.getAttribute(sel("embed-deck"), "aria-invalid"), "true");
  assert.deepEqual(await page.$$eval(`${sel("embed-not-ready")} li button`, (l) => l.map((b) => b.textContent)), ["Number of questions", "Pass mark", "Deck file address"]);
  const listed = await page.$$eval(`${sel("embed-ignored")} li`, (l) => l.map((e) => e.textContent));
  assert.deepEqual(listed, ['Ignored mode="exam": use quiz, cards or sort.', 'Ignored theme="pink": use auto, light or dark.']);
  assert.deepEqual(problems(s), []);
});
