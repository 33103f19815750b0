// The app loads under a sub-path with a clean console, shows its first screen, and is screenshotted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, open, problems, screenshot, horizontalOverflow, sel, DECK, WIDTHS } from "./harness.mjs";

const ctx = suite();

test("loads under a sub-path with no console errors, warnings or failed requests", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl);
  await s.page.waitForSelector(sel("home"));
  assert.deepEqual(problems(s), []);
  assert.deepEqual(s.failed, []);
});

test("the first screen shows the title, the task and the article's attribution", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.appUrl);
  const page = s.page;
  assert.equal(await page.textContent(sel("app-title")), "RoleCall");
  assert.equal(await page.textContent(sel("tagline")), "Tag each statement DevOps, Platform or Both.");
  const attribution = await page.textContent(sel("attribution"));
  assert.match(attribution, new RegExp(DECK.source.title.replace(/[.!?]/g, "\\$&")));
  assert.match(attribution, /Sandip Das/);
  assert.match(attribution, /27 October 2023/);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.ok(await page.$(sel("enter-quiz")));
  assert.ok(await page.$(sel("enter-cards")));
  assert.equal(await page.title(), "RoleCall: DevOps vs Platform Engineering");
});

for (const [name, viewport] of WIDTHS) {
  test(`screenshot of the first screen at ${name} width`, async (t) => {
    const s = await open(t, ctx.browser, ctx.server.appUrl, { viewport });
    await s.page.waitForSelector(sel("home"));
    const file = await screenshot(s.page, `home-${name}`);
    assert.ok(file.endsWith(".png"));
    // Nothing may overflow the viewport horizontally.
    assert.equal(await horizontalOverflow(s.page), 0);
  });
}
