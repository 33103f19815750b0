// The studio's deck authoring, through its pages as a trainer uses them: My decks (`#/decks`) and
// the editor (`#/decks/<key>`). A deck written from scratch with the keyboard alone, rows pasted
// from a spreadsheet and opened from a CSV file, every problem reached from the summary and fixed
// at its field, sharing by link (played in a fresh browser), embedding and packaging from the
// builder, saving on every keystroke, the library's export, import, undo and unreadable entries,
// blocked or full storage, and accessibility and layout on a phone and a desktop.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { AxeBuilder } from "@axe-core/playwright";
import {
  suite,
  serve,
  open,
  openFramed,
  hostPageUrl,
  sel,
  problems,
  screenshot,
  settle,
  focused,
  startQuiz,
  playToResults,
  blockStorage,
  horizontalOverflow,
  HOSTS,
  PHONE,
  DESKTOP,
  SCHEMES,
} from "./harness.mjs";

// The app and the studio on one origin; host pages on another.
const ctx = suite();
let hosts;
before(async () => {
  hosts = await serve({ dirs: { "/hosts/": HOSTS }, name: "localhost" });
});
after(() => hosts?.close());

/** Where the studio keeps its decks (src/core/library.rs). */
const INDEX_KEY = "rolecall.studio.library";
const ENTRY_PREFIX = "rolecall.studio.deck.";

/** A valid deck of three categories, as a trainer's deck file. */
const WEATHER = {
  format: 1,
  id: "weather-words",
  title: "Sun, rain or snow?",
  description: "Which weather does each sentence describe?",
  language: "en",
  categories: [
    { id: "sun", label: "Sun", description: "Clear skies and warmth." },
    { id: "rain", label: "Rain", description: "Wet days and puddles." },
    { id: "snow", label: "Snow", description: "Frozen days and drifts." },
  ],
  statements: [
    ["Shadows are sharp at noon.", "sun", "Sharp shadows need a clear sky."],
    ["Umbrellas crowd the pavement.", "rain", "People open umbrellas in the rain."],
    ["Children build a white fort.", "snow", "Forts are built from snow."],
    ["Sunglasses sell out.", "sun", "Bright light sells sunglasses."],
    ["The gutters overflow.", "rain", "Heavy rain fills the gutters."],
    ["Skis are waxed for the slope.", "snow", "Skiing needs snow."],
  ].map(([text, tag, explanation], i) => ({ id: `w${i + 1}`, text, tag, explanation })),
};
const TRUTH = Object.fromEntries(WEATHER.statements.map((s) => [s.id, s.tag]));

const decksUrl = () => `${ctx.server.studioUrl}#/decks`;

/** Opens My decks in a fresh context. */
async function openLibrary(t, opts = {}) {
  const s = await open(t, ctx.browser, decksUrl(), opts);
  await s.page.waitForSelector(sel("deck-library"));
  return s;
}

