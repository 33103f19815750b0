// LMS packages, checked through the zips a trainer would upload: the three the build writes into
// dist/packages/ with default settings, and the ones the studio builds in the browser with the
// builder's settings and a custom deck. Every manifest validates against the standard's own XSD
// (xmllint; tests/schemas/README.md says where each comes from), lists exactly the files in its
// zip, and the app run from the unzipped package asks for nothing the package does not list.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startScormLms, openPlayer, lmsState } from "./scorm-lms.mjs";
import { suite, serve, open, respond, sel, problems, screenshot, horizontalOverflow, tabTo, startQuiz, ROOT, DIST, BASE, PHONE } from "./harness.mjs";

const SCHEMAS = path.join(ROOT, "tests/schemas");
const SCHEMA = {
  scorm12: path.join(SCHEMAS, "scorm12.xsd"),
  scorm2004: path.join(SCHEMAS, "scorm2004.xsd"),
  cmi5: path.join(SCHEMAS, "cmi5/CourseStructure.xsd"),
};
const FORMATS = Object.keys(SCHEMA);
const DECK_FILE = path.join(ROOT, "tests/decks/valid/four-categories.json");

const ctx = suite();
let decks;
before(async () => {
  for (const f of FORMATS) {
    assert.ok(existsSync(SCHEMA[f].replace(/scorm(12|2004)\.xsd$/, "scorm/scorm$1")) || f === "cmi5", `${f} schemas missing: run scripts/setup.sh --test`);
  }
  decks = await serve({
    dirs: { "/decks/": path.join(ROOT, "tests/decks/valid") },
    routes: { "/broken.json": respond('{"format": 1, "id": "x", ') },
    name: "localhost",
  });
});
after(() => decks?.close());

