# RoleCall: two commands on a fresh machine.
#   make serve   set up the build tools, then serve the app on http://127.0.0.1:8080
#   make test    set up build and test tools, then run every check
.PHONY: serve test dist bench setup setup-test clean

BIN_DIR := $(or $(CARGO_INSTALL_ROOT),$(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CURDIR)/node_modules/.bin:$(BIN_DIR):$(PATH)

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh --test

serve: setup
	@echo "==> serving RoleCall at http://127.0.0.1:8080/ (Ctrl+C to stop)"
	trunk serve --address 127.0.0.1 --port 8080

dist: setup
	trunk build --release
	@echo "==> dist/ is ready: copy it to any static host, under any path"

test: setup-test
	@scripts/test.sh

bench: setup-test
	trunk build --release
	node scripts/bench.mjs

clean:
	rm -rf dist target/bench artifacts
