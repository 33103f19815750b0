// Sort mode in a real browser against the release build: a round dealt into the tray and sorted
// into the zones by mouse drag, by touch (the grip drags; the rest of a card scrolls the page),
// by click then zone, and by keys alone; a check that locks the right cards and sends the wrong
// ones back while tries are left, or marks them and shows where they belong when none are; the
// score and matrix from the first placements; a reload mid-round; an embed on another origin
// (heights and xAPI); axe in both themes; reduced motion; screenshots at three widths.
// The truth for a card is always the deck file's tag (`TAG_OF[card.dataset.id]`).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import {
  suite,
  serve,
  open,
  openFramed,
  hostPageUrl,
  fromApp,
  caughtUp,
  problems,
  screenshot,
  settle,
  tabTo,
  goTo,
  horizontalOverflow,
  storedProgress,
  wrongTag,
  sel,
  HOSTS,
  CATS,
  DECK,
  TAG_OF,
} from "./harness.mjs";
import { assertValidStatement } from "./xapi.mjs";

const ctx = suite();
// Host pages on a second origin, for the embed.
let hosts;
before(async () => {
  hosts = await serve({ dirs: { "/hosts/": HOSTS }, name: "localhost" });
});
after(() => hosts?.close());

const LABEL = Object.fromEntries(DECK.categories.map((c) => [c.id, c.label]));
/** The zones in the board's order for the built-in deck: "Both" between the two it joins. */
const ORDER = ["devops", "both", "platform"];
/** The number key that places a card in zone `tag`. */
const keyFor = (tag) => String(ORDER.indexOf(tag) + 1);
const card = (id) => `${sel("sort-card")}[data-id="${id}"]`;
const body = (id) => `${card(id)} .sort-body`;

/** Opens sort mode at `query` (e.g. "?retries=0"), deals, and returns the cards' ids in deal order. */
async function deal(t, query = "", opts = {}) {
  const s = await open(t, ctx.browser, `${ctx.server.appUrl}${query}#/sort`, opts);
  await s.page.click(sel("deal"));
  await s.page.waitForSelector(`${sel("sort-board")}[data-finished="false"]`);
  return { ...s, ids: await dealt(s.page) };
}

/** The cards' ids in deal order (the order of their `data-card` indexes). */
async function dealt(page) {
  const cards = await page.$$eval(sel("sort-card"), (els) => els.map((e) => ({ id: e.dataset.id, i: Number(e.querySelector(".sort-body").dataset.card) })));
  return cards.sort((a, b) => a.i - b.i).map((c) => c.id);
}

/** Where card `id` sits: "tray", or the zone's category id. */
function zoneOf(page, id) {
  return page.$eval(card(id), (el) => {
    const z = el.closest("[data-zone]");
    return z.dataset.testid === "tray" ? "tray" : z.dataset.testid.replace(/^zone-/, "");
  });
}

/** Waits until card `id` sits in `where` ("tray" or a category id). */
function waitIn(page, id, where) {
  const zone = where === "tray" ? sel("tray") : sel(`zone-${where}`);
  return page.waitForSelector(`${zone} ${card(id)}`);
}

/** Every card's place and state: `{id: "zone/state"}`. */
function boardState(page) {
  return page.$$eval(sel("sort-card"), (els) =>
    Object.fromEntries(els.map((e) => [e.dataset.id, `${e.closest("[data-zone]").dataset.testid}/${e.dataset.state}`])),
  );
}

/** Places card `id` in `where` by a click on it, then on the bar's button for that zone. */
async function place(page, id, where) {
  await page.click(body(id));
  await page.waitForSelector(`${body(id)}[aria-pressed="true"]`);
  await page.click(sel(`move-${where}`));
  await waitIn(page, id, where);
  await page.waitForSelector(sel("move-tray"), { state: "detached" });
}

/** Clicks Check and waits for the board to show what the check found. */
async function check(page) {
  const before = await page.textContent(sel("sort-status"));
  await page.click(sel("sort-check"));
  await page.waitForFunction((b) => document.querySelector('[data-testid="sort-status"]').textContent !== b, before);
}

/** Starts keeping every text the live region shows, in `window.said`. */
function listen(page) {
  return page.evaluate(() => {
    window.said = [];
    const live = document.querySelector('[data-testid="live"]');
    new MutationObserver(() => live.textContent && window.said.push(live.textContent)).observe(live, { childList: true, subtree: true, characterData: true });
  });
}

