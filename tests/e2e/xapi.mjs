// The rules of the xAPI 1.0.3 specification ("Data", section 2) that RoleCall's statements must
// keep, checked field by field, so a test fails with the rule a statement breaks. Written from
// the specification: UUIDs, IRIs, language maps, an Agent identified by an account, a verb, an
// Activity object with a definition, a result whose score is consistent, a context whose
// registration is a UUID and whose extensions are keyed by IRIs, an ISO 8601 timestamp.
import assert from "node:assert/strict";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const LANGUAGE_TAG = /^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$/;
const INTERACTION_TYPES = ["true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing", "likert", "numeric", "other"];

function iri(value, where) {
  assert.equal(typeof value, "string", `${where} is a string`);
  const url = new URL(value); // throws on a relative or malformed IRI
  assert.ok(url.protocol.length > 1, `${where} has a scheme`);
}

function languageMap(map, where) {
  assert.ok(map && typeof map === "object" && !Array.isArray(map), `${where} is a language map`);
  const keys = Object.keys(map);
  assert.ok(keys.length > 0, `${where} is not empty`);
  for (const k of keys) {
    assert.match(k, LANGUAGE_TAG, `${where} key ${k} is a language tag`);
    assert.equal(typeof map[k], "string", `${where}[${k}] is a string`);
  }
}

function onlyKeys(obj, allowed, where) {
  for (const k of Object.keys(obj)) assert.ok(allowed.includes(k), `${where} has no property ${k}`);
}

/** Fails with the broken rule unless `st` is a valid xAPI 1.0.3 statement. */
export function assertValidStatement(st) {
  onlyKeys(st, ["id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority", "version", "attachments"], "statement");
  assert.match(st.id, UUID, "id is a UUID");
  // Actor: an Agent identified by exactly one inverse functional identifier, here an account.
  assert.equal(st.actor.objectType, "Agent");
  const ifis = ["mbox", "mbox_sha1sum", "openid", "account"].filter((k) => k in st.actor);
  assert.deepEqual(ifis, ["account"], "the actor has exactly one identifier, an account");
  iri(st.actor.account.homePage, "actor.account.homePage");
  assert.ok(typeof st.actor.account.name === "string" && st.actor.account.name.length > 0, "account name");
  // Verb.
  iri(st.verb.id, "verb.id");
  languageMap(st.verb.display, "verb.display");
  // Object: an Activity.
  assert.equal(st.object.objectType ?? "Activity", "Activity");
  iri(st.object.id, "object.id");
  const def = st.object.definition;
  if (def) {
    if (def.type) iri(def.type, "definition.type");
    if (def.name) languageMap(def.name, "definition.name");
    if (def.description) languageMap(def.description, "definition.description");
    if (def.interactionType) {
      assert.ok(INTERACTION_TYPES.includes(def.interactionType), "interactionType");
      assert.ok(Array.isArray(def.correctResponsesPattern) && def.correctResponsesPattern.every((p) => typeof p === "string"), "correctResponsesPattern is an array of strings");
      if (def.interactionType === "choice") {
        assert.ok(Array.isArray(def.choices) && def.choices.length > 0, "choices");
        const ids = def.choices.map((c) => c.id);
        assert.equal(new Set(ids).size, ids.length, "choice ids are unique");
        for (const c of def.choices) {
          assert.equal(typeof c.id, "string");
          languageMap(c.description, `choice ${c.id}`);
        }
        for (const p of def.correctResponsesPattern) {
          for (const id of p.split("[,]")) assert.ok(ids.includes(id), `correct response ${id} is a choice`);
        }
      }
    }
  }
  // Result: a consistent score.
  if (st.result) {
    onlyKeys(st.result, ["score", "success", "completion", "response", "duration", "extensions"], "result");
    const s = st.result.score;
    if (s) {
      if ("scaled" in s) assert.ok(s.scaled >= -1 && s.scaled <= 1, "scaled is within -1..1");
      if ("min" in s && "max" in s) assert.ok(s.min < s.max, "min is below max");
      if ("raw" in s) {
        if ("min" in s) assert.ok(s.raw >= s.min, "raw is at least min");
        if ("max" in s) assert.ok(s.raw <= s.max, "raw is at most max");
      }
    }
    for (const k of ["success", "completion"]) if (k in st.result) assert.equal(typeof st.result[k], "boolean", k);
    if ("duration" in st.result) assert.match(st.result.duration, DURATION, "duration is ISO 8601");
  }
  // Context.
  if (st.context) {
    if ("registration" in st.context) assert.match(st.context.registration, UUID, "registration is a UUID");
    for (const list of Object.values(st.context.contextActivities ?? {})) {
      for (const a of Array.isArray(list) ? list : [list]) iri(a.id, "context activity id");
    }
    for (const key of Object.keys(st.context.extensions ?? {})) iri(key, "extension key");
  }
  assert.match(st.timestamp, TIMESTAMP, "timestamp is ISO 8601");
  assert.ok(!Number.isNaN(Date.parse(st.timestamp)));
}
