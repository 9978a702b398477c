//! The command-line face of the engine: argument parsing and I/O, nothing
//! else. Every finding comes from the same core the widget runs.
//!
//! ```text
//! newsgloss analyze [--format analysis|w3c] [FILE|-]
//! newsgloss analyze --jsonl FILE|-      one {"id", "text"} object a line in, one analysis a line out
//! ```

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

/// The CLI is native only; on wasm32 (where `cargo test --target wasm32`
/// still builds every binary) this stub stands in.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::io::{self, BufRead, Read, Write};
    use std::process::ExitCode;

    use newsgloss::analysis::{analyze, Analysis};
    use newsgloss::{annotation, article};

    const USAGE: &str = "\
usage: newsgloss analyze [--format analysis|w3c] [--jsonl] [FILE|-]
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

    pub fn main() -> ExitCode {
        match run(std::env::args().skip(1).collect()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("newsgloss: {message}");
                ExitCode::from(2)
            }
        }
    }

    fn run(argv: Vec<String>) -> Result<(), String> {
        if argv.iter().any(|a| a == "-h" || a == "--help") {
            println!("{USAGE}");
            return Ok(());
        }
        let args = parse(argv)?;
        let stdout = io::stdout();
        let mut out = io::BufWriter::new(stdout.lock());
        if args.jsonl {
            batch(&args, &mut out)?;
        } else {
            let (name, bytes) = read_input(args.input.as_deref())?;
            let text = String::from_utf8(bytes).map_err(|e| {
                format!("{name}: not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to())
            })?;
            let html = is_html(&name, &text);
            let source = source_iri(args.input.as_deref(), html.then_some(text.as_str()));
            let text = if html { article::article(&article::parse_html(&text)).text } else { text };
            if text.trim().is_empty() {
                return Err(format!("{name}: no text to analyse"));
            }
            let a = analyze(&text);
            write_json(&mut out, &render(&a, args.format, &source)?)?;
        }
        out.flush().map_err(|e| format!("cannot write the output: {e}"))
    }

    fn parse(argv: Vec<String>) -> Result<Args, String> {
        let mut it = argv.into_iter();
        match it.next().as_deref() {
            Some("analyze") => {}
            Some("-h" | "--help") | None => return Err(USAGE.to_string()),
            Some(other) => return Err(format!("unknown command '{other}' (newsgloss --help lists the commands)")),
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
                s if s.starts_with("--") => {
                    return Err(format!("unknown option '{s}' (newsgloss --help lists the options)"))
                }
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

    /// The findings in the chosen format; `source` is the IRI the W3C
    /// annotations target (see [`source_iri`]).
    fn render(a: &Analysis, format: Format, source: &str) -> Result<serde_json::Value, String> {
        match format {
            Format::Analysis => serde_json::to_value(a).map_err(|e| format!("cannot encode the analysis: {e}")),
            Format::W3c => serde_json::to_value(annotation::findings_to_w3c(a, source))
                .map_err(|e| format!("cannot encode the annotations: {e}")),
        }
    }

    /// What the input stands for as an IRI: an HTML page's canonical URL, else
    /// the file's `file://` URL, or `urn:newsgloss:stdin`.
    fn source_iri(path: Option<&str>, html: Option<&str>) -> String {
        if let Some(url) = html.and_then(annotation::canonical_link) {
            return url;
        }
        match path {
            None | Some("-") => annotation::STDIN_SOURCE.to_string(),
            Some(p) => {
                let abs = std::path::absolute(p).unwrap_or_else(|_| p.into());
                annotation::file_iri(&abs.to_string_lossy())
            }
        }
    }

    fn write_json(out: &mut impl Write, v: &serde_json::Value) -> Result<(), String> {
        serde_json::to_writer(&mut *out, v).map_err(|e| format!("cannot write the output: {e}"))?;
        out.write_all(b"\n").map_err(|e| format!("cannot write the output: {e}"))
    }

    /// `--jsonl`: one document a line; a bad line stops with its line number.
    fn batch(args: &Args, out: &mut impl Write) -> Result<(), String> {
        let (name, bytes) = read_input(args.input.as_deref())?;
        let base = source_iri(args.input.as_deref(), None);
        for (n, line) in bytes.lines().enumerate() {
            let line = line.map_err(|_| format!("{name}:{}: not UTF-8 text", n + 1))?;
            if line.trim().is_empty() {
                continue;
            }
            let doc: serde_json::Value =
                serde_json::from_str(&line).map_err(|e| format!("{name}:{}: not a JSON object: {e}", n + 1))?;
            let text = doc
                .get("text")
                .and_then(|t| t.as_str())
                .ok_or_else(|| format!("{name}:{}: no \"text\" string", n + 1))?;
            // W3C: each document is a fragment of the input (its id, or its line
            // as RFC 5147 counts them), and the collection keeps its own IRI as
            // "id", with the document's id as its Dublin Core identifier.
            let (source, id_key) = match (args.format, doc.get("id")) {
                (Format::Analysis, _) => (String::new(), "id"),
                (Format::W3c, Some(serde_json::Value::String(id))) => {
                    (annotation::with_fragment(&base, id), "dcterms:identifier")
                }
                (Format::W3c, Some(id @ serde_json::Value::Number(_))) => {
                    (annotation::with_fragment(&base, &id.to_string()), "dcterms:identifier")
                }
                (Format::W3c, _) => {
                    (annotation::with_fragment(&base, &format!("line={n},{}", n + 1)), "dcterms:identifier")
                }
            };
            let mut v = render(&analyze(text), args.format, &source)?;
            if let (Some(obj), Some(id)) = (v.as_object_mut(), doc.get("id")) {
                obj.insert(id_key.to_string(), id.clone());
            }
            write_json(out, &v)?;
        }
        Ok(())
    }
}