/** Waits until the live region has said something matching `pattern` (a RegExp source). */
function heard(page, pattern) {
  return page.waitForFunction((p) => window.said.some((s) => new RegExp(p).test(s)), pattern.source ?? pattern);
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** How announcements quote card `id`: its first 48 characters, then one ellipsis if cut. */
function quoted(id) {
  const chars = [...DECK.statements.find((x) => x.id === id).text];
  return `\u2018${chars.slice(0, 48).join("")}${chars.length > 48 ? "\u2026" : ""}\u2019`;
}

/** The centre of an element's box in the window. */
async function centre(page, selector) {
  const b = await page.locator(selector).boundingBox();
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

test("a whole round by mouse drag: each card dragged to its zone, all right at the check, every move announced", async (t) => {
  // Tall enough that the tray and every zone are in view at once.
  const { page, ids, ...s } = await deal(t, "", { viewport: { width: 1280, height: 1500 } });
  assert.equal(ids.length, 8);
  // Anywhere on a card picks it up: its body fills it, even when the card is stretched to the
  // height of a taller card beside it. (The centre of a short card once fell outside its body.)
  const offBody = await page.$$eval(sel("sort-card"), (els) =>
    els
      .filter((e) => {
        const r = e.getBoundingClientRect();
        const body = e.querySelector(".sort-body").getBoundingClientRect();
        const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return !hit?.closest(".sort-body") || Math.abs(r.bottom - body.bottom) > 2;
      })
      .map((e) => e.dataset.id),
  );
  assert.deepEqual(offBody, [], "cards whose centre or bottom is not their body");
  await listen(page);
  for (const [i, id] of ids.entries()) {
    const tag = TAG_OF[id];
    const from = await centre(page, card(id));
    const to = await centre(page, sel(`zone-${tag}`));
    assert.ok(to.y < 1500 - 60 && from.y > 0, `the card (y ${from.y}) and its zone (y ${to.y}) are in view`);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 12 });
    if (i === 0) {
      // Mid-drag: the card follows the pointer and the zone under it is marked.
      assert.equal(await page.$eval(card(id), (e) => e.classList.contains("dragging")), true, "the card is being dragged");
      assert.notEqual(await page.$eval(card(id), (e) => e.style.transform), "", "the card follows the pointer");
      assert.deepEqual(await page.$$eval(".drop-over", (els) => els.map((e) => e.dataset.testid)), [`zone-${tag}`], "the zone under the pointer is marked");
    }
    await page.mouse.up();
    await waitIn(page, id, tag);
    assert.equal(await page.$$eval(".drop-over, .sort-card.dragging", (els) => els.length), 0, "nothing stays marked after the drop");
    assert.equal(await page.$eval(card(id), (e) => e.style.transform), "", "the card's drag offset is cleared");
    await heard(page, new RegExp(`^${escape(quoted(id))} placed in ${escape(LABEL[tag])}\\. ${i + 1} of 8 placed\\.$`));
    assert.equal(await page.textContent(sel("sort-status")), `${i + 1} of 8 placed.`);
  }
  // A drag ends without leaving a click behind: a click that is not the drop's own (which comes
  // in the drop's own task, if at all) still picks a card up.
  await page.click(body(ids[0]));
  await page.waitForSelector(`${body(ids[0])}[aria-pressed="true"]`);
  await page.click(body(ids[0]));
  await page.waitForSelector(`${body(ids[0])}[aria-pressed="false"]`);
  assert.equal(await zoneOf(page, ids[0]), TAG_OF[ids[0]]);

  await page.click(sel("sort-check"));
  await page.waitForSelector(`${sel("sort-board")}[data-finished="true"]`);
  const states = await page.$$eval(sel("sort-card"), (els) => els.map((e) => e.dataset.state));
  assert.deepEqual(states, Array(8).fill("right"));
  for (const id of ids) assert.equal(await zoneOf(page, id), TAG_OF[id], `${id} stays in its zone`);
  assert.match(await page.textContent(sel("sort-status")), /^8 of 8 right the first time \(100%\), passed/);
  await heard(page, /^All 8 right\. Round finished: 8 of 8 right the first time\.$/);
  assert.equal(await page.$(sel("tray")), null, "the finished board has no tray");
  assert.deepEqual(problems(s), []);
});

/** Scrolls the page (at once) so that the element's top is `y` px below the window's top. */
function scrollToY(page, selector, y) {
  return page.$eval(selector, (el, y) => window.scrollTo({ top: el.getBoundingClientRect().top + window.scrollY - y, behavior: "instant" }), y);
}

