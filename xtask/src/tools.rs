//! The outside tools, found or installed on first use.
//!
//! Why here and not in a setup document: a fresh machine (a new developer, a
//! new CI box) has only Rust and Node, and every command must work there. So
//! each `ensure_*` checks cheaply and installs only what is missing; the
//! installs are slow once and free afterwards.

use crate::Result;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where Debian's `chromium` and `chromium-driver` packages put the browser
/// and its WebDriver; the browser and end-to-end tests use exactly these.
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Capabilities for `wasm-bindgen-test-runner` (it reads `webdriver.json`
/// from the directory it runs in): a headless Chromium that starts in a
/// container as root and never reaches for the network.
pub const WEBDRIVER_JSON: &str = r#"{
  "goog:chromeOptions": {
    "args": [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync"
    ],
    "binary": "/usr/bin/chromium"
  }
}
"#;

/// `cargo` as the one that runs us (cargo sets `CARGO`), so a toolchain
/// override applies to the inner builds too.
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Where cargo writes its output: `target/`, or `$CARGO_TARGET_DIR` when a
/// developer moved it.
pub fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(|dir| root.join(dir)).unwrap_or_else(|| root.join("target"))
}

/// Puts `$CARGO_HOME/bin` first on our PATH: `cargo install` puts
/// `wasm-bindgen` there, and cargo must find `wasm-bindgen-test-runner` (the
/// wasm32 runner) there even where a login shell never added it.
pub fn put_cargo_bin_on_path() {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")));
    let Some(bin) = cargo_home.map(|home| home.join("bin")) else {
        return;
    };
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
    if dirs.first() == Some(&bin) {
        return;
    }
    dirs.retain(|dir| dir != &bin);
    dirs.insert(0, bin);
    if let Ok(joined) = std::env::join_paths(dirs) {
        // Single-threaded at this point (called first thing in main).
        std::env::set_var("PATH", joined);
    }
}

