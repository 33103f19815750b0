#!/usr/bin/env bash
# Where the wasm's bytes go: builds the release wasm with symbol names kept, then prints twiggy's
# biggest items and a per-module summary. Needs twiggy (`cargo install twiggy`).
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/size-report
cargo build --release --target wasm32-unknown-unknown --bin rolecall -q
wasm-bindgen --out-dir "$out" --target web --keep-debug target/wasm32-unknown-unknown/release/rolecall.wasm
twiggy top -n "${1:-25}" "$out/rolecall_bg.wasm"
twiggy top -n 100000 -f csv "$out/rolecall_bg.wasm" > "$out/top.csv"
python3 - "$out/top.csv" <<'PY'
import csv, re, sys, collections
agg = collections.Counter()
for row in csv.DictReader(open(sys.argv[1])):
    name, size = row["Name"], int(row["ShallowSize"])
    if "function names" in name:
        continue
    m = re.search(r"rolecall::(components::[a-z_]+|app|core::[a-z_]+|web::[a-z_]+)", name)
    key = m.group(1) if m else (re.match(r"^<?([a-z_][a-z0-9_]*)", name) or [None, name[:24]])[1]
    agg[key] += size
print("\nby module (pre wasm-opt bytes):")
for k, v in agg.most_common(30):
    print(f"{v:9d}  {k}")
PY
