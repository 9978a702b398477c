//! Quotations with their kind and speaker: the seed article read quote by
//! quote, and the PolNeAR dev scores (when `../shared` and python3 are
//! there) held above a floor.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use newsgloss::analysis::{analyze, attribution, quotes, QuoteKind};

const SEED: &str = include_str!("../seeds/000_ef33c36d7de74af4.txt");

/// The text of a code-point span.
fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end.saturating_sub(start)).collect()
}

#[test]
fn seed_quotes_have_their_kind_and_speaker() {
    use QuoteKind::*;
    // (quotation opening, kind, who said it: any of these in the speaker
    // actor's name, or in the speaker mention when it is no actor's).
    let expected: [(&str, QuoteKind, &[&str]); 10] = [
        ("defuse the escalation", Direct, &["NATO", "North Atlantic Treaty Organization"]),
        ("Any new aggression", Direct, &["NATO", "North Atlantic Treaty Organization"]),
        ("strategic depth", Partial, &["officials"]),
        ("legal and binding", Partial, &["Foreign Ministry"]),
        ("The member states", Direct, &["Russia", "Foreign Ministry"]),
        ("open door", Scare, &[]),
        ("security guarantees", Scare, &[]),
        ("red lines", Partial, &["Putin"]),
        ("Our recent warnings", Direct, &["Putin"]),
        ("Tensions have mounted", Direct, &["Putin"]),
    ];
    let a = analyze(SEED);
    assert_eq!(a.quotes.len(), expected.len(), "quotes: {:?}", a.quotes);
    for (q, (opening, kind, who)) in a.quotes.iter().zip(expected) {
        let quoted = chars(&a.text, q.start, q.end);
        assert!(quoted.starts_with(opening), "{quoted:?} is not {opening:?}");
        assert_eq!(q.kind, kind, "kind of {quoted:?}");
        match (&q.speaker, who.is_empty()) {
            (None, true) => {}
            (Some(s), true) => panic!("{quoted:?} is a scare quote, yet has speaker {s:?}"),
            (None, false) => panic!("{quoted:?} has no speaker; expected one of {who:?}"),
            (Some(s), false) => {
                let said_by = match &s.actor {
                    Some(id) => a.actors.iter().find(|x| &x.id == id).map(|x| x.name.clone()).unwrap_or_default(),
                    None => chars(&a.text, s.start, s.end),
                };
                let ok = who.iter().any(|w| said_by.to_lowercase().contains(&w.to_lowercase()));
                assert!(ok, "{quoted:?} said by {said_by:?}, expected one of {who:?}");
            }
        }
    }
    // "he told a gathering": the pronoun itself is the mention; it is Putin's.
    let he = &a.quotes[8].speaker.as_ref().map(|s| chars(&a.text, s.start, s.end));
    if !a.actors.is_empty() {
        assert_eq!(he.as_deref(), Some("he"));
    }
}

fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    (dir.join("gold/polnear/polnear_dev.jsonl").is_file() && dir.join("eval/quotes.py").is_file()).then_some(dir)
}

fn python() -> Option<&'static str> {
    ["python3", "python"]
        .into_iter()
        .find(|p| Command::new(p).arg("--version").output().is_ok_and(|o| o.status.success()))
}

/// The scorer's numbers for one predictions file: (quote F1 at 0.5,
/// speaker accuracy, speaker-correct F1), plain and `--attributed`.
fn score(py: &str, scorer: &Path, pred: &Path, gold: &Path, attributed: bool) -> Option<(f64, f64, f64, String)> {
    let mut cmd = Command::new(py);
    cmd.arg(scorer).arg(pred).arg(gold).arg("--json");
    if attributed {
        cmd.arg("--attributed");
    }
    let out = cmd.output().ok()?;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    let s = &v["scores"];
    let row = |t: &str| {
        let r = &s[t];
        format!(
            "P {:.3} R {:.3} F1 {:.3}",
            r["quotes"]["p"].as_f64().unwrap_or_default(),
            r["quotes"]["r"].as_f64().unwrap_or_default(),
            r["quotes"]["f1"].as_f64().unwrap_or_default()
        )
    };
    let table = format!(
        "@0.5 {} | @0.8 {} | speaker acc {:.3} | speaker-correct F1 {:.3}",
        row("0.5"),
        row("0.8"),
        s["0.5"]["speaker_acc"].as_f64().unwrap_or_default(),
        s["0.5"]["speaker_f1"]["f1"].as_f64().unwrap_or_default()
    );
    Some((
        s["0.5"]["quotes"]["f1"].as_f64()?,
        s["0.5"]["speaker_acc"].as_f64()?,
        s["0.5"]["speaker_f1"]["f1"].as_f64()?,
        table,
    ))
}