/** The library key of the deck the editor shows. */
const keyOf = (page) => page.evaluate(() => location.hash.match(/^#\/decks\/([0-9a-f]+)$/)?.[1] ?? null);

/** Chooses a file in My decks' "Open a file…" and waits for the editor; returns the deck's key. */
async function openFile(page, name, content, mimeType = "application/json") {
  const text = typeof content === "string" ? content : JSON.stringify(content, null, 2);
  await page.setInputFiles(sel("library-file"), { name, mimeType, buffer: Buffer.from(text) });
  await page.waitForSelector(sel("editor-page"));
  const key = await keyOf(page);
  assert.ok(key, `the editor's address names the deck: ${page.url()}`);
  return key;
}

/** The summary's text. */
const summary = (page) => page.textContent(sel("editor-summary"));

/** Waits until the summary says the deck is ready. */
function waitReady(page) {
  return page.waitForFunction(() => document.querySelector('[data-testid="editor-summary"]')?.textContent.startsWith("Ready"));
}

/** The draft stored for this key, as the deck format (or null). */
async function stored(page, key) {
  const raw = await page.evaluate((k) => localStorage.getItem(k), ENTRY_PREFIX + key);
  return raw === null ? null : JSON.parse(raw).deck;
}

/** Runs `action` and returns the download it starts: its suggested name and text. */
async function downloaded(page, action) {
  const [file] = await Promise.all([page.waitForEvent("download", { timeout: 15000 }), action()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), "utf8") };
}

/** The deck a `packed:` value carries, unpacked in Node. */
const unpack = (value) => JSON.parse(zlib.inflateRawSync(Buffer.from(value.replace(/^packed:/, ""), "base64url")).toString("utf8"));

/** A fresh folder, removed after test `t`. */
function scratch(t) {
  const dir = mkdtempSync(path.join(tmpdir(), "rolecall-editor-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** What the focused element looks like: whether its focus shows, and its outline. */
function ringOf() {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const st = getComputedStyle(el);
  return {
    what: el.dataset?.testid || el.id || `${el.tagName} "${el.textContent.trim().slice(0, 30)}"`,
    visible: el.matches(":focus-visible"),
    style: st.outlineStyle,
    width: parseFloat(st.outlineWidth),
  };
}

/**
 * Moves focus with Tab (or Shift+Tab) only, checking at every stop that the focus ring shows:
 * `to(target)` presses until the element whose test id or id is `target` has focus. Every
 * element focus passed through is checked, not only the targets; `bad` lists failures and
 * `seen` what was checked.
 */
function keyboard(page) {
  const bad = [];
  const seen = new Set();
  async function check() {
    const r = await page.evaluate(ringOf);
    if (!r) return;
    seen.add(r.what);
    if (!r.visible || r.style === "none" || !(r.width >= 2)) bad.push(`${r.what}: focus-visible ${r.visible}, outline ${r.style} ${r.width}px`);
  }
  return {
    async to(target, { back = false, max = 80 } = {}) {
      for (let i = 0; i < max && (await focused(page)) !== target; i++) {
        await page.keyboard.press(back ? "Shift+Tab" : "Tab");
        await check();
      }
      assert.equal(await focused(page), target, `reached ${target} with ${back ? "Shift+Tab" : "Tab"}`);
    },
    async press(key) {
      await page.keyboard.press(key);
    },
    /** Checks the ring where the app itself moved focus. */
    check,
    async type(text) {
      await page.keyboard.type(text);
    },
    bad,
    seen,
  };
}

// 1 ------------------------------------------------------------------------------------------------

test("a three-category deck written from scratch with the keyboard alone downloads as typed, focus always visible", async (t) => {
  const s = await openLibrary(t);
  const page = s.page;
  const kb = keyboard(page);
  const want = {
    format: 1,
    id: "weather-by-keyboard",
    title: "Weather by keyboard",
    description: "Typed with Tab, Enter and letters only.",
    language: "en",
    categories: [
      { id: "sun", label: "Sun", description: "Clear skies." },
      { id: "rain", label: "Rain", description: "Wet days." },
      { id: "snow", label: "Snow", description: "Frozen days." },
    ],
    statements: [
      { id: "s1", text: "Puddles everywhere.", tag: "rain", explanation: "Rain leaves puddles." },
      { id: "s2", text: "Footprints in white.", tag: "snow", explanation: "Snow keeps footprints." },
      { id: "s3", text: "Sunburn by noon.", tag: "sun", explanation: "Strong sun burns skin." },
    ],
  };

  await kb.to("library-new");
  await kb.press("Enter");
  await page.waitForSelector(sel("editor-page"));
  // A new deck starts with problems to fix, and no deck file.
  assert.match(await summary(page), /problems to fix before this deck can be shared/);
  assert.ok(await page.isDisabled(sel("download-deck")));

  await kb.to("deck-title");
  await kb.type(want.title);
  // Tab selects a field's text, so typing replaces the starting id.
  await kb.to("deck-id");
  await kb.type(want.id);
  await kb.to("deck-description");
  await kb.type(want.description);
  for (const [i, c] of want.categories.entries()) {
    if (i === 2) {
      await kb.to("add-category");
      await kb.press("Enter");
      // The new category's label takes the cursor.
      await page.waitForFunction(() => document.activeElement?.id === "cat-2-label");
      await kb.check();
    } else {
      await kb.to(`cat-${i}-label`);
    }
    await kb.type(c.label);
    await kb.to(`cat-${i}-id`);
    await kb.type(c.id);
    await kb.to(`cat-${i}-description`);
    await kb.type(c.description);
  }
  for (const [i, st] of want.statements.entries()) {
    if (i > 0) {
      await kb.to("add-statement");
      await kb.press("Enter");
      // The new statement's text takes the cursor.
      await page.waitForFunction((id) => document.activeElement?.id === id, `st-${i}-text`);
      await kb.check();
    } else {
      await kb.to(`st-${i}-text`);
    }
    await kb.type(st.text);
    // A closed select takes letters: typing a category's label picks it.
    await kb.to(`st-${i}-category`);
    await kb.type(want.categories.find((c) => c.id === st.tag).label);
    const picked = await page.$eval(`#st-${i}-category`, (el) => el.selectedOptions[0].textContent);
    assert.equal(picked, want.categories.find((c) => c.id === st.tag).label, `statement ${i + 1}'s category`);
    await kb.to(`st-${i}-explanation`);
    await kb.type(st.explanation);
  }
  await waitReady(page);
  assert.equal(await summary(page), "Ready: 3 statements in 3 categories, no problems.");
  for (const [id, value] of [
    ["deck-title", want.title],
    ["deck-id", want.id],
    ["deck-language", "en"],
    ["cat-2-label", "Snow"],
  ]) {
    assert.equal(await page.inputValue(`#${id}`), value, id);
  }

  // The deck file, by keyboard.
  await kb.to("download-deck", { back: true, max: 120 });
  const file = await downloaded(page, () => kb.press("Enter"));
  assert.equal(file.name, `${want.id}.json`);
  assert.deepEqual(JSON.parse(file.text), want, "the downloaded deck is the deck typed");
  assert.ok(file.text.includes('\n  "title": "Weather by keyboard"'), "the file is indented for people");

  assert.ok(kb.seen.size >= 20, `focus visited ${kb.seen.size} controls`);
  assert.deepEqual(kb.bad, [], "every control focused showed its focus ring");
  assert.deepEqual(problems(s), []);
});

// 2 ------------------------------------------------------------------------------------------------

test("spreadsheet cells pasted in: the bad row is named by row and column, good rows and new categories added, Undo takes them out", async (t) => {
  const s = await openLibrary(t);
  const page = s.page;
  const small = { ...WEATHER, categories: WEATHER.categories.slice(0, 2), statements: WEATHER.statements.filter((st) => st.tag !== "snow") };
  const key = await openFile(page, "small.json", small);
  await waitReady(page);
  await page.click(sel("open-rows"));
  await page.waitForSelector(sel("sheet-panel"));
  const sheet = [
    "text\tcategory\texplanation\tdifficulty",
    "Clouds gather before a storm.\train\tStorms bring rain.\t2",
    "Frost on the window.\tSnow\tCold enough for snow.\t",
    "Hail bounces on cars.\tHail\tIce from the sky.\t7",
    "Hailstones the size of peas.\tHail\tHail is ice.\teasy",
    "",
  ].join("\n");
  // A real paste: the cells go to the clipboard, then Ctrl+V in the panel's field.
  await s.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: ctx.server.origin });
  await page.evaluate((text) => navigator.clipboard.writeText(text), sheet);
  await page.click(sel("sheet-paste"));
  await page.keyboard.press("Control+V");
  await page.waitForSelector(sel("sheet-result"));
  assert.equal(await page.inputValue(sel("sheet-paste")), sheet, "the cells were pasted as copied");
  const result = await page.textContent(sel("sheet-result"));
  assert.match(result, /3 statements ready, read with tabs \(pasted cells\) as separators\. New categories: Snow, Hail\./);
  const listed = await page.$$eval(`${sel("sheet-problems")} li`, (els) => els.map((e) => e.textContent));
  assert.deepEqual(listed, ['Row 4, column D (difficulty): "7" is not a difficulty; use 1, 2 or 3 (or easy, medium, hard), or leave it empty']);
  assert.match(result, /1 problem; its row is left out:/);

  await page.click(sel("sheet-add"));
  await page.waitForSelector(sel("sheet-panel"), { state: "detached" });
  await page.waitForSelector(sel("undo-bar"));
  assert.equal(await page.textContent(`${sel("undo-bar")} p`), "3 statements added from the spreadsheet.");
  // The good rows, in the sheet's order, after the deck's own; "rain" went to the deck's Rain.
  const after = await stored(page, key);
  assert.deepEqual(
    after.categories.map((c) => [c.id, c.label]),
    [["sun", "Sun"], ["rain", "Rain"], ["snow", "Snow"], ["hail", "Hail"]],
  );
  assert.deepEqual(
    after.statements.slice(small.statements.length).map((st) => [st.text, st.tag, st.explanation, st.difficulty]),
    [
      ["Clouds gather before a storm.", "rain", "Storms bring rain.", 2],
      ["Frost on the window.", "snow", "Cold enough for snow.", undefined],
      ["Hailstones the size of peas.", "hail", "Hail is ice.", 1],
    ],
  );
  assert.equal(await page.inputValue("#cat-3-label"), "Hail", "the new categories show in the editor");
  assert.equal(await page.textContent("#categories-title"), "Categories (4)");
  // New categories come without a description, which the editor asks for.
  await page.waitForSelector(sel("editor-problems"));
  assert.deepEqual(await page.$$eval(`${sel("editor-problems")} button`, (els) => els.map((e) => e.textContent)), [
    "Category 3, description: must not be empty",
    "Category 4, description: must not be empty",
  ]);

  await page.click(sel("undo"));
  await page.waitForSelector(sel("undo-bar"), { state: "detached" });
  await page.waitForFunction(() => document.querySelector("#categories-title").textContent === "Categories (2)");
  assert.equal(await page.$("#cat-2-label"), null);
  assert.equal(await summary(page), "Ready: 4 statements in 2 categories, no problems.");
  assert.deepEqual(await stored(page, key), small, "the stored deck is the one before the rows");
  assert.deepEqual(problems(s), []);
});

// 3 ------------------------------------------------------------------------------------------------

test("a CSV file with a BOM, semicolons and quoted cells holding line breaks, commas and quotes opens with its exact texts", async (t) => {
  const s = await openLibrary(t);
  const page = s.page;
  const rows = [
    { text: 'She said "bring a coat"; then, it rained.', category: "Rain", explanation: "Two lines:\nwet, then wetter." },
    { text: "Snow, snow, snow.", category: "Snow; deep", explanation: 'The "white" one;\nwith a comma, too.' },
    { text: "Plain sunshine", category: "Sun", explanation: "No quotes at all" },
  ];
  const cell = (v) => (/[;"\n,]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const csv = "\uFEFF" + ["text;category;explanation", ...rows.map((r) => [r.text, r.category, r.explanation].map(cell).join(";"))].join("\r\n") + "\r\n";
  assert.ok(csv.includes('""bring a coat""') && csv.includes('"Two lines:\nwet, then wetter."'), "sanity: the file quotes as spreadsheets do");
  const key = await openFile(page, "Weather sheet.csv", csv, "text/csv");
  assert.equal(await page.textContent("#editor-title"), "Weather sheet", "the deck is named after the file");
  for (const [i, r] of rows.entries()) {
    assert.equal(await page.inputValue(`#st-${i}-text`), r.text, `statement ${i + 1}'s text`);
    assert.equal(await page.inputValue(`#st-${i}-explanation`), r.explanation, `statement ${i + 1}'s explanation`);
    assert.equal(await page.inputValue(`#cat-${i}-label`), r.category, `category ${i + 1}'s label`);
  }
  const deck = await stored(page, key);
  assert.deepEqual(
    deck.statements.map((st) => [st.text, st.explanation]),
    rows.map((r) => [r.text, r.explanation]),
    "stored exactly, the byte-order mark gone",
  );
  assert.deepEqual(deck.categories.map((c) => c.id), ["rain", "snow-deep", "sun"]);
  assert.deepEqual(deck.statements.map((st) => st.tag), ["rain", "snow-deep", "sun"]);
  assert.equal(deck.title, "Weather sheet");
  assert.deepEqual(problems(s), []);
});

// 4 ------------------------------------------------------------------------------------------------

test("each problem of a faulty deck file is listed, its link focuses its field, and fixes typed there make the deck ready", async (t) => {
  const s = await openLibrary(t);
  const page = s.page;
  const faulty = {
    ...WEATHER,
    id: "faulty",
    title: "A faulty deck",
    language: "english!",
    categories: [
      { id: "sun", label: "Sun", description: "Clear skies." },
      { id: "rain", label: "Sun", description: "Wet days." },
    ],
    statements: [
      { id: "a", text: "Umbrellas everywhere.", tag: "hail", explanation: "Umbrellas mean rain." },
      { id: "b", text: "A wet commute.", tag: "rain", explanation: "Rain makes commutes wet.", difficulty: 5 },
      { id: "c", text: "Sunglasses on.", tag: "sun", explanation: "" },
    ],
  };
  await openFile(page, "faulty.json", faulty);
  await page.waitForSelector(sel("editor-problems"));
  const links = () => page.$$eval(`${sel("editor-problems")} button`, (els) => els.map((e) => e.textContent));
  // Each problem: its place and message in the summary, the field its link focuses, and the fix.
  const fixes = [
    ["Language", 'Language: "english!" is not a language tag such as "en" or "pt-BR"', "deck-language", { text: "en" }],
    ["Category 2, label", 'Category 2, label: "Sun" is already used by category 1', "cat-1-label", { text: "Rain" }],
    ["Statement 1, category", 'Statement 1, category: "hail" is not a category of this deck (sun, rain)', "st-0-category", { pick: "Rain" }],
    ["Statement 2, difficulty", "Statement 2, difficulty: 5 is not allowed; use 1, 2 or 3", "st-1-difficulty", { pick: "3" }],
    ["Statement 3, explanation", "Statement 3, explanation: must not be empty", "st-2-explanation", { text: "Sunglasses mean sun." }],
  ];
  // Every problem is listed at once, none held back until another is fixed.
  const first = await links();
  assert.deepEqual(first.slice().sort(), fixes.map((f) => f[1]).sort(), "the summary lists every problem at its place");
  assert.match(await summary(page), new RegExp(`^${fixes.length} problems to fix before this deck can be shared\\.`));
  // Each field shows its own problem and is marked invalid.
  for (const [, message, id] of fixes) {
    assert.equal(await page.getAttribute(`#${id}`, "aria-invalid"), "true", id);
    const note = await page.getAttribute(`#${id}`, "aria-describedby");
    assert.equal(`${fixes.find((f) => f[2] === id)[0]}: ${await page.textContent(`#${note}`)}`, message, `${id} is described by its problem`);
  }
  assert.equal(await page.$eval("#st-0-category", (el) => el.selectedOptions[0].textContent), "Not valid: \u201chail\u201d", "the unknown category shows as such");
  for (const [place, message, id, fix] of fixes) {
    await page.waitForFunction((m) => [...document.querySelectorAll('[data-testid="editor-problems"] button')].some((b) => b.textContent === m), message);
    // Start each time from somewhere else, so the link really moves focus.
    await page.focus(sel("open-rows"));
    await page.locator(`${sel("editor-problems")} button`).filter({ hasText: message }).click();
    await page.waitForFunction((id) => document.activeElement?.id === id, id);
    assert.equal(await page.evaluate(() => document.activeElement.id), id, `${place} focuses #${id}`);
    if (fix.text !== undefined) {
      await page.keyboard.press("Control+A");
      await page.keyboard.type(fix.text);
    } else {
      // A select takes letters: the option's first characters choose it.
      const label = await page.$eval(`#${id}`, (el, v) => [...el.options].find((o) => o.value === v || o.textContent === v).textContent, fix.pick);
      await page.keyboard.type(label.slice(0, 2));
      assert.equal(await page.$eval(`#${id}`, (el) => el.selectedOptions[0].textContent), label, `${id} picked by typing`);
    }
    await page.waitForFunction((place) => ![...document.querySelectorAll('[data-testid="editor-problems"] button')].some((b) => b.textContent.startsWith(`${place}:`)), place);
    assert.equal(await page.getAttribute(`#${id}`, "aria-invalid"), null, `${id} is no longer invalid`);
  }
  await waitReady(page);
  assert.equal(await summary(page), "Ready: 3 statements in 2 categories, no problems.");
  assert.ok(await page.isEnabled(sel("download-deck")));
  assert.deepEqual(problems(s), []);
});

// 5 ------------------------------------------------------------------------------------------------

test("a valid deck's share link, with its length, plays the whole deck in a fresh browser; a deck with problems has no link", async (t) => {
  const s = await openLibrary(t);
  const page = s.page;
  await openFile(page, "weather.json", WEATHER);
  await page.waitForSelector(sel("share-link"));
  const link = await page.inputValue(sel("share-link"));
  const prefix = `${ctx.server.appUrl}#/?deck=packed:`;
  assert.ok(link.startsWith(prefix), link.slice(0, 120));
  assert.deepEqual(unpack(link.slice(link.indexOf("packed:"))), WEATHER, "the link carries the deck itself");
  assert.equal(await page.textContent(sel("share-length")), `${link.length.toLocaleString("en")} characters. The deck travels inside the link: nothing is uploaded.`);
  assert.equal(await page.getAttribute(sel("share-open"), "href"), link);

  // Nothing from the studio's browser: a fresh context, as a learner who was sent the link.
  const learner = await open(t, ctx.browser, link, { viewport: PHONE });
  const app = learner.page;
  await app.waitForSelector(sel("home"));
  assert.equal(await app.title(), `RoleCall: ${WEATHER.title}`);
  assert.equal(await app.textContent(sel("tagline")), "Tag each statement Sun, Rain or Snow.");
  await app.click(sel("enter-quiz"));
  await startQuiz(app, "all");
  const asked = await playToResults(app, (id) => TRUTH[id]);
  assert.deepEqual(asked.map((a) => a.id).sort(), Object.keys(TRUTH).sort(), "every statement of the deck, each once");
  assert.equal(await app.textContent(sel("score")), `${WEATHER.statements.length} of ${WEATHER.statements.length} correct`);
  assert.deepEqual(problems(learner), []);

  // A problem takes the link away; fixing it brings it back.
  await page.click("#st-0-explanation");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  await page.waitForSelector(sel("share-blocked"));
  assert.equal(await page.textContent(sel("share-blocked")), "Fix the problem first: only a deck with no problems can be shared, so learners never meet a broken one.");
  assert.equal(await page.$(sel("share-link")), null, "no link for a deck with problems");
  assert.equal(await page.$(sel("share-embed")), null);
  await page.keyboard.type(WEATHER.statements[0].explanation);
  await page.waitForSelector(sel("share-link"));
  await page.waitForFunction((l) => document.querySelector('[data-testid="share-link"]').value === l, link);
  assert.deepEqual(problems(s), []);
});

test("who says the quote and a sentence per wrong answer: read from the file, typed, checked, shared, and shown to a learner who gives that answer", async (t) => {
  const s = await openLibrary(t);
  const page = s.page;
  const deck = structuredClone(WEATHER);
  deck.statements[0] = { ...deck.statements[0], quote: "Noon shadows are the sharpest.", speaker: "the forecaster", wrong: { rain: "Rain clouds blur shadows." } };
  deck.statements[2] = { ...deck.statements[2], wrong: { hail: "Not hail.", sun: "The sun melts forts." } };
  await openFile(page, "weather.json", deck);
  // The file's values are in their fields: one field per other category ("sun" is w1's own).
  assert.equal(await page.inputValue("#st-0-speaker"), "the forecaster");
  assert.equal(await page.inputValue("#st-0-wrong-1"), "Rain clouds blur shadows.");
  assert.equal(await page.inputValue("#st-0-wrong-2"), "");
  assert.equal(await page.$("#st-0-wrong-0"), null, "no field for the right answer");
  // A sentence for a category the deck does not have is a problem, cleared in one click; the
  // sentence for a real category stays.
  await page.waitForSelector(sel("editor-problems"));
  assert.match(await page.textContent(sel("editor-problems")), /Statement 3, sentences for answers the deck does not have: "hail" is not a category of this deck/);
  await page.click("#st-2-wrong-unknown");
  await waitReady(page);
  assert.equal(await page.inputValue("#st-2-wrong-0"), "The sun melts forts.");
  // A speaker needs a quote: said at the field, and gone when the speaker is.
  await page.fill("#st-1-speaker", "the weatherman");
  await page.waitForFunction(() => document.querySelector("#st-1-speaker-note")?.textContent.includes("names who says the quote"));
  assert.equal(await page.getAttribute("#st-1-speaker", "aria-invalid"), "true");
  await page.fill("#st-1-speaker", "");
  await waitReady(page);
  // Typed into the empty field, the sentence joins the deck the link carries.
  await page.waitForSelector(sel("share-link"));
  const before = await page.inputValue(sel("share-link"));
  await page.fill("#st-0-wrong-2", "Snow never falls at noon in summer.");
  await page.waitForFunction((v) => { const el = document.querySelector('[data-testid="share-link"]'); return el && el.value !== v; }, before);
  const link = await page.inputValue(sel("share-link"));
  const shared = unpack(link.slice(link.indexOf("packed:")));
  assert.deepEqual(shared.statements[0].wrong, { rain: "Rain clouds blur shadows.", snow: "Snow never falls at noon in summer." });
  assert.equal(shared.statements[0].speaker, "the forecaster");
  assert.deepEqual(shared.statements[2].wrong, { sun: "The sun melts forts." });
  // The search finds a statement by its speaker or by a sentence for a wrong answer.
  for (const [needle, rows] of [["forecaster", ["0"]], ["melts", ["2"]]]) {
    await page.fill(sel("filter-search"), needle);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="statement-row"]').length === n, rows.length);
    assert.deepEqual(await page.$$eval(sel("statement-row"), (els) => els.map((e) => e.dataset.key)), rows, needle);
  }
  await page.fill(sel("filter-search"), "");

  // A learner sent the link who answers w1 "Snow" reads that sentence, and who says the quote.
  const learner = await open(t, ctx.browser, link, { viewport: PHONE });
  const app = learner.page;
  await app.waitForSelector(sel("home"));
  await app.click(sel("enter-quiz"));
  await startQuiz(app, "all");
  let seen = 0;
  await playToResults(app, (id) => (id === "w1" ? "snow" : TRUTH[id]), {
    onFeedback: async (id) => {
      const why = await app.$(sel("why-not"));
      if (id !== "w1") return assert.equal(why, null, `${id} was right`);
      seen++;
      assert.equal(await why.textContent(), "Why not Snow? Snow never falls at noon in summer.");
      assert.equal(await app.textContent(sel("speaker")), "Said by the forecaster");
      assert.equal(await app.textContent("blockquote"), "Noon shadows are the sharpest.");
    },
  });
  assert.equal(seen, 1);
  assert.deepEqual(problems(learner), []);
  assert.deepEqual(problems(s), []);
});

// 6 ------------------------------------------------------------------------------------------------

test("Embed or package: the builder takes the deck, its snippet plays it framed on another origin, and its SCORM 1.2 package holds it", async (t) => {
  const s = await openLibrary(t);
  const page = s.page;
  const key = await openFile(page, "weather.json", WEATHER);
  await page.waitForSelector(sel("share-embed"));
  await page.click(sel("share-embed"));
  await page.waitForSelector(sel("embed-builder"));
  assert.equal(await page.evaluate(() => location.hash), `#/?library=${key}`);
  assert.equal(await page.inputValue(sel("embed-deck-choice")), `lib:${key}`, "the deck is chosen");
  await page.waitForFunction(() => /#\/\?deck=packed:/.test(document.querySelector('[data-testid="embed-snippet"]').value));
  assert.equal(await page.textContent(sel("embed-deck-note")), `The categories of \u201c${WEATHER.title}\u201d.`);
  for (const c of WEATHER.categories) assert.ok(await page.$(sel(`embed-tag-${c.id}`)), `the deck's category ${c.id} is offered`);
  const snippet = await page.inputValue(sel("embed-snippet"));
  assert.match(snippet, /title="RoleCall: Sun, rain or snow\?"/, "the frame is named after the deck");
  const src = snippet.match(/src="([^"]+)"/)[1].replaceAll("&amp;", "&");
  assert.ok(src.startsWith(ctx.server.appUrl), src.slice(0, 100));
  assert.match(src, /#\/\?deck=packed:[A-Za-z0-9_-]+$/);
  assert.deepEqual(unpack(src.slice(src.indexOf("packed:"))), WEATHER, "the snippet carries the deck");

  // The snippet's address, framed by a page on another origin.
  const framed = await openFramed(t, ctx.browser, hostPageUrl(hosts, src, { dialect: "rolecall" }));
  assert.notEqual(new URL(framed.page.url()).origin, new URL(src).origin);
  await startQuiz(framed.frame, "all");
  const asked = await playToResults(framed.frame, (id) => TRUTH[id]);
  assert.deepEqual(asked.map((a) => a.id).sort(), Object.keys(TRUTH).sort(), "the deck's statements play in the frame");
  assert.equal(await framed.frame.textContent(sel("score")), `${WEATHER.statements.length} of ${WEATHER.statements.length} correct`);
  assert.deepEqual(problems(framed), []);

  // The SCORM 1.2 package built for this deck carries it as deck.json.
  const [file] = await Promise.all([page.waitForEvent("download", { timeout: 60000 }), page.click(sel("package-scorm12"))]);
  assert.match(await page.textContent(sel("package-status")), /^Ready: /);
  const dir = scratch(t);
  const zip = path.join(dir, file.suggestedFilename());
  await file.saveAs(zip);
  assert.equal(file.suggestedFilename(), `rolecall-${WEATHER.id}-scorm12.zip`);
  const names = JSON.parse(
    execFileSync("python3", ["-c", "import json, sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nz.extractall(sys.argv[2])\nprint(json.dumps(z.namelist()))", zip, path.join(dir, "x")], { encoding: "utf8" }),
  );
  assert.ok(names.includes("deck.json") && names.includes("imsmanifest.xml"), names.join(", "));
  assert.deepEqual(JSON.parse(readFileSync(path.join(dir, "x", "deck.json"), "utf8")), WEATHER, "deck.json is the deck");
  assert.match(readFileSync(path.join(dir, "x", "imsmanifest.xml"), "utf8"), /<title>Sun, rain or snow\?<\/title>/);
  assert.deepEqual(problems(s), []);
});

// 7 ------------------------------------------------------------------------------------------------

test("a reload straight after fast typing loses no character", async (t) => {
  const s = await openLibrary(t);
  const page = s.page;
  const key = await openFile(page, "weather.json", WEATHER);
  const long = "Fast typing, then a reload at once: every one of these characters must survive it. ".repeat(3).trim();
  await page.click("#st-1-text");
  await page.keyboard.press("Control+A");
  await page.keyboard.type(long);
  // No waiting of any kind between the last key and the reload.
  await page.reload();
  await page.waitForSelector(sel("editor-page"));
  assert.equal(await page.inputValue("#st-1-text"), long);
  assert.equal((await stored(page, key)).statements[1].text, long);
  // And in a statement added just before.
  await page.click(sel("add-statement"));
  await page.waitForFunction(() => document.activeElement?.id === "st-6-text");
  await page.keyboard.type(long.slice(0, 200));
  await page.reload();
  await page.waitForSelector(sel("editor-page"));
  assert.equal(await page.inputValue("#st-6-text"), long.slice(0, 200));
  assert.deepEqual(problems(s), []);
});

// 8 ------------------------------------------------------------------------------------------------

test("the library exports all decks, a deletion is undone, and the export imported elsewhere gives the same decks", async (t) => {
  const s = await openLibrary(t);
  const page = s.page;
  const second = { ...WEATHER, id: "second-deck", title: "The second deck", statements: WEATHER.statements.slice(0, 3) };
  const broken = { ...WEATHER, id: "broken-one", title: "A draft with a problem", language: "" };
  for (const [name, deck] of [["weather.json", WEATHER], ["second.json", second], ["broken.json", broken]]) {
    await page.goto(decksUrl());
    await page.waitForSelector(sel("deck-library"));
    await openFile(page, name, deck);
  }
  await page.click(sel("studio-decks-link"));
  await page.waitForSelector(sel("deck-library"));
  const titles = () => page.$$eval(sel("library-open"), (els) => els.map((e) => e.textContent));
  assert.deepEqual(await titles(), [broken.title, second.title, WEATHER.title], "the newest first");
  assert.match(await page.textContent(sel("library-deck")), /Draft: 1 problem/);

  const exported = await downloaded(page, () => page.click(sel("library-export")));
  assert.match(exported.name, /^rolecall-decks-\d{4}-\d{2}-\d{2}\.json$/);
  const library = JSON.parse(exported.text);
  assert.equal(library.kind, "rolecall-studio-library");
  assert.deepEqual(library.decks, [broken, second, WEATHER], "every deck, drafts included, as typed");

  await page.click(`button[aria-label="Delete ${second.title}"]`);
  await page.waitForSelector(sel("undo-bar"));
  assert.equal(await page.textContent(`${sel("undo-bar")} p`), `\u201c${second.title}\u201d deleted.`);
  assert.deepEqual(await titles(), [broken.title, WEATHER.title]);
  await page.click(sel("undo"));
  await page.waitForSelector(sel("undo-bar"), { state: "detached" });
  assert.deepEqual(await titles(), [broken.title, second.title, WEATHER.title], "Undo puts it back at its place");
  const index = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), INDEX_KEY));
  assert.equal(index.length, 3);
  assert.deepEqual(await stored(page, index[1]), second, "and in storage");

  // Another browser: the exported file brings the same decks.
  const other = await openLibrary(t);
  await other.page.waitForSelector(sel("library-empty"));
  await other.page.setInputFiles(sel("library-file"), { name: exported.name, mimeType: "application/json", buffer: Buffer.from(exported.text) });
  await other.page.waitForFunction(() => document.querySelector('[data-testid="library-status"]').textContent !== "");
  assert.equal(await other.page.textContent(sel("library-status")), `Added 3 decks from \u201c${exported.name}\u201d.`);
  assert.deepEqual(await other.page.$$eval(sel("library-open"), (els) => els.map((e) => e.textContent)), [broken.title, second.title, WEATHER.title]);
  const again = await downloaded(other.page, () => other.page.click(sel("library-export")));
  assert.deepEqual(JSON.parse(again.text).decks, library.decks, "the same decks");
  assert.deepEqual(problems(s), []);
  assert.deepEqual(problems(other), []);
});

/** An init script: a damaged entry under key "zzz", listed in the index, written once. */
function damagedEntry() {
  if (localStorage.getItem("test.seeded")) return;
  localStorage.setItem("test.seeded", "1");
  localStorage.setItem("rolecall.studio.deck.zzz", '{"format": 1, "deck": {"title": "half a deck", ');
  localStorage.setItem("rolecall.studio.library", JSON.stringify(["zzz"]));
}

test("a damaged stored deck is listed as unreadable, its text downloadable, and other edits never overwrite it", async (t) => {
  const s = await openLibrary(t, { init: [damagedEntry] });
  const page = s.page;
  const raw = '{"format": 1, "deck": {"title": "half a deck", ';
  await page.waitForSelector(sel("library-unreadable"));
  assert.match(await page.textContent(sel("library-unreadable")), /A saved deck that cannot be read.*it is not JSON/s);
  const text = await downloaded(page, () => page.click(`${sel("library-unreadable")} button:has-text("Download its text")`));
  assert.equal(text.name, "rolecall-unreadable-deck-zzz.txt");
  assert.equal(text.text, raw);

  // Other decks come and go, and are edited; the damaged entry stays as it was.
  const key = await openFile(page, "weather.json", WEATHER);
  await page.click("#deck-title");
  await page.keyboard.type(" (edited)");
  await page.waitForFunction(() => document.querySelector("#editor-title").textContent.endsWith("(edited)"));
  await page.click(sel("studio-decks-link"));
  await page.waitForSelector(sel("library-deck"));
  await page.click(`button[aria-label="Duplicate ${WEATHER.title} (edited)"]`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="library-deck"]').length === 2);
  await page.click(`button[aria-label="Delete ${WEATHER.title} (edited) (copy)"]`);
  await page.waitForSelector(sel("undo-bar"));
  const storage = () => page.evaluate(([i, e]) => ({ index: JSON.parse(localStorage.getItem(i)), entry: localStorage.getItem(e) }), [INDEX_KEY, ENTRY_PREFIX + "zzz"]);
  let now = await storage();
  assert.equal(now.entry, raw, "the damaged text is kept byte for byte");
  assert.ok(now.index.includes("zzz"), `the index still lists it: ${now.index}`);
  assert.ok(now.index.includes(key));
  await page.reload();
  await page.waitForSelector(sel("library-unreadable"));
  assert.equal(await page.$$eval(sel("library-deck"), (els) => els.length), 1);
  now = await storage();
  assert.equal(now.entry, raw);
  // Deleting it is the trainer's choice, and takes it away.
  await page.click(`${sel("library-unreadable")} button:has-text("Delete")`);
  await page.waitForSelector(sel("library-unreadable"), { state: "detached" });
  now = await storage();
  assert.equal(now.entry, null);
  assert.ok(!now.index.includes("zzz"));
  assert.deepEqual(problems(s), []);
});

// 9 ------------------------------------------------------------------------------------------------

/**
 * An init script: localStorage reads, but every write fails as when the quota is used up, while
 * `window.__full` is true (the test turns it off to free space).
 */
function storageFull() {
  const setItem = Storage.prototype.setItem;
  window.__full = true;
  Storage.prototype.setItem = function (...args) {
    if (window.__full) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    return setItem.apply(this, args);
  };
}

/** Records the page's dialogs (accepting them, so a reload goes ahead): their types. */
function dialogsOf(page) {
  const seen = [];
  page.on("dialog", (d) => {
    seen.push(d.type());
    d.accept();
  });
  return seen;
}

/** Starts a new deck and types its title and first statement; returns the deck's key. */
async function typeNewDeck(page, title) {
  await page.click(sel("library-new"));
  await page.waitForSelector(sel("editor-page"));
  await page.click("#deck-title");
  await page.keyboard.type(title);
  await page.click("#st-0-text");
  await page.keyboard.type("Still typing.");
  return keyOf(page);
}

test("storage blocked: the studio says so at once, typing still works, and leaving after a change asks first", async (t) => {
  const s = await openLibrary(t, { init: [blockStorage] });
  const page = s.page;
  const dialogs = dialogsOf(page);
  // Said before anything is written: nothing can be saved here.
  await page.waitForSelector(sel("studio-storage"));
  assert.match(await page.textContent(sel("studio-storage")), /^This browser blocks storage for this page, so your decks are kept only while this tab is open\. Export them/);
  assert.equal(await page.getAttribute(sel("studio-storage"), "role"), "alert");
  await typeNewDeck(page, "Kept in this tab");
  assert.equal(await page.inputValue("#deck-title"), "Kept in this tab", "typing works");
  assert.equal(await page.textContent("#editor-title"), "Kept in this tab");
  assert.equal(await page.inputValue("#st-0-text"), "Still typing.");
  assert.ok(await page.$(sel("studio-storage")), "still said in the editor");
  // The deck is whole in the tab: it still exports.
  await page.click(sel("studio-decks-link"));
  await page.waitForSelector(sel("library-deck"));
  const exported = await downloaded(page, () => page.click(sel("library-export")));
  assert.equal(JSON.parse(exported.text).decks[0].title, "Kept in this tab");
  assert.deepEqual(dialogs, []);
  await page.reload();
  await page.waitForSelector(sel("deck-library"));
  assert.deepEqual(dialogs, ["beforeunload"], "leaving asked first");
  assert.deepEqual(s.errors, []);
});

test("storage full: the studio says so, typing still works, leaving asks first, and saving resumes when there is room", async (t) => {
  const s = await openLibrary(t, { init: [storageFull] });
  const page = s.page;
  const dialogs = dialogsOf(page);
  assert.equal(await page.$(sel("studio-storage")), null, "nothing to say before a write fails");
  const key = await typeNewDeck(page, "Too big to keep");
  await page.waitForSelector(sel("studio-storage"));
  assert.match(await page.textContent(sel("studio-storage")), /^The browser's storage is full: your latest changes are not saved\. Export your decks now/);
  assert.equal(await page.inputValue("#deck-title"), "Too big to keep", "typing works");
  assert.equal(await page.inputValue("#st-0-text"), "Still typing.");
  assert.equal(await stored(page, key), null, "nothing could be written");
  assert.deepEqual(dialogs, []);
  await page.reload();
  await page.waitForSelector(sel("editor-missing"));
  assert.deepEqual(dialogs, ["beforeunload"], "leaving asked first");

  // Once there is room again, the next change saves the whole deck, what was typed before too.
  await page.goto(decksUrl());
  await page.waitForSelector(sel("deck-library"));
  const again = await typeNewDeck(page, "Saved at last");
  await page.waitForSelector(sel("studio-storage"));
  await page.evaluate(() => (window.__full = false));
  await page.keyboard.type(" Room again.");
  await page.waitForSelector(sel("studio-storage"), { state: "detached" });
  const deck = await stored(page, again);
  assert.equal(deck.title, "Saved at last");
  assert.equal(deck.statements[0].text, "Still typing. Room again.");
  assert.deepEqual(JSON.parse(await page.evaluate((k) => localStorage.getItem(k), INDEX_KEY)), [again], "and the index");
  await page.reload();
  await page.waitForSelector(sel("editor-page"));
  assert.equal(await page.inputValue("#st-0-text"), "Still typing. Room again.");
  assert.deepEqual(dialogs, ["beforeunload"], "nothing unsaved: leaving did not ask again");
  assert.deepEqual(s.errors, []);
});

test("with working storage, leaving after a change does not ask", async (t) => {
  const s = await openLibrary(t);
  const page = s.page;
  const dialogs = dialogsOf(page);
  await typeNewDeck(page, "Saved as typed");
  await page.reload();
  await page.waitForSelector(sel("editor-page"));
  assert.equal(await page.inputValue("#deck-title"), "Saved as typed");
  assert.deepEqual(dialogs, []);
  assert.equal(await page.$(sel("studio-storage")), null);
  assert.deepEqual(problems(s), []);
});

// 10 -----------------------------------------------------------------------------------------------

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function axe(page, label) {
  await settle(page);
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations.map(
    (v) => `${label}: ${v.id} (${v.impact}) ${v.help}\n${v.nodes.slice(0, 5).map((n) => `      at ${n.target.join(" > ")}\n        ${(n.failureSummary || "").replace(/\n/g, "\n        ")}`).join("\n")}`,
  );
}

/** A deck with problems at several fields, for the audit and the layout checks. */
const FLAWED = {
  ...WEATHER,
  id: "flawed",
  title: "Flawed deck",
  language: "english!",
  statements: WEATHER.statements.slice(0, 3).map((st, i) => (i === 0 ? { ...st, tag: "hail" } : i === 1 ? { ...st, explanation: "" } : st)),
};

for (const scheme of SCHEMES) {
  test(`axe: no violations on My decks and on the editor with problems shown [${scheme}]`, async (t) => {
    const s = await openLibrary(t, { colorScheme: scheme });
    const page = s.page;
    const found = [];
    found.push(...(await axe(page, "My decks, empty")));
    await openFile(page, "flawed.json", FLAWED);
    await page.waitForSelector(sel("editor-problems"));
    await page.click(sel("open-rows"));
    await page.click(sel("open-preview"));
    await page.waitForSelector(sel("sheet-panel"));
    found.push(...(await axe(page, "editor with problems, rows panel and preview open")));
    await page.click(sel("studio-decks-link"));
    await page.waitForSelector(sel("library-deck"));
    found.push(...(await axe(page, "My decks with a draft")));
    assert.equal(found.length, 0, `\n${found.join("\n\n")}`);
  });
}

/**
 * Tabs through the whole page from the top until focus comes round again, and returns what
 * was reached, and any control whose box was not within the viewport's width when focused.
 */
async function tabAround(page) {
  // Start on the page's first control (the skip link), wherever the page put focus on arrival.
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    document.querySelector("a[href], button, input, select, textarea, summary").focus();
  });
  const reached = [];
  const outside = [];
  for (let i = 0; i < 500; i++) {
    if (i > 0) await page.keyboard.press("Tab");
    const at = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const again = el.dataset.reached === "1";
      el.dataset.reached = "1";
      const r = el.getBoundingClientRect();
      return { what: el.dataset.testid || el.id || el.outerHTML.slice(0, 60), again, left: r.left, right: r.right, width: innerWidth };
    });
    // Round again (or out to the browser's own controls): every stop has been seen.
    if (!at || at.again) break;
    reached.push(at.what);
    if (at.left < -1 || at.right > at.width + 1) outside.push(`${at.what}: ${at.left}..${at.right} of ${at.width}`);
  }
  // Every control a mouse could use: not disabled, not hidden, not inside a closed <details>.
  const missed = await page.evaluate(() =>
    [...document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")]
      .filter((el) => !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden")
      .filter((el) => !el.closest("details:not([open])") || el.tagName === "SUMMARY")
      .filter((el) => el.dataset.reached !== "1")
      .map((el) => el.dataset.testid || el.id || el.outerHTML.slice(0, 80)),
  );
  return { reached, outside, missed };
}

test("at 390 px the editor has no horizontal scroll and every control is reached with Tab; screenshots at 390 and 1280 px", async (t) => {
  const s = await openLibrary(t, { viewport: PHONE });
  const page = s.page;
  await screenshot(page, "editor-library-empty-phone");
  await openFile(page, "flawed.json", FLAWED);
  await page.waitForSelector(sel("editor-problems"));
  assert.equal(await horizontalOverflow(page), 0, "no horizontal scroll on the editor");
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth));
  const { reached, outside, missed } = await tabAround(page);
  assert.ok(reached.length > 40, `Tab reached ${reached.length} controls`);
  for (const id of ["deck-title", "cat-2-description", "st-2-id", "add-statement"]) assert.ok(reached.includes(id), `${id} reached`);
  assert.deepEqual(missed, [], "every control is reached with Tab");
  assert.deepEqual(outside, [], "every control is within the screen's width");
  // The rows panel and the preview, opened on a phone, fit too.
  await page.click(sel("open-rows"));
  await page.click(sel("open-preview"));
  await page.waitForSelector(sel("sheet-panel"));
  assert.equal(await horizontalOverflow(page), 0, "no horizontal scroll with the panels open");
  await settle(page);
  await screenshot(page, "editor-problems-phone");
  await page.click(sel("studio-decks-link"));
  await page.waitForSelector(sel("library-deck"));
  assert.equal(await horizontalOverflow(page), 0, "no horizontal scroll on My decks");
  await screenshot(page, "editor-library-phone");

  const wide = await openLibrary(t, { viewport: DESKTOP });
  await openFile(wide.page, "weather.json", WEATHER);
  await wide.page.waitForSelector(sel("share-link"));
  await settle(wide.page);
  await screenshot(wide.page, "editor-ready-desktop");
  await wide.page.goto(decksUrl());
  await wide.page.waitForSelector(sel("library-deck"));
  await openFile(wide.page, "flawed.json", FLAWED);
  await wide.page.waitForSelector(sel("editor-problems"));
  assert.equal(await horizontalOverflow(wide.page), 0);
  await settle(wide.page);
  await screenshot(wide.page, "editor-problems-desktop");
  await wide.page.click(sel("studio-decks-link"));
  await wide.page.waitForSelector(sel("library-deck"));
  await screenshot(wide.page, "editor-library-desktop");
  assert.deepEqual(problems(s), []);
  assert.deepEqual(problems(wide), []);
});
