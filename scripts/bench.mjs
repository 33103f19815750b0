// RoleCall benchmark: figures, not pass/fail tests. Every figure is printed with its ratio to a
// Yew hello world (bench/baseline) built in the same run with the same profile and tools.
//
//   node scripts/bench.mjs            full run (11 interleaved cold loads, 50 answers, Lighthouse)
//   node scripts/bench.mjs --quick    CI mode: 3 cold loads, 15 answers, one Lighthouse run
//   node scripts/bench.mjs --strict   exit 1 if a budget is missed
//
// Expects dist/ to be a fresh release build (`make bench` builds it). Writes artifacts/bench.json.
import { execFileSync, spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { serve, launch, chromiumPath, respond, ROOT, DIST, ARTIFACTS } from "../tests/e2e/harness.mjs";

const QUICK = process.argv.includes("--quick");
const STRICT = process.argv.includes("--strict");
const LOADS = QUICK ? 3 : 11;
const ANSWERS = QUICK ? 15 : 50;
const BASELINE = path.join(ROOT, "bench/baseline");
// The learner page's budgets (the studio's size is printed, with no budget).
const BUDGET = { learnerGzipKB: 170, loadRatio: 1.6, paintRatio: 1.0, answerP95Ms: 8, lighthouse: 100 };

const results = { mode: QUICK ? "quick" : "full", budgets: BUDGET };
const misses = [];
const fmt = (n, d = 1) => Number(n).toFixed(d);
const kb = (n) => `${fmt(n / 1024)} KB`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
function budget(label, ok, detail) {
  console.log(`  budget ${label}: ${ok ? "met" : "MISSED"} (${detail})`);
  if (!ok) misses.push(label);
}

// --- Build the baseline --------------------------------------------------------------------
console.log("==> building the baseline (Yew hello world, same profile and tools)");
execFileSync("trunk", ["build", "--release"], { cwd: BASELINE, stdio: ["ignore", "ignore", "inherit"] });

// --- Sizes -------------------------------------------------------------------------------
function sizes(dir) {
  const kinds = { wasm: /\.wasm$/, js: /^(?!sw\.js$).*\.js$/, css: /\.css$/, html: /^index\.html$/ };
  const out = {};
  for (const [kind, re] of Object.entries(kinds)) {
    // The app for LMS launches sits beside the plain one; learners outside an LMS never load it.
    const files = readdirSync(dir).filter((f) => re.test(f) && !f.startsWith("embed-example") && !f.startsWith("rolecall-lms-") && statSync(path.join(dir, f)).isFile());
    const bytes = Buffer.concat(files.map((f) => readFileSync(path.join(dir, f))));
    out[kind] = {
      raw: bytes.length,
      gzip: zlib.gzipSync(bytes, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  }
  out.total = ["raw", "gzip", "brotli"].reduce((t, k) => ({ ...t, [k]: Object.values(out).reduce((s, v) => s + v[k], 0) }), {});
  return out;
}
const appSizes = sizes(DIST);
const baseSizes = sizes(path.join(BASELINE, "dist"));
const studioSizes = sizes(path.join(DIST, "studio"));
results.sizes = { app: appSizes, baseline: baseSizes, studio: studioSizes };
console.log("\n==> transfer size (app / baseline)");
console.log("  kind    raw                  gzip                 brotli");
for (const kind of ["wasm", "js", "css", "html", "total"]) {
  const row = ["raw", "gzip", "brotli"].map((k) => `${kb(appSizes[kind][k]).padStart(9)} / ${kb(baseSizes[kind][k]).padStart(8)}`);
  console.log(`  ${kind.padEnd(6)}${row.join("  ")}`);
}
const gzipRatio = appSizes.total.gzip / baseSizes.total.gzip;
console.log(`  total gzip ratio app/baseline: ${fmt(gzipRatio, 2)}x`);
console.log(`  studio page (not downloaded by learners): ${kb(studioSizes.total.raw)} raw, ${kb(studioSizes.total.gzip)} gzip, ${kb(studioSizes.total.brotli)} brotli (wasm ${kb(studioSizes.wasm.gzip)} gzip)`);
// What an LMS launch loads instead of the plain app's wasm and glue.
const lmsFiles = readdirSync(DIST).filter((f) => /^rolecall-lms-.*\.(wasm|js)$/.test(f));
const lmsGzip = lmsFiles.reduce((n, f) => n + zlib.gzipSync(readFileSync(path.join(DIST, f)), { level: 9 }).length, 0);
results.sizes.lms = { files: lmsFiles, gzip: lmsGzip };
console.log(`  app for LMS launches (wasm and glue, instead of the plain app's): ${kb(lmsGzip)} gzip, ${kb(lmsGzip - appSizes.wasm.gzip - appSizes.js.gzip)} more than the plain app's`);
budget(
  `learner page gzip <= ${BUDGET.learnerGzipKB} KB`,
  appSizes.total.gzip <= BUDGET.learnerGzipKB * 1024,
  `${kb(appSizes.total.gzip)}, ${fmt(gzipRatio, 2)}x baseline; brotli ${kb(appSizes.total.brotli)}`,
);

// --- Browser figures ---------------------------------------------------------------------
const bigDeck = {
  format: 1,
  id: "bench-10k",
  title: "Benchmark deck",
  description: "10,000 generated statements.",
  language: "en",
  categories: ["alpha", "beta", "gamma"].map((id) => ({ id, label: id[0].toUpperCase() + id.slice(1), description: `The ${id} side.` })),
  statements: Array.from({ length: 10000 }, (_, i) => ({
    id: `s${i}`,
    text: `Generated statement number ${i}, long enough to look like a real sentence from a deck.`,
    tag: ["alpha", "beta", "gamma"][i % 3],
    explanation: `Statement ${i} belongs to ${["alpha", "beta", "gamma"][i % 3]} because the generator says so.`,
    quote: "A quote that supports the answer, as decks usually carry one.",
    difficulty: (i % 3) + 1,
  })),
};
const app = await serve({ routes: { "/bench/deck-10k.json": respond(JSON.stringify(bigDeck)) } });
const base = await serve({ dist: () => path.join(BASELINE, "dist") });
const browser = await launch();

const MARK_READY = () => {
  // First contentful paint and the latest largest-contentful-paint candidate, as the page saw them.
  window.__paints = { fcp: null, lcp: null };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === "first-contentful-paint") window.__paints.fcp = e.startTime;
  }).observe({ type: "paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__paints.lcp = e.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new MutationObserver((_, obs) => {
    if (document.documentElement.hasAttribute("data-ready") && window.__readyAt === undefined) {
      window.__readyAt = performance.now();
      obs.disconnect();
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-ready"] });
};

async function coldLoad(url, readySelector = "html[data-ready]") {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await context.addInitScript(MARK_READY);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.goto(url);
  await page.waitForSelector(readySelector, { timeout: 60000 });
  const at = await page.evaluate(() => window.__readyAt ?? performance.now());
  // LCP settles once the page has painted its last large element; give it a frame or two.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const { fcp, lcp } = await page.evaluate(() => window.__paints);
  await context.close();
  return { ready: at, fcp, lcp };
}

console.log(`\n==> cold load to ready, mobile emulation (4x CPU, 150 ms, 1.6 Mbps), ${LOADS} interleaved loads each`);
const appRuns = [];
const baseRuns = [];
for (let i = 0; i < LOADS; i++) {
  appRuns.push(await coldLoad(app.appUrl + "#/quiz"));
  baseRuns.push(await coldLoad(base.appUrl));
}
const appLoads = appRuns.map((r) => r.ready);
const baseLoads = baseRuns.map((r) => r.ready);
const fcps = appRuns.map((r) => r.fcp).filter((x) => x !== null);
const lcps = appRuns.map((r) => r.lcp).filter((x) => x !== null);
const loadRatio = median(appLoads) / median(baseLoads);
const fcpRatio = median(fcps) / median(baseLoads);
const lcpRatio = median(lcps) / median(baseLoads);
results.load = {
  appMs: appLoads,
  baselineMs: baseLoads,
  medianApp: median(appLoads),
  medianBaseline: median(baseLoads),
  ratio: loadRatio,
  fcpMs: fcps,
  lcpMs: lcps,
  baselineFcpMs: baseRuns.map((r) => r.fcp),
  fcpRatio,
  lcpRatio,
};
console.log(`  app median ${fmt(median(appLoads), 0)} ms, baseline median ${fmt(median(baseLoads), 0)} ms, ratio ${fmt(loadRatio, 2)}x`);
console.log(`  app first contentful paint median ${fmt(median(fcps), 0)} ms, largest contentful paint median ${fmt(median(lcps), 0)} ms (baseline's FCP ${fmt(median(baseRuns.map((r) => r.fcp)), 0)} ms)`);
budget(`cold load to ready <= ${BUDGET.loadRatio}x baseline`, loadRatio <= BUDGET.loadRatio, `${fmt(loadRatio, 2)}x`);
budget(`first contentful paint <= ${BUDGET.paintRatio}x baseline's ready`, fcpRatio <= BUDGET.paintRatio, `${fmt(fcpRatio, 2)}x`);
budget(`largest contentful paint <= ${BUDGET.paintRatio}x baseline's ready`, lcpRatio <= BUDGET.paintRatio, `${fmt(lcpRatio, 2)}x`);

console.log(`\n==> answer click to feedback, ${ANSWERS} answers (desktop, no throttling)`);
{
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => addEventListener("TrunkApplicationStarted", (e) => (window.__wasm = e.detail.wasm)));
  const page = await context.newPage();
  await page.goto(app.appUrl + "#/quiz?n=all");
  await page.click('[data-testid="length-all"]');
  await page.click('[data-testid="start-quiz"]');
  // Clicks `selector` and measures, in the page: the app's own work, the time to the painted
  // frame, and whether feedback was on screen in that frame.
  const timeClick = (selector) =>
    page.evaluate(
      (selector) =>
        new Promise((resolve) => {
          const channel = new MessageChannel();
          const t0 = performance.now();
          // A message posted now is delivered after the click's tasks and microtasks (Yew's
          // render, effects, storage write and focus) have run: that is the app's own work.
          channel.port1.onmessage = () => {
            const work = performance.now() - t0;
            // The next frame paints the result; a message posted from its rAF arrives after it.
            requestAnimationFrame(() => {
              const feedback = document.querySelector('[data-testid="feedback"]') !== null;
              const c2 = new MessageChannel();
              c2.port1.onmessage = () => resolve({ work, paint: performance.now() - t0, feedback });
              c2.port2.postMessage(0);
            });
          };
          document.querySelector(selector).click();
          channel.port2.postMessage(0);
        }),
      selector,
    );
  const work = [];
  const paint = [];
  for (let i = 0; i < ANSWERS; i++) {
    const t = await timeClick('[data-testid="tag-picker"] button');
    if (!t.feedback) throw new Error("feedback was not shown by the next frame");
    work.push(t.work);
    paint.push(t.paint);
    await page.click('[data-testid="next"]');
    await page.waitForSelector('[data-testid="results"], [data-testid="statement"]');
    if (await page.$('[data-testid="results"]')) {
      await page.click('[data-testid="new-quiz"]');
      await page.waitForSelector('[data-testid="statement"]');
    }
  }
  // The floor of the painted figure: the same measurement around a click that changes nothing
  // (on the page's heading), which only waits for the next frame.
  const floor = [];
  for (let i = 0; i < ANSWERS; i++) floor.push((await timeClick("h1, h2")).paint);
  results.answer = {
    workMs: work,
    paintMs: paint,
    floorMs: floor,
    workMedian: median(work),
    workP95: pct(work, 95),
    paintMedian: median(paint),
    paintP95: pct(paint, 95),
    floorMedian: median(floor),
    floorP95: pct(floor, 95),
  };
  console.log(`  app work (render, effects, save, focus): median ${fmt(median(work))} ms, p95 ${fmt(pct(work, 95))} ms, first answer ${fmt(work[0])} ms`);
  console.log(`  to the painted frame (includes waiting for the display's next frame): median ${fmt(median(paint))} ms, p95 ${fmt(pct(paint, 95))} ms`);
  console.log(`  the same around a click that changes nothing (the frame-wait floor): median ${fmt(median(floor))} ms, p95 ${fmt(pct(floor, 95))} ms`);
  results.answer.firstMs = work[0];
  budget(
    `answer work p95 < ${BUDGET.answerP95Ms} ms, the first answer too`,
    pct(work, 95) < BUDGET.answerP95Ms && work[0] < BUDGET.answerP95Ms,
    `p95 ${fmt(pct(work, 95))} ms, first ${fmt(work[0])} ms`,
  );

  const cdp = await context.newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const heap = await cdp.send("Runtime.getHeapUsage");
  const wasmBytes = await page.evaluate(() => window.__wasm?.memory?.buffer.byteLength ?? 0);
  results.memory = { jsHeapUsed: heap.usedSize, wasmMemory: wasmBytes };
  console.log(`\n==> memory after ${ANSWERS} answers: JS heap ${kb(heap.usedSize)}, wasm memory ${kb(wasmBytes)}`);
  await context.close();
}

console.log("\n==> custom deck of 10,000 statements: load to quiz start screen (desktop)");
{
  const timeTo = async (url) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(url);
    await page.waitForSelector('[data-testid="quiz-start"]', { timeout: 60000 });
    const ms = Date.now() - t0;
    await context.close();
    return ms;
  };
  const big = [];
  const small = [];
  for (let i = 0; i < (QUICK ? 1 : 3); i++) {
    big.push(await timeTo(`${app.appUrl}?deck=${encodeURIComponent(app.origin + "/bench/deck-10k.json")}#/quiz`));
    small.push(await timeTo(`${app.appUrl}#/quiz`));
  }
  results.bigDeck = { ms: big, builtinMs: small };
  console.log(`  10,000 statements: median ${median(big)} ms (built-in deck: ${median(small)} ms, ratio ${fmt(median(big) / median(small), 2)}x)`);
}

await browser.close();

// --- Lighthouse -------------------------------------------------------------------------
console.log("\n==> Lighthouse 12, mobile preset");
try {
  const out = path.join(ARTIFACTS, "lighthouse.json");
  mkdirSync(ARTIFACTS, { recursive: true });
  // Spawned asynchronously: the servers Lighthouse loads from live in this process.
  await new Promise((resolve, reject) => {
    const child = spawn(
      path.join(ROOT, "node_modules/.bin/lighthouse"),
      [
        app.appUrl,
        "--quiet",
        "--output=json",
        `--output-path=${out}`,
        "--only-categories=performance,accessibility,best-practices,seo",
        `--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-quic`,
      ],
      { env: { ...process.env, CHROME_PATH: chromiumPath() }, stdio: ["ignore", "ignore", "inherit"] },
    );
    const timer = setTimeout(() => child.kill(), 240000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      code === 0 ? resolve() : reject(new Error(`lighthouse exited with ${code}`));
    });
  });
  const report = JSON.parse(readFileSync(out, "utf8"));
  const scores = Object.fromEntries(Object.entries(report.categories).map(([k, v]) => [k, Math.round(v.score * 100)]));
  results.lighthouse = scores;
  console.log(`  ${Object.entries(scores).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  budget(
    `Lighthouse mobile ${BUDGET.lighthouse} in all four`,
    Object.values(scores).every((v) => v >= BUDGET.lighthouse),
    Object.values(scores).join(" / "),
  );
  const below = Object.entries(report.audits)
    .filter(([, a]) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual")
    .map(([id]) => id);
  if (below.length) console.log(`  audits below full marks: ${below.join(", ")}`);
} catch (e) {
  console.log(`  Lighthouse could not run: ${e.message.split("\n")[0]}`);
  results.lighthouse = null;
  budget(`Lighthouse mobile ${BUDGET.lighthouse} in all four`, false, "did not run");
}

await app.close();
await base.close();
mkdirSync(ARTIFACTS, { recursive: true });
writeFileSync(path.join(ARTIFACTS, "bench.json"), JSON.stringify(results, null, 2));
console.log(`\n==> figures written to artifacts/bench.json; budgets ${misses.length ? "missed: " + misses.join("; ") : "all met"}`);
if (STRICT && misses.length) process.exit(1);
