// The app loads under a sub-path with a clean console, shows its first screen, and is screenshotted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { suite, open, problems, screenshot, horizontalOverflow, sel, ARTIFACTS, DECK, WIDTHS } from "./harness.mjs";

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

/** The width and height a PNG file declares in its IHDR chunk, after checking the signature. */
function pngSize(bytes) {
  assert.ok(bytes.length > 33, `a PNG has a signature and an IHDR chunk (got ${bytes.length} bytes)`);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "PNG signature");
  assert.equal(bytes.toString("latin1", 12, 16), "IHDR", "the first chunk is IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

for (const [name, viewport] of WIDTHS) {
  test(`screenshot of the first screen at ${name} width`, async (t) => {
    const s = await open(t, ctx.browser, ctx.server.appUrl, { viewport });
    await s.page.waitForSelector(sel("home"));
    // A picture left by an earlier run must not pass for this one.
    await rm(path.join(ARTIFACTS, "screens", `home-${name}.png`), { force: true });
    const file = await screenshot(s.page, `home-${name}`);
    // The file is a PNG of the whole page: the viewport's width, the document's full height.
    const height = await s.page.evaluate(() => Math.max(document.documentElement.scrollHeight, innerHeight));
    assert.deepEqual(pngSize(await readFile(file)), { width: viewport.width, height });
    // Nothing may overflow the viewport horizontally.
    assert.equal(await horizontalOverflow(s.page), 0);
  });
}
