// The JSON Schema static/deck.schema.json against the deck corpus in tests/decks/ (written by
// scripts/gen-deck-corpus.py), the built-in deck and the example in docs/deck-format.md.
//
// tests/decks/schema-verdicts.json says, for every invalid deck, what the schema must do with it:
//   "rejects"   the schema rejects it, and flags (at least) every place the app's parser flags,
//               except the rules only the app can check (see below);
//   "accepts"   the schema cannot express the rule the deck breaks; its "note" says why (this
//               includes files JSON.parse reads but the app refuses as not JSON, such as a
//               repeated key: the schema sees only the value JSON.parse makes of them);
//   "not-json"  the file is not UTF-8 JSON text at all.
// tests/decks/expected.json holds the app's message for every invalid deck, recorded from the
// parser by tests/deck_corpus.rs (DECK_CORPUS_BLESS=1); here it says where the app objects.
//
// Run: node --test tests/schema.test.mjs

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const corpus = join(root, "tests", "decks");

const schema = JSON.parse(readFileSync(join(root, "static", "deck.schema.json"), "utf8"));
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(schema);

/** Reads deck bytes as the app does: UTF-8 only (a bad byte is an error), a leading BOM ignored. */
function readDeck(bytes) {
  // TextDecoder drops one leading byte-order mark, as the app does.
  const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  return JSON.parse(text);
}

/** Validates and returns the errors (empty when valid). */
function schemaErrors(value) {
  return validate(value) ? [] : [...validate.errors];
}

function describe(errors) {
  return errors.map((e) => `${e.instancePath || "(root)"} ${e.message} ${JSON.stringify(e.params)}`).join("\n");
}

const escapePointer = (key) => String(key).replaceAll("~", "~0").replaceAll("/", "~1");

/** The JSON pointers the schema's errors point at, counting a missing or unknown field as its own place. */
function errorPointers(errors) {
  const pointers = new Set();
  for (const e of errors) {
    pointers.add(e.instancePath);
    if (e.keyword === "required") pointers.add(`${e.instancePath}/${escapePointer(e.params.missingProperty)}`);
    // A field present without the field it depends on ("speaker" without "quote") is the
    // app's problem at the present field.
    if (e.keyword === "dependentRequired") pointers.add(`${e.instancePath}/${escapePointer(e.params.property)}`);
    if (e.keyword === "propertyNames" && e.params.propertyName !== undefined) {
      pointers.add(`${e.instancePath}/${escapePointer(e.params.propertyName)}`);
    }
    if (e.keyword === "additionalProperties") {
      pointers.add(`${e.instancePath}/${escapePointer(e.params.additionalProperty)}`);
    }
  }
  return pointers;
}

/**
 * The problems listed in a parser message ("the deck has N problems\n- path: what ..."), each as
 * { pointer, what }. Other messages (empty, not UTF-8, not JSON, too large) list none.
 */
function parserProblems(message) {
  if (!message.startsWith("the deck has ")) return [];
  const path = /^([A-Za-z$_][\w$-]*(?:\[\d+\])*(?:\.[A-Za-z$_][\w$-]*(?:\[\d+\])*)*): (.*)$/s;
  return message
    .split("\n")
    .slice(1)
    .map((line) => line.replace(/^- /, ""))
    .filter((line) => !/^and \d+ more$/.test(line))
    .map((line) => {
      const m = path.exec(line);
      if (!m) return { pointer: "", what: line };
      const pointer = m[1]
        .replace(/\[(\d+)\]/g, ".$1")
        .split(".")
        .map((part) => `/${escapePointer(part)}`)
        .join("");
      return { pointer, what: m[2] };
    });
}

/** Rules that compare one part of a deck with another: only the app checks them. */
const APP_ONLY = /is already used by (categories|statements)\[\d+\]$|is not a category of this deck/;

function listDir(dir) {
  return readdirSync(join(corpus, dir)).sort();
}

