//! `cargo xtask test`: every check the project has, in the order that fails
//! fastest, stopping at the first failure. CI runs exactly this (`.ci/run`),
//! so a green run here is a green run there.
//!
//! Layers: fmt, clippy (native and wasm32), native tests, browser tests
//! (wasm-bindgen-test in headless Chromium), the release build, and the
//! end-to-end tests (node's test runner driving the served demo page).

use crate::{build, serve, tools, Result};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;
use std::time::{Duration, Instant};

/// Developer shortcuts; CI uses none of them.
#[derive(Default)]
pub struct Options {
    /// Leave out fmt and clippy.
    pub skip_lint: bool,
    /// Run one layer alone (`e2e` builds first: it tests the build).
    pub only: Option<Only>,
}

#[derive(Clone, Copy, PartialEq)]
pub enum Only {
    Native,
    Browser,
    E2e,
}

impl FromStr for Only {
    type Err = String;
    fn from_str(name: &str) -> Result<Self> {
        match name {
            "native" => Ok(Only::Native),
            "browser" => Ok(Only::Browser),
            "e2e" => Ok(Only::E2e),
            other => Err(format!("--only: `{other}` is not native, browser or e2e")),
        }
    }
}

/// What became of one layer, for the closing summary.
enum Outcome {
    Passed,
    Skipped(&'static str),
    Failed,
}

/// The browser tests' file; absent until the wasm side exists.
const BROWSER_TESTS: &str = "tests/browser.rs";
/// The end-to-end tests' folder (`*.test.mjs`).
const E2E_DIR: &str = "tests/e2e";

pub fn test(root: &Path, options: &Options) -> Result {
    let wants = |layer: Only| options.only.is_none_or(|only| only == layer);
    let lint = options.only.is_none() && !options.skip_lint;
    let browser = wants(Only::Browser);
    let e2e = wants(Only::E2e);

    // Tools first, so a missing one is reported before minutes of building.
    if lint {
        tools::ensure_lint_tools()?;
    }
    if lint || browser || e2e {
        tools::ensure_wasm_target()?;
    }
    if wants(Only::Native) {
        tools::ensure_jsonschema()?;
    }
    if browser || e2e {
        tools::ensure_wasm_bindgen(root)?;
        tools::ensure_chromium()?;
    }
    let webdriver_json = if browser { Some(tools::ensure_webdriver_json(root)?) } else { None };
    if e2e {
        tools::ensure_node()?;
        tools::ensure_npm_packages(root)?;
    }

    let mut timings: Vec<(&str, Duration, Outcome)> = Vec::new();
    let mut layer = |name: &'static str, job: &mut dyn FnMut() -> Result<Outcome>| {
        println!("\n==> xtask test: {name}");
        let started = Instant::now();
        let result = job();
        let elapsed = started.elapsed();
        match result {
            Ok(outcome) => {
                timings.push((name, elapsed, outcome));
                Ok(())
            }
            Err(e) => {
                timings.push((name, elapsed, Outcome::Failed));
                print_timings(&timings);
                Err(format!("test layer `{name}` failed: {e}"))
            }
        }
    };

    if lint {
        layer("fmt", &mut || {
            cargo(root, "fmt --all -- --check").map_err(|e| format!("{e}\n  run `cargo fmt --all` to fix"))
        })?;
        layer("clippy", &mut || {
            cargo(root, "clippy --workspace --all-targets -- -D warnings")?;
            // The wasm-only modules (web, ui) exist only for this target.
            cargo(root, "clippy --lib --test browser --target wasm32-unknown-unknown -- -D warnings")
        })?;
    }
    if wants(Only::Native) {
        layer("native tests", &mut || cargo(root, "test --workspace"))?;
    }
    if let Some(webdriver_json) = &webdriver_json {
        layer("browser tests", &mut || browser_tests(root, webdriver_json))?;
    }
    if e2e {
        layer("build", &mut || build::build(root, false).map(|()| Outcome::Passed))?;
        layer("e2e", &mut || end_to_end(root))?;
    }

    print_timings(&timings);
    Ok(())
}

/// Runs one cargo command (its arguments as typed) in the root.
fn cargo(root: &Path, args: &str) -> Result<Outcome> {
    tools::run(tools::cargo().args(args.split_whitespace()).current_dir(root)).map(|()| Outcome::Passed)
}

/// wasm-bindgen-test in headless Chromium; cargo runs the `.wasm` test
/// binary through `wasm-bindgen-test-runner` (the wasm32 runner in
/// `.cargo/config.toml`), which drives chromedriver.
fn browser_tests(root: &Path, webdriver_json: &Path) -> Result<Outcome> {
    if !root.join(BROWSER_TESTS).is_file() {
        println!("xtask: skipped: {BROWSER_TESTS} does not exist yet");
        return Ok(Outcome::Skipped("no tests/browser.rs yet"));
    }
    tools::run(
        tools::cargo()
            .args(["test", "--target", "wasm32-unknown-unknown"])
            .args(["--test", "browser"])
            .envs(tools::browser_test_env(webdriver_json))
            .current_dir(root),
    )?;
    Ok(Outcome::Passed)
}

/// Serves the fresh `dist/` on an ephemeral port and runs node's test runner
/// over `tests/e2e/*.test.mjs`, one file at a time (they share the server and
/// a single browser is plenty on two cores). The files are listed
/// explicitly: node 21+ no longer searches a folder given as argument.
fn end_to_end(root: &Path) -> Result<Outcome> {
    let files: Vec<PathBuf> = e2e_files(&root.join(E2E_DIR))
        .into_iter()
        .map(|file| file.strip_prefix(root).map(Path::to_path_buf).unwrap_or(file))
        .collect();
    if files.is_empty() {
        println!("xtask: skipped: no {E2E_DIR}/*.test.mjs yet");
        return Ok(Outcome::Skipped("no tests/e2e/*.test.mjs yet"));
    }
    let (addr, _server) =
        serve::start(root.join("dist"), "127.0.0.1:0").map_err(|e| format!("cannot start the static server: {e}"))?;
    let url = format!("http://{addr}/");
    println!("xtask: serving dist/ at {url}");
    let shared = root.parent().map(|parent| parent.join("shared")).unwrap_or_else(|| root.join("../shared"));
    let shared = shared.canonicalize().unwrap_or(shared);
    tools::run(
        Command::new("node")
            .args(["--test", "--test-concurrency=1"])
            .args(&files)
            .env("NEWSGLOSS_URL", &url)
            .env("NEWSGLOSS_SHARED", &shared)
            .env("NEWSGLOSS_CHROMIUM", tools::CHROMIUM)
            .current_dir(root),
    )?;
    Ok(Outcome::Passed)
}

/// `*.test.mjs` under the folder, recursively, relative to the root, sorted.
fn e2e_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for path in entries.flatten().map(|entry| entry.path()) {
        if path.is_dir() {
            if path.file_name().is_some_and(|name| name != "node_modules") {
                files.extend(e2e_files(&path));
            }
        } else if path.to_string_lossy().ends_with(".test.mjs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

fn print_timings(timings: &[(&str, Duration, Outcome)]) {
    if timings.is_empty() {
        return;
    }
    println!("\nxtask test timings:");
    for (name, elapsed, outcome) in timings {
        let status = match outcome {
            Outcome::Passed => "ok".to_string(),
            Outcome::Skipped(why) => format!("skipped ({why})"),
            Outcome::Failed => "FAILED".to_string(),
        };
        println!("  {name:<14} {:>7.1}s  {status}", elapsed.as_secs_f64());
    }
}
