//! `cargo xtask`: the project's own build, serve and test commands.
//!
//! Why a Rust program rather than shell scripts: it runs the same on every
//! developer's machine and in CI, it installs what it needs itself (a fresh
//! clone has no `dist/`, no `node_modules/`, maybe no wasm target), and its
//! failures are one readable line instead of a half-finished script.
//!
//! One module per job: `tools` finds or installs the outside tools, `build`
//! makes `dist/`, `serve` is the static file server, `test` runs every layer.

mod build;
mod serve;
mod test;
mod tools;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Every failure is a message for a person (a missing tool, a failing
/// command), never a panic with a backtrace.
pub type Result<T = ()> = std::result::Result<T, String>;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  build [--dev]                         build the widget into dist/ (--dev: skip wasm-opt)
  serve [--port N] [--no-build]         build, then serve dist/ on http://127.0.0.1:N/ (default 8000)
  test  [--skip-lint] [--only LAYER]    run every test layer; LAYER is native, browser or e2e
";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result {
    let root = repo_root();
    std::env::set_current_dir(&root)
        .map_err(|e| format!("cannot enter the repository root {}: {e}", root.display()))?;
    tools::put_cargo_bin_on_path();

    let Some((command, options)) = args.split_first() else {
        print!("{USAGE}");
        return Err("no command given".into());
    };
    match command.as_str() {
        "build" => {
            let mut dev = false;
            for option in options {
                match option.as_str() {
                    "--dev" => dev = true,
                    other => return Err(unknown(other)),
                }
            }
            build::build(&root, dev)
        }
        "serve" => {
            let mut port = 8000;
            let mut no_build = false;
            let mut options = options.iter();
            while let Some(option) = options.next() {
                match option.as_str() {
                    "--no-build" => no_build = true,
                    "--port" => {
                        let value = options.next().ok_or("--port needs a number")?;
                        port = value.parse().map_err(|_| format!("--port: `{value}` is not a port number"))?;
                    }
                    other => return Err(unknown(other)),
                }
            }
            serve::serve(&root, port, no_build)
        }
        "test" => {
            let mut options_out = test::Options::default();
            let mut options = options.iter();
            while let Some(option) = options.next() {
                match option.as_str() {
                    "--skip-lint" => options_out.skip_lint = true,
                    "--only" => {
                        let value = options.next().ok_or("--only needs native, browser or e2e")?;
                        options_out.only = Some(value.parse()?);
                    }
                    other => return Err(unknown(other)),
                }
            }
            test::test(&root, &options_out)
        }
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => {
            print!("{USAGE}");
            Err(format!("unknown command `{other}`"))
        }
    }
}

fn unknown(option: &str) -> String {
    format!("unknown option `{option}` (see `cargo xtask help`)")
}

/// The workspace root: xtask always lives in `<root>/xtask`, so the commands
/// work from any directory of the clone.
fn repo_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}
