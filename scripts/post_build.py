#!/usr/bin/env python3
"""trunk post_build hook: minified JS glue, security headers, CSP, and the service worker's
precache list.

Runs in trunk's staging directory ($TRUNK_STAGING_DIR) after the HTML is final:

0. In release builds, minifies wasm-bindgen's JS glue with terser (trunk's own minifier cannot
   parse it and leaves it as written, with a "Failed to minify JS" warning in the build log)
   and updates its Subresource Integrity hash in index.html. With `--minify-only` it stops
   there: the benchmark's baseline is built with the same step.
1. Computes the sha256 of every inline <script> trunk wrote (its module loader) and writes a
   strict Content-Security-Policy as the first <meta> of <head>.
2. Writes `_headers` (read by Netlify, Cloudflare Pages and others) with the same policy plus
   `frame-ancestors` (from $FRAME_ANCESTORS, default `*`: any site may embed), and cache rules:
   index.html, sw.js and the manifest are revalidated; hashed assets are immutable.
3. Fills sw.js with the list of files to precache and a build id, so a new deploy installs a new
   service worker that drops the old caches.
"""
import base64
import hashlib
import json
import os
import re
import subprocess
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging or not os.path.isdir(staging):
    sys.exit("post_build.py: TRUNK_STAGING_DIR is not set; run it through trunk")

index_path = os.path.join(staging, "index.html")
with open(index_path, encoding="utf-8") as f:
    html = f.read()
release = os.environ.get("TRUNK_PROFILE") != "debug"


def minify_glue(html):
    """Minifies each JS file that index.html preloads with an integrity hash, and updates it."""
    terser = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "node_modules", ".bin", "terser")
    if not os.path.exists(terser):
        sys.exit("post_build.py: node_modules/.bin/terser is missing; run `make setup` (or npm ci) first")
    for tag in re.findall(r"<link\b[^>]*>", html):
        href = re.search(r'href="?\./([^"\s>]+\.js)', tag)
        sri = re.search(r'integrity="?(sha384-[A-Za-z0-9+/=]+)', tag)
        if not href or not sri:
            continue
        path = os.path.join(staging, href.group(1))
        before = os.path.getsize(path)
        subprocess.run(
            [terser, path, "--module", "--compress", "passes=2", "--mangle", "--output", path],
            check=True,
        )
        with open(path, "rb") as f:
            digest = "sha384-" + base64.b64encode(hashlib.sha384(f.read()).digest()).decode()
        html = html.replace(sri.group(1), digest)
        print(f"post_build: minified {href.group(1)}: {before} -> {os.path.getsize(path)} bytes")
    return html


if release:
    html = minify_glue(html)
if "--minify-only" in sys.argv:
    with open(index_path, "w", encoding="utf-8") as f:
        f.write(html)
    sys.exit(0)

inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
hashes = [
    "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
    for s in inline_scripts
]

policy = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    # Custom decks may live on any http(s) host that allows CORS.
    "connect-src 'self' https: http:",
    "frame-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "require-trusted-types-for 'script'",
    "trusted-types rolecall",
]
csp = "; ".join(policy)

html = re.sub(r'\s*<meta http-equiv="?Content-Security-Policy"?[^>]*>', "", html)
# Chromium ignores `integrity` on fetch preloads and warns about it on every load; the wasm is
# same-origin and content-hashed, so the attribute adds nothing there.
def drop_fetch_preload_integrity(tag):
    t = tag.group(0)
    if re.search(r'rel="?preload', t) and re.search(r'as="?fetch', t):
        t = re.sub(r'\s+integrity=("[^"]*"|[^\s>]+)', "", t)
    return t


html = re.sub(r"<link\b[^>]*>", drop_fetch_preload_integrity, html)
meta = '<meta http-equiv="Content-Security-Policy" content="' + csp + '">'
# The policy must come before any script; it goes right after the charset declaration, which
# must stay first (minified HTML may have no <head> tag at all).
charset = re.search(r"<meta charset=[^>]*>", html)
if not release:
    # `trunk serve` injects its live-reload script after this hook runs, so its hash cannot be
    # known here; development pages go without the meta policy. Release builds always have it.
    meta = ""
if charset:
    html = html[: charset.end()] + meta + html[charset.end() :]
elif "<head>" in html:
    html = html.replace("<head>", "<head>" + meta, 1)
else:
    sys.exit("post_build.py: found neither <meta charset> nor <head> to put the CSP after")
with open(index_path, "w", encoding="utf-8") as f:
    f.write(html)

frame_ancestors = os.environ.get("FRAME_ANCESTORS", "*").strip() or "*"
base = "/" + os.environ.get("ROLECALL_BASE_PATH", "").strip("/")
base = base.rstrip("/") + "/"

files = []
for root, _dirs, names in os.walk(staging):
    for name in names:
        rel = os.path.relpath(os.path.join(root, name), staging).replace(os.sep, "/")
        if rel in ("sw.js", "_headers") or rel.startswith("embed-example") or rel.startswith("decks/") or rel.endswith(".schema.json"):
            continue
        files.append(rel)
files.sort()

digest = hashlib.sha256()
for rel in files:
    with open(os.path.join(staging, rel), "rb") as f:
        digest.update(rel.encode() + b"\0" + hashlib.sha256(f.read()).digest())
build_id = digest.hexdigest()[:16]

sw_path = os.path.join(staging, "sw.js")
with open(sw_path, encoding="utf-8") as f:
    sw = f.read()
sw = sw.replace('"__BUILD_ID__"', json.dumps(build_id))
sw = sw.replace("[/*__PRECACHE__*/]", json.dumps(["./"] + files))
with open(sw_path, "w", encoding="utf-8") as f:
    f.write(sw)

hashed = re.compile(r"-[0-9a-f]{16}(_bg)?\.(wasm|js|css)$")
lines = [
    base + "*",
    "  Content-Security-Policy: " + csp + "; frame-ancestors " + frame_ancestors,
    "  X-Content-Type-Options: nosniff",
    "  Referrer-Policy: strict-origin-when-cross-origin",
    "  Permissions-Policy: camera=(), microphone=(), geolocation=()",
]
for path in ("", "index.html", "sw.js", "manifest.webmanifest"):
    lines += [base + path, "  Cache-Control: no-cache"]
for rel in files:
    if hashed.search(rel):
        lines += [base + rel, "  Cache-Control: public, max-age=31536000, immutable"]
with open(os.path.join(staging, "_headers"), "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")

print(f"post_build: CSP with {len(hashes)} inline script hash(es); precache {len(files)} files; build {build_id}")
