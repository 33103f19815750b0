// A test LMS's SCORM player: reads the package's imsmanifest.xml as an LMS does when the course
// is imported, creates the run-time (scorm-again) as `window.API` (SCORM 1.2) or
// `window.API_1484_11` (SCORM 2004), seeds it with the learner, the launch data and mastery
// score from the manifest (and, on a resumed attempt, with what the previous session committed),
// then frames the SCO from the same origin.
//
// The configuration comes from `window.__lmsConfig`, set by the test before the page loads:
//   version       "1.2" or "2004"
//   content       path of the unzipped package on this origin, ending in "/"
//   launch        {name: value} merged over the manifest's launch data (the settings a trainer
//                 would have chosen when building the package)
//   masteryScore  the LMS's own mastery score, overriding the manifest's (1.2: 0-100; 2004:
//                 the scaled passing score, -1 to 1); null keeps the manifest's
//   previous      the data model a previous session committed (flattened), to resume from
//   refuse        {setValue, commit}: that call answers "false" with an error code, as a
//                 run-time that cannot store data does
//   raw           {element: value} that GetValue answers as they are, as a careless LMS would
//                 (another app's suspend data, a mastery score of 300: scorm-again itself
//                 refuses to hold such values)
//
// What happened is kept in `window.lms` for the test to read: every API call in order with its
// result and error code, a snapshot of the data model after every successful Commit and
// Terminate/LMSFinish, and the values the player seeded.
(function () {
  "use strict";
  const cfg = window.__lmsConfig;
  const status = document.getElementById("status");
  const v12 = cfg.version === "1.2";
  const NAMES = v12
    ? { init: "LMSInitialize", finish: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", lastError: "LMSGetLastError", errorString: "LMSGetErrorString", diagnostic: "LMSGetDiagnostic" }
    : { init: "Initialize", finish: "Terminate", get: "GetValue", set: "SetValue", commit: "Commit", lastError: "GetLastError", errorString: "GetErrorString", diagnostic: "GetDiagnostic" };
  // The error a refusing run-time reports: 1.2 has only "General Exception" for this; 2004 has
  // "General Set Failure" and "General Commit Failure".
  const REFUSED = v12 ? { set: "101", commit: "101" } : { set: "351", commit: "391" };

  const lms = {
    version: cfg.version,
    names: NAMES,
    calls: [],
    commits: [],
    committed: null,
    manifest: null,
    launchData: null,
    masteryScore: null,
    seeded: null,
    error: null,
    snapshot,
    count: (fn) => lms.calls.filter((c) => c.fn === fn).length,
  };
  window.lms = lms;

  /** The data model as flat `cmi.a.b` keys with string values (write-only elements included). */
  function snapshot() {
    const out = {};
    const walk = (value, prefix) => {
      if (value === null || value === undefined) return;
      if (typeof value === "object") {
        for (const [k, v] of Object.entries(value)) walk(v, prefix ? `${prefix}.${k}` : k);
      } else {
        out[prefix] = String(value);
      }
    };
    walk(api.renderCMIToJSONObject(), "");
    return out;
  }

  /** The manifest's values for the first SCO, as an LMS reads them on import. */
  function readManifest(xml) {
    const doc = new DOMParser().parseFromString(xml, "application/xml");
    if (doc.querySelector("parsererror")) throw new Error("imsmanifest.xml is not well-formed XML");
    const local = (el, name) => [...el.getElementsByTagName("*")].filter((e) => e.localName === name);
    const attr = (el, name) => {
      for (const a of el.attributes) if (a.localName === name) return a.value;
      return null;
    };
    const resources = Object.fromEntries(local(doc, "resource").map((r) => [r.getAttribute("identifier"), r]));
    const item = local(doc, "item").find((i) => {
      const r = resources[i.getAttribute("identifierref")];
      return r && (attr(r, "scormtype") ?? attr(r, "scormType"))?.toLowerCase() === "sco";
    });
    if (!item) throw new Error("imsmanifest.xml lists no item that launches a SCO");
    const resource = resources[item.getAttribute("identifierref")];
    const child = (name) => local(item, name)[0]?.textContent.trim() ?? null;
    let mastery = null;
    if (v12) {
      mastery = child("masteryscore");
    } else {
      const primary = local(item, "primaryObjective")[0];
      const measure = primary && local(primary, "minNormalizedMeasure")[0];
      if (primary && measure && attr(primary, "satisfiedByMeasure") === "true") mastery = measure.textContent.trim();
    }
    return {
      href: resource.getAttribute("href") + (item.getAttribute("parameters") ?? ""),
      launchData: v12 ? child("datafromlms") : child("dataFromLMS"),
      masteryScore: mastery,
      title: child("title"),
    };
  }

  /** The data model to restore from a previous session, as an LMS keeps it between sessions. */
  function carriedOver(prev) {
    const keep = v12
      ? ["cmi.suspend_data", "cmi.core.lesson_status", "cmi.core.lesson_location", "cmi.core.score.raw", "cmi.core.score.min", "cmi.core.score.max"]
      : ["cmi.suspend_data", "cmi.location", "cmi.completion_status", "cmi.success_status", "cmi.progress_measure", "cmi.score.raw", "cmi.score.min", "cmi.score.max", "cmi.score.scaled"];
    const out = {};
    for (const k of keep) if (prev[k] !== undefined && prev[k] !== "") out[k] = prev[k];
    const exit = prev[v12 ? "cmi.core.exit" : "cmi.exit"];
    out[v12 ? "cmi.core.entry" : "cmi.entry"] = exit === "suspend" ? "resume" : "";
    return out;
  }

  let api;
  function record(fn, args, result) {
    lms.calls.push({ fn, args, result, error: String(api[`__${NAMES.lastError}`]("")) });
  }

  async function start() {
    const base = new URL(cfg.content, location.href);
    const res = await fetch(new URL("imsmanifest.xml", base));
    if (!res.ok) throw new Error(`imsmanifest.xml: HTTP ${res.status}`);
    const manifest = readManifest(await res.text());
    lms.manifest = manifest;

    const launch = new URLSearchParams(manifest.launchData ?? "");
    for (const [k, val] of Object.entries(cfg.launch ?? {})) launch.set(k, String(val));
    lms.launchData = launch.toString();
    lms.masteryScore = cfg.masteryScore ?? manifest.masteryScore;

    const settings = { autocommit: false, logLevel: 4 };
    api = v12 ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
    const seed = v12
      ? { "cmi.core.student_id": "learner-1", "cmi.core.student_name": "Learner, Test", "cmi.core.lesson_mode": "normal", "cmi.core.credit": "credit", "cmi.core.entry": "ab-initio", "cmi.launch_data": lms.launchData }
      : { "cmi.learner_id": "learner-1", "cmi.learner_name": "Learner, Test", "cmi.mode": "normal", "cmi.credit": "credit", "cmi.entry": "ab-initio", "cmi.launch_data": lms.launchData };
    if (lms.masteryScore !== null && lms.masteryScore !== undefined) seed[v12 ? "cmi.student_data.mastery_score" : "cmi.scaled_passing_score"] = String(lms.masteryScore);
    if (cfg.previous) Object.assign(seed, carriedOver(cfg.previous));
    api.loadFromFlattenedJSON(seed);
    lms.seeded = seed;

    // Every call the SCO makes goes through a recording wrapper; a refusing run-time answers
    // "false" and reports its error code until the next call.
    let injected = null;
    for (const fn of Object.values(NAMES)) {
      const original = api[fn].bind(api);
      api[`__${fn}`] = original;
      const reportsErrors = fn === NAMES.lastError || fn === NAMES.errorString || fn === NAMES.diagnostic;
      api[fn] = (...args) => {
        if (reportsErrors) {
          if (injected === null) return original(...args);
          if (fn === NAMES.lastError) return injected;
          return fn === NAMES.errorString ? "Refused by the test LMS" : "The test LMS refuses this call";
        }
        injected = null;
        if (fn === NAMES.get && cfg.raw && Object.hasOwn(cfg.raw, args[0])) {
          const value = cfg.raw[args[0]];
          lms.calls.push({ fn, args, result: value, error: "0", raw: true });
          return value;
        }
        if ((fn === NAMES.set && cfg.refuse?.setValue) || (fn === NAMES.commit && cfg.refuse?.commit)) {
          injected = fn === NAMES.set ? REFUSED.set : REFUSED.commit;
          lms.calls.push({ fn, args, result: "false", error: injected, refused: true });
          return "false";
        }
        const result = original(...args);
        record(fn, args, result);
        if ((fn === NAMES.commit || fn === NAMES.finish) && String(result) === "true") {
          lms.committed = snapshot();
          lms.commits.push({ by: fn, data: lms.committed });
        }
        return result;
      };
    }
    if (v12) window.API = api;
    else window.API_1484_11 = api;
    lms.api = api;

    const frame = document.createElement("iframe");
    frame.id = "sco";
    frame.title = manifest.title || "Course";
    frame.src = new URL(manifest.href, base).href;
    document.getElementById("slot").append(frame);
    status.textContent = `Playing ${manifest.title || "the course"} (SCORM ${cfg.version})`;
  }

  lms.ready = start().catch((e) => {
    lms.error = String(e?.message ?? e);
    status.textContent = `The player failed: ${lms.error}`;
  });
})();