test("touch: a card dragged by its grip moves to the zone; a swipe on a card's text scrolls the page and leaves the card", async (t) => {
  const { page, context, ids, ...s } = await deal(t, "", { viewport: { width: 390, height: 844 }, context: { hasTouch: true, isMobile: true } });
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send("Input.dispatchTouchEvent", { type, touchPoints: points });
  /** A finger from `from` to `to` in `steps` moves; `during` runs before the finger lifts. */
  const swipe = async (from, to, steps, during) => {
    await touch("touchStart", [from]);
    for (let i = 1; i <= steps; i++) await touch("touchMove", [{ x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps }]);
    if (during) await during();
    await touch("touchEnd", []);
  };

  // The tray's last card, scrolled near the top of the window, so the first zone is in view below it.
  const id = ids.at(-1);
  await scrollToY(page, card(id), 80);
  const grip = await centre(page, `${card(id)} .grip`);
  const zone = await page.locator(sel("zone-devops")).boundingBox();
  const bar = await page.locator(".sort-actions").boundingBox();
  // A point in the zone, clear of the bar at the bottom and of the band that scrolls the page.
  const target = { x: zone.x + zone.width / 2, y: Math.min(zone.y + 40, bar.y - 70) };
  assert.ok(target.y > zone.y + 4 && target.y < zone.y + zone.height, `the zone is in view below the card (zone at ${zone.y}, bar at ${bar.y})`);
  await swipe(grip, target, 10, async () => {
    assert.equal(await page.$eval(card(id), (e) => e.classList.contains("dragging")), true, "the card follows the finger");
  });
  await waitIn(page, id, "devops");
  assert.equal(await page.$$eval(".sort-card.dragging", (els) => els.length), 0);

  // A swipe up over another card's text: the page scrolls, the card stays in the tray.
  const other = ids[3];
  await scrollToY(page, card(other), 300);
  const before = await page.evaluate(() => window.scrollY);
  const text = await centre(page, `${card(other)} .sort-text`);
  assert.ok(text.y > 250 && text.y < 600, `the card's text is in view (y ${text.y})`);
  await swipe(text, { x: text.x, y: text.y - 250 }, 10, async () => {
    assert.equal(await page.$$eval(".sort-card.dragging", (els) => els.length), 0, "the card does not follow the finger");
  });
  await page.waitForFunction((b) => window.scrollY > b + 50, before);
  assert.equal(await zoneOf(page, other), "tray");
  assert.equal(await page.$eval(card(other), (e) => e.style.transform), "");
  assert.equal(await page.getAttribute(body(other), "aria-pressed"), "false", "a swipe does not pick the card up");
  assert.equal(await page.textContent(sel("sort-status")), "1 of 8 placed.");

  // A tap picks a card up (the drag left no click behind to swallow it), a tap on the bar places it.
  await page.tap(`${card(other)} .sort-text`);
  await page.waitForSelector(`${body(other)}[aria-pressed="true"]`);
  await page.tap(sel("move-platform"));
  await waitIn(page, other, "platform");
  assert.equal(await page.textContent(sel("sort-status")), "2 of 8 placed.");
  assert.deepEqual(problems(s), []);
});

test("click a card, then a zone, its Place here button or the bar's button; a placed card goes back to the tray the same ways", async (t) => {
  const { page, ids, ...s } = await deal(t);
  const [a, b, c, d] = ids;
  const buttons = () => page.$$eval(".sort-drop, .sort-move", (els) => els.map((e) => e.dataset.testid));

  // Nothing held: no drop buttons, no bar.
  assert.deepEqual(await buttons(), []);
  await page.click(body(a));
  await page.waitForSelector(`${card(a)}.picked`);
  assert.equal(await page.getAttribute(body(a), "aria-pressed"), "true");
  assert.deepEqual((await buttons()).sort(), [...ORDER.map((z) => `drop-${z}`), ...ORDER.map((z) => `move-${z}`)].sort(), "a card in the tray can go to any zone, not to the tray");
  await page.click(sel(`drop-${TAG_OF[a]}`));
  await waitIn(page, a, TAG_OF[a]);
  assert.equal(await page.$(".sort-card.picked"), null, "placed, the card is put down");
  assert.deepEqual(await buttons(), []);
  assert.equal(await page.textContent(sel("sort-status")), "1 of 8 placed.");

  // The zone itself (its padding, not a card in it).
  await page.click(body(b));
  await page.waitForSelector(`${card(b)}.picked`);
  await page.click(sel(`zone-${TAG_OF[b]}`), { position: { x: 6, y: 6 } });
  await waitIn(page, b, TAG_OF[b]);

  // The bar at the bottom.
  await page.click(body(c));
  await page.waitForSelector(`${card(c)}.picked`);
  await page.click(sel(`move-${TAG_OF[c]}`));
  await waitIn(page, c, TAG_OF[c]);
  assert.equal(await page.textContent(sel("sort-status")), "3 of 8 placed.");

  // A second click on the card held puts it down where it was.
  await page.click(body(d));
  await page.waitForSelector(`${card(d)}.picked`);
  await page.click(body(d));
  await page.waitForSelector(".sort-card.picked", { state: "detached" });
  assert.equal(await zoneOf(page, d), "tray");

  // Back to the tray: by the bar, by the tray's button, and by a click on the tray itself.
  await page.click(body(a));
  await page.waitForSelector(`${card(a)}.picked`);
  const offered = await buttons();
  assert.ok(offered.includes("move-tray") && offered.includes("drop-tray"), `a placed card can go back: ${offered}`);
  assert.ok(!offered.includes(`move-${TAG_OF[a]}`) && !offered.includes(`drop-${TAG_OF[a]}`), "not to the zone it is in");
  await page.click(sel("move-tray"));
  await waitIn(page, a, "tray");
  await page.click(body(b));
  await page.waitForSelector(`${card(b)}.picked`);
  await page.click(sel("drop-tray"));
  await waitIn(page, b, "tray");
  await page.click(body(c));
  await page.waitForSelector(`${card(c)}.picked`);
  await page.click(sel("tray"), { position: { x: 6, y: 6 } });
  await waitIn(page, c, "tray");
  assert.equal(await page.textContent(sel("sort-status")), "0 of 8 placed.");

  // From one zone straight to another.
  await place(page, d, "devops");
  await place(page, d, "platform");
  assert.equal(await zoneOf(page, d), "platform");
  assert.equal(await page.textContent(sel("sort-status")), "1 of 8 placed.");

  // Check with cards in the tray does nothing but say why.
  await page.click(sel("sort-check"));
  await page.waitForFunction(() => /Place the 7 cards still in the tray first\./.test(document.querySelector('[data-testid="live"]').textContent));
  assert.equal(await page.getAttribute(sel("sort-board"), "data-finished"), "false");
  assert.equal(await page.$$eval('[data-state="right"], [data-state="wrong"]', (els) => els.length), 0);
  assert.deepEqual(problems(s), []);
});

