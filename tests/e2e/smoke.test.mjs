// The app loads under a sub-path with a clean console, shows its first screen, and is screenshotted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, open, problems, screenshot, DECK, PHONE, DESKTOP } from "./harness.mjs";

const ctx = suite();

test("loads under a sub-path with no console errors, warnings or failed requests", async () => {
  const s = await open(ctx.browser, ctx.server.appUrl);
  await s.page.waitForSelector('[data-testid="home"]');
  assert.deepEqual(problems(s), []);
  assert.deepEqual(s.failed, []);
  await s.close();
});

test("the first screen shows the title, the task and the article's attribution", async () => {
  const s = await open(ctx.browser, ctx.server.appUrl);
  const page = s.page;
  assert.equal(await page.textContent('[data-testid="app-title"]'), "RoleCall");
  assert.equal(await page.textContent('[data-testid="tagline"]'), "Tag each statement DevOps, Platform or Both.");
  const attribution = await page.textContent('[data-testid="attribution"]');
  assert.match(attribution, new RegExp(DECK.source.title.replace(/[.!?]/g, "\\$&")));
  assert.match(attribution, /Sandip Das/);
  assert.match(attribution, /27 October 2023/);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.ok(await page.$('[data-testid="enter-quiz"]'));
  assert.ok(await page.$('[data-testid="enter-cards"]'));
  assert.equal(await page.title(), "RoleCall: DevOps vs Platform Engineering");
  await s.close();
});

for (const [name, viewport] of [["phone", PHONE], ["desktop", DESKTOP]]) {
  test(`screenshot of the first screen at ${name} width`, async () => {
    const s = await open(ctx.browser, ctx.server.appUrl, { viewport });
    await s.page.waitForSelector('[data-testid="home"]');
    const file = await screenshot(s.page, `home-${name}`);
    assert.ok(file.endsWith(".png"));
    // Nothing may overflow the viewport horizontally.
    const overflow = await s.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0);
    await s.close();
  });
}
