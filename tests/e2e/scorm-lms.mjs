// A test LMS for SCORM packages: one origin serving the player page (hosts/scorm-lms.html), the
// scorm-again run-time from node_modules, and the unzipped packages under /content/<name>/, so
// the SCO runs in a same-origin frame below the run-time, as in an LMS. `openPlayer` opens the
// player with a configuration (see hosts/scorm-lms.js) and returns the SCO's frame; `lmsState`
// reads what the run-time recorded.
import path from "node:path";
import { rm } from "node:fs/promises";
import assert from "node:assert/strict";
import { serve, open, ready, HOSTS, ROOT, unpack } from "./harness.mjs";

export const SCORM_AGAIN = path.join(ROOT, "node_modules/scorm-again/dist");

/** The two SCORM versions: their package, their API's calls and the data model elements. */
export const SCORM = {
  "1.2": {
    version: "1.2",
    zip: "scorm12.zip",
    lms: "scorm12",
    init: "LMSInitialize",
    finish: "LMSFinish",
    set: "LMSSetValue",
    commit: "LMSCommit",
  },
  "2004": {
    version: "2004",
    zip: "scorm2004.zip",
    lms: "scorm2004",
    init: "Initialize",
    finish: "Terminate",
    set: "SetValue",
    commit: "Commit",
  },
};

/**
 * Starts the LMS origin with the given packages unzipped (`{name: dir}`; by default both SCORM
 * zips from dist/packages, unzipped here and removed by `close()`).
 */
export async function startScormLms(content) {
  const dirs = { "/hosts/": HOSTS, "/lib/scorm-again/": SCORM_AGAIN };
  const unpacked = [];
  if (!content) {
    content = {};
    for (const v of Object.values(SCORM)) unpacked.push((content[v.lms] = await unpack(v.zip)));
  }
  for (const [name, dir] of Object.entries(content)) dirs[`/content/${name}/`] = dir;
  // "localhost": an origin of its own, apart from the app's 127.0.0.1 in the other tests.
  const server = await serve({ dirs, name: "localhost" });
  return {
    ...server,
    async close() {
      await server.close();
      for (const dir of unpacked) await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the player for `version` ("1.2" or "2004") with `config` (launch, masteryScore,
 * previous, refuse; see hosts/scorm-lms.js), waits until the SCO has rendered, and returns the
 * session with `frame` (the SCO). Closed when test `t` ends.
 */
export async function openPlayer(t, browser, lms, version, config = {}, sessionOpts = {}) {
  const s = await open(t, browser, null, sessionOpts);
  const cfg = { version, content: `/content/${SCORM[version].lms}/`, ...config };
  await s.context.addInitScript((c) => {
    if (window === window.top) window.__lmsConfig = c;
  }, cfg);
  await s.page.goto(`${lms.origin}/hosts/scorm-lms.html`);
  await s.page.waitForFunction(() => window.lms && (window.lms.error || document.getElementById("sco")));
  const error = await s.page.evaluate(() => window.lms.error);
  assert.equal(error, null, "the LMS player started");
  const frame = await (await s.page.waitForSelector("#sco")).contentFrame();
  await ready(frame);
  return { ...s, frame };
}

/** What the run-time recorded: calls, commits, the last committed data model, the live one. */
export function lmsState(page) {
  return page.evaluate(() => ({
    calls: window.lms.calls,
    commits: window.lms.commits,
    committed: window.lms.committed,
    now: window.lms.snapshot(),
    launchData: window.lms.launchData,
    masteryScore: window.lms.masteryScore,
    seeded: window.lms.seeded,
  }));
}

/** Waits until the run-time has had `fn` called `n` times (e.g. Terminate once). */
export function waitForCalls(page, fn, n = 1) {
  return page.waitForFunction(([f, k]) => window.lms.calls.filter((c) => c.fn === f).length >= k, [fn, n]);
}
