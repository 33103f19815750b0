// Decks shared by link: the deck itself in the link's fragment (`#/?deck=packed:…`, raw deflate
// in base64url), opened with no server but the app's. Links are made here with Node's zlib, as
// any tool could, and by the studio's packer in the browser. A shared deck plays a whole quiz,
// survives moving between screens and reloads, works framed and locked on another origin, is
// never repeated in a message, and every kind of broken link, a decompression bomb included,
// ends in a clear message with the built-in deck one click away.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import {
  suite,
  serve,
  open,
  openFramed,
  hostPageUrl,
  fromApp,
  caughtUp,
  problems,
  startQuiz,
  playToResults,
  storedProgress,
  sel,
  DECK,
  HOSTS,
  ROOT,
  PROGRESS_KEY,
} from "./harness.mjs";

// The app's origin and the browser; host pages on a second origin.
const ctx = suite();
let hosts;
before(async () => {
  hosts = await serve({ dirs: { "/hosts/": HOSTS }, name: "localhost" });
});
after(async () => {
  await hosts?.close();
});

/** A limit as the app defines it in src/core/link.rs, so the tests and the app cannot drift. */
function limit(name) {
  const source = readFileSync(path.join(ROOT, "src/core/link.rs"), "utf8");
  const m = source.match(new RegExp(`pub const ${name}: usize = ([\\d_* ]+);`));
  assert.ok(m, `${name} in src/core/link.rs`);
  return m[1].split("*").reduce((n, f) => n * Number(f.trim().replaceAll("_", "")), 1);
}
const SHARE_LINK_MAX = limit("SHARE_LINK_MAX");
const MAX_PACKED_LEN = limit("MAX_PACKED_LEN");

/** A `deck` value packing these bytes as the studio does: raw deflate, base64url, no padding. */
const packed = (bytes) => `packed:${zlib.deflateRawSync(bytes, { level: 9 }).toString("base64url")}`;
/** A deck's share value. */
const share = (deck) => packed(Buffer.from(JSON.stringify(deck)));
/** The share link for a `deck` value, with an optional query string before the fragment. */
const link = (value, query = "") => `${ctx.server.appUrl}${query}#/?deck=${value}`;

/** A small deck of three categories that only a shared link can bring. */
const TRIO = {
  format: 1,
  id: "shared-trio",
  title: "Red, green or blue?",
  description: "A deck that travels in its link.",
  language: "en",
  categories: ["Red", "Green", "Blue"].map((c) => ({ id: c.toLowerCase(), label: c, description: `Things that are ${c.toLowerCase()}.` })),
  statements: ["Tomato", "Grass", "Sky", "Cherry", "Lime", "Ocean", "Ruby", "Emerald", "Sapphire"].map((thing, i) => ({
    id: thing.toLowerCase(),
    text: `${thing}.`,
    tag: ["red", "green", "blue"][i % 3],
    explanation: `${thing} is ${["red", "green", "blue"][i % 3]}.`,
  })),
};
const TRUTH = Object.fromEntries(TRIO.statements.map((s) => [s.id, s.tag]));

/** Whether `text` repeats any stretch of a packed value (beyond its prefix). */
const echoes = (text, value) => value.length > 47 && text.includes(value.slice(7, 47));

/** The hash of the page or frame. */
const hashOf = (page) => page.evaluate(() => location.hash);

test("a shared deck opens from its link and plays a whole quiz, its progress kept under its id", async (t) => {
  const value = share(TRIO);
  const s = await open(t, ctx.browser, link(value));
  const page = s.page;
  await page.waitForSelector(sel("home"));
  assert.equal(await page.title(), `RoleCall: ${TRIO.title}`);
  assert.equal(await page.textContent(sel("tagline")), "Tag each statement Red, Green or Blue.");
  assert.equal(await page.textContent(sel("custom-deck-note")), "Deck shared in this page's link.");
  assert.ok(!echoes(await page.textContent("body"), value), "the page never shows the packed deck");
  await page.click(sel("enter-quiz"));
  await startQuiz(page, "all");
  await playToResults(page, (id) => TRUTH[id]);
  assert.equal(await page.textContent(sel("score")), "9 of 9 correct");
  assert.equal(await hashOf(page), `#/results?deck=${value}`, "the app's own move to the results keeps the deck");
  const stored = JSON.parse(await storedProgress(page));
  assert.equal(stored.decks[TRIO.id]?.history?.length, 1, `progress under ${PROGRESS_KEY} is kept by the deck's id`);
  assert.deepEqual(problems(s), []);
});

