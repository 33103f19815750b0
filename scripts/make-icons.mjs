// Renders static/favicon.svg to the PNG icons the web manifest and iOS need.
// Run once after changing the logo: node scripts/make-icons.mjs
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { execSync } from "node:child_process";

const svg = readFileSync(new URL("../static/favicon.svg", import.meta.url), "utf8");
const browser = await chromium.launch({ executablePath: execSync("command -v chromium").toString().trim(), args: ["--no-sandbox", "--disable-gpu"] });
for (const [name, size, pad] of [["icon-192.png", 192, 0], ["icon-512.png", 512, 0], ["apple-touch-icon.png", 180, 0]]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<style>html,body{margin:0;background:#2b3494}svg{display:block;width:${size - 2 * pad}px;height:${size - 2 * pad}px;margin:${pad}px}</style>${svg.replace('rx="14"', 'rx="0"')}`);
  await page.screenshot({ path: `static/${name}` });
  await page.close();
  console.log(`static/${name}`);
}
await browser.close();