/// Runs a command with our stdout/stderr, after showing it; a non-zero exit
/// is an error naming the command.
pub fn run(command: &mut Command) -> Result {
    let shown = show(command);
    println!("$ {shown}");
    let status = command.status().map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// Runs a command quietly and returns its stdout; `None` when it cannot
/// start or fails (used for "is this tool here?" probes).
pub fn probe(command: &mut Command) -> Option<String> {
    let output = command.output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The command as a person would type it (`cargo`, not cargo's full path).
fn show(command: &Command) -> String {
    let program = command.get_program();
    let program =
        if Some(program) == std::env::var_os("CARGO").as_deref() { "cargo".into() } else { program.to_string_lossy() };
    let mut words = vec![program.into_owned()];
    words.extend(command.get_args().map(|a| a.to_string_lossy().into_owned()));
    words.join(" ")
}

/// The wasm32 standard library. Checked in the sysroot rather than through
/// rustup so a toolchain that already ships it needs no rustup at all.
pub fn ensure_wasm_target() -> Result {
    const TARGET: &str = "wasm32-unknown-unknown";
    let sysroot = probe(Command::new("rustc").args(["--print", "sysroot"]))
        .ok_or("`rustc --print sysroot` failed: is Rust installed?")?;
    if Path::new(sysroot.trim()).join("lib/rustlib").join(TARGET).is_dir() {
        return Ok(());
    }
    println!("xtask: installing the {TARGET} target");
    run(Command::new("rustup").args(["target", "add", TARGET]))
        .map_err(|e| format!("{e}\n  the {TARGET} target is needed: `rustup target add {TARGET}`"))
}

/// rustfmt and clippy, which a minimal rustup profile leaves out.
pub fn ensure_lint_tools() -> Result {
    let here = |tool: &str| probe(cargo().args([tool, "--version"])).is_some();
    if here("fmt") && here("clippy") {
        return Ok(());
    }
    println!("xtask: installing rustfmt and clippy");
    run(Command::new("rustup").args(["component", "add", "rustfmt", "clippy"]))
        .map_err(|e| format!("{e}\n  the lint layers need `rustup component add rustfmt clippy`"))
}

/// The version the crate pins (`wasm-bindgen = "=X"` in the root
/// Cargo.toml). The CLI must be that very version: the generated glue and the
/// library's runtime speak a private protocol that changes between releases.
pub fn pinned_wasm_bindgen(root: &Path) -> Result<String> {
    let manifest = root.join("Cargo.toml");
    let text = fs::read_to_string(&manifest).map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    text.lines()
        .find_map(|line| {
            let (key, value) = line.split_once('=')?;
            if key.trim() != "wasm-bindgen" {
                return None;
            }
            let version = value.trim().strip_prefix("\"=")?.split('"').next()?;
            Some(version.to_string())
        })
        .ok_or_else(|| format!("{} has no exact pin `wasm-bindgen = \"=X.Y.Z\"`", manifest.display()))
}

/// `wasm-bindgen` and `wasm-bindgen-test-runner` at the pinned version.
/// A source install takes about ten minutes, so it happens only when the
/// version printed differs.
pub fn ensure_wasm_bindgen(root: &Path) -> Result {
    let version = pinned_wasm_bindgen(root)?;
    let installed = |tool: &str| {
        probe(Command::new(tool).arg("--version"))
            .is_some_and(|out| out.split_whitespace().nth(1) == Some(version.as_str()))
    };
    if installed("wasm-bindgen") && installed("wasm-bindgen-test-runner") {
        return Ok(());
    }
    println!("xtask: installing wasm-bindgen-cli {version} (a source build: ~10 minutes, once)");
    run(cargo().args(["install", "wasm-bindgen-cli", "--version", &version]))?;
    if installed("wasm-bindgen") && installed("wasm-bindgen-test-runner") {
        Ok(())
    } else {
        Err(format!(
            "wasm-bindgen {version} was installed but `wasm-bindgen --version` still \
             prints another version: is an older copy earlier on PATH?"
        ))
    }
}

/// The repository's own `wasm-opt`: Debian's binaryen is too old for what
/// rustc emits, and the npm package pins one version for everybody.
pub fn wasm_opt(root: &Path) -> PathBuf {
    root.join("node_modules/.bin/wasm-opt")
}

/// The npm devDependencies pinned in package.json (binaryen's wasm-opt,
/// playwright-core for the end-to-end tests).
pub fn ensure_npm_packages(root: &Path) -> Result {
    if wasm_opt(root).is_file() && root.join("node_modules/playwright-core").is_dir() {
        return Ok(());
    }
    if probe(Command::new("npm").arg("--version")).is_none() {
        return Err("npm was not found: install Node.js 20+ with npm \
                    (Debian: `apt-get install -y nodejs npm`)"
            .into());
    }
    println!("xtask: installing the npm devDependencies (package.json)");
    run(Command::new("npm").args(["install", "--no-audit", "--no-fund"]).current_dir(root))
}

/// Node itself, for the end-to-end tests.
pub fn ensure_node() -> Result {
    match probe(Command::new("node").arg("--version")) {
        Some(_) => Ok(()),
        None => Err("node was not found: install Node.js 20+ \
                     (Debian: `apt-get install -y nodejs npm`)"
            .into()),
    }
}

/// Python's `jsonschema`, which the W3C validation test (via
/// `../shared/eval/w3c_validate.py`) needs; installed with pip when missing
/// so that the test validates instead of skipping.
pub fn ensure_jsonschema() -> Result {
    if probe(Command::new("python3").args(["-c", "import jsonschema"])).is_some() {
        return Ok(());
    }
    if probe(Command::new("python3").arg("--version")).is_none() {
        println!("xtask: python3 not found: the W3C schema validation test will be skipped");
        return Ok(());
    }
    run(Command::new("python3").args(["-m", "pip", "install", "--quiet", "jsonschema"]))
}

/// Debian's Chromium and its matching chromedriver, the browser of both the
/// wasm-bindgen tests and the end-to-end tests. Installed with apt when we are
/// root; otherwise we say what to install, since sudo may prompt.
pub fn ensure_chromium() -> Result {
    let present = || Path::new(CHROMIUM).is_file() && Path::new(CHROMEDRIVER).is_file();
    if present() {
        return Ok(());
    }
    let is_root = probe(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
    if !is_root {
        return Err(format!(
            "{CHROMIUM} and {CHROMEDRIVER} are needed for the browser tests: as root run\n  \
             apt-get update && apt-get install -y chromium chromium-driver"
        ));
    }
    println!("xtask: installing Chromium and chromedriver with apt");
    let apt = |args: &[&str]| {
        let mut command = Command::new("apt-get");
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut command)
    };
    apt(&["update"])?;
    apt(&["install", "-y", "chromium", "chromium-driver"])?;
    if present() {
        Ok(())
    } else {
        Err(format!("apt installed chromium but {CHROMIUM} or {CHROMEDRIVER} is still missing"))
    }
}

/// `webdriver.json` at the root, where `cargo test` runs the wasm test
/// runner. Kept when present, so a developer may tune it.
pub fn ensure_webdriver_json(root: &Path) -> Result<PathBuf> {
    let path = root.join("webdriver.json");
    if !path.is_file() {
        fs::write(&path, WEBDRIVER_JSON).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(path)
}

/// The environment of the browser tests: our driver, generous timeouts (a
/// cold Chromium on two shared cores is slow), our capabilities file.
pub fn browser_test_env(webdriver_json: &Path) -> Vec<(&'static str, OsString)> {
    vec![
        ("CHROMEDRIVER", CHROMEDRIVER.into()),
        ("WASM_BINDGEN_TEST_TIMEOUT", "180".into()),
        ("WASM_BINDGEN_TEST_WEBDRIVER_JSON", webdriver_json.as_os_str().to_owned()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_pin_from_the_root_manifest() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let version = pinned_wasm_bindgen(&root).expect("root Cargo.toml pins wasm-bindgen");
        assert!(version.starts_with("0."), "{version}");
        assert!(version.split('.').all(|part| part.parse::<u32>().is_ok()));
    }
}
