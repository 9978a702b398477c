#!/usr/bin/env bash
# Builds what run.mjs loads, from the repository root:
#   1. the release wasm (`cargo xtask build`, as shipped: opt-level 3, wasm-opt -O1);
#   2. a node-target copy of it in bench/pkg/ (wasm-bindgen --target nodejs, then wasm-opt -O1);
#   3. the texts in bench/corpus/ (seed, 100 KB, 1 MB, 10 MB), written by the criterion bench's generator,
#      so node measures the very texts `cargo bench` measures; and the anchoring case (anchor.json) for anchor.mjs;
#   4. the npm packages of bench/package.json (in bench/ only).
# Honours CARGO_TARGET_DIR. SKIP_XTASK=1 reuses the wasm cargo already built.
# WITH_LEVELS="z s 2" also builds the engine at those opt-levels (wasm-opt -Oz, -Os, -O2 to match) in
# bench/pkg-<level>/, for `run.mjs --variants z=pkg-z,s=pkg-s,...` to measure next to the shipped one
# (a few minutes each the first time, in $CARGO_TARGET_DIR/opt-<level>).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$root"
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$root/$target" ;; esac

if [ "${SKIP_XTASK:-}" != 1 ]; then
  cargo xtask build
fi
# wasm-opt in place on a wasm-bindgen output folder, with the features and stripping of xtask/src/build.rs.
optimize() { # FLAG DIR
  "$root/node_modules/.bin/wasm-opt" "$1" \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-reference-types --enable-multivalue --strip-debug --strip-producers --strip-target-features \
    "$2/newsgloss_bg.wasm" -o "$2/newsgloss_bg.opt.wasm"
  mv "$2/newsgloss_bg.opt.wasm" "$2/newsgloss_bg.wasm"
}

wasm-bindgen "$target/wasm32-unknown-unknown/release/newsgloss.wasm" --target nodejs --no-typescript --out-dir "$here/pkg"
optimize -O1 "$here/pkg"

for level in ${WITH_LEVELS:-}; do
  case "$level" in z) flag=-Oz ;; s) flag=-Os ;; 0|1|2|3) flag=-O$level ;; *) echo "WITH_LEVELS: no opt-level $level" >&2; exit 2 ;; esac
  CARGO_PROFILE_RELEASE_OPT_LEVEL="$level" CARGO_TARGET_DIR="$target/opt-$level" \
    cargo build --release --lib --target wasm32-unknown-unknown
  wasm-bindgen "$target/opt-$level/wasm32-unknown-unknown/release/newsgloss.wasm" --target nodejs --no-typescript \
    --out-dir "$here/pkg-$level"
  optimize "$flag" "$here/pkg-$level"
done

NEWSGLOSS_CORPUS_OUT="$here/corpus" cargo bench --profile native --bench analyze
NEWSGLOSS_CORPUS_OUT="$here/corpus" cargo bench --profile native --bench anchor

cd "$here"
npm install --no-audit --no-fund