#[test]
fn polnear_dev_scores_hold_their_floor() {
    let (Some(dir), Some(py)) = (shared(), python()) else {
        println!("quotes_eval: ../shared/gold/polnear or python3 not found; PolNeAR scoring skipped");
        return;
    };
    let gold = dir.join("gold/polnear/polnear_dev.jsonl");
    let scorer = dir.join("eval/quotes.py");
    let Ok(lines) = std::fs::read_to_string(&gold) else {
        println!("quotes_eval: cannot read {}; PolNeAR scoring skipped", gold.display());
        return;
    };
    let tmp = std::env::temp_dir().join(format!("newsgloss-quotes-eval-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&tmp);
    let plain_path = tmp.join("pred.jsonl");
    let Ok(mut plain) = std::fs::File::create(&plain_path) else {
        println!("quotes_eval: cannot write to {}; PolNeAR scoring skipped", tmp.display());
        return;
    };
    let mut seen = std::collections::HashSet::new();
    for line in lines.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(rec) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let (Some(id), Some(text)) = (rec["id"].as_str(), rec["text"].as_str()) else { continue };
        if !seen.insert(id.to_string()) {
            continue;
        }
        let mut v = serde_json::to_value(analyze(text)).unwrap_or_default();
        v["id"] = serde_json::Value::String(id.to_string());
        let _ = writeln!(plain, "{v}");
    }
    drop(plain);
    let mut results = Vec::new();
    for (name, path, attributed) in [("plain", &plain_path, false), ("attributed", &plain_path, true)] {
        match score(py, &scorer, path, &gold, attributed) {
            Some(r) => {
                println!("quotes_eval: PolNeAR dev {name:>24}: {}", r.3);
                results.push(r);
            }
            None => {
                println!("quotes_eval: the scorer gave no result; PolNeAR scoring skipped");
                let _ = std::fs::remove_dir_all(&tmp);
                return;
            }
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    // Floors just below what the engine reaches on PolNeAR dev (plain: F1
    // 0.914; attributed: F1 0.896, speaker accuracy 0.919, speaker-correct F1
    // 0.824), above the issue's targets (0.85, 0.90, 0.75). The speaker
    // numbers lean on the actor finder too: with no actors, pronouns fall
    // back to names and accuracy drops.
    let (f1, _, spk_f1, _) = &results[0];
    assert!(*f1 >= 0.90 && *spk_f1 >= 0.76, "plain quote F1 fell to {f1}, speaker-correct F1 to {spk_f1}");
    let (f1, acc, spk_f1, _) = &results[1];
    assert!(*f1 >= 0.88, "attributed quote F1 fell to {f1}");
    assert!(*acc >= 0.90, "speaker accuracy fell to {acc}");
    assert!(*spk_f1 >= 0.80, "speaker-correct F1 fell to {spk_f1}");
}

/// Quotations and their attribution stay linear on hostile input: 100,000
/// quote marks, an unclosed quote opening 10 MB, one 10 MB paragraph, a
/// flood of cues. Timings print with `--nocapture`; the bound is loose so
/// that a debug build on a busy machine passes, a quadratic one cannot.
#[test]
fn hostile_inputs_stay_fast() {
    let body =
        "Mr. Putin said the plan was “a failure,” and NATO officials agreed. “We will respond,” he told reporters. ";
    // A debug build is some ten times slower: it gets a quarter of the sizes.
    let n = if cfg!(debug_assertions) { 4 } else { 1 };
    let cases: Vec<(&str, String)> = vec![
        ("100k marks", format!("{}\n{}", "“ word ” \" ".repeat(25_000 / n), "“".repeat(100_000))),
        ("unclosed quote, 2 MB", format!("“{}", body.replace(['“', '”'], "").repeat(2_000_000 / body.len()))),
        ("one 2 MB paragraph", format!("“ {}", body.repeat(2_000_000 / n / body.len()))),
        ("cue flood", "“a,” he said, “b,” said Smith, ".repeat(50_000 / n)),
        ("the seed, 10 MB", format!("{SEED}\n").repeat(10_000_000 / n / SEED.len())),
    ];
    for (name, text) in cases {
        let t = std::time::Instant::now();
        let spans = quotes::find_quotes(&text);
        let at = attribution::attribute(&text, &spans, &[]);
        let took = t.elapsed();
        println!("quotes_eval: {name}: {} bytes, {} quotes, {took:?}", text.len(), spans.len());
        assert_eq!(spans.len(), at.len());
        for (q, a) in spans.iter().zip(&at) {
            assert!(
                q.start <= q.end
                    && q.end <= text.len()
                    && text.is_char_boundary(q.start)
                    && text.is_char_boundary(q.end)
            );
            if let Some(s) = a.speaker {
                assert!(s.start < s.end && s.end <= text.len());
            }
        }
        assert!(took.as_secs() < 20, "{name} took {took:?}");
    }
}
