// How a deck looks to learners: its own question with each statement, its own heading on home,
// its categories' icons (or plain shapes when it names none, never the built-in deck's role
// pictures), and a link to its source where it gives an https address. The built-in deck asks
// for its question and pictures by name, so it looks as it always has. The studio's editor sets
// all of these and writes them to the deck file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { suite, open, respond, sel, problems, startQuiz } from "./harness.mjs";

/** A trainer's deck that sets everything: a question, an icon for two of its three categories, a source address. */
const DRESSED = {
  format: 1,
  id: "kitchen-roles",
  title: "Who cooks, who serves?",
  description: "Tasks in a restaurant, by who does them.",
  language: "en",
  prompt: "Whose task is this?",
  source: { title: "The Brigade System", author: "A. Chef", date: "2024-04-02", url: "https://example.org/brigade" },
  categories: [
    { id: "kitchen", label: "Kitchen", description: "Cooks and prepares.", icon: "person" },
    { id: "floor", label: "Floor", description: "Serves the guests." },
    { id: "everyone", label: "Everyone", description: "Shared by all.", icon: "star" },
  ],
  statements: [
    ["Reduces the sauce.", "kitchen"],
    ["Takes the order.", "floor"],
    ["Washes hands.", "everyone"],
  ].map(([text, tag], i) => ({ id: `k${i + 1}`, text, tag, explanation: `Because ${tag}.`, quote: `The ${tag} does it.` })),
};

/** A deck that sets none of them. */
const PLAIN = {
  format: 1,
  id: "plain-weather",
  title: "Sun or rain?",
  description: "Which weather does each sentence describe?",
  language: "en",
  source: { title: "Skies", author: "A. Forecaster", date: "2024-05-01" },
  categories: [
    { id: "sun", label: "Sun", description: "Clear skies." },
    { id: "rain", label: "Rain", description: "Wet days." },
    { id: "snow", label: "Snow", description: "Frozen days." },
  ],
  statements: [
    ["Sharp shadows at noon.", "sun"],
    ["Umbrellas everywhere.", "rain"],
    ["A white fort in the yard.", "snow"],
  ].map(([text, tag], i) => ({ id: `w${i + 1}`, text, tag, explanation: `Because ${tag}.`, quote: `It was ${tag}.` })),
};

const ROLE_PICTURES = ["loop", "layers", "overlap"];

const ctx = suite({
  routes: {
    "/decks/dressed.json": respond(JSON.stringify(DRESSED)),
    "/decks/plain.json": respond(JSON.stringify(PLAIN)),
  },
});

const deckUrl = (name) => `${ctx.server.appUrl}?deck=${encodeURIComponent(`${ctx.server.origin}/decks/${name}.json`)}`;

/** The icon names drawn inside `selector`, in order. */
const icons = (page, selector) => page.$$eval(`${selector} svg[data-icon]`, (els) => els.map((e) => e.dataset.icon));

/** Home, then a quiz of every statement, answered with the first category; returns what each screen showed. */
async function look(page) {
  await page.waitForSelector(sel("home"));
  const home = {
    heading: (await page.textContent(sel("app-title"))).trim(),
    legend: await icons(page, ".category-legend"),
    sourceLink: await page.$eval(sel("source-link"), (a) => ({ href: a.href, target: a.target, rel: a.rel })).catch(() => null),
  };
  await page.click(sel("enter-quiz"));
  await startQuiz(page, "all");
  const quiz = {
    prompt: (await page.textContent("#tag-prompt")).trim(),
    group: await page.$eval(sel("tag-picker"), (g) => document.getElementById(g.getAttribute("aria-labelledby"))?.textContent.trim()),
    buttons: await icons(page, sel("tag-picker")),
  };
  await page.click(`${sel("tag-picker")} button >> nth=0`);
  await page.waitForSelector(sel("feedback"));
  quiz.chips = await icons(page, sel("correct-tag"));
  quiz.quoteLink = await page.$eval(sel("quote-source-link"), (a) => ({ href: a.href, target: a.target, text: a.textContent })).catch(() => null);
  return { home, quiz };
}

