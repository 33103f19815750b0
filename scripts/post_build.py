#!/usr/bin/env python3
"""trunk post_build hook: minified JS glue, security headers, CSP, and the service worker's
precache list.

Runs in trunk's staging directory ($TRUNK_STAGING_DIR) after the HTML is final. The learner's
app (index.html) is the build's target; the trainers' studio (studio/index.html, a wasm binary of
its own) is built here, by a nested `trunk build` into the staging directory's `studio/`, whose own
run of this hook only minifies its glue (step 0). So is the learner's app for LMS launches
(lms/index.html: the same app with the SCORM and cmi5 run-time), whose glue and wasm join the
plain app's; index.html's loader picks one or the other. Then, for both pages:

0. In release builds, minifies wasm-bindgen's JS glue with terser (trunk's own minifier cannot
   parse it and leaves it as written, with a "Failed to minify JS" warning in the build log)
   and updates its Subresource Integrity hash in index.html. With `--minify-only` it stops
   there: the benchmark's baseline is built with the same step.
1. Computes the sha256 of every inline <script> trunk wrote (its module loader) and writes a
   strict Content-Security-Policy as the first <meta> of <head>.
2. Writes `_headers` (read by Netlify, Cloudflare Pages and others) with the same policy plus
   `frame-ancestors` (from $FRAME_ANCESTORS, default `*`: any site may embed), and cache rules:
   index.html, sw.js and the manifest are revalidated; hashed assets are immutable.
3. Fills sw.js with the list of files to precache (both pages) and a build id, so a new deploy
   installs a new service worker that drops the old caches.
4. Writes the LMS packages with default settings (SCORM 1.2, SCORM 2004, cmi5) into `packages/`
   (src/bin/package.rs), from the learner's files that sw.js now lists: after the list, so the
   packages are not precached, and zipped, so they are not precompressed either.
5. In release builds, writes `.gz` and `.br` beside every text and wasm file, for static hosts that
   serve precompressed files (scripts/precompress.mjs).
"""
import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging or not os.path.isdir(staging):
    sys.exit("post_build.py: TRUNK_STAGING_DIR is not set; run it through trunk")

release = os.environ.get("TRUNK_PROFILE") != "debug"
here = os.path.dirname(os.path.abspath(__file__))
root_dir = os.path.dirname(here)
# Set for the nested builds (the studio, the LMS build), whose hook runs only minify their glue.
NESTED = "ROLECALL_NESTED_BUILD"


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def minify_glue(html, staging):
    """Minifies each JS file that index.html preloads with an integrity hash, and updates it."""
    terser = os.path.join(root_dir, "node_modules", ".bin", "terser")
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


def child_env(**extra):
    """The environment for a tool run from this hook, without trunk's own variables (a nested
    trunk would read them as its settings)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRUNK_")}
    env.update(extra)
    return env


def build_studio():
    """Builds studio/index.html into the staging directory's studio/ with the same profile."""
    env = child_env(**{NESTED: "1"})
    out = os.path.join(staging, "studio")
    cmd = ["trunk", "build", "studio/index.html", "--dist", out] + (["--release"] if release else [])
    print("post_build: building the studio: " + " ".join(cmd[1:]), flush=True)
    subprocess.run(cmd, cwd=root_dir, env=env, check=True)


def build_lms():
    """Builds the learner's app with the LMS run-time (lms/index.html, feature `lms`) with the
    same profile, and moves its glue and wasm beside the plain app's. Returns their names."""
    out = tempfile.mkdtemp(prefix="rolecall-lms-")
    cmd = ["trunk", "build", "lms/index.html", "--dist", out] + (["--release"] if release else [])
    print("post_build: building the app for LMS launches: " + " ".join(cmd[1:]), flush=True)
    try:
        subprocess.run(cmd, cwd=root_dir, env=child_env(**{NESTED: "1"}), check=True)
        names = sorted(n for n in os.listdir(out) if re.fullmatch(r"rolecall-lms-[0-9a-f]+(_bg\.wasm|\.js)", n))
        if len(names) != 2:
            sys.exit(f"post_build.py: the LMS build made {names}, not one glue file and one wasm")
        for name in names:
            shutil.move(os.path.join(out, name), os.path.join(staging, name))
    finally:
        shutil.rmtree(out, ignore_errors=True)
    js, wasm = sorted(names, key=lambda n: n.endswith(".wasm"))
    return js, wasm


