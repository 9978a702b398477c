#!/usr/bin/env bash
# Builds what run.mjs loads, from the repository root:
#   1. the release wasm (`cargo xtask build`, as shipped: opt-level "z", wasm-opt -Oz);
#   2. a node-target copy of it in bench/pkg/ (wasm-bindgen --target nodejs, then wasm-opt -Oz);
#   3. the texts in bench/corpus/ (seed, 100 KB, 1 MB, 10 MB), written by the criterion bench's generator,
#      so node measures the very texts `cargo bench` measures; and the anchoring case (anchor.json) for anchor.mjs;
#   4. the npm packages of bench/package.json (in bench/ only).
# Honours CARGO_TARGET_DIR. SKIP_XTASK=1 reuses the wasm cargo already built.
# WITH_O3=1 also builds a speed-optimised variant (opt-level 3, wasm-opt -O3) in bench/pkg-o3/, which run.mjs
# then measures next to the shipped one (a ~3 minute build of its own, in $CARGO_TARGET_DIR/o3).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$root"
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$root/$target" ;; esac

if [ "${SKIP_XTASK:-}" != 1 ]; then
  cargo xtask build
fi
wasm-bindgen "$target/wasm32-unknown-unknown/release/newsgloss.wasm" --target nodejs --no-typescript --out-dir "$here/pkg"
# The same features and stripping as xtask/src/build.rs.
"$root/node_modules/.bin/wasm-opt" -Oz \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --enable-reference-types --enable-multivalue --strip-debug --strip-producers --strip-target-features \
  "$here/pkg/newsgloss_bg.wasm" -o "$here/pkg/newsgloss_bg.opt.wasm"
mv "$here/pkg/newsgloss_bg.opt.wasm" "$here/pkg/newsgloss_bg.wasm"

if [ "${WITH_O3:-}" = 1 ]; then
  CARGO_PROFILE_RELEASE_OPT_LEVEL=3 CARGO_TARGET_DIR="$target/o3" \
    cargo build --release --lib --target wasm32-unknown-unknown
  wasm-bindgen "$target/o3/wasm32-unknown-unknown/release/newsgloss.wasm" --target nodejs --no-typescript \
    --out-dir "$here/pkg-o3"
  "$root/node_modules/.bin/wasm-opt" -O3 \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-reference-types --enable-multivalue --strip-debug --strip-producers --strip-target-features \
    "$here/pkg-o3/newsgloss_bg.wasm" -o "$here/pkg-o3/newsgloss_bg.opt.wasm"
  mv "$here/pkg-o3/newsgloss_bg.opt.wasm" "$here/pkg-o3/newsgloss_bg.wasm"
fi

NEWSGLOSS_CORPUS_OUT="$here/corpus" cargo bench --profile native --bench analyze
NEWSGLOSS_CORPUS_OUT="$here/corpus" cargo bench --profile native --bench anchor

cd "$here"
npm install --no-audit --no-fund