test("a custom deck asks its own question under its own title, with its icons and a link to its source", async (t) => {
  const s = await open(t, ctx.browser, deckUrl("dressed"));
  const { home, quiz } = await look(s.page);
  assert.equal(home.heading, DRESSED.title, "home is headed by the deck's title");
  assert.equal(await s.page.title(), `RoleCall: ${DRESSED.title}`);
  // Chosen icons where the deck names them; the middle category keeps its position's plain shape.
  assert.deepEqual(home.legend, ["person", "square", "star"]);
  assert.deepEqual(quiz.buttons, ["person", "square", "star"]);
  assert.deepEqual(home.sourceLink, { href: DRESSED.source.url, target: "_blank", rel: "noopener noreferrer" });
  assert.equal(quiz.prompt, DRESSED.prompt);
  assert.equal(quiz.group, DRESSED.prompt, "the answer buttons are named by the deck's question");
  assert.ok(quiz.chips.length >= 1 && quiz.chips.every((i) => !ROLE_PICTURES.includes(i)), `chips: ${quiz.chips}`);
  assert.equal(quiz.quoteLink?.href, DRESSED.source.url, "the quote's attribution links to the source");
  assert.equal(quiz.quoteLink.target, "_blank");
  assert.match(quiz.quoteLink.text, /A\. Chef, “The Brigade System” \(2024-04-02\) \(opens in a new tab\)/);
  assert.deepEqual(problems(s), []);
});

test("a custom deck that names no question or icons gets a neutral question and plain shapes, never the role pictures", async (t) => {
  const s = await open(t, ctx.browser, deckUrl("plain"));
  const { home, quiz } = await look(s.page);
  assert.equal(home.heading, PLAIN.title);
  assert.deepEqual(home.legend, ["circle", "square", "triangle"]);
  assert.deepEqual(quiz.buttons, ["circle", "square", "triangle"]);
  assert.equal(quiz.prompt, "Which category fits this statement?");
  assert.ok(quiz.chips.every((i) => !ROLE_PICTURES.includes(i)), `chips: ${quiz.chips}`);
  assert.equal(home.sourceLink, null, "a source without an address is not a link");
  assert.equal(quiz.quoteLink, null);
  assert.deepEqual(problems(s), []);
});

test("the built-in deck keeps its name, its question and its role pictures", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl);
  const { home, quiz } = await look(s.page);
  assert.equal(home.heading, "RoleCall");
  assert.deepEqual(home.legend, ROLE_PICTURES);
  assert.deepEqual(quiz.buttons, ROLE_PICTURES);
  assert.equal(quiz.prompt, "Which role is this?");
  assert.ok(quiz.chips.length >= 1 && quiz.chips.every((i) => ROLE_PICTURES.includes(i)), `chips: ${quiz.chips}`);
  assert.equal(home.sourceLink, null);
  assert.deepEqual(problems(s), []);
});

test("the studio's editor sets the question, an icon and the source address, and the deck file carries them", async (t) => {
  const s = await open(t, ctx.browser, `${ctx.server.studioUrl}#/decks`, { context: { acceptDownloads: true } });
  const page = s.page;
  await page.waitForSelector(sel("deck-library"));
  await page.setInputFiles(sel("library-file"), { name: "plain.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(PLAIN)) });
  await page.waitForSelector(sel("editor-page"));
  const ready = () => page.waitForFunction(() => document.querySelector('[data-testid="editor-summary"]')?.textContent.startsWith("Ready"));
  await ready();

  // The default question is named in the hint; a category without an icon shows its plain shape.
  assert.match(await page.textContent("#deck-prompt-note"), /Which category fits this statement\?/);
  assert.deepEqual(await icons(page, '[data-testid="category-row"] .cat-swatch'), ["circle", "square", "triangle"]);
  await page.fill("#deck-prompt", "What was the weather?");
  await page.selectOption("#cat-1-icon", "cloud");
  assert.deepEqual(await icons(page, '[data-testid="category-row"] .cat-swatch'), ["circle", "cloud", "triangle"], "the swatch previews the icon");

  // An address that is not a web page's is refused at its field, in words that say what to write.
  await page.fill("#source-url", "ftp://example.org/skies");
  await page.waitForSelector("#source-url[aria-invalid=true]");
  assert.match(await page.textContent("#source-url-note"), /is not a web address; write it as https:\/\/example\.org\/article/);
  await page.fill("#source-url", "https://example.org/skies");
  await ready();

  const [file] = await Promise.all([page.waitForEvent("download", { timeout: 15000 }), page.click(sel("download-deck"))]);
  const deck = JSON.parse(readFileSync(await file.path(), "utf8"));
  assert.equal(deck.prompt, "What was the weather?");
  assert.deepEqual(deck.categories.map((c) => c.icon ?? null), [null, "cloud", null], "only the chosen icon is written");
  assert.equal(deck.source.url, "https://example.org/skies");

  // Back to the default: the icon is left out of the file again.
  await page.selectOption("#cat-1-icon", "");
  await page.fill("#deck-prompt", "");
  await ready();
  const [again] = await Promise.all([page.waitForEvent("download", { timeout: 15000 }), page.click(sel("download-deck"))]);
  const plain = JSON.parse(readFileSync(await again.path(), "utf8"));
  assert.equal("prompt" in plain, false);
  assert.ok(plain.categories.every((c) => !("icon" in c)));
  assert.deepEqual(problems(s), []);
});