/** The card whose body has focus: its id, and where it sits. */
function focusedCard(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el?.classList.contains("sort-body")) return null;
    const item = el.closest('[data-testid="sort-card"]');
    return { id: item.dataset.id, in: item.closest("[data-zone]").dataset.testid };
  });
}

test("keys alone: Tab to a card, a number places it and focus stays on it; Enter, arrows, Enter; Escape; 0; Check", async (t) => {
  const s = await open(t, ctx.browser, `${ctx.server.appUrl}#/sort`);
  const page = s.page;
  await tabTo(page, "deal", { max: 30 });
  await page.keyboard.press("Enter");
  await page.waitForSelector(sel("sort-board"));
  await listen(page);
  assert.deepEqual(
    await page.$$eval(".sort-zones > [data-zone]", (els) => els.map((e) => e.dataset.testid)),
    ORDER.map((z) => `zone-${z}`),
    "the zones in the board's order: DevOps, Both, Platform",
  );
  assert.deepEqual(await page.$$eval(".sort-zones .sort-key", (els) => els.map((e) => e.textContent)), ["1", "2", "3"]);

  /** Moves focus (Tab, or Shift+Tab) to the next card still in the tray. */
  const toTrayCard = async (back) => {
    for (let i = 0; i < 40; i++) {
      const f = await focusedCard(page);
      if (f?.in === "tray") return f.id;
      await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    }
    assert.fail("no card in the tray reached by Tab");
  };
  const focusStays = async (id, where, why) => {
    await waitIn(page, id, where);
    await page.waitForFunction((id) => document.activeElement?.closest('[data-testid="sort-card"]')?.dataset.id === id, id, { timeout: 3000 }).catch(() => {});
    assert.deepEqual(await focusedCard(page), { id, in: where === "tray" ? "tray" : `zone-${where}` }, `${why}: focus stays on the card moved`);
  };

  // A number key.
  let id = await toTrayCard(false);
  await page.keyboard.press(keyFor(TAG_OF[id]));
  await focusStays(id, TAG_OF[id], "number key");
  await heard(page, new RegExp(`placed in ${escape(LABEL[TAG_OF[id]])}\\. 1 of 8 placed\\.$`));
  // Visible focus on the card moved.
  assert.equal(await page.evaluate(() => document.activeElement.matches(":focus-visible") && getComputedStyle(document.activeElement).outlineStyle), "solid");

  // Enter picks up, the arrows choose (from the tray, right goes to zone 1, 2, 3), Enter drops.
  id = await toTrayCard(true);
  await page.keyboard.press("Enter");
  await page.waitForSelector(`${body(id)}[aria-pressed="true"]`);
  await heard(page, /^Picked up\..*Now over the tray\.$/);
  const steps = ORDER.indexOf(TAG_OF[id]) + 1;
  for (let i = 0; i < steps; i++) await page.keyboard.press("ArrowRight");
  await heard(page, new RegExp(`^Over ${escape(LABEL[TAG_OF[id]])}\\.$`));
  await page.waitForSelector(`${sel(`zone-${TAG_OF[id]}`)}.drop-over`);
  assert.equal(await zoneOf(page, id), "tray", "the arrows only choose");
  await page.keyboard.press("Enter");
  await focusStays(id, TAG_OF[id], "Enter, arrows, Enter");
  assert.equal(await page.getAttribute(body(id), "aria-pressed"), "false");

  // Escape puts a held card down where it was.
  id = await toTrayCard(true);
  await page.keyboard.press("Enter");
  await page.waitForSelector(`${body(id)}[aria-pressed="true"]`);
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Escape");
  await page.waitForSelector(`${body(id)}[aria-pressed="false"]`);
  await heard(page, /^Put down\.$/);
  assert.equal(await zoneOf(page, id), "tray");
  assert.equal((await focusedCard(page))?.id, id);

  // A wrong number, then 0 sends it back, then the right number.
  await page.keyboard.press(keyFor(wrongTag(id)));
  await focusStays(id, wrongTag(id), "wrong number key");
  await page.keyboard.press("0");
  await focusStays(id, "tray", "0");
  await heard(page, /back in the tray\. 2 of 8 placed\.$/);
  await page.keyboard.press(keyFor(TAG_OF[id]));
  await focusStays(id, TAG_OF[id], "number key after 0");

  // The rest by number keys.
  for (let n = 4; n <= 8; n++) {
    id = await toTrayCard(true);
    await page.keyboard.press(keyFor(TAG_OF[id]));
    await focusStays(id, TAG_OF[id], `card ${n}`);
    await heard(page, new RegExp(`${n} of 8 placed\\.$`));
  }
  assert.equal(await page.$(`${sel("tray")} ${sel("sort-card")}`), null, "the tray is empty");

  await tabTo(page, "sort-check", { max: 40 });
  await page.keyboard.press("Enter");
  await page.waitForSelector(`${sel("sort-board")}[data-finished="true"]`);
  assert.deepEqual(await page.$$eval(sel("sort-card"), (els) => els.map((e) => e.dataset.state)), Array(8).fill("right"));
  for (const c of await dealt(page)) assert.equal(await zoneOf(page, c), TAG_OF[c]);
  assert.match(await page.textContent(sel("sort-status")), /^8 of 8 right the first time/);
  await heard(page, /^All 8 right\./);
  // Focus is not lost: the finished board's buttons are reachable.
  await tabTo(page, "sort-results", { max: 60 });
  assert.deepEqual(problems(s), []);
});

