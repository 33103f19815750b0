// A test LMS for cmi5, on an origin of its own, in front of a real LRS (Ralph, see lrs.mjs).
// It does what the cmi5 specification asks of an LMS when it launches an assignable unit (AU):
// records a "launched" statement, keeps the LMS.LaunchData state document, hands out the
// authorization token once through a fetch URL, and gives the AU an xAPI endpoint of its own:
//
//   POST /fetch/<session>         {"auth-token": ...} the first time; the cmi5 error JSON after
//                                 (recorded as a failure: the AU must fetch once)
//   /xapi/activities/state        LMS.LaunchData (read-only for the AU) and the AU's own state
//                                 documents, checked against the launch's activityId, agent and
//                                 registration (Ralph has no State API)
//   /xapi/agents/profile          cmi5LearnerPreferences (English, audio off); writes ignored
//   /xapi/about                   the xAPI version (Ralph has no /about)
//   /xapi/statements              proxied to Ralph with the AU's token, so Ralph is the judge
//   /launch/<session>             an LMS page that frames the AU
//   /returned                     the page a returnURL points to
//
// Every request is answered with CORS headers for the AU's origin only (preflights included).
// Each session records what the AU did: fetch calls, state requests, statements and Ralph's
// answers, and `failures` (requests a conforming AU would not make).
import http from "node:http";
import { randomUUID } from "node:crypto";

export const CMI5 = {
  category: "https://w3id.org/xapi/cmi5/context/categories/cmi5",
  moveOn: "https://w3id.org/xapi/cmi5/context/categories/moveon",
  sessionId: "https://w3id.org/xapi/cmi5/context/extensions/sessionid",
  verbs: {
    launched: "http://adlnet.gov/expapi/verbs/launched",
    initialized: "http://adlnet.gov/expapi/verbs/initialized",
    answered: "http://adlnet.gov/expapi/verbs/answered",
    passed: "http://adlnet.gov/expapi/verbs/passed",
    failed: "http://adlnet.gov/expapi/verbs/failed",
    completed: "http://adlnet.gov/expapi/verbs/completed",
    terminated: "http://adlnet.gov/expapi/verbs/terminated",
  },
};

/** The name of a cmi5 verb IRI ("initialized"), or the IRI itself for any other verb. */
export const verbName = (id) => Object.entries(CMI5.verbs).find(([, v]) => v === id)?.[0] ?? id;

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Same agent: the same inverse functional identifier (here, the account). */
function sameAgent(a, b) {
  return !!a && !!b && JSON.stringify(a.account ?? a.mbox ?? null) === JSON.stringify(b.account ?? b.mbox ?? null);
}

/**
 * Starts the launcher. `lrs`: a started Ralph (lrs.mjs); `auOrigin`: the origin the AU is
 * served from (the only one given CORS access). Returns `{origin, session(opts), close()}`.
 */
