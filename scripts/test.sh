#!/usr/bin/env bash
# Runs every check RoleCall has, in order, and ends with one summary line.
# Called by `make test` after setup. Each step stops the run on failure.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN_DIR="${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin"
export PATH="$PWD/node_modules/.bin:$BIN_DIR:$PATH"
started=$(date +%s)
LOG=$(mktemp -d)
trap 'rm -rf "$LOG"' EXIT

run() {
  local name=$1; shift
  local t=$(date +%s)
  printf '==> %s\n' "$name"
  if "$@" 2>&1 | tee "$LOG/$name.log"; then
    printf '    %s passed in %ss\n' "$name" "$(( $(date +%s) - t ))"
  else
    printf '\nmake test: FAILED at step "%s" (see above)\n' "$name"
    exit 1
  fi
}

run fmt cargo fmt --check
run clippy cargo clippy --all-targets --all-features --locked -- -D warnings
run cargo-test cargo test --locked
run deck-words cargo test --locked --quiet --test deck_words -- --nocapture no_word_predicts
run build trunk build --release
run node-test node --test --test-concurrency=1 tests/*.test.mjs tests/e2e/*.test.mjs
run bench-quick node scripts/bench.mjs --quick

cargo_passed=$(grep -oE 'test result: ok\. [0-9]+ passed' "$LOG/cargo-test.log" | awk '{s += $4} END {print s + 0}')
node_passed=$(grep -E '^# pass [0-9]+' "$LOG/node-test.log" | tail -1 | awk '{print $3}')
node_failed=$(grep -E '^# fail [0-9]+' "$LOG/node-test.log" | tail -1 | awk '{print $3}')
echo
echo "make test: OK: cargo tests ${cargo_passed} passed; browser and schema tests ${node_passed} passed, ${node_failed} failed; fmt, clippy, release build and quick benchmark clean (in $(( $(date +%s) - started ))s)"