def with_first_screens(html):
    """Fills index.html's `pre-*` templates with the app's first screens, rendered on the host
    by the app's own components (src/bin/prerender.rs)."""
    cmd = ["cargo", "run", "--quiet", "--features", "prerender", "--bin", "prerender"]
    print("post_build: pre-rendering the first screens: " + " ".join(cmd), flush=True)
    screens = json.loads(subprocess.run(cmd, cwd=root_dir, env=child_env(), check=True, capture_output=True, text=True).stdout)
    filled = []

    def fill(m):
        screen = screens.get(m.group(2))
        if screen is None:
            return m.group(0)
        filled.append(m.group(2))
        return m.group(1) + screen + "</template>"

    html = re.sub(r'(<template id="?pre-([a-z]+)"?>)</template>', fill, html)
    if sorted(filled) != sorted(screens):
        sys.exit(f"post_build.py: index.html has templates for {filled}, the pre-renderer made {sorted(screens)}")
    print(f"post_build: pre-rendered {', '.join(filled)} ({sum(len(screens[k]) for k in filled)} bytes)")
    return html


def loader_for(html, lms_js, lms_wasm):
    """Rewrites trunk's loader: it waits for `window.rolecallPainted` (set by index.html's last
    script when it shows a pre-rendered screen) before it fetches the wasm, and it loads the app
    built for LMS launches when that script found an LMS (`window.rolecallLms`), else the plain
    one. The wasm's preload goes: it would start the download before that screen is painted,
    and it might be the wrong build."""
    imported = re.search(r"import init, \* as bindings from '(\./rolecall-[0-9a-f]+\.js)';\s*", html)
    init = re.search(r"const wasm = await init\(\{ module_or_path: '(\./rolecall-[0-9a-f]+_bg\.wasm)' \}\);", html)
    preload = re.search(r"<link\b(?=[^>]*rel=\"?preload)(?=[^>]*\.wasm)[^>]*>", html)
    if not imported or not init or not preload or imported.end() > init.start():
        sys.exit("post_build.py: trunk's wasm loader or preload was not found in index.html; has trunk changed?")
    pick = (
        "await window.rolecallPainted;\n"
        f"const [js, bg] = window.rolecallLms ? ['./{lms_js}', './{lms_wasm}'] : ['{imported.group(1)}', '{init.group(1)}'];\n"
        "const bindings = await import(js);\n"
        "const wasm = await bindings.default({ module_or_path: bg });"
    )
    html = html[: imported.start()] + html[imported.end() : init.start()] + pick + html[init.end() :]
    return html.replace(preload.group(0), "", 1)


def inline_hashes(html, tag):
    """The CSP sources for every inline <script> (or <style>) of a page."""
    bodies = re.findall(r"<" + tag + r"(?![^>]*\bsrc=)[^>]*>(.*?)</" + tag + ">", html, flags=re.S)
    return ["'sha256-" + base64.b64encode(hashlib.sha256(b.encode("utf-8")).digest()).decode() + "'" for b in bodies]


def policy_for(hashes, style_hashes):
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),
        # The learner's page inlines its stylesheet, allowed by its hash; no style attributes.
        " ".join(["style-src 'self'"] + style_hashes),
        "img-src 'self' data:",
        "font-src 'self'",
        # Custom decks may live on any http(s) host that allows CORS.
        "connect-src 'self' https: http:",
        # The studio previews the learner's app in a frame.
        "frame-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "require-trusted-types-for 'script'",
        "trusted-types rolecall",
    ])