export async function startCmi5Lms({ lrs, auOrigin, host = "127.0.0.1", name = "localhost" }) {
  const sessions = new Map();
  // One counter for every request, so a test can tell which came first.
  let seq = 0;
  const byRegistration = new Map();
  const stray = [];

  const cors = (req) => {
    const origin = req.headers.origin;
    if (!origin || origin !== auOrigin) return {};
    return {
      "Access-Control-Allow-Origin": origin,
      "Access-Control-Allow-Methods": "GET, POST, PUT, DELETE, OPTIONS",
      "Access-Control-Allow-Headers": "Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match",
      "Access-Control-Expose-Headers": "X-Experience-API-Version, X-Experience-API-Consistent-Through, ETag, Last-Modified",
      "Access-Control-Max-Age": "600",
      Vary: "Origin",
    };
  };
  const send = (req, res, status, body, type = "application/json") => {
    res.writeHead(status, { "Content-Type": type, "X-Experience-API-Version": "1.0.3", "Cache-Control": "no-store", ...cors(req) });
    res.end(body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body));
  };

  /** The session whose registration the request or statement names. */
  const sessionOf = (registration) => byRegistration.get(registration) ?? null;

  async function handle(req, res) {
    const url = new URL(req.url, "http://x");
    const p = url.pathname;
    if (req.method === "OPTIONS") return send(req, res, 204);

    if (p.startsWith("/launch/")) {
      const s = sessions.get(p.slice("/launch/".length));
      if (!s) return send(req, res, 404, "no such session", "text/plain");
      const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Test LMS: cmi5 launch</title>
<style>body{margin:0;padding:16px;font:14px sans-serif}iframe{border:1px solid #888;display:block;width:100%;height:720px}</style></head>
<body><h1>Course player</h1><iframe id="au" title="Assignable unit" src="${s.launchUrl.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"></iframe></body></html>`;
      return send(req, res, 200, html, "text/html; charset=utf-8");
    }
    if (p === "/returned") {
      const s = sessions.get(url.searchParams.get("session"));
      s?.returned.push(new Date().toISOString());
      return send(req, res, 200, `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Back in the LMS</title></head><body><h1 data-testid="lms-returned">Back in the course</h1></body></html>`, "text/html; charset=utf-8");
    }

    if (p.startsWith("/fetch/")) {
      const s = sessions.get(p.slice("/fetch/".length));
      if (!s) return send(req, res, 200, { "error-code": "2", "error-text": "Unknown session." });
      s.fetchCalls.push({ seq: seq++, method: req.method, origin: req.headers.origin ?? null });
      if (req.method !== "POST") {
        s.failures.push(`fetch URL called with ${req.method}, not POST`);
        return send(req, res, 405, { "error-code": "3", "error-text": "Use POST." });
      }
      if (s.fetchCalls.filter((c) => c.method === "POST").length > 1) {
        s.failures.push("fetch URL called more than once");
        return send(req, res, 200, { "error-code": "1", "error-text": "The authorization token has already been returned." });
      }
      return send(req, res, 200, { "auth-token": s.token });
    }

    if (!p.startsWith("/xapi/")) return send(req, res, 404, "not found", "text/plain");
    const resource = p.slice("/xapi/".length);
    const body = ["POST", "PUT"].includes(req.method) ? await readBody(req) : "";
    const auth = req.headers.authorization ?? null;
    const version = req.headers["x-experience-api-version"] ?? null;

    if (resource === "about") return send(req, res, 200, { version: ["1.0.3"] });

    if (resource === "activities/state" || resource === "agents/profile") {
      const registration = url.searchParams.get("registration");
      const agent = parseJson(url.searchParams.get("agent") ?? "");
      const s = resource === "activities/state" ? sessionOf(registration) : [...sessions.values()].find((x) => sameAgent(x.actor, agent));
      const entry = { seq: seq++, method: req.method, resource, query: Object.fromEntries(url.searchParams), auth, version };
      if (!s) {
        stray.push(entry);
        return send(req, res, 404, { error: "no session for this registration or agent" });
      }
      s.requests.push(entry);
      const problems = [];
      if (auth !== `Basic ${s.token}`) problems.push("without the fetched token");
      if (version !== "1.0.3") problems.push(`with X-Experience-API-Version ${version}`);
      if (!sameAgent(agent, s.actor)) problems.push("for another agent");
      if (resource === "agents/profile") {
        if (problems.length) s.failures.push(`${req.method} agent profile ${problems.join(", ")}`);
        if (url.searchParams.get("profileId") !== "cmi5LearnerPreferences") return send(req, res, 404, { error: "no such profile" });
        return req.method === "GET" ? send(req, res, 200, s.learnerPreferences) : send(req, res, 204);
      }
      const stateId = url.searchParams.get("stateId");
      if (url.searchParams.get("activityId") !== s.activityId) problems.push("for another activityId");
      if (problems.length) {
        s.failures.push(`${req.method} state ${stateId} ${problems.join(", ")}`);
        return send(req, res, 400, { error: problems.join(", ") });
      }
      if (stateId === "LMS.LaunchData") {
        if (req.method !== "GET") {
          s.failures.push(`${req.method} on LMS.LaunchData (the AU must not modify it)`);
          return send(req, res, 403, { error: "LMS.LaunchData is read-only" });
        }
        return send(req, res, 200, s.launchData);
      }
      if (!stateId) return send(req, res, 200, [...s.state.keys()]);
      if (req.method === "GET") return s.state.has(stateId) ? send(req, res, 200, s.state.get(stateId), req.headers["content-type"]) : send(req, res, 404, { error: "no such document" });
      if (req.method === "DELETE") {
        s.state.delete(stateId);
        return send(req, res, 204);
      }
      if (req.method === "POST" && s.state.has(stateId)) {
        // POST merges JSON objects (xAPI 1.0.3, Documents resources).
        const merged = { ...parseJson(s.state.get(stateId)), ...parseJson(body) };
        s.state.set(stateId, JSON.stringify(merged));
      } else {
        s.state.set(stateId, body);
      }
      return send(req, res, 204);
    }

    if (resource === "statements") {
      // The statements are Ralph's to accept or refuse, with the token the AU sends.
      const parsed = parseJson(body);
      const list = Array.isArray(parsed) ? parsed : parsed ? [parsed] : [];
      const registration = list[0]?.context?.registration ?? url.searchParams.get("registration");
      const s = sessionOf(registration);
      if (s && !version) s.failures.push(`${req.method} statements without X-Experience-API-Version`);
      if (s && auth !== `Basic ${s.token}`) s.failures.push(`${req.method} statements without the fetched token`);
      if (s && req.method === "POST" && s.down > 0) {
        // The LRS is out of service for this many posts.
        s.down--;
        s.unavailable.push({ seq: seq++, statements: list });
        return send(req, res, 503, { error: "out of service" });
      }
      const upstream = await fetch(`${lrs.origin}/xAPI/statements${url.search}`, {
        method: req.method,
        headers: {
          ...(auth ? { Authorization: auth } : {}),
          ...(version ? { "X-Experience-API-Version": version } : {}),
          ...(body ? { "Content-Type": req.headers["content-type"] ?? "application/json" } : {}),
        },
        body: body || undefined,
      });
      const answer = await upstream.text();
      const entry = { seq: seq++, method: req.method, status: upstream.status, statements: list, auth, version, answer };
      (s ? s.posted : stray).push(entry);
      if (s && req.method !== "GET" && upstream.status >= 300) s.rejected.push(entry);
      return send(req, res, upstream.status, answer, upstream.headers.get("content-type") ?? "application/json");
    }
    return send(req, res, 404, { error: `no resource ${resource}` });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      stray.push({ error: String(e) });
      if (!res.headersSent) send(req, res, 500, { error: String(e) });
    });
  });
  await new Promise((resolve) => server.listen(0, host, resolve));
  const origin = `http://${name}:${server.address().port}`;

  /**
   * A new launch (one registration, one session). `au`: the AU's URL (the launch parameters are
   * appended); `publisherId`: the AU's id in cmi5.xml; `launchMode` Normal | Browse | Review;
   * `masteryScore` 0-1 or null; `moveOn`; `launchParameters`; `returnURL` true for /returned,
   * a URL, or null; `token` "valid" or "rejected" (Ralph refuses it: wrong password); `down`:
   * how many statement posts answer 503 before the LRS takes them.
   */
  async function session({
    au,
    publisherId,
    launchMode = "Normal",
    masteryScore = null,
    moveOn = "CompletedOrPassed",
    launchParameters = null,
    returnURL = null,
    token = "valid",
    down = 0,
  }) {
    const id = randomUUID();
    const registration = randomUUID();
    const actor = { objectType: "Agent", account: { homePage: "https://lms.example.org", name: `learner-${id.slice(0, 8)}` }, name: "Test Learner" };
    const activityId = `https://lms.example.org/activities/${randomUUID()}`;
    const sessionId = randomUUID();
    const contextTemplate = {
      contextActivities: { grouping: [{ objectType: "Activity", id: publisherId }] },
      extensions: { [CMI5.sessionId]: sessionId },
    };
    const launchData = { contextTemplate, launchMode, moveOn, entitlementKey: { courseStructure: "rolecall-test" } };
    if (masteryScore !== null) launchData.masteryScore = masteryScore;
    if (launchParameters !== null) launchData.launchParameters = launchParameters;
    if (returnURL) launchData.returnURL = returnURL === true ? `${origin}/returned?session=${id}` : returnURL;
    const credential = token === "valid" ? lrs.token : Buffer.from(`${lrs.username}:not-the-password`).toString("base64");
    const q = new URLSearchParams({
      endpoint: `${origin}/xapi/`,
      fetch: `${origin}/fetch/${id}`,
      actor: JSON.stringify(actor),
      registration,
      activityId,
    });
    const launchUrl = `${au}${au.includes("?") ? "&" : "?"}${q}`;
    const s = {
      id,
      registration,
      actor,
      activityId,
      sessionId,
      publisherId,
      launchData,
      contextTemplate,
      token: credential,
      launchUrl,
      launchPage: `${origin}/launch/${id}`,
      fetchCalls: [],
      requests: [],
      posted: [],
      rejected: [],
      failures: [],
      down,
      unavailable: [],
      returned: [],
      state: new Map(),
      learnerPreferences: { languagePreference: "en-US", audioPreference: "off" },
    };
    // As the specification asks, the LMS records "launched" before launching the AU.
    const launched = await lrs.post({
      id: randomUUID(),
      actor,
      verb: { id: CMI5.verbs.launched, display: { "en-US": "launched" } },
      object: { objectType: "Activity", id: activityId },
      context: {
        registration,
        contextActivities: { grouping: contextTemplate.contextActivities.grouping, category: [{ objectType: "Activity", id: CMI5.category }] },
        extensions: {
          [CMI5.sessionId]: sessionId,
          "https://w3id.org/xapi/cmi5/context/extensions/launchmode": launchMode,
          "https://w3id.org/xapi/cmi5/context/extensions/launchurl": au,
          "https://w3id.org/xapi/cmi5/context/extensions/moveon": moveOn,
          ...(launchParameters !== null ? { "https://w3id.org/xapi/cmi5/context/extensions/launchparameters": launchParameters } : {}),
          ...(masteryScore !== null ? { "https://w3id.org/xapi/cmi5/context/extensions/masteryscore": masteryScore } : {}),
        },
      },
      timestamp: new Date().toISOString(),
    });
    if (launched.status !== 200) throw new Error(`the LRS refused the launched statement: ${launched.status} ${JSON.stringify(launched.body)}`);
    sessions.set(id, s);
    byRegistration.set(registration, s);
    return s;
  }

  return {
    origin,
    session,
    stray,
    close() {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}

/**
 * The values a cmi5 LMS takes from a course's cmi5.xml for its first AU: id (the publisher id),
 * url, launchParameters, masteryScore and moveOn.
 */
export function readCourseStructure(xml) {
  const au = xml.match(/<au\b([^>]*)>([\s\S]*?)<\/au>/);
  if (!au) throw new Error("cmi5.xml has no <au>");
  const attr = (name) => au[1].match(new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`))?.[1] ?? null;
  const decode = (s) => s?.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&") ?? null;
  const child = (name) => decode(au[2].match(new RegExp(`<${name}\\b[^>]*>([\\s\\S]*?)</${name}>`))?.[1]?.trim() ?? null);
  return {
    id: decode(attr("id")),
    url: child("url"),
    launchParameters: child("launchParameters"),
    masteryScore: attr("masteryScore") === null ? null : Number(attr("masteryScore")),
    moveOn: attr("moveOn") ?? "NotApplicable",
  };
}