/** Places every card in the tray: rightly, but those in `wrong` go to `wrong[id]`. */
async function placeAll(page, ids, wrong = {}) {
  for (const id of ids) if ((await zoneOf(page, id)) === "tray") await place(page, id, wrong[id] ?? TAG_OF[id]);
}

/** The other wrong zone for a card (neither its truth nor `not`). */
const otherWrong = (id, not) => CATS.find((c) => c !== TAG_OF[id] && c !== not);

test("wrong cards go back with where they were not; fixed, the round finishes; the score and the matrix count first placements", async (t) => {
  const { page, ids, ...s } = await deal(t);
  const wrong = { [ids[1]]: wrongTag(ids[1]), [ids[4]]: wrongTag(ids[4]), [ids[6]]: wrongTag(ids[6])};
  const first = ids.map((id) => ({ id, answer: wrong[id] ?? TAG_OF[id] }));
  await placeAll(page, ids, wrong);
  await check(page);

  for (const id of ids) {
    const state = await page.getAttribute(card(id), "data-state");
    if (wrong[id]) {
      assert.equal(await zoneOf(page, id), "tray", `${id} was wrong: back in the tray`);
      assert.equal(state, "open");
      assert.equal(await page.textContent(`${card(id)} .sort-miss`), `Not ${LABEL[wrong[id]]}`);
    } else {
      assert.equal(await zoneOf(page, id), TAG_OF[id]);
      assert.equal(state, "right", `${id} is locked right`);
      assert.equal(await page.$(`${card(id)} button.sort-body`), null, "a locked card is no longer a button");
      assert.ok(await page.$(`${card(id)} ${sel("sort-why")}`), "a checked card says why");
    }
  }
  assert.equal(await page.textContent(sel("sort-status")), "5 right so far. Sort the cards back in the tray: 2 tries left.");
  assert.ok(await page.$(sel("sort-reveal")), "the cards can be shown where they belong");

  // One of them wrong again, elsewhere: back again, saying both zones it is not in.
  const again = ids[4];
  await place(page, ids[1], TAG_OF[ids[1]]);
  await place(page, ids[6], TAG_OF[ids[6]]);
  await place(page, again, otherWrong(again, wrong[again]));
  await check(page);
  assert.equal(await zoneOf(page, again), "tray");
  // Named in the deck's order of categories.
  const not = CATS.filter((c) => c !== TAG_OF[again]).map((c) => LABEL[c]);
  assert.equal(await page.textContent(`${card(again)} .sort-miss`), `Not ${not[0]}, not ${not[1]}`);
  assert.equal(await page.textContent(sel("sort-status")), "7 right so far. Sort the cards back in the tray: 1 try left.");

  await place(page, again, TAG_OF[again]);
  await check(page);
  await page.waitForSelector(`${sel("sort-board")}[data-finished="true"]`);
  assert.deepEqual(await page.$$eval(sel("sort-card"), (els) => els.map((e) => e.dataset.state)), Array(8).fill("right"));
  const pct = Math.round((5 * 100) / 8);
  assert.match(await page.textContent(sel("sort-status")), new RegExp(`^5 of 8 right the first time \\(${pct}%\\), not passed yet \\(pass mark 70%\\)\\.$`));

  await page.click(sel("sort-results"));
  await page.waitForSelector(sel("results"));
  assert.equal(new URL(page.url()).hash, "#/results");
  assert.equal(await page.textContent("h1"), "Sort results");
  assert.equal(await page.textContent(sel("score")), "5 of 8 correct", "the score counts first placements, not the fixes");
  assert.match(await page.textContent(sel("pass-verdict")), new RegExp(`^Not passed yet.*${pct}%`));
  const matrix = CATS.map(() => CATS.map(() => 0));
  for (const { id, answer } of first) matrix[CATS.indexOf(TAG_OF[id])][CATS.indexOf(answer)]++;
  for (let r = 0; r < CATS.length; r++) {
    for (let c = 0; c < CATS.length; c++) {
      assert.equal(Number(await page.textContent(sel(`cell-${r}-${c}`))), matrix[r][c], `matrix ${CATS[r]} -> ${CATS[c]}`);
    }
  }
  const missed = await page.$$eval(sel("missed-item"), (els) => els.map((e) => e.dataset.id));
  assert.deepEqual(missed.sort(), Object.keys(wrong).sort(), "the missed ones are those wrong at the first check");
  assert.deepEqual(problems(s), []);
});