/** A fresh folder, removed after test `t`. */
function scratch(t) {
  const dir = mkdtempSync(path.join(tmpdir(), "rolecall-package-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Unzips `zip` into `dir` with Python's zipfile; returns the entries' names in zip order. */
function unzip(zip, dir) {
  const script = "import json, sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nz.extractall(sys.argv[2])\nprint(json.dumps(z.namelist()))";
  return JSON.parse(execFileSync("python3", ["-c", script, zip, dir], { encoding: "utf8" }));
}

/** Validates `file` against the format's XSD with xmllint, failing with its message. */
function validate(format, file) {
  const r = spawnSync("xmllint", ["--noout", "--nonet", "--schema", SCHEMA[format], file], { encoding: "utf8" });
  assert.equal(r.status, 0, `${format} manifest does not validate:\n${r.stderr}`);
  assert.match(r.stderr, /validates$/m);
}

/** Characters as written in the manifest's text, back to plain text. */
const unescape = (s) => s.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&apos;", "'").replaceAll("&amp;", "&");
const textOf = (xml, element) => {
  const m = xml.match(new RegExp(`<${element}>([^<]*)</${element}>`));
  return m && unescape(m[1]);
};

/**
 * Unzips and checks one package of `format`: the manifest validates, the files it lists are
 * exactly the files in the zip (cmi5, which lists none, launches a file that is there), and the
 * launch settings and pass mark are where the LMS reads them. Returns what a test needs next.
 */
function checkPackage(t, format, zip) {
  const dir = scratch(t);
  const names = unzip(zip, dir);
  const manifestName = format === "cmi5" ? "cmi5.xml" : "imsmanifest.xml";
  assert.equal(names[0], manifestName, "the manifest comes first");
  assert.equal(new Set(names).size, names.length, "no entry twice");
  validate(format, path.join(dir, manifestName));
  const xml = readFileSync(path.join(dir, manifestName), "utf8");
  const files = names.slice(1);
  for (const name of files) assert.ok(!/^studio\/|\.(br|gz|zip)$/.test(name), `${name} does not belong in a package`);
  assert.ok(files.includes("index.html") && files.includes("sw.js") && files.some((f) => f.endsWith("_bg.wasm")));
  let launch, mastery;
  if (format === "cmi5") {
    assert.equal(textOf(xml, "url"), "index.html");
    assert.match(xml, /moveOn="CompletedAndPassed"/);
    assert.match(xml, /launchMethod="AnyWindow"/);
    launch = textOf(xml, "launchParameters");
    mastery = Number(xml.match(/masteryScore="([^"]+)"/)[1]) * 100;
  } else {
    const listed = [...xml.matchAll(/<file href="([^"]+)"\/>/g)].map((m) => unescape(m[1]));
    assert.deepEqual([...listed].sort(), [...files].sort(), "the manifest lists exactly the zip's files");
    assert.match(xml, format === "scorm12" ? /adlcp:scormtype="sco" href="index.html"/ : /adlcp:scormType="sco" href="index.html"/);
    launch = textOf(xml, format === "scorm12" ? "adlcp:datafromlms" : "adlcp:dataFromLMS");
    mastery = format === "scorm12" ? Number(textOf(xml, "adlcp:masteryscore")) : Number(textOf(xml, "imsss:minNormalizedMeasure")) * 100;
  }
  const params = new URLSearchParams(launch);
  assert.equal(params.get("embed"), "1", "the launch query always asks for the embedded layout");
  // The packaged service worker precaches the package and nothing else.
  const precache = JSON.parse(readFileSync(path.join(dir, "sw.js"), "utf8").match(/const PRECACHE = (\[.*\]);/)[1]);
  assert.deepEqual([...precache].sort(), files.filter((f) => f !== "sw.js").sort());
  return { dir, names, files, xml, launch, params, mastery: Math.round(mastery) };
}

/**
 * Serves the unzipped package `dir`, opens `index.html` (with `query`, as the run-time would
 * apply the launch settings), and returns every path the browser asked the server for, and the
 * session. The service worker's install is awaited, so its requests count too.
 */
async function runUnzipped(t, dir, query, { waitFor = "quiz-start" } = {}) {
  const server = await serve({ dist: () => dir });
  t.after(() => server.close());
  const s = await open(t, ctx.browser, `${server.appUrl}index.html${query ? `?${query}` : ""}`);
  await s.page.waitForSelector(sel(waitFor));
  await s.page.evaluate(() => navigator.serviceWorker.ready);
  const asked = [...new Set(server.log.filter((p) => p.startsWith(BASE)).map((p) => decodeURIComponent(p.slice(BASE.length))))];
  return { asked, session: s };
}

test("make dist writes the three packages with default settings, outside the precache list", async (t) => {
  const dir = path.join(DIST, "packages");
  assert.deepEqual(readdirSync(dir).sort(), ["cmi5.zip", "scorm12.zip", "scorm2004.zip"], "only the zips: nothing precompressed");
  const sw = readFileSync(path.join(DIST, "sw.js"), "utf8");
  assert.doesNotMatch(sw, /packages\//, "the packages are not precached");
  const learner = JSON.parse(sw.match(/const PRECACHE = (\[.*\]);/)[1]).filter((f) => f !== "./" && !f.startsWith("studio/"));
  for (const format of FORMATS) {
    const p = checkPackage(t, format, path.join(dir, `${format}.zip`));
    assert.equal(p.launch, "embed=1", `${format}: default settings`);
    assert.equal(p.mastery, 70, `${format}: the default pass mark`);
    assert.deepEqual(p.files.filter((f) => f !== "sw.js").sort(), [...learner].sort(), `${format}: the learner's files, as the service worker lists them`);
    for (const name of p.files.filter((f) => f !== "sw.js")) {
      assert.ok(readFileSync(path.join(p.dir, name)).equals(readFileSync(path.join(DIST, name))), `${format}: ${name} as built`);
    }
    if (format !== "cmi5") assert.match(p.xml, /<manifest identifier="rolecall-devops-vs-platform"/);
  }
  // Opened as an LMS would open it, the app asks only for files the package lists.
  const p = checkPackage(t, "scorm12", path.join(dir, "scorm12.zip"));
  const { asked, session } = await runUnzipped(t, p.dir, p.launch);
  for (const rel of asked) assert.ok(p.files.includes(rel), `the app asked for ${rel}, which the package does not list`);
  assert.ok(asked.includes("index.html") && asked.some((f) => f.endsWith("_bg.wasm")));
  assert.deepEqual(problems(session), []);
});

/**
 * Plays the unzipped SCORM 2004 package `dir` (with its custom deck, two of whose statements
 * the settings ask) in the test LMS: one answer, Finish, then a new session seeded with what the
 * first committed resumes at the second question of the packaged deck with the same score.
 */
async function resumesInLms(t, dir) {
  const lms = await startScormLms({ scorm2004: dir });
  t.after(() => lms.close());
  const first = await openPlayer(t, ctx.browser, lms, "2004");
  await first.frame.waitForSelector(sel("lms-finish"));
  await startQuiz(first.frame, null);
  const asked = [];
  for (let i = 0; i < 1; i++) {
    const id = await first.frame.getAttribute(sel("statement"), "data-id");
    asked.push(id);
    await first.frame.click(sel(i ? "tag-summer" : "tag-winter"));
    await first.frame.click(sel("next"));
    await first.frame.waitForFunction((p) => document.querySelector('[data-testid="statement"]')?.dataset.id !== p, id);
  }
  const score = await first.frame.textContent(sel("running-score"));
  await first.frame.click(sel("lms-finish"));
  await first.frame.waitForSelector(sel("lms-finished"));
  const { committed } = await lmsState(first.page);
  assert.equal(committed["cmi.exit"], "suspend", "an unfinished quiz suspends the attempt");
  const second = await openPlayer(t, ctx.browser, lms, "2004", { previous: committed });
  await second.frame.waitForSelector(sel("statement"));
  assert.match(await second.frame.textContent(sel("question-count")), /^Question 2 of 2$/, "the same place");
  assert.equal(await second.frame.textContent(sel("running-score")), score, "the same score");
  assert.ok(await second.frame.$(sel("tag-winter")), "still the packaged deck");
  assert.ok(!asked.includes(await second.frame.getAttribute(sel("statement"), "data-id")), "a question not yet asked");
  assert.deepEqual(problems(second), []);
}

/** Clicks the studio's button for `format` and returns the downloaded zip's path and name. */
async function download(t, page, format, { keyboard = false } = {}) {
  const [file] = await Promise.all([
    page.waitForEvent("download", { timeout: 30000 }),
    keyboard ? (async () => { await tabTo(page, `package-${format}`); await page.keyboard.press("Enter"); })() : page.click(sel(`package-${format}`)),
  ]);
  const target = path.join(scratch(t), file.suggestedFilename());
  await file.saveAs(target);
  return { zip: target, name: file.suggestedFilename() };
}

test("the studio packages the builder's settings and a custom deck, and the package runs on them", async (t) => {
  const deckUrl = `${decks.origin}/decks/four-categories.json`;
  const s = await open(t, ctx.browser, `${ctx.server.studioUrl}?deck=${encodeURIComponent(deckUrl)}&n=10&pass=80&seed=42&lock=1`);
  const page = s.page;
  await page.waitForSelector(sel("embed-tag-winter"));
  await page.check(sel("embed-tag-winter"));
  await page.check(sel("embed-tag-summer"));
  const deckBytes = readFileSync(DECK_FILE);
  for (const format of FORMATS) {
    const { zip, name } = await download(t, page, format, { keyboard: format === "scorm2004" });
    assert.equal(name, `rolecall-four-seasons-${format}.zip`);
    assert.match(await page.textContent(sel("package-status")), new RegExp(`Ready: rolecall-four-seasons-${format}\\.zip`));
    const p = checkPackage(t, format, zip);
    assert.equal(p.mastery, 80, `${format}: the pass mark is the LMS's mastery score`);
    assert.deepEqual(Object.fromEntries(p.params), { n: "10", seed: "42", pass: "80", tags: "winter,summer", deck: "deck.json", embed: "1", lock: "1" }, format);
    assert.ok(p.files.includes("deck.json"));
    assert.ok(readFileSync(path.join(p.dir, "deck.json")).equals(deckBytes), "the custom deck as served");
    if (format === "cmi5") {
      assert.match(p.xml, /<course id="urn:rolecall:course:four-seasons">/);
      assert.match(p.xml, /<langstring lang="en-GB">Which season\?<\/langstring>/);
    } else {
      assert.match(p.xml, /<title>Which season\?<\/title>/);
    }
    if (format === "scorm2004") {
      // Served and opened with its launch settings, it plays the packaged deck and asks for
      // nothing the package does not list.
      const { asked, session } = await runUnzipped(t, p.dir, p.launch);
      for (const rel of asked) assert.ok(p.files.includes(rel), `the app asked for ${rel}, which the package does not list`);
      assert.ok(asked.includes("deck.json"), "the app read the packaged deck");
      await startQuiz(session.page, null);
      assert.ok(await session.page.$(sel("tag-winter")), "the quiz asks the packaged deck's categories");
      assert.deepEqual(problems(session), []);
      await resumesInLms(t, p.dir);
    }
  }
  // The builder kept its settings throughout.
  assert.equal(await page.inputValue(sel("embed-pass")), "80");
  assert.ok(await page.isChecked(sel("embed-tag-winter")));
  await screenshot(page, "studio-package-ready");
  assert.deepEqual(problems(s), []);
});

test("a deck that does not validate, or an app file that cannot be downloaded, is told in the panel", async (t) => {
  const s = await open(t, ctx.browser, `${ctx.server.studioUrl}?deck=${encodeURIComponent(`${decks.origin}/broken.json`)}&n=20`, { viewport: PHONE });
  const page = s.page;
  await page.waitForSelector(sel("package-scorm12"));
  // Once the builder has found the deck does not load, no package is made with it, and the
  // panel says which setting to put right (the deck field says why).
  await page.waitForFunction(() => /It does not load/.test(document.getElementById("deck-help").textContent));
  assert.equal(await page.getAttribute(sel("package-scorm12"), "aria-disabled"), "true");
  await page.focus(sel("package-scorm12"));
  await page.keyboard.press("Enter");
  const status = await page.$eval(sel("package-status"), (e) => [e.getAttribute("role"), e.textContent]);
  assert.equal(status[0], "status", "the status is a live region");
  assert.equal(status[1], "No package until this setting is put right: Deck file address.");
  assert.match(await page.textContent("#deck-help"), /broken\.json|not valid JSON/);
  assert.equal(await page.$(sel("package-download")), null, "nothing to download");
  assert.equal(await page.inputValue(sel("embed-n")), "20", "the builder kept its settings");
  assert.equal(await horizontalOverflow(page), 0, "the panel fits a phone");
  await screenshot(page, "studio-package-bad-deck");

  // A deployment missing one of the app's files.
  const partial = await serve({ routes: { [`${BASE}icon-192.png`]: respond("gone", { status: 404, type: "text/plain" }) } });
  t.after(() => partial.close());
  const s2 = await open(t, ctx.browser, `${partial.studioUrl}?n=10`);
  await s2.page.click(sel("package-cmi5"));
  await s2.page.waitForFunction(() => /could not be downloaded/.test(document.querySelector('[data-testid="package-status"]').textContent));
  assert.match(await s2.page.textContent(sel("package-status")), /icon-192\.png could not be downloaded: the server answered 404/);
  assert.equal(await s2.page.$(sel("package-download")), null);
  assert.deepEqual(s.errors, []);
  assert.deepEqual(s2.errors, []);
});

test("the panel is keyboard-operable with a visible focus and readable advice", async (t) => {
  const s = await open(t, ctx.browser, ctx.server.studioUrl);
  const page = s.page;
  await tabTo(page, "package-scorm12");
  const look = await page.$eval(sel("package-scorm12"), (e) => {
    const st = getComputedStyle(e);
    return { tag: e.tagName, outline: st.outlineStyle, width: parseFloat(st.outlineWidth), described: document.getElementById(e.getAttribute("aria-describedby"))?.textContent };
  });
  assert.equal(look.tag, "BUTTON");
  assert.notEqual(look.outline, "none", "focus is visible");
  assert.ok(look.width >= 2);
  assert.match(look.described, /nearly every LMS/);
  assert.deepEqual(problems(s), []);
});
