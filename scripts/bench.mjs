// RoleCall benchmark: figures, not pass/fail tests. Every figure is printed with its ratio to a
// Yew hello world (bench/baseline) built in the same run with the same profile and tools; sort
// mode's drag against the same board as static HTML, its wasm as a share of the learner's.
//
//   node scripts/bench.mjs            full run (11 interleaved cold loads, 50 answers, 5 sort-mode
//                                     drags, sort mode's wasm re-optimized without it, Lighthouse)
//   node scripts/bench.mjs --quick    CI mode: 3 cold loads, 15 answers, one drag, one Lighthouse run
//   node scripts/bench.mjs --strict   exit 1 if a budget is missed
//
// Expects dist/ to be a fresh release build (`make bench` builds it). Writes artifacts/bench.json.
import { execFileSync, spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync, mkdirSync, writeFileSync, existsSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { serve, launch, chromiumPath, respond, ROOT, DIST, ARTIFACTS } from "../tests/e2e/harness.mjs";

const QUICK = process.argv.includes("--quick");
const STRICT = process.argv.includes("--strict");
const LOADS = QUICK ? 3 : 11;
const ANSWERS = QUICK ? 15 : 50;
const DRAGS = QUICK ? 1 : 5;
const BASELINE = path.join(ROOT, "bench/baseline");
// The learner page's budgets (the studio's size is printed, with no budget). Sort mode: the
// frames a card drag drops on an emulated phone (60 fps target), and the gzip bytes of the
// learner's wasm its code accounts for.
const BUDGET = {
  learnerGzipKB: 170,
  loadRatio: 1.6,
  paintRatio: 1.0,
  answerP95Ms: 8,
  lighthouse: 100,
  dragDroppedPct: 5,
  sortWasmGzipKB: 12,
};

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

// --- Sort mode's share of the learner's wasm -------------------------------------------------
// Which bytes are sort mode's is read from function names. Trunk keeps its intermediate files
// in target/: the wasm-bindgen output (names kept, demangled) that wasm-opt then shrinks into
// dist/. Every run: the functions named in `components::sort_board`, `core::sort` and the
// screen's sort screens (closures, trait impls and drop glue of their types included) are
// summed in that module, and their gzip share is what gzip of the module saves when their
// bodies are left out. That is before wasm-opt, whose inlining moves code into callers with
// generic names; what LLVM inlined into other modules' functions is not counted either. The
// full run also empties those bodies (`unreachable`) and runs the build's wasm-opt again: the
// shipped wasm less the result also counts the code only sort mode reached.
const SORT_CODE = /rolecall::(components::sort_board::|core::sort::|app::screen::sort_)|QuizPlan>?::(is_)?sort_key/;

/** A wasm module's sections, function bodies, custom sections and function names. */
function wasmFunctions(buf) {
  let p = 8;
  const u32 = () => {
    let r = 0;
    for (let shift = 0; ; shift += 7) {
      const b = buf[p++];
      r += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return r;
    }
  };
  const str = () => {
    const n = u32();
    p += n;
    return buf.toString("utf8", p - n, p);
  };
  const limits = () => (buf[p++] & 1 ? (u32(), u32()) : u32());
  let imported = 0;
  const bodies = [];
  const custom = [];
  const names = new Map();
  const sections = [];
  while (p < buf.length) {
    const head = p;
    const id = buf[p++];
    const end = u32() + p;
    const section = { id, head, end };
    sections.push(section);
    if (id === 2) {
      // Imported functions come first in the function index space.
      for (let n = u32(); n > 0; n--) {
        str();
        str();
        const kind = buf[p++];
        if (kind === 0) (imported++, u32());
        else if (kind === 1) (p++, limits());
        else if (kind === 2) limits();
        else if (kind === 3) p += 2;
        else throw new Error(`import kind ${kind}`);
      }
    } else if (id === 10) {
      for (let n = u32(); n > 0; n--) {
        const from = p;
        const size = u32();
        p += size;
        bodies.push([from, p]);
      }
    } else if (id === 0) {
      custom.push([head, end]);
      section.name = str();
      if (section.name === "name") {
        while (p < end) {
          const sub = buf[p++];
          const subEnd = u32() + p;
          if (sub === 1) for (let n = u32(); n > 0; n--) names.set(u32(), str());
          p = subEnd;
        }
      }
    }
    p = end;
  }
  return { bodies: bodies.map(([from, to], i) => ({ from, to, name: names.get(imported + i) ?? "" })), custom, sections, named: names.size };
}
function leb(n) {
  const out = [];
  do {
    out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n = Math.floor(n / 128);
  } while (n);
  return Buffer.from(out);
}
/** `buf` with the byte ranges `cut` left out. */
function without(buf, cut) {
  const parts = [];
  let at = 0;
  for (const [from, to] of [...cut].sort((a, b) => a[0] - b[0])) {
    parts.push(buf.subarray(at, from));
    at = to;
  }
  parts.push(buf.subarray(at));
  return Buffer.concat(parts);
}
const gzipLength = (buf) => zlib.gzipSync(buf, { level: 9 }).length;

console.log("\n==> the learner's wasm that sort mode accounts for");
{
  const target = process.env.CARGO_TARGET_DIR ? path.resolve(process.env.CARGO_TARGET_DIR) : path.join(ROOT, "target");
  const bound = path.join(target, "wasm-bindgen/release/rolecall_bg.wasm");
  const optimized = path.join(target, "wasm-opt/release/rolecall_bg.wasm");
  const shippedName = readdirSync(DIST).find((f) => /^rolecall-[0-9a-f]+_bg\.wasm$/.test(f));
  const shipped = shippedName && readFileSync(path.join(DIST, shippedName));
  // Only if target/ holds the build dist/ came from: trunk copies wasm-opt's output as it is.
  const fresh = shipped && existsSync(bound) && existsSync(optimized) && readFileSync(optimized).equals(shipped);
  const buf = fresh && readFileSync(bound);
  const { bodies, custom, sections, named } = fresh ? wasmFunctions(buf) : {};
  if (!fresh || named < bodies.length / 2) {
    console.log(
      fresh
        ? `  not measured: wasm-bindgen's output names ${named} of its ${bodies.length} functions (is the release profile stripping symbols?)`
        : "  not measured: target/ does not hold the intermediate files of the build in dist/ (run `trunk build --release` here)",
    );
    results.sortWasm = null;
    budget(`sort mode's wasm <= ${BUDGET.sortWasmGzipKB} KB gzip`, false, "not measured");
  } else {
    const mine = bodies.filter((f) => SORT_CODE.test(f.name));
    const code = bodies.reduce((n, f) => n + f.to - f.from, 0);
    const raw = mine.reduce((n, f) => n + f.to - f.from, 0);
    const whole = gzipLength(without(buf, custom));
    const gzip = whole - gzipLength(without(buf, [...custom, ...mine.map((f) => [f.from, f.to])]));
    results.sortWasm = { functions: mine.length, of: bodies.length, named, raw, code, gzip, moduleGzip: whole, shippedGzip: gzipLength(shipped) };
    console.log(
      `  by name, before wasm-opt (${mine.length} functions of sort_board, core::sort and the sort screens, with their closures, impls and drop glue): ` +
        `${kb(raw)} of ${kb(code)} of code (${fmt((100 * raw) / code)}%); gzip ${kb(gzip)}, ${fmt((100 * gzip) / whole)}% of the module's ${kb(whole)} (what leaving them out saves)`,
    );
    if (QUICK) console.log("  (the full run also empties them and runs the build's wasm-opt again)");
    else {
      // The same module with those bodies emptied, through the build's wasm-opt (flags from index.html).
      const link = readFileSync(path.join(ROOT, "index.html"), "utf8").match(/<link data-trunk rel="rust"[^>]*>/)[0];
      const level = link.match(/data-wasm-opt="([^"]+)"/)?.[1] ?? "z";
      const params = (link.match(/data-wasm-opt-params="([^"]*)"/)?.[1] ?? "").split(/\s+/).filter(Boolean);
      const stubs = new Set(mine.map((f) => f.from));
      const parts = [buf.subarray(0, 8)];
      for (const s of sections) {
        if (s.id === 10) {
          // A stub: size 3, no locals, `unreachable`, `end` (valid for any signature).
          const stub = Buffer.from([3, 0, 0x00, 0x0b]);
          const content = Buffer.concat([leb(bodies.length), ...bodies.map((f) => (stubs.has(f.from) ? stub : buf.subarray(f.from, f.to)))]);
          parts.push(Buffer.from([10]), leb(content.length), content);
        } else if (s.id !== 0 || s.name === "target_features" || s.name === "producers") {
          // Names and debug sections go, as wasm-opt drops them from the shipped wasm anyway.
          parts.push(buf.subarray(s.head, s.end));
        }
      }
      const dir = path.join(os.tmpdir(), `rolecall-bench-${process.pid}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "stubbed.wasm"), Buffer.concat(parts));
      execFileSync("nice", ["-n", "10", "wasm-opt", `-O${level}`, ...params, path.join(dir, "stubbed.wasm"), "-o", path.join(dir, "out.wasm")], { stdio: ["ignore", "ignore", "inherit"] });
      const out = readFileSync(path.join(dir, "out.wasm"));
      rmSync(dir, { recursive: true, force: true });
      const rest = { raw: shipped.length - out.length, gzip: gzipLength(shipped) - gzipLength(out) };
      results.sortWasm.reoptimized = rest;
      console.log(
        `  emptied and re-optimized (the build's wasm-opt -O${level}; also counts code only they reached): ` +
          `${kb(rest.raw)} raw, ${kb(rest.gzip)} gzip of the shipped wasm's ${kb(gzipLength(shipped))} (${fmt((100 * rest.gzip) / gzipLength(shipped))}%)`,
      );
    }
    budget(`sort mode's wasm <= ${BUDGET.sortWasmGzipKB} KB gzip (by name, before wasm-opt)`, gzip <= BUDGET.sortWasmGzipKB * 1024, `${kb(gzip)}`);
  }
}

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
// Served beside the app; the drag's baseline page joins them once captured.
const routes = { "/bench/deck-10k.json": respond(JSON.stringify(bigDeck)) };
const app = await serve({ routes });
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

// --- Sort mode: dropping frames while a card is dragged ---------------------------------------
// An emulated phone (390x844, 4x CPU throttling) drags the first card of a dealt board with the
// mouse: down the page to the bottom edge, where the board scrolls under the held card until the
// far zone is marked, back up to the top edge until the page is back at the top, and home to the
// tray, where it is let go (nothing changes, so a page serves every run). The page counts its
// frames with requestAnimationFrame; a gap of more than 1.5 display frames (16.7 ms) dropped
// round(gap / 16.7) - 1 of them. The baseline is the same board, captured from the app as static
// HTML without its scripts, whose card a few lines of plain JavaScript move the same way
// (transform on pointer moves, the zone under the pointer marked, the same edge scrolling): what
// the page's layout and paint cost, without the app.
const VSYNC = 1000 / 60;
const DRAG_BASELINE = `(() => {
  const SLOP = 6, EDGE = 56;
  let d = null;
  const zoneAt = (x, y) => d.zones.findIndex(([, l, t, r, b]) => x >= l && x <= r && y + scrollY >= t && y + scrollY <= b);
  const follow = (x, y) => {
    d.last = [x, y];
    d.item.style.setProperty("transform", "translate(" + (x - d.start[0]) + "px," + (y - d.start[1] + scrollY - d.scroll) + "px)");
    const over = zoneAt(x, y);
    if (over !== d.over) {
      d.zones[d.over]?.[0].classList.remove("drop-over");
      d.zones[over]?.[0].classList.add("drop-over");
      d.over = over;
    }
  };
  const end = () => {
    if (!d) return;
    clearInterval(d.scroller);
    d.item.style.removeProperty("transform");
    d.item.classList.remove("dragging");
    d.zones[d.over]?.[0].classList.remove("drop-over");
    d = null;
  };
  for (const button of document.querySelectorAll("button.sort-body")) {
    button.addEventListener("pointerdown", (e) => {
      if (e.button !== 0) return;
      button.setPointerCapture(e.pointerId);
      const item = button.closest("li");
      const zones = [...item.closest(".sort-board").querySelectorAll("[data-zone]")].map((el) => {
        const r = el.getBoundingClientRect();
        return [el, r.left, r.top + scrollY, r.right, r.bottom + scrollY];
      });
      d = { pointer: e.pointerId, item, start: [e.clientX, e.clientY], scroll: scrollY, moving: false, zones, over: -1, last: null, scroller: null };
    });
    button.addEventListener("pointermove", (e) => {
      if (!d || d.pointer !== e.pointerId) return;
      const [x, y] = [e.clientX, e.clientY];
      if (!d.moving) {
        if (Math.hypot(x - d.start[0], y - d.start[1]) < SLOP) return;
        d.moving = true;
        d.item.classList.add("dragging");
      }
      e.preventDefault();
      follow(x, y);
      const near = y < EDGE || y > innerHeight - EDGE;
      if (near && !d.scroller) {
        d.scroller = setInterval(() => {
          const [x, y] = d.last;
          const speed = y < EDGE ? -(EDGE - y) / 4 : (y - (innerHeight - EDGE)) / 4;
          scrollBy(0, Math.max(-14, Math.min(14, speed)));
          follow(x, y);
        }, 16);
      } else if (!near && d.scroller) {
        clearInterval(d.scroller);
        d.scroller = null;
      }
    });
    button.addEventListener("pointerup", end);
    button.addEventListener("pointercancel", end);
  }
})();`;

/** Drags the first tray card on `url` (after `setup`) and returns the page's frame times. */
async function dragRun(url, setup) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(url);
  await setup?.(page);
  const card = page.locator('[data-testid="tray"] [data-testid="sort-card"] button.sort-body').first();
  await card.waitFor();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const snapshot = await page.evaluate(() => document.documentElement.outerHTML);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  const box = await card.boundingBox();
  let [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  const home = [x, y];
  let moves = 0;
  const moveTo = async (tx, ty, steps) => {
    const [fx, fy] = [x, y];
    for (let i = 1; i <= steps; i++, moves++) await page.mouse.move(fx + ((tx - fx) * i) / steps, fy + ((ty - fy) * i) / steps);
    [x, y] = [tx, ty];
  };
  // Held in an edge band, the pointer shakes by a pixel while the board scrolls, until `done`.
  const hold = async (done) => {
    for (let i = 0; i < 300; i++, moves++) {
      if (await page.evaluate(done)) return true;
      await page.mouse.move(x + (i % 2 ? 1 : -1), y);
    }
    return false;
  };
  await page.evaluate(() => {
    window.__frames = [];
    const tick = (t) => {
      window.__frames.push(t);
      if (!window.__framesDone) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    // The page's own work per pointer move: from the window's capturing listener, which runs
    // first, to its bubbling one, which runs last.
    window.__moveMs = [];
    let at = 0;
    addEventListener("pointermove", () => (at = performance.now()), true);
    addEventListener("pointermove", () => window.__moveMs.push(performance.now() - at));
  });
  const t0 = performance.now();
  await page.mouse.move(x, y);
  await page.mouse.down();
  await moveTo(x, 844 - 16, 40);
  const followed = await page.evaluate(() => {
    const item = document.querySelector('[data-testid="tray"] [data-testid="sort-card"]');
    return item.classList.contains("dragging") && item.style.transform !== "";
  });
  let reached = false;
  if (followed) {
    reached = await hold(() => {
      const far = [...document.querySelectorAll("[data-zone]")].pop();
      return far.classList.contains("drop-over") && far.getBoundingClientRect().top < innerHeight - 16;
    });
    await moveTo(x, 16, 40);
    await hold(() => scrollY === 0);
    await moveTo(...home, 20);
  }
  await page.mouse.up();
  const ms = performance.now() - t0;
  const { frames, moveMs } = await page.evaluate(() => ((window.__framesDone = true), { frames: window.__frames, moveMs: window.__moveMs }));
  await context.close();
  return { followed, reached, moves, ms, frames, moveMs, snapshot };
}
const frameGaps = (r) => r.frames.slice(1).map((t, i) => t - r.frames[i]);
const droppedIn = (gaps) => gaps.reduce((n, g) => n + (g > 1.5 * VSYNC ? Math.round(g / VSYNC) - 1 : 0), 0);
/** The share of display frames that passed with no frame of the page's. */
const droppedPct = (gaps) => (100 * droppedIn(gaps)) / (gaps.length + droppedIn(gaps));
function frameFigures(runs) {
  const gaps = runs.flatMap(frameGaps);
  return {
    frames: gaps.length,
    dropped: droppedIn(gaps),
    droppedPct: droppedPct(gaps),
    droppedPctPerDrag: runs.map((r) => droppedPct(frameGaps(r))),
    p95GapMs: pct(gaps, 95),
    maxGapMs: Math.max(...gaps),
    moves: runs.map((r) => r.moves),
    seconds: runs.map((r) => r.ms / 1000),
    moveMedianMs: median(runs.flatMap((r) => r.moveMs)),
    moveP95Ms: pct(runs.flatMap((r) => r.moveMs), 95),
  };
}

console.log(`\n==> sort mode: frames while a card is dragged to the far zone and back, phone (390x844, 4x CPU), ${DRAGS} drag${DRAGS > 1 ? "s" : ""} each`);
{
  const appDrags = [];
  const baseDrags = [];
  const deal = async (page) => {
    await page.click('[data-testid="deal"]');
  };
  for (let i = 0; i < DRAGS; i++) {
    appDrags.push(await dragRun(app.appUrl + "#/sort", deal));
    if (i === 0) {
      const html = appDrags[0].snapshot
        .replace(/<script\b[\s\S]*?<\/script>/gi, "")
        .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/i, "")
        .replace(/<link rel="(modulepreload|preload)"[^>]*>/gi, "")
        .replace("</body>", `<script>${DRAG_BASELINE}</script></body>`);
      routes["/bench/drag-baseline.html"] = respond(html, { type: "text/html" });
    }
    baseDrags.push(await dragRun(app.origin + "/bench/drag-baseline.html"));
  }
  const appFig = frameFigures(appDrags);
  const baseFig = frameFigures(baseDrags);
  const works = appDrags.every((r) => r.followed && r.reached);
  results.sortDrag = {
    followed: appDrags.map((r) => r.followed),
    reachedFarZone: appDrags.map((r) => r.reached),
    app: appFig,
    baseline: { ...baseFig, followed: baseDrags.map((r) => r.followed), reachedFarZone: baseDrags.map((r) => r.reached) },
  };
  const line = (f) =>
    `${f.frames} frames, ${f.dropped} dropped (${fmt(f.droppedPct)}%${f.droppedPctPerDrag.length > 1 ? `; ${f.droppedPctPerDrag.map((p) => fmt(p)).join("/")}% per drag` : ""}), frame gap p95 ${fmt(f.p95GapMs)} ms, longest ${fmt(f.maxGapMs)} ms; ` +
    `${f.moves.join("/")} pointer moves in ${f.seconds.map((s) => fmt(s)).join("/")} s, each handled in ${fmt(f.moveMedianMs, 2)} ms (median), p95 ${fmt(f.moveP95Ms, 2)} ms`;
  console.log(`  app:      ${line(appFig)}`);
  console.log(`  baseline: ${line(baseFig)}`);
  if (!baseDrags.every((r) => r.followed && r.reached)) console.log("  the baseline's card did not reach the far zone: the board's markup has changed under its script");
  if (!works) {
    console.log(
      appDrags.every((r) => r.followed)
        ? "  the app's card did not reach the far zone: the frames above are of part of the drag, so there is no ratio"
        : "  the app's card did not follow the pointer: the frames above are of pointer moves over a board that does not drag, so there is no ratio",
    );
  } else {
    const ratio = baseFig.droppedPct > 0 ? `${fmt(appFig.droppedPct / baseFig.droppedPct, 2)}x the baseline's dropped frames` : "the baseline dropped none";
    console.log(`  ratio app/baseline: ${ratio}, p95 gap ${fmt(appFig.p95GapMs / baseFig.p95GapMs, 2)}x`);
  }
  budget(
    `dragging a card drops <= ${BUDGET.dragDroppedPct}% of frames (60 fps)`,
    works && appFig.droppedPct <= BUDGET.dragDroppedPct,
    works ? `${fmt(appFig.droppedPct)}%, baseline ${fmt(baseFig.droppedPct)}%` : "the card did not follow the pointer to the far zone",
  );
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