test("with retries=0 wrong cards are marked where they were put, and can be shown where they belong", async (t) => {
  const { page, ids, ...s } = await deal(t, "?retries=0");
  const wrong = { [ids[0]]: wrongTag(ids[0]), [ids[3]]: wrongTag(ids[3]) };
  await placeAll(page, ids, wrong);
  await check(page);
  await page.waitForSelector(`${sel("sort-board")}[data-finished="true"]`);
  for (const id of ids) {
    const state = await page.getAttribute(card(id), "data-state");
    assert.equal(state, wrong[id] ? "wrong" : "right", id);
    assert.equal(await zoneOf(page, id), wrong[id] ?? TAG_OF[id], `${id} stays where it was put`);
  }
  assert.match(await page.textContent(`${card(ids[0])} .sort-mark`), /Not here/);
  assert.match(await page.textContent(sel("sort-status")), /^6 of 8 right the first time \(75%\), passed/);

  await page.click(sel("sort-reveal"));
  await page.waitForSelector(`${card(ids[0])}[data-state="shown"]`);
  for (const id of ids) {
    assert.equal(await page.getAttribute(card(id), "data-state"), wrong[id] ? "shown" : "right", id);
    assert.equal(await zoneOf(page, id), TAG_OF[id], `${id} is in the zone it belongs to`);
  }
  assert.match(await page.textContent(`${card(ids[0])} .sort-mark`), /Belongs here/);
  // Its Why? answers the first placement: why that zone was wrong, then the explanation and
  // whose words the quote is. A card right the first time has nothing to correct.
  const statement = DECK.statements.find((x) => x.id === ids[0]);
  await page.click(`${card(ids[0])} ${sel("sort-why")} summary`);
  const why = `${card(ids[0])} ${sel("sort-why")}`;
  assert.equal(await page.textContent(`${why} ${sel("why-not")}`), `Why not ${LABEL[wrong[ids[0]]]}? ${statement.wrong[wrong[ids[0]]]}`);
  assert.equal(await page.textContent(`${why} ${sel("speaker")}`), `Said by ${statement.speaker}`);
  assert.equal(await page.$(`${card(ids[1])} ${sel("sort-why")} ${sel("why-not")}`), null);
  assert.equal(await page.$(sel("sort-reveal")), null, "nothing left to show");
  assert.match(await page.textContent(sel("sort-status")), /^6 of 8 right the first time/, "showing does not change the score");
  assert.deepEqual(problems(s), []);
});

test("a reload brings the round back: places before a check, locks, misses and tries after; a finished round is in the history", async (t) => {
  const { page, ids, ...s } = await deal(t);
  await place(page, ids[0], TAG_OF[ids[0]]);
  await place(page, ids[1], wrongTag(ids[1]));
  await place(page, ids[2], TAG_OF[ids[2]]);
  const placed = await boardState(page);
  const again = async () => {
    await page.reload();
    await page.waitForSelector(sel("sort-board"));
  };
  await again();
  assert.deepEqual(await dealt(page), ids, "the same cards in the same order");
  assert.deepEqual(await boardState(page), placed, "the same cards in the same zones");
  assert.equal(await page.textContent(sel("sort-status")), "3 of 8 placed.");

  await placeAll(page, ids, { [ids[5]]: wrongTag(ids[5]) });
  await check(page);
  const checked = await boardState(page);
  const status = await page.textContent(sel("sort-status"));
  assert.equal(status, "6 right so far. Sort the cards back in the tray: 2 tries left.");
  const misses = await page.$$eval(".sort-miss", (els) => els.map((e) => e.textContent));
  await again();
  assert.deepEqual(await boardState(page), checked, "locks and places survive");
  assert.equal(await page.textContent(sel("sort-status")), status, "and the tries left");
  assert.deepEqual(await page.$$eval(".sort-miss", (els) => els.map((e) => e.textContent)), misses);

  // Use one more try, reload, and finish.
  await place(page, ids[1], TAG_OF[ids[1]]);
  await place(page, ids[5], otherWrong(ids[5], wrongTag(ids[5])));
  await check(page);
  assert.equal(await page.textContent(sel("sort-status")), "7 right so far. Sort the cards back in the tray: 1 try left.");
  await again();
  assert.equal(await page.textContent(sel("sort-status")), "7 right so far. Sort the cards back in the tray: 1 try left.");
  await place(page, ids[5], TAG_OF[ids[5]]);
  await check(page);
  await page.waitForSelector(`${sel("sort-board")}[data-finished="true"]`);
  await again();
  assert.equal(await page.getAttribute(sel("sort-board"), "data-finished"), "true", "the finished board after a reload");
  assert.match(await page.textContent(sel("sort-status")), /^6 of 8 right the first time \(75%\), passed/);

  const progress = JSON.parse(await storedProgress(page));
  const deck = progress.decks[DECK.id];
  assert.equal(deck.history.length, 1, "one round recorded, once");
  assert.deepEqual({ correct: deck.history[0].correct, total: deck.history[0].total }, { correct: 6, total: 8 });
  assert.ok(Object.keys(deck.attempts).some((k) => k.startsWith("sort")), `a sort plan: ${Object.keys(deck.attempts)}`);
  await goTo(page, "progress");
  await page.waitForSelector(sel("stats"));
  assert.equal(await page.getAttribute(`${sel("history-chart")} svg`, "aria-label"), "Score of your last attempt: 75%.");
  assert.match(await page.textContent(sel("history-chart")), /6 \/ 8 \(75%\)/);
  assert.deepEqual(problems(s), []);
});

