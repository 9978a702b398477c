//! The `newsgloss` binary end to end: inputs (.txt, .html, stdin, JSON
//! lines), both output formats, and the errors a user can cause.
//!
//! Every error must print `newsgloss: ...` on stderr (its first line names
//! the problem), exit non-zero, and print nothing on stdout.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const ARTICLE: &str = "Zoë Kovač said “the bridge will open in May 😀” on Tuesday.\n\
Opponents said the cost was too high. “We will keep asking questions about the budget,” said Piotr Zieliński.";

const PAGE: &str = r#"<!doctype html>
<html><head><title>Harbour council votes</title>
<link rel="canonical" href="https://news.example.com/2024/05/harbour-vote?ref=a&amp;b=1"></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/subscribe">Subscribe now</a></li></ul></nav>
<header><h1>Harbour council votes on the new bridge</h1></header>
<article>
<p>The harbour council voted on Tuesday to approve the new bridge, ending a dispute that has divided the town for almost a decade.</p>
<p>“This is a good day for everyone who crosses the water twice a day,” said Mayor Ana Kovač, who has championed the project since her election.</p>
<p>Opponents said the cost was too high. “We will keep asking questions about the budget,” said Piotr Zieliński, a member of the council.</p>
<p>Construction is expected to begin next spring and to last about three years, according to the council’s engineers.</p>
</article>
<footer>Copyright Example News. All rights reserved. Privacy policy.</footer>
</body></html>"#;

/// A file in this test process's own temp folder.
fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgloss-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("temp file");
    path
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsgloss"))
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let (Some(bytes), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(bytes).expect("stdin written");
    }
    child.wait_with_output().expect("the binary ends")
}

fn path_arg(p: &std::path::Path) -> &str {
    p.to_str().expect("a UTF-8 temp path")
}

/// The single JSON document on stdout of a successful run.
fn json_out(out: &Output) -> Value {
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout.clone()).expect("UTF-8 output");
    assert_eq!(stdout.lines().count(), 1, "one line of JSON: {stdout}");
    serde_json::from_str(&stdout).expect("JSON output")
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default()
}

/// An error run: non-zero exit, nothing on stdout, and stderr's first line is
/// `newsgloss: ...` containing `needle`. Returns stderr.
fn assert_error(out: &Output, needle: &str) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "should fail; stderr: {stderr}");
    assert!(out.stdout.is_empty(), "stdout not empty: {}", String::from_utf8_lossy(&out.stdout));
    let first = stderr.lines().next().unwrap_or_default();
    assert!(first.starts_with("newsgloss: ") && first.contains(needle), "first stderr line {first:?} lacks {needle:?}");
    stderr
}

fn assert_one_line_error(out: &Output, needle: &str) {
    let stderr = assert_error(out, needle);
    assert_eq!(stderr.lines().count(), 1, "one line on stderr: {stderr}");
}

// ---------------------------------------------------------------- analysis JSON

#[test]
fn txt_file_gives_the_analysis_of_its_text_unchanged() {
    let path = temp_file("article.txt", ARTICLE.as_bytes());
    let v = json_out(&run(&["analyze", path_arg(&path)], None));
    assert_eq!(keys(&v), ["text", "actors", "quotes", "disputes"]);
    assert_eq!(v["text"], ARTICLE);
    // Offsets are code points into "text" (the emoji counts one).
    assert!(quote_texts(&v).contains(&"the bridge will open in May 😀"), "{:?}", quote_texts(&v));
    // --format analysis is the default.
    let explicit = json_out(&run(&["analyze", "--format", "analysis", path_arg(&path)], None));
    assert_eq!(explicit, v);
}

#[test]
fn html_file_is_read_for_its_article_body() {
    let path = temp_file("page.html", PAGE.as_bytes());
    let v = json_out(&run(&["analyze", path_arg(&path)], None));
    let text = v["text"].as_str().expect("text");
    assert!(text.starts_with("The harbour council voted on Tuesday"), "{text}");
    assert!(text.contains("said Mayor Ana Kovač"));
    for chrome in ["Subscribe", "Copyright", "Home"] {
        assert!(!text.contains(chrome), "{chrome:?} in the article text");
    }
    let quotes = quote_texts(&v);
    assert!(quotes.contains(&"This is a good day for everyone who crosses the water twice a day,"), "{quotes:?}");
    // An HTML page without the extension is recognised by its doctype.
    let unnamed = temp_file("page", PAGE.as_bytes());
    assert_eq!(json_out(&run(&["analyze", path_arg(&unnamed)], None))["text"], v["text"]);
}