const verdicts = JSON.parse(readFileSync(join(corpus, "schema-verdicts.json"), "utf8"));
const messages = JSON.parse(readFileSync(join(corpus, "expected.json"), "utf8"));

test("the schema compiles in strict mode", () => {
  assert.equal(typeof validate, "function");
  assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
});

test("the built-in deck validates", () => {
  const deck = readDeck(readFileSync(join(root, "decks", "devops-vs-platform.json")));
  assert.deepEqual(describe(schemaErrors(deck)), "");
});

test("every valid/ deck validates", async (t) => {
  const files = listDir("valid");
  assert.ok(files.length >= 6, `valid/ holds only ${files.length} decks`);
  for (const name of files) {
    await t.test(name, () => {
      const deck = readDeck(readFileSync(join(corpus, "valid", name)));
      assert.equal(describe(schemaErrors(deck)), "", `valid/${name} fails the schema`);
    });
  }
});

test("the example in docs/deck-format.md validates", () => {
  const doc = readFileSync(join(root, "docs", "deck-format.md"), "utf8");
  const block = /```json\n([\s\S]*?)\n```/.exec(doc);
  assert.ok(block, "docs/deck-format.md has a ```json block");
  const deck = JSON.parse(block[1]);
  assert.equal(describe(schemaErrors(deck)), "");
  assert.ok(deck.statements.length >= 1);
});

for (const [name, entries] of [
  ["schema-verdicts.json", verdicts],
  ["expected.json", messages],
]) {
  test(`${name} has an entry for every invalid/ file and no other`, () => {
    const files = listDir("invalid");
    const keys = Object.keys(entries).sort();
    assert.ok(files.length >= 45, `invalid/ holds only ${files.length} decks`);
    assert.deepEqual(
      files.filter((f) => !(f in entries)),
      [],
      `invalid files without an entry in ${name}`,
    );
    assert.deepEqual(
      keys.filter((e) => !files.includes(e)),
      [],
      `entries in ${name} without a file`,
    );
  });
}

test("every invalid/ deck gets the schema verdict schema-verdicts.json records", async (t) => {
  const counts = { rejects: 0, accepts: 0, "not-json": 0 };
  for (const name of listDir("invalid")) {
    const entry = verdicts[name];
    const message = messages[name];
    if (!entry || typeof message !== "string") continue; // reported by the previous tests
    await t.test(name, () => {
      const bytes = readFileSync(join(corpus, "invalid", name));
      counts[entry.schema] = (counts[entry.schema] ?? 0) + 1;
      switch (entry.schema) {
        case "not-json":
          assert.throws(() => readDeck(bytes), `invalid/${name} is marked not-json but reads as JSON`);
          break;
        case "accepts": {
          assert.ok(entry.note, `invalid/${name}: an "accepts" entry needs a note saying why`);
          const errors = schemaErrors(readDeck(bytes));
          assert.equal(describe(errors), "", `invalid/${name} is marked "accepts" but the schema rejects it`);
          break;
        }
        case "rejects": {
          const errors = schemaErrors(readDeck(bytes));
          assert.ok(errors.length > 0, `invalid/${name} is marked "rejects" but the schema accepts it`);
          // The schema must object where the app objects, not somewhere else by luck.
          const pointers = errorPointers(errors);
          for (const { pointer, what } of parserProblems(message)) {
            if (pointers.has(pointer) || APP_ONLY.test(what)) continue;
            assert.fail(
              `invalid/${name}: the app reports ${pointer || "(root)"}: ${what}\n` +
                `but the schema's errors are elsewhere:\n${describe(errors)}`,
            );
          }
          break;
        }
        default:
          assert.fail(`invalid/${name}: unknown schema verdict ${JSON.stringify(entry.schema)}`);
      }
    });
  }
  t.diagnostic(
    `invalid decks: ${counts.rejects} rejected by the schema, ${counts.accepts} only by the app, ` +
      `${counts["not-json"]} not JSON`,
  );
});