test("embedded on another origin: the frame's height follows the cards, and the host gets one answered statement per card", async (t) => {
  const query = `?embed=1&mode=sort&parentOrigin=${encodeURIComponent(hosts.origin)}`;
  const s = await openFramed(t, ctx.browser, hostPageUrl(hosts, ctx.server.appUrl, { query, dialect: "rolecall" }));
  const { page, frame } = s;
  await frame.click(sel("deal"));
  await frame.waitForSelector(sel("sort-board"));
  const ids = await dealt(frame);
  /** Waits until the host has set the frame to the height of the app's content; returns it. */
  const tracked = async (label) => {
    await frame.waitForFunction(() => Math.abs(innerHeight - document.querySelector(".app").getBoundingClientRect().height) <= 3, null, { timeout: 5000 }).catch(() => {});
    const m = await frame.evaluate(() => ({ content: document.querySelector(".app").getBoundingClientRect().height, viewport: innerHeight, scroll: document.documentElement.scrollHeight }));
    assert.ok(Math.abs(m.content - m.viewport) <= 3, `${label}: frame ${m.viewport}px tracks content ${m.content}px`);
    assert.ok(m.scroll <= m.viewport + 1, `${label}: no scrollbar in the frame`);
    return m.viewport;
  };
  const heights = [await tracked("dealt")];
  const sent = await page.evaluate(() => window.heights.length);
  const wrong = { [ids[2]]: wrongTag(ids[2]), [ids[7]]: wrongTag(ids[7]) };
  for (const id of ids) {
    await place(frame, id, wrong[id] ?? TAG_OF[id]);
    heights.push(await tracked(`after placing ${id}`));
  }
  assert.ok(new Set(heights).size > 1, `the frame's height changed as cards moved: ${heights}`);
  assert.notEqual(heights.at(-1), heights[0], "the tray emptied: another height");
  const reported = await page.evaluate(() => window.heights.length);
  assert.ok(reported > sent, `resize messages came while the cards moved (${reported - sent})`);

  // First check: every card answered, once, with its first placement.
  await check(frame);
  await caughtUp(page, frame);
  let msgs = await fromApp(page);
  assert.ok(msgs.every((m) => m.origin === ctx.server.origin));
  let statements = msgs.filter((m) => m.data.type === "rolecall:xapi").map((m) => m.data.statement);
  assert.equal(statements.length, 8, "one statement per card, and no verdict while tries are left");
  // Fixed and checked again: no more answers, then completed and passed.
  for (const id of Object.keys(wrong)) await place(frame, id, TAG_OF[id]);
  await check(frame);
  await frame.waitForSelector(`${sel("sort-board")}[data-finished="true"]`);
  await page.waitForFunction(() => window.received.some((m) => m.data?.type === "rolecall:completed"));
  await caughtUp(page, frame);
  msgs = await fromApp(page);
  statements = msgs.filter((m) => m.data.type === "rolecall:xapi").map((m) => m.data.statement);
  for (const st of statements) assertValidStatement(st);
  const verb = (st) => st.verb.id.split("/").at(-1);
  assert.deepEqual(statements.map(verb), [...Array(8).fill("answered"), "completed", "passed"]);
  const answered = statements.slice(0, 8);
  assert.deepEqual(answered.map((st) => st.object.id.split("/").at(-1)).sort(), [...ids].sort(), "each card once");
  for (const st of answered) {
    const id = st.object.id.split("/").at(-1);
    const def = st.object.definition;
    assert.equal(def.interactionType, "choice");
    assert.deepEqual(def.choices.map((c) => c.id), CATS);
    assert.deepEqual(def.correctResponsesPattern, [TAG_OF[id]]);
    assert.equal(st.result.response, wrong[id] ?? TAG_OF[id], `${id}: the first placement`);
    assert.equal(st.result.success, !wrong[id]);
  }
  const registration = statements[0].context.registration;
  assert.ok(statements.every((st) => st.context.registration === registration), "one registration for the round");
  const [completed, passed] = statements.slice(8);
  assert.deepEqual({ raw: completed.result.score.raw, max: completed.result.score.max }, { raw: 6, max: 8 });
  assert.equal(passed.result.success, true);
  assert.equal(msgs.filter((m) => m.data.type === "rolecall:answered").length, 8);
  const done = msgs.find((m) => m.data.type === "rolecall:completed").data;
  assert.deepEqual(done.score, { raw: 6, max: 8, percent: 75 });
  assert.equal(done.passed, true);
  assert.deepEqual(problems(s), []);
});

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** axe's violations on the page, as readable lines (empty when none). */
async function axe(page, label) {
  await settle(page);
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = result.violations.map((v) => `${label}: ${v.id} (${v.impact}) ${v.help}\n${v.nodes.slice(0, 6).map((n) => `    at ${n.target.join(" > ")}\n      ${(n.failureSummary || "").replace(/\n/g, "\n      ")}`).join("\n")}`);
  const h1s = await page.$$eval("h1", (els) => els.length);
  if (h1s !== 1) found.push(`${label}: ${h1s} h1 elements`);
  return found;
}