test("moving between screens, going back and reloading keep the shared deck", async (t) => {
  const value = share(TRIO);
  const s = await open(t, ctx.browser, link(value));
  const page = s.page;
  await page.waitForSelector(sel("home"));
  for (const [click, screen, route] of [
    ["nav-flashcards", "cards-home", "#/cards"],
    ["nav-progress", "stats", "#/stats"],
    ["nav-quiz", "quiz-start", "#/quiz"],
    ["brand", "home", "#/"],
    ["enter-cards", "cards-home", "#/cards"],
  ]) {
    assert.equal(await page.getAttribute(sel(click), "href"), `${route}?deck=${value}`, `${click} links to the deck`);
    await page.click(sel(click));
    await page.waitForSelector(sel(screen));
    assert.equal(await hashOf(page), `${route}?deck=${value}`, `after ${click}`);
    await page.reload();
    await page.waitForSelector(sel(screen));
    assert.equal(await page.title(), `RoleCall: ${TRIO.title}`, `a reload on ${route} opens the shared deck`);
  }
  await page.goBack();
  await page.waitForSelector(sel("home"));
  assert.equal(await hashOf(page), `#/?deck=${value}`, "the back button keeps it too");
  assert.equal(await page.textContent(sel("tagline")), "Tag each statement Red, Green or Blue.");
  assert.deepEqual(problems(s), []);
});

test("framed on another origin with embed=1&lock=1, a shared deck in the hash is the activity", async (t) => {
  const value = share(TRIO);
  const s = await openFramed(
    t,
    ctx.browser,
    hostPageUrl(hosts, ctx.server.appUrl, { query: `?embed=1&lock=1&n=3&seed=5#/?deck=${value}`, dialect: "rolecall" }),
  );
  await s.frame.waitForSelector(sel("quiz-start"));
  await startQuiz(s.frame, null);
  const asked = await playToResults(s.frame, (id) => TRUTH[id]);
  assert.equal(asked.length, 3, "the trainer's n=3 from the locked query string");
  assert.ok(asked.every((a) => a.id in TRUTH), "the shared deck's statements");
  await caughtUp(s.page, s.frame);
  const received = await fromApp(s.page);
  // The app announces the deck in use: the built-in one while the shared one unpacks, as for a
  // deck downloaded from an address, then the shared one.
  const readies = received.filter((m) => m.data.type === "rolecall:ready").map((m) => m.data.deck);
  assert.equal(readies.at(-1), TRIO.id, readies.join(", "));
  const done = received.find((m) => m.data.type === "rolecall:completed")?.data;
  assert.deepEqual(done?.score, { raw: 3, max: 3, percent: 100 });
  const statements = received.filter((m) => m.data.type === "rolecall:xapi").map((m) => m.data.statement);
  assert.ok(statements.length >= 5 && statements.every((st) => st.object.id.includes(`/decks/${TRIO.id}`)));
  assert.ok(!echoes(JSON.stringify(received), value), "no message to the host repeats the packed deck");
  assert.deepEqual(problems(s), []);
});

