//! The command-line face of the engine: argument parsing and I/O, nothing
//! else. Every finding comes from the same core the widget runs.
//!
//! ```text
//! newsgloss analyze [--format analysis|w3c] [FILE|-]
//! newsgloss analyze --jsonl FILE|-      one {"id", "text"} object a line in, one analysis a line out
//! ```

use std::io::{self, BufRead, Read, Write};
use std::process::ExitCode;

use newsgloss::analysis::{analyze, Analysis};
use newsgloss::article;

const USAGE: &str = "usage: newsgloss analyze [--format analysis|w3c] [--jsonl] [FILE|-]
  FILE    a .txt article (analysed as is) or an .html page (the article body is detected); - or none: stdin
  --format analysis (default): the findings as JSON, offsets in Unicode code points into \"text\"
           w3c: the findings as a W3C Web Annotation collection
  --jsonl  FILE holds one {\"id\": ..., \"text\": ...} object a line; prints one analysis a line, with its id";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Analysis,
    W3c,
}

struct Args {
    format: Format,
    jsonl: bool,
    input: Option<String>,
}

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("newsgloss: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(argv: Vec<String>) -> Result<(), String> {
    let args = parse(argv)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if args.jsonl {
        batch(&args, &mut out)?;
    } else {
        let (name, bytes) = read_input(args.input.as_deref())?;
        let text = String::from_utf8(bytes)
            .map_err(|e| format!("{name}: not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to()))?;
        let text = if is_html(&name, &text) { article::article(&article::parse_html(&text)).text } else { text };
        if text.trim().is_empty() {
            return Err(format!("{name}: no text to analyse"));
        }
        let a = analyze(&text);
        write_json(&mut out, &render(&a, args.format, &name)?)?;
    }
    out.flush().map_err(|e| format!("cannot write the output: {e}"))
}

fn parse(argv: Vec<String>) -> Result<Args, String> {
    let mut it = argv.into_iter();
    match it.next().as_deref() {
        Some("analyze") => {}
        Some("-h" | "--help") | None => return Err(USAGE.to_string()),
        Some(other) => return Err(format!("unknown command '{other}'\n{USAGE}")),
    }
    let mut args = Args { format: Format::Analysis, jsonl: false, input: None };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => {
                args.format = match it.next().as_deref() {
                    Some("analysis") => Format::Analysis,
                    Some("w3c") => Format::W3c,
                    other => return Err(format!("--format takes 'analysis' or 'w3c', not {other:?}")),
                }
            }
            "--jsonl" => args.jsonl = true,
            "-h" | "--help" => return Err(USAGE.to_string()),
            s if s.starts_with("--") => return Err(format!("unknown option '{s}'\n{USAGE}")),
            s => {
                if args.input.replace(s.to_string()).is_some() {
                    return Err("give at most one FILE".to_string());
                }
            }
        }
    }
    Ok(args)
}

fn read_input(path: Option<&str>) -> Result<(String, Vec<u8>), String> {
    let mut bytes = Vec::new();
    match path {
        None | Some("-") => {
            io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read stdin: {e}"))?;
            Ok(("stdin".to_string(), bytes))
        }
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|e| format!("{p}: {e}"))?;
            Ok((p.to_string(), bytes))
        }
    }
}

fn is_html(name: &str, text: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
        return true;
    }
    if lower.ends_with(".txt") {
        return false;
    }
    let head: String = text.trim_start().chars().take(512).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

fn render(a: &Analysis, format: Format, _source: &str) -> Result<serde_json::Value, String> {
    match format {
        Format::Analysis => serde_json::to_value(a).map_err(|e| format!("cannot encode the analysis: {e}")),
        Format::W3c => Err("--format w3c is not available yet".to_string()),
    }
}

fn write_json(out: &mut impl Write, v: &serde_json::Value) -> Result<(), String> {
    serde_json::to_writer(&mut *out, v).map_err(|e| format!("cannot write the output: {e}"))?;
    out.write_all(b"\n").map_err(|e| format!("cannot write the output: {e}"))
}

/// `--jsonl`: one document a line; a bad line stops with its line number.
fn batch(args: &Args, out: &mut impl Write) -> Result<(), String> {
    let (name, bytes) = read_input(args.input.as_deref())?;
    for (n, line) in bytes.lines().enumerate() {
        let line = line.map_err(|_| format!("{name}:{}: not UTF-8 text", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| format!("{name}:{}: not a JSON object: {e}", n + 1))?;
        let text =
            doc.get("text").and_then(|t| t.as_str()).ok_or_else(|| format!("{name}:{}: no \"text\" string", n + 1))?;
        let mut v = render(&analyze(text), args.format, &name)?;
        if let (Some(obj), Some(id)) = (v.as_object_mut(), doc.get("id")) {
            obj.insert("id".to_string(), id.clone());
        }
        write_json(out, &v)?;
    }
    Ok(())
}