for (const scheme of ["light", "dark"]) {
  test(`axe: the sort start, the board mid-round with a card held, after a check and finished [${scheme}]`, async (t) => {
    const s = await open(t, ctx.browser, `${ctx.server.appUrl}#/sort`, { colorScheme: scheme });
    const page = s.page;
    const found = [];
    await page.waitForSelector(sel("sort-start"));
    found.push(...(await axe(page, "sort start")));
    await page.click(sel("deal"));
    await page.waitForSelector(sel("sort-board"));
    const ids = await dealt(page);
    found.push(...(await axe(page, "board dealt")));
    const wrong = { [ids[0]]: wrongTag(ids[0]), [ids[5]]: wrongTag(ids[5]) };
    for (const id of ids.slice(0, 4)) await place(page, id, wrong[id] ?? TAG_OF[id]);
    await page.click(body(ids[4]));
    await page.waitForSelector(".sort-move-bar");
    found.push(...(await axe(page, "board mid-round, a card held")));
    await page.click(body(ids[4]));
    await page.waitForSelector(".sort-move-bar", { state: "detached" });
    await placeAll(page, ids, wrong);
    await check(page);
    await page.click(`${card(ids[1])} ${sel("sort-why")} summary`);
    await page.waitForSelector(`${card(ids[1])} ${sel("sort-why")}[open]`);
    found.push(...(await axe(page, "board after a check (locks, misses, an explanation open)")));
    for (const id of Object.keys(wrong)) await place(page, id, TAG_OF[id]);
    await check(page);
    await page.waitForSelector(`${sel("sort-board")}[data-finished="true"]`);
    found.push(...(await axe(page, "board finished")));
    await s.close();

    const r = await deal(t, "?retries=0", { colorScheme: scheme });
    await placeAll(r.page, r.ids, { [r.ids[2]]: wrongTag(r.ids[2]) });
    await check(r.page);
    found.push(...(await axe(r.page, "retries=0: wrong card marked")));
    await r.page.click(sel("sort-reveal"));
    await r.page.waitForSelector('[data-state="shown"]');
    found.push(...(await axe(r.page, "retries=0: shown where it belongs")));
    assert.equal(found.length, 0, `\n${found.length} accessibility problems:\n\n${found.join("\n\n")}\n`);
  });
}

test("reduced motion: the cards do not animate", async (t) => {
  /** The longest transition on a card, in seconds. */
  const longest = (page) =>
    page.$eval(sel("sort-card"), (el) => Math.max(...getComputedStyle(el).transitionDuration.split(",").map((x) => (x.trim().endsWith("ms") ? parseFloat(x) / 1000 : parseFloat(x)))));
  const moving = await deal(t, "", { reducedMotion: "no-preference" });
  assert.ok((await longest(moving.page)) > 0.05, "without the preference a card's shadow eases");
  await moving.close();
  const still = await deal(t, "", { reducedMotion: "reduce" });
  assert.ok((await longest(still.page)) <= 0.00001, `with it, nothing eases (${await longest(still.page)}s)`);
  // Nor while a card is picked up.
  await still.page.click(body(still.ids[0]));
  await still.page.waitForSelector(".sort-card.picked");
  assert.ok((await longest(still.page)) <= 0.00001);
});

for (const width of [320, 390, 1280]) {
  test(`screenshots of the board mid-round and after a check at ${width}px`, async (t) => {
    const { page, ids } = await deal(t, "", { viewport: { width, height: width < 600 ? 800 : 900 } });
    await screenshot(page, `sort-dealt-${width}`);
    const wrong = { [ids[1]]: wrongTag(ids[1]), [ids[3]]: wrongTag(ids[3]) };
    for (const id of ids.slice(0, 4)) await place(page, id, wrong[id] ?? TAG_OF[id]);
    await page.click(body(ids[4]));
    await page.waitForSelector(".sort-move-bar");
    await page.evaluate(() => window.scrollTo(0, 0));
    await settle(page);
    // The viewport, not the full page: the bar sits at the window's bottom edge.
    await page.screenshot({ path: (await screenshot(page, `sort-mid-${width}`)).replace(/\.png$/, "-view.png") });
    assert.equal(await horizontalOverflow(page), 0, "no horizontal scrolling mid-round");
    await page.click(body(ids[4]));
    await page.waitForSelector(".sort-move-bar", { state: "detached" });
    await placeAll(page, ids, wrong);
    await check(page);
    await settle(page);
    await screenshot(page, `sort-checked-${width}`);
    assert.equal(await horizontalOverflow(page), 0, "no horizontal scrolling after the check");
    for (const id of Object.keys(wrong)) await place(page, id, TAG_OF[id]);
    await check(page);
    await page.waitForSelector(`${sel("sort-board")}[data-finished="true"]`);
    await settle(page);
    await screenshot(page, `sort-finished-${width}`);
    assert.equal(await horizontalOverflow(page), 0, "no horizontal scrolling when finished");
  });
}
