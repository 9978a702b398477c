//! `cargo xtask build`: the widget as a page can load it, in `dist/`.
//!
//! The steps are the usual wasm-bindgen pipeline, spelled out so nothing
//! depends on wasm-pack: cargo (release, wasm32) -> wasm-bindgen (ES module
//! glue for `--target web`) -> wasm-opt -O1 (speed: the engine reads whole
//! articles; opt-level 3 runs it ~2.9x faster than "z" for a wasm ~22%
//! larger gzipped; after LLVM's opt-level 3, wasm-opt -O1 ran it 15-35 %
//! faster than -O3 in node 20 and as fast in Chromium 156, for a wasm 3 %
//! larger raw and 0.1 % larger gzipped: see `bench/README.md`) -> the
//! static files of `www/`.

use crate::{tools, Result};
use flate2::{write::GzEncoder, Compression};
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;

/// wasm-opt's optimisation after the release profile's opt-level 3
/// (Cargo.toml): LLVM has done the heavy work; -O2 and up add binaryen's
/// inlining, which made the engine slower in node 20's V8 (module doc) and
/// merges it into one giant function that Chromium compiles lazily on the
/// main thread: a first visit took 37-38 ms of main-thread CPU with -O1,
/// 46 with -O3 (README "Speed and memory"). `bench/prepare.sh` uses the same.
const WASM_OPT_LEVEL: &str = "-O1";

/// The crate's wasm as cargo writes it, under the target folder.
const CARGO_WASM: &str = "wasm32-unknown-unknown/release/newsgloss.wasm";
/// The name the loader imports: `dist/newsgloss_core.js` + `_bg.wasm`.
const OUT_NAME: &str = "newsgloss_core";

/// The post-MVP features that rustc's wasm32 target emits by default (Rust
/// 1.95 / LLVM 20+). wasm-opt validates against MVP unless told, and rejects
/// the module (first complaint: `memory.fill` needs bulk memory). The
/// crate's `strip = true` removes the `target_features` section wasm-opt
/// could read them from, so they are listed here. Checked with binaryen 132:
/// `--enable-bulk-memory` implies `bulk-memory-opt`, and adding
/// `call-indirect-overlong` only makes the output bigger.
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Builds `dist/` from scratch. `dev` skips wasm-opt, the slowest step, for
/// quick iteration; the output then is larger but behaves the same.
pub fn build(root: &Path, dev: bool) -> Result {
    tools::ensure_wasm_target()?;
    tools::ensure_wasm_bindgen(root)?;
    if !dev {
        tools::ensure_npm_packages(root)?;
    }

    tools::run(
        tools::cargo()
            .args(["build", "--release", "--lib"])
            .args(["--target", "wasm32-unknown-unknown"])
            .current_dir(root),
    )?;

    // A clean dist/ so a file removed from www/ does not linger.
    let dist = root.join("dist");
    if dist.exists() {
        fs::remove_dir_all(&dist).map_err(|e| format!("cannot remove the old {}: {e}", dist.display()))?;
    }
    tools::run(
        Command::new("wasm-bindgen")
            .arg(tools::target_dir(root).join(CARGO_WASM))
            .args(["--target", "web", "--no-typescript"])
            .arg("--out-dir")
            .arg(&dist)
            .args(["--out-name", OUT_NAME])
            .current_dir(root),
    )?;

    if dev {
        println!("xtask: --dev: wasm-opt skipped");
    } else {
        optimize(root, &dist.join(format!("{OUT_NAME}_bg.wasm")))?;
    }

    let www = root.join("www");
    if www.is_dir() {
        copy_tree(&www, &dist)?;
    } else {
        println!("xtask: note: no www/ yet, so dist/ has no demo page");
    }

    print_sizes(root)
}

/// `wasm-opt -O3` in place (through a temporary file, so a failure leaves
/// the unoptimized module intact rather than a truncated one).
fn optimize(root: &Path, wasm: &Path) -> Result {
    let optimized = wasm.with_extension("opt.wasm");
    tools::run(
        Command::new(tools::wasm_opt(root))
            .arg(WASM_OPT_LEVEL)
            .args(WASM_FEATURES)
            // Only what the browser needs: no-ops while the crate strips,
            // and keep dist/ lean if it ever stops stripping (wasm-bindgen
            // would like the `target_features` section kept until here).
            .args(["--strip-debug", "--strip-producers", "--strip-target-features"])
            .arg(wasm)
            .arg("-o")
            .arg(&optimized),
    )
    .map_err(|e| format!("wasm-opt failed (its message is above): {e}"))?;
    fs::rename(&optimized, wasm)
        .map_err(|e| format!("cannot replace {} with the optimized module: {e}", wasm.display()))
}

/// Copies every file under `from` into `to`, keeping the folders.
fn copy_tree(from: &Path, to: &Path) -> Result {
    fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries = fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        let source = entry.path();
        let target = to.join(entry.file_name());
        if source.is_dir() {
            copy_tree(&source, &target)?;
        } else {
            fs::copy(&source, &target)
                .map_err(|e| format!("cannot copy {} to {}: {e}", source.display(), target.display()))?;
        }
    }
    Ok(())
}

/// What a reader's browser downloads, raw and gzipped (as served): the
/// widget's weight is a feature, so every build shows it. The CSS is listed
/// apart because it is embedded in the wasm, not served.
fn print_sizes(root: &Path) -> Result {
    let mut files: Vec<String> =
        ["dist/newsgloss_core_bg.wasm", "dist/newsgloss_core.js", "dist/newsgloss.js"].map(String::from).to_vec();
    let mut css: Vec<String> = fs::read_dir(root.join("src/ui"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "css"))
        .map(|entry| format!("src/ui/{}", entry.file_name().to_string_lossy()))
        .collect();
    css.sort();
    files.extend(css);

    println!();
    println!("{:<36} {:>10} {:>10}", "file", "bytes", "gzip");
    for file in &files {
        match fs::read(root.join(file)) {
            Ok(bytes) => println!("{file:<36} {:>10} {:>10}", bytes.len(), gzip_len(&bytes)?),
            Err(_) => println!("{file:<36} {:>10} {:>10}", "missing", "-"),
        }
    }
    Ok(())
}

/// Size after gzip at its best compression, as a CDN would serve it.
fn gzip_len(bytes: &[u8]) -> Result<usize> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).and_then(|()| encoder.finish()).map(|gz| gz.len()).map_err(|e| format!("gzip failed: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_shrinks_repetitive_text() {
        let text = "newsgloss ".repeat(1000);
        let gz = gzip_len(text.as_bytes()).unwrap();
        assert!(gz > 0 && gz < text.len() / 10, "{gz}");
    }
}
