// A real Learning Record Store for the cmi5 tests: Ralph (pip `ralph-malph`, installed into
// .venv-ralph/ by `scripts/setup.sh --test`) on a free loopback port, with the file-system
// backend in a fresh temporary directory per run and one basic-auth user. `startLrs` waits until
// it answers; `stop` ends the process and removes the directory. Helpers post and list
// statements with the xAPI headers, following the `more` links.
import { spawn, execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { ROOT } from "./harness.mjs";

export const RALPH_VENV = process.env.RALPH_VENV ? path.resolve(process.env.RALPH_VENV) : path.join(ROOT, ".venv-ralph");
const PYTHON = path.join(RALPH_VENV, "bin/python");
const RALPH = path.join(RALPH_VENV, "bin/ralph");

export function ralphInstalled() {
  return existsSync(RALPH);
}

/** A TCP port nobody listens on at the moment, on the loopback interface. */
async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Ralph 5.1's file-system LRS backend writes each POST with the data backend's default
// operation, "create", which refuses to write to an existing file: every POST after the first
// answers 500 ("Statements bulk indexation failed"). An LRS appends, so the server is started
// with the backend's default operation set to "append", then served by uvicorn as
// `ralph runserver` does (but without its auto-reloader, which would add a second process).
const SERVE = `
import sys
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend
FSLRSBackend.default_operation_type = BaseOperationType.APPEND
import uvicorn
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
`;

/**
 * Starts Ralph. `corsOrigins`: origins a browser may call it from directly (the statements API
 * answers their preflights). Returns `{origin, endpoint, username, password, token, dir,
 * output(), statements(), post(), stop()}`; `token` is the Basic credential an AU is given.
 */
export async function startLrs({ corsOrigins = [] } = {}) {
  if (!ralphInstalled()) throw new Error(`Ralph is not installed in ${path.relative(ROOT, RALPH_VENV)}/: run \`scripts/setup.sh --test\``);
  const dir = await mkdtemp(path.join(os.tmpdir(), "rolecall-lrs-"));
  const username = "rolecall-lms";
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const env = {
    ...process.env,
    // Which LRS backend the API server uses: "fs", statements in a JSON-lines file.
    RALPH_RUNSERVER_BACKEND: "fs",
    // Where the fs backend keeps its file (fs_lrs.jsonl): this run's own directory.
    RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH: path.join(dir, "lrs"),
    // The basic-auth users file (written by `ralph auth --write-to-disk` below).
    RALPH_AUTH_FILE: path.join(dir, "auth.json"),
    // Ralph's own directory (its history of reads and writes); by default under ~/.config.
    RALPH_APP_DIR: path.join(dir, "app"),
    // Origins whose browsers may call the LRS: answered with Access-Control-Allow-Origin.
    RALPH_RUNSERVER_CORS_ALLOW_ORIGINS: JSON.stringify(corsOrigins),
    // Authentication: HTTP basic only (no OpenID Connect).
    RALPH_RUNSERVER_AUTH_BACKENDS: "basic",
  };
  // The user the LMS hands out tokens for: every scope, identified as the LMS.
  try {
    await promisify(execFile)(RALPH, ["auth", "-u", username, "-p", password, "-s", "all", "-M", "mailto:lms@example.org", "-w"], { env, cwd: dir });
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`ralph auth failed: ${e.stderr || e.message}`);
  }

  const port = await freePort();
  const child = spawn(PYTHON, ["-c", SERVE, String(port)], { env, cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve(`Ralph exited (${signal ?? code})`)));

  const origin = `http://127.0.0.1:${port}`;
  const token = Buffer.from(`${username}:${password}`).toString("base64");
  const lrs = {
    origin,
    endpoint: `${origin}/xAPI/`,
    username,
    password,
    token,
    dir,
    output: () => out,
    statements: (query, opts) => listStatements(lrs, query, opts),
    post: (statements, opts) => postStatements(lrs, statements, opts),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };

  // Ready when the heartbeat answers (it checks the backend too); give up if the process ends.
  const deadline = Date.now() + 30000;
  for (;;) {
    const state = await Promise.race([
      fetch(`${origin}/__heartbeat__`).then((r) => (r.ok ? "up" : "starting"), () => "starting"),
      exited,
    ]);
    if (state === "up") break;
    if (state !== "starting" || Date.now() > deadline) {
      await lrs.stop();
      throw new Error(`Ralph did not start: ${state}\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return lrs;
}

function headers(token, extra = {}) {
  return { Authorization: `Basic ${token}`, "X-Experience-API-Version": "1.0.3", ...extra };
}

/** POSTs one statement or an array; returns `{status, body}` (the stored ids on success). */
export async function postStatements(lrs, statements, { token = lrs.token } = {}) {
  const res = await fetch(`${lrs.origin}/xAPI/statements`, {
    method: "POST",
    headers: headers(token, { "Content-Type": "application/json" }),
    body: JSON.stringify(statements),
  });
  const text = await res.text();
  let body = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, body };
}

/**
 * Every statement matching `query` (e.g. `{registration}`), in the order the LRS stored them,
 * following `more` until it is empty.
 */
export async function listStatements(lrs, query = {}, { token = lrs.token } = {}) {
  const all = [];
  let url = `${lrs.origin}/xAPI/statements?${new URLSearchParams({ limit: "50", ...query })}`;
  for (let page = 0; url; page++) {
    if (page > 100) throw new Error("the LRS kept answering with more pages");
    const res = await fetch(url, { headers: headers(token) });
    if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status} ${await res.text()}`);
    const body = await res.json();
    all.push(...body.statements);
    url = body.more ? new URL(body.more, lrs.origin).href : null;
    if (body.statements.length === 0) break;
  }
  // The order the LRS stored them in (`stored` has microseconds; the sort is stable, so ties
  // keep the order the LRS listed them in).
  return all.sort((a, b) => (a.stored < b.stored ? -1 : a.stored > b.stored ? 1 : 0));
}