#[test]
fn stdin_is_read_with_dash_or_no_file() {
    for args in [&["analyze", "-"][..], &["analyze"][..]] {
        let v = json_out(&run(args, Some(ARTICLE.as_bytes())));
        assert_eq!(v["text"], ARTICLE, "{args:?}");
    }
}

#[test]
fn jsonl_prints_one_analysis_a_line_with_its_id() {
    let input =
        "{\"id\": \"a\", \"text\": \"He said “yes, we will do it.”\"}\n\n{\"id\": 7, \"text\": \"Zoë said “non”.\"}\n";
    let path = temp_file("docs.jsonl", input.as_bytes());
    let out = run(&["analyze", "--jsonl", path_arg(&path)], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        (&lines[0]["id"], &lines[0]["text"]),
        (&Value::from("a"), &Value::from("He said “yes, we will do it.”"))
    );
    assert_eq!((&lines[1]["id"], &lines[1]["text"]), (&Value::from(7), &Value::from("Zoë said “non”.")));
    assert_eq!(keys(&lines[0]), ["text", "actors", "quotes", "disputes", "id"]);
    // From stdin too.
    let out = run(&["analyze", "--jsonl", "-"], Some(input.as_bytes()));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
}

#[test]
fn jsonl_bad_line_is_named_and_fails() {
    let path = temp_file("bad.jsonl", b"{\"id\": 1, \"text\": \"fine\"}\n{\"id\": 2, \"text\": oops}\n");
    let out = run(&["analyze", "--jsonl", path_arg(&path)], None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.starts_with("newsgloss: ") && stderr.contains("bad.jsonl:2:"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");

    let path = temp_file("notext.jsonl", b"{\"id\": 1, \"body\": \"no text key\"}\n");
    assert_one_line_error(&run(&["analyze", "--jsonl", path_arg(&path)], None), "notext.jsonl:1: no \"text\" string");
    let path = temp_file("first.jsonl", b"not json\n");
    assert_one_line_error(&run(&["analyze", "--jsonl", path_arg(&path)], None), "first.jsonl:1: not a JSON object");
}

// ---------------------------------------------------------------- W3C

fn collection_items(v: &Value) -> &[Value] {
    v["first"]["items"].as_array().map_or(&[], Vec::as_slice)
}

/// Actor mentions, quotes, claims and positions in an analysis JSON.
fn finding_count(analysis: &Value) -> usize {
    let len = |v: &Value| v.as_array().map_or(0, Vec::len);
    let list = |k: &str| analysis[k].as_array().map_or(&[][..], Vec::as_slice);
    list("actors").iter().map(|a| len(&a["mentions"])).sum::<usize>()
        + list("quotes").len()
        + list("disputes").iter().map(|d| 1 + len(&d["positions"])).sum::<usize>()
}

/// The quotes' text, by their code-point offsets into "text".
fn quote_texts(analysis: &Value) -> Vec<&str> {
    let text = analysis["text"].as_str().unwrap_or_default();
    let byte =
        |c: &Value| text.char_indices().map(|(b, _)| b).chain([text.len()]).nth(c.as_u64().unwrap_or(0) as usize);
    let quotes = analysis["quotes"].as_array().map_or(&[][..], Vec::as_slice);
    quotes.iter().filter_map(|q| text.get(byte(&q["start"])?..byte(&q["end"])?)).collect()
}

fn assert_collection(v: &Value, source: &str) {
    assert_eq!(v["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(v["type"], "AnnotationCollection");
    assert!(v["id"].as_str().is_some_and(|id| id.starts_with("urn:uuid:")), "{}", v["id"]);
    let items = collection_items(v);
    assert_eq!(v["total"].as_u64(), Some(items.len() as u64));
    for a in items {
        assert_eq!(a["type"], "Annotation");
        assert!(a["id"].as_str().is_some_and(|id| id.starts_with("urn:uuid:")));
        assert_eq!(a["target"]["source"], source);
        assert_eq!(a["target"]["selector"][0]["type"], "TextQuoteSelector");
        assert_eq!(a["target"]["selector"][1]["type"], "TextPositionSelector");
    }
}

#[test]
fn w3c_format_prints_an_annotation_collection() {
    let path = temp_file("w3c article.txt", ARTICLE.as_bytes());
    let out = run(&["analyze", "--format", "w3c", path_arg(&path)], None);
    let v = json_out(&out);
    // temp_dir() is absolute already: the CLI uses it as is.
    let source = format!("file://{}", path_arg(&path).replace(' ', "%20"));
    assert_collection(&v, &source);
    // One annotation per finding of the analysis of the same input; the
    // quotes' annotations select the quotes' text.
    let analysis = json_out(&run(&["analyze", path_arg(&path)], None));
    assert_eq!(collection_items(&v).len(), finding_count(&analysis));
    let quoted: Vec<&str> = collection_items(&v)
        .iter()
        .filter(|a| a["motivation"] == "classifying")
        .filter_map(|a| a["target"]["selector"][0]["exact"].as_str())
        .collect();
    assert_eq!(quoted, quote_texts(&analysis));
    assert!(quoted.contains(&"the bridge will open in May 😀"), "{quoted:?}");
    // The same input gives the same output, ids included.
    assert_eq!(run(&["analyze", "--format", "w3c", path_arg(&path)], None).stdout, out.stdout);
}

#[test]
fn w3c_sources_are_the_canonical_url_or_stdin() {
    let path = temp_file("canonical.html", PAGE.as_bytes());
    let v = json_out(&run(&["analyze", "--format", "w3c", path_arg(&path)], None));
    assert_collection(&v, "https://news.example.com/2024/05/harbour-vote?ref=a&b=1");
    let analysis = json_out(&run(&["analyze", path_arg(&path)], None));
    assert_eq!(collection_items(&v).len(), finding_count(&analysis));
    assert!(!collection_items(&v).is_empty());

    let v = json_out(&run(&["analyze", "--format", "w3c", "-"], Some(ARTICLE.as_bytes())));
    assert_collection(&v, "urn:newsgloss:stdin");
}

#[test]
fn w3c_jsonl_prints_one_collection_a_line_with_the_input_id() {
    let input = "{\"id\": \"doc 1\", \"text\": \"He said “yes, we will do it.”\"}\n{\"text\": \"Zoë said “non”.\"}\n";
    let out = run(&["analyze", "--format", "w3c", "--jsonl", "-"], Some(input.as_bytes()));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    assert_eq!(lines.len(), 2);
    // "id" stays the collection's IRI; the document's id is its identifier.
    assert_collection(&lines[0], "urn:newsgloss:stdin#doc%201");
    assert_eq!(lines[0]["dcterms:identifier"], "doc 1");
    assert_collection(&lines[1], "urn:newsgloss:stdin#line=1,2");
    assert!(lines[1].get("dcterms:identifier").is_none());
    assert_ne!(lines[0]["id"], lines[1]["id"]);
}

// ---------------------------------------------------------------- errors

#[test]
fn missing_file_is_an_error() {
    let path = std::env::temp_dir().join("newsgloss-cli-no-such-file.txt");
    assert_one_line_error(&run(&["analyze", path_arg(&path)], None), "newsgloss-cli-no-such-file.txt");
}

#[test]
fn non_utf8_input_is_an_error() {
    let path = temp_file("latin1.txt", &[0xff, 0xfe, b'a']);
    assert_one_line_error(&run(&["analyze", path_arg(&path)], None), "not UTF-8");
    assert_one_line_error(&run(&["analyze", "--format", "w3c", "-"], Some(&[b'a', 0xff])), "stdin: not UTF-8");
}

#[test]
fn empty_input_is_an_error() {
    let path = temp_file("empty.txt", b"");
    assert_one_line_error(&run(&["analyze", path_arg(&path)], None), "no text to analyse");
    let path = temp_file("blank.txt", b" \n\t\n");
    assert_one_line_error(&run(&["analyze", "--format", "w3c", path_arg(&path)], None), "no text to analyse");
    assert_one_line_error(&run(&["analyze", "-"], Some(b"")), "stdin: no text to analyse");
    let path = temp_file("empty.html", b"<!doctype html><html><body><nav>Home</nav></body></html>");
    assert_one_line_error(&run(&["analyze", path_arg(&path)], None), "no text to analyse");
}

#[test]
fn bad_arguments_are_errors() {
    // An unknown option: one line, pointing at --help.
    let stderr = assert_error(&run(&["analyze", "--bogus"], None), "unknown option '--bogus'");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_one_line_error(&run(&["analyze", "--format", "xml"], None), "--format takes 'analysis' or 'w3c'");
    assert_one_line_error(&run(&["analyze", "a.txt", "b.txt"], None), "give at most one FILE");
    assert_error(&run(&["annotate"], None), "unknown command 'annotate'");
}

#[test]
fn help_prints_the_usage_on_stdout_and_succeeds() {
    let out = run(&["analyze", "--help"], None);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("usage: newsgloss analyze"));
    assert!(out.stderr.is_empty());
}