# Chromium ignores `integrity` on fetch preloads and warns about it on every load; the wasm is
# same-origin and content-hashed, so the attribute adds nothing there.
def drop_fetch_preload_integrity(tag):
    t = tag.group(0)
    if re.search(r'rel="?preload', t) and re.search(r'as="?fetch', t):
        t = re.sub(r'\s+integrity=("[^"]*"|[^\s>]+)', "", t)
    return t


def with_policy(html, csp):
    """The page with its Content-Security-Policy as the first <meta> after the charset."""
    html = re.sub(r'\s*<meta http-equiv="?Content-Security-Policy"?[^>]*>', "", html)
    html = re.sub(r"<link\b[^>]*>", drop_fetch_preload_integrity, html)
    # `trunk serve` injects its live-reload script after this hook runs, so its hash cannot be
    # known here; development pages go without the meta policy. Release builds always have it.
    meta = '<meta http-equiv="Content-Security-Policy" content="' + csp + '">' if release else ""
    # The policy must come before any script; it goes right after the charset declaration, which
    # must stay first (minified HTML may have no <head> tag at all).
    charset = re.search(r"<meta charset=[^>]*>", html)
    if charset:
        return html[: charset.end()] + meta + html[charset.end() :]
    if "<head>" in html:
        return html.replace("<head>", "<head>" + meta, 1)
    sys.exit("post_build.py: found neither <meta charset> nor <head> to put the CSP after")


index_path = os.path.join(staging, "index.html")
html = read(index_path)
if release:
    html = minify_glue(html, staging)
if "--minify-only" in sys.argv or os.environ.get(NESTED):
    write(index_path, html)
    sys.exit(0)

build_studio()
lms_js, lms_wasm = build_lms()
html = with_first_screens(html)
html = loader_for(html, lms_js, lms_wasm)
pages = {"index.html": html, "studio/index.html": read(os.path.join(staging, "studio", "index.html"))}
all_hashes, all_styles = [], []
for rel, page in pages.items():
    hashes, styles = inline_hashes(page, "script"), inline_hashes(page, "style")
    all_hashes += [h for h in hashes if h not in all_hashes]
    all_styles += [h for h in styles if h not in all_styles]
    write(os.path.join(staging, rel), with_policy(page, policy_for(hashes, styles)))
# The header applies to every path, so it allows the inline scripts and styles of both pages.
csp = policy_for(all_hashes, all_styles)

frame_ancestors = os.environ.get("FRAME_ANCESTORS", "*").strip() or "*"
base = "/" + os.environ.get("ROLECALL_BASE_PATH", "").strip("/")
base = base.rstrip("/") + "/"

files = []
for root, _dirs, names in os.walk(staging):
    for name in names:
        rel = os.path.relpath(os.path.join(root, name), staging).replace(os.sep, "/")
        if rel in ("sw.js", "_headers") or rel.startswith("embed-example") or rel.startswith(("decks/", "packages/")) or rel.endswith(".schema.json"):
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
sw = sw.replace("[/*__PRECACHE__*/]", json.dumps(["./", "studio/"] + files))
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
for path in ("", "index.html", "studio/", "studio/index.html", "sw.js", "manifest.webmanifest"):
    lines += [base + path, "  Cache-Control: no-cache"]
for rel in files:
    if hashed.search(rel):
        lines += [base + rel, "  Cache-Control: public, max-age=31536000, immutable"]
with open(os.path.join(staging, "_headers"), "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")

print(f"post_build: CSP with {len(all_hashes)} inline script hash(es); precache {len(files)} files; build {build_id}")

# The same features as the pre-rendering above, so cargo reuses that build of the library.
cmd = ["cargo", "run", "--quiet", "--features", "prerender", "--bin", "package", "--", staging]
print("post_build: writing the LMS packages: " + " ".join(cmd[:-1]) + " <staging>", flush=True)
subprocess.run(cmd, cwd=root_dir, env=child_env(), check=True)

if release:
    subprocess.run(["node", os.path.join(here, "precompress.mjs"), staging], check=True)