const builtinCompressed = zlib.deflateRawSync(Buffer.from(JSON.stringify(DECK)), { level: 9 });
const invalidTrio = { ...TRIO, statements: [{ ...TRIO.statements[0], tag: "purple" }] };
for (const [name, value, message, detail] of [
  ["a character base64url never uses", "packed:q1ZK*yy_KTSx", /^The shared deck's link is damaged: '\*' \(character 5 after "packed:"\) is never part of a shared deck; copy the whole link again$/],
  ["a length no base64url has", "packed:q1ZKy", /^The shared deck's link is damaged: 5 characters after "packed:" cannot be a whole deck, so it was cut short; copy the whole link again$/],
  ["nothing after the prefix", "packed:", /^The shared deck's link is damaged: nothing follows "packed:"/],
  [
    "truncated deflate",
    `packed:${builtinCompressed.subarray(0, builtinCompressed.length >> 1).toString("base64url")}`,
    /^The shared deck's link is damaged: its packed data is cut short or altered, so no deck can be unpacked from it; copy the whole link again$/,
  ],
  // A first block of the reserved type 3: no inflater reads past it.
  ["bytes that are not deflate", `packed:${Buffer.from([0x07, 0x01, 0x02, 0x03]).toString("base64url")}`, /^The shared deck's link is damaged: its packed data is cut short or altered/],
  ["valid deflate of invalid JSON", packed(Buffer.from('{"format": 1, "id": "x", ')), /^The shared deck could not be read: the deck file is not valid JSON: EOF while parsing a value at line 1, column 25$/],
  ["valid deflate of an invalid deck", share(invalidTrio), /^The shared deck could not be read: the deck has 1 problem$/, /statements\[0\]\.tag: "purple" is not a category of this deck \(red, green, blue\)/],
]) {
  test(`a link with ${name} says so, and the built-in deck still works`, async (t) => {
    const s = await open(t, ctx.browser, link(value));
    const page = s.page;
    await page.waitForSelector(sel("deck-error"));
    assert.match(await page.textContent(sel("error-message")), message);
    if (detail) assert.match(await page.textContent(sel("error-detail")), detail);
    assert.ok(!echoes(await page.textContent("body"), value), "the message never repeats the packed deck");
    await page.click(sel("error-action"));
    await page.waitForSelector(sel("home"));
    assert.equal(await page.textContent(sel("tagline")), "Tag each statement DevOps, Platform or Both.");
    await page.click(sel("enter-quiz"));
    await startQuiz(page, 10);
    assert.deepEqual(problems(s), []);
  });
}

test("framed, a broken shared deck is told to the trainer without the link, and calmly to the learner", async (t) => {
  const value = `packed:${builtinCompressed.subarray(0, 3000).toString("base64url")}`;
  const s = await openFramed(t, ctx.browser, hostPageUrl(hosts, ctx.server.appUrl, { query: `?embed=1#/?deck=${value}`, dialect: "rolecall" }));
  await s.frame.waitForSelector(sel("setup-error"));
  await s.page.waitForFunction(() => window.received.some((m) => m.data?.type === "rolecall:error"));
  const errors = (await fromApp(s.page)).filter((m) => m.data.type === "rolecall:error").map((m) => m.data);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].code, "deck");
  assert.match(errors[0].message, /^The shared deck's link is damaged: its packed data is cut short or altered/);
  const logged = s.messages.map((m) => m.text).join("\n");
  assert.match(logged, /The shared deck's link is damaged/, "the detail is on the console too");
  for (const [where, text] of [
    ["host", JSON.stringify(await fromApp(s.page))],
    ["console", logged],
    ["learner", await s.frame.textContent("body")],
  ]) {
    assert.ok(!echoes(text, value), `the ${where} never sees the packed deck`);
  }
});

/**
 * An init script: counts the compressed bytes the page's DecompressionStreams take in, through
 * a pass-through stream in front of each (the app's writes reach the real stream unchanged).
 */
function countInflaterInput() {
  const Native = window.DecompressionStream;
  window.__inflaterInput = 0;
  window.DecompressionStream = class extends Native {
    #writable;
    get writable() {
      if (!this.#writable) {
        const counter = new TransformStream({
          transform(chunk, controller) {
            window.__inflaterInput += chunk.byteLength;
            controller.enqueue(chunk);
          },
        });
        counter.readable.pipeTo(super.writable).catch(() => {});
        this.#writable = counter.writable;
      }
      return this.#writable;
    }
  };
}

test("a decompression bomb in a link stops at the size limit, early, and the page stays usable", async (t) => {
  const bomb = zlib.deflateRawSync(Buffer.alloc(50 * 1024 * 1024), { level: 9 });
  const value = `packed:${bomb.toString("base64url")}`;
  assert.ok(value.length < MAX_PACKED_LEN, `50 MB of zeros fits in a link: ${value.length} characters`);
  const s = await open(t, ctx.browser, null, { init: [countInflaterInput] });
  const page = s.page;
  const started = Date.now();
  await page.goto(link(value));
  await page.waitForSelector(sel("deck-error"));
  const took = Date.now() - started;
  // (Clipped, so that a failure does not print 68,000 characters.)
  const message = (await page.textContent(sel("error-message"))).slice(0, 200);
  assert.equal(message, "The shared deck is larger than 1 MiB once unpacked; host the deck file instead");
  const taken = await page.evaluate(() => window.__inflaterInput);
  // Deflate inflates at most about 1,032 times, so 1 MiB needs about 1 KiB of input: the app
  // stops after a few KiB of the bomb's 50, instead of inflating all 50 MB.
  assert.ok(taken > 0 && taken < 16 * 1024, `the inflater took ${taken} of ${bomb.length} compressed bytes`);
  assert.ok(took < 10_000, `the message showed after ${took} ms`);
  t.diagnostic(`bomb: ${bomb.length} bytes packed in ${value.length} characters; ${taken} bytes inflated before stopping; message after ${took} ms`);
  // The page answers at once, and the built-in deck works.
  assert.equal(await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r("painted")))), "painted");
  await page.click(sel("error-action"));
  await page.waitForSelector(sel("home"));
  await page.click(sel("enter-quiz"));
  await startQuiz(page, 10);
  assert.deepEqual(problems(s), []);
});

/** A small seeded generator (mulberry32), so the long deck below is the same on every run. */
function generator(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** A deck of `n` statements of random letters, which compress poorly, so links grow quickly. */
function randomDeck(n) {
  const random = generator(42);
  const words = (k) => Array.from({ length: k }, () => Array.from({ length: 3 + Math.floor(random() * 6) }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join("")).join(" ");
  return {
    ...TRIO,
    id: "shared-long",
    title: "A long shared deck",
    statements: Array.from({ length: n }, (_, i) => ({ id: `s${i}`, text: `S${i} ${words(6)}`, tag: TRIO.categories[i % 3].id, explanation: `E ${words(3)}` })),
  };
}

test(`a link of exactly SHARE_LINK_MAX (${SHARE_LINK_MAX}) characters opens with its whole deck in Chromium`, async (t) => {
  // The most statements whose link fits, then a harmless parameter to make up the exact length.
  let n = 1;
  while (link(share(randomDeck(n + 1))).length <= SHARE_LINK_MAX - 8) n++;
  const value = share(randomDeck(n));
  const padding = SHARE_LINK_MAX - link(value).length;
  const url = link(value, `?ref=${"x".repeat(padding - 5)}`);
  assert.equal(url.length, SHARE_LINK_MAX);
  const s = await open(t, ctx.browser, url);
  const page = s.page;
  await page.waitForSelector(sel("home"));
  assert.equal(page.url().length, SHARE_LINK_MAX, "the browser kept the whole link");
  assert.equal(await page.title(), "RoleCall: A long shared deck");
  assert.match(await page.textContent(sel("home")), new RegExp(`${n} statements, 10 at a time or all at once`));
  t.diagnostic(`${n} statements in a ${url.length}-character link`);
  assert.deepEqual(problems(s), []);
});

test("the built-in deck makes a link of about 13,000 characters, under SHARE_LINK_MAX", async (t) => {
  const url = link(share(DECK));
  assert.ok(url.length > 11_000 && url.length < 15_000, `${url.length} characters`);
  assert.ok(url.length <= SHARE_LINK_MAX);
  t.diagnostic(`the built-in deck's link: ${url.length} characters`);
  const s = await open(t, ctx.browser, url);
  await s.page.waitForSelector(sel("home"));
  assert.equal(await s.page.textContent(sel("custom-deck-note")), "Deck shared in this page's link.");
  assert.deepEqual(problems(s), []);
});

const ENABLE_TEST_HOOKS = () => {
  window.__rolecallTestHooks = true;
};

test("the studio's packer, with the browser's CompressionStream, makes a link the app opens", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.studioUrl, { init: [ENABLE_TEST_HOOKS] });
  const pack = async (json) => {
    await s.page.evaluate((detail) => {
      delete window.__rolecallPacked;
      dispatchEvent(new CustomEvent("rolecall-test-pack", { detail }));
    }, json);
    await s.page.waitForFunction(() => window.__rolecallPacked);
    return s.page.evaluate(() => window.__rolecallPacked);
  };
  // A pretty-printed file is minified first: the packed bytes are exactly the compact JSON.
  const { value } = await pack(JSON.stringify(DECK, null, 2));
  assert.match(value, /^packed:[A-Za-z0-9_-]+$/);
  const unpacked = zlib.inflateRawSync(Buffer.from(value.slice("packed:".length), "base64url")).toString("utf8");
  assert.equal(unpacked, JSON.stringify(DECK));
  const url = link(value);
  t.diagnostic(`the built-in deck packed by the browser: a ${url.length}-character link`);
  assert.ok(url.length < SHARE_LINK_MAX);
  const app = await open(t, ctx.browser, url);
  await app.page.waitForSelector(sel("home"));
  assert.equal(await app.page.textContent(sel("custom-deck-note")), "Deck shared in this page's link.");
  // A deck too big for any link is refused with the app's own limit.
  const random = generator(7);
  const huge = JSON.stringify({ pad: Array.from({ length: 100_000 }, () => Math.floor(random() * 1e9).toString(36)).join("") });
  const { error } = await pack(huge);
  assert.match(error, /^The shared deck's link is too long: \d+ characters after "packed:", where at most 262144 are read; host the deck file instead$/);
  assert.deepEqual(problems(s), []);
  assert.deepEqual(problems(app), []);
});
