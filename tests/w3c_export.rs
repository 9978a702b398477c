//! The W3C export of findings: every annotation must pass every MUST schema
//! of the W3C Web Annotation test suite, and every selector must select
//! exactly the span it was made from.
//!
//! Three analyses are exported: the engine's reading of the seed article
//! (whatever it finds today), a hand-made reading of the seed with every kind
//! of finding (so the test does not depend on the engine's recall), and a
//! hand-made reading of a short text full of emoji, accents and combining
//! marks with spans at both edges.
//!
//! Schema validation runs `../shared/eval/w3c_validate.py` (the reference
//! validator: each annotation against every schema listed in
//! `annotations/annotationMusts.test`, plus the selectors against the text)
//! and checks the collection itself against the collection and page MUST
//! schemas. It needs python3 with `jsonschema` (`pip install jsonschema`)
//! and `../shared`; without them it prints a SKIP line and checks the rest.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use newsgloss::analysis::{
    analyze, Actor, ActorKind, Analysis, Claim, Dispute, Position, Quote, QuoteKind, Span, Speaker, Stance,
};
use newsgloss::annotation::findings::actor_iri;
use newsgloss::annotation::{
    findings_to_w3c, Annotation, AnnotationCollection, Body, Motivation, Selector, Target, TextSelectors, CONTEXT_CHARS,
};
use serde_json::Value;

const SEED: &str = include_str!("../seeds/000_ef33c36d7de74af4.txt");
const SOURCE: &str = "https://example.org/news/russia-nato";

/// A line on the test's stderr that the test harness does not capture, so
/// that a skipped check or a validation summary shows in every run.
fn report(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

// ---------------------------------------------------------------- analyses

/// Code-point spans of `needle` in `text` as a whole word (not inside a
/// longer word).
fn spans(text: &str, needle: &str) -> Vec<Span> {
    text.match_indices(needle)
        .filter(|&(b, _)| {
            let before = text[..b].chars().next_back();
            let after = text[b + needle.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .map(|(b, _)| {
            let start = text[..b].chars().count();
            Span { start, end: start + needle.chars().count() }
        })
        .collect()
}

/// The first span of `needle` in `text`.
fn span(text: &str, needle: &str) -> Span {
    let b = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the text"));
    let start = text[..b].chars().count();
    Span { start, end: start + needle.chars().count() }
}

fn actor(text: &str, id: &str, name: &str, kind: ActorKind, mentions: &[&str]) -> Actor {
    let mut ms: Vec<Span> = mentions.iter().flat_map(|m| spans(text, m)).collect();
    ms.sort_by_key(|s| (s.start, s.end));
    ms.dedup_by(|b, a| b.start < a.end); // "Putin" inside "Vladimir V. Putin"
    assert!(!ms.is_empty(), "{name} has no mention");
    Actor { id: id.into(), name: name.into(), kind, mentions: ms }
}

fn quote(text: &str, id: &str, exact: &str, kind: QuoteKind, speaker: Option<(&str, Option<&str>)>) -> Quote {
    let q = span(text, exact);
    let speaker = speaker.map(|(mention, actor)| {
        let m = span(text, mention);
        Speaker { actor: actor.map(str::to_string), start: m.start, end: m.end }
    });
    Quote { id: id.into(), start: q.start, end: q.end, kind, speaker, parts: Vec::new() }
}

fn dispute(
    text: &str,
    id: &str,
    topic: &str,
    claim: (&str, Option<&str>),
    positions: &[(&str, Option<&str>, Stance)],
) -> Dispute {
    let c = span(text, claim.0);
    Dispute {
        id: id.into(),
        topic: topic.into(),
        claim: Claim { start: c.start, end: c.end, holder: claim.1.map(str::to_string) },
        positions: positions
            .iter()
            .map(|&(t, holder, stance)| {
                let p = span(text, t);
                Position { start: p.start, end: p.end, holder: holder.map(str::to_string), stance }
            })
            .collect(),
    }
}

/// A careful reading of the seed (after shared/gold/seed-article.json),
/// made by hand: actors of every kind, the ten quotations with their
/// speakers, and four disputes.
fn seed_by_hand() -> Analysis {
    let t = SEED;
    use ActorKind::*;
    use QuoteKind::*;
    use Stance::*;
    Analysis {
        text: t.to_string(),
        actors: vec![
            actor(t, "a1", "Sergei A. Ryabkov", Person, &["Sergei A. Ryabkov", "Ryabkov"]),
            actor(t, "a2", "Vladimir V. Putin", Person, &["Vladimir V. Putin", "Putin"]),
            actor(t, "a3", "Biden", Person, &["Biden"]),
            actor(t, "a4", "James Baker", Person, &["James Baker", "Baker"]),
            actor(t, "a5", "Mikhail S. Gorbachev", Person, &["Mikhail S. Gorbachev", "Gorbachev"]),
            actor(t, "a6", "NATO", Organization, &["NATO", "North Atlantic Treaty Organization"]),
            actor(t, "a7", "Russia", Place, &["Russia"]),
            actor(t, "a8", "United States", Place, &["United States"]),
            actor(t, "a9", "NATO officials", Group, &["NATO officials"]),
            actor(t, "a10", "Karen Donfried", Person, &["Karen Donfried", "Donfried"]),
        ],
        quotes: vec![
            quote(t, "q1", "defuse the escalation, continue diplomatic channels and honor its international commitments.", Direct, Some(("NATO called", Some("a6")))),
            quote(t, "q2", "Any new aggression against Ukraine would have huge consequences and would have a high price tag, ", Direct, Some(("the statement said", None))),
            quote(t, "q3", "strategic depth", Scare, None),
            quote(t, "q4", "legal and binding", Partial, Some(("Russia’s Foreign Ministry", None))),
            quote(t, "q5", "The member states of the North Atlantic Treaty Organization accept the obligation to exclude further NATO expansion to Ukraine and other states,", Direct, Some(("the text", None))),
            quote(t, "q6", "open door", Scare, None),
            quote(t, "q7", "security guarantees", Scare, None),
            quote(t, "q8", "red lines", Partial, Some(("Mr. Putin said", Some("a2")))),
            quote(t, "q9", "Our recent warnings have indeed been heard and are having some effect,", Direct, Some(("he told", Some("a2")))),
            quote(t, "q10", "Tensions have mounted. ", Direct, Some(("he told", Some("a2")))),
        ],
        disputes: vec![
            dispute(
                t,
                "d1",
                "The Baker-Gorbachev assurance on NATO expansion",
                ("They claim that NATO expanded east in the following years despite verbal assurances from then-Secretary of State James Baker to Soviet leader Mikhail S. Gorbachev that it would not be the case.", None),
                &[
                    ("The deal was never put in writing, and Mr Baker later said Russian officials had misinterpreted his comment, which only applied to the territory of the former East Germany.", Some("a4"), Disputes),
                    ("Mr Gorbachev has, in interviews, confirmed that verbal assurances only come into the discussions on East Germany.", Some("a5"), Qualifies),
                ],
            ),
            dispute(
                t,
                "d2",
                "Who started the crisis",
                ("Russia insisted that the West instigated the crisis by instilling anti-Russian sentiment in Ukraine and supplying weapons.", Some("a7")),
                &[("The United States and its European allies, on the other hand, claim that Russia sparked the security crisis by recently deploying tens of thousands of troops near the Ukrainian border.", Some("a8"), Disputes)],
            ),
            dispute(
                t,
                "d3",
                "Whether Russia's proposal is acceptable",
                ("The Russian proposal came in the form of a draft treaty suggesting that NATO should offer written guarantees", Some("a7")),
                &[
                    ("NATO officials on Friday dismissed the Russian proposal as baseless", Some("a9"), Disputes),
                    ("NATO officials said on Friday that Russia’s proposals were unacceptable", Some("a9"), Denies),
                ],
            ),
            dispute(
                t,
                "d4",
                "Whether Putin uses force to make the West negotiate",
                ("Mr. Putin has approach open recognition that he is using military force to force the West to negotiate", Some("a2")),
                &[("although his spokesperson has denied it.", None, Denies), ("Mr. Putin said Western countries realize", Some("a2"), Supports)],
            ),
        ],
    }
}

/// Emoji (astral, ZWJ sequence, flag), precomposed and combining accents,
/// CJK, spans at both edges of the text and within 32 code points of them.
const MIXED: &str = "Zoë 👩🏽‍🔬 said “Ça marche déjà 😀” in Łódź; 李明 said Zoë was wrong 🇵🇱. Noe\u{0308}l agreed: “non”";

fn mixed_by_hand() -> Analysis {
    let t = MIXED;
    let zoe = actor(t, "a1", "Zoë", ActorKind::Person, &["Zoë"]);
    let li = actor(t, "a2", "李明", ActorKind::Person, &["李明"]);
    let noel = actor(t, "a3", "Noe\u{0308}l", ActorKind::Person, &["Noe\u{0308}l"]);
    let lodz = actor(t, "a4", "Łódź", ActorKind::Place, &["Łódź"]);
    let last_quote = span(t, "non");
    Analysis {
        text: t.to_string(),
        actors: vec![zoe, li, noel, lodz],
        quotes: vec![
            quote(t, "q1", "Ça marche déjà 😀", QuoteKind::Direct, Some(("Zoë", Some("a1")))),
            Quote {
                id: "q2".into(),
                start: last_quote.start,
                end: last_quote.end,
                kind: QuoteKind::Partial,
                speaker: Some(Speaker {
                    actor: Some("a3".into()),
                    start: span(t, "Noe").start,
                    end: span(t, "Noe").start + 5,
                }),
                parts: Vec::new(),
            },
            // A span that is the whole text, and an empty one at its end.
            Quote {
                id: "q3".into(),
                start: 0,
                end: t.chars().count(),
                kind: QuoteKind::Scare,
                speaker: None,
                parts: Vec::new(),
            },
            Quote {
                id: "q4".into(),
                start: t.chars().count(),
                end: t.chars().count(),
                kind: QuoteKind::Scare,
                speaker: None,
                parts: Vec::new(),
            },
        ],
        disputes: vec![dispute(
            t,
            "d1",
            "Ça marche",
            ("“Ça marche déjà 😀”", Some("a1")),
            &[
                ("李明 said Zoë was wrong 🇵🇱", Some("a2"), Stance::Disputes),
                ("agreed", Some("a3"), Stance::Supports),
                ("“non”", None, Stance::Qualifies),
            ],
        )],
    }
}

fn finding_count(a: &Analysis) -> usize {
    a.actors.iter().map(|x| x.mentions.len()).sum::<usize>()
        + a.quotes.len()
        + a.disputes.iter().map(|d| 1 + d.positions.len()).sum::<usize>()
}

// ---------------------------------------------------------------- checks in Rust

/// The selectors of each target (one target but for an interrupted quotation).
fn selectors(a: &Annotation) -> Vec<&[Selector]> {
    a.targets()
        .iter()
        .map(|t| match t {
            Target::Specific(r) => r.selectors(),
            other => panic!("{}: expected specific targets, got {other:?}", a.id),
        })
        .collect()
}

/// Every quote selector's exact/prefix/suffix equals the text around its
/// position selector, computed here char by char (not through `Offsets`).
fn check_selectors(c: &AnnotationCollection, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    let cut = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
    let index = TextSelectors::new(text);
    for (a, sel) in c.items().iter().flat_map(|a| selectors(a).into_iter().map(move |s| (a, s))) {
        let [Selector::TextQuote(q), Selector::TextPosition(p)] = sel else { panic!("{}: selectors {sel:?}", a.id) };
        assert!(p.start <= p.end && p.end <= chars.len(), "{}: {}..{} out of the text", a.id, p.start, p.end);
        assert_eq!(q.exact, cut(p.start, p.end), "{}: exact", a.id);
        assert_eq!(
            q.prefix.as_deref(),
            Some(cut(p.start.saturating_sub(CONTEXT_CHARS), p.start).as_str()),
            "{}: prefix",
            a.id
        );
        assert_eq!(
            q.suffix.as_deref(),
            Some(cut(p.end, (p.end + CONTEXT_CHARS).min(chars.len())).as_str()),
            "{}: suffix",
            a.id
        );
        if !q.exact.is_empty() {
            assert_eq!(index.resolve(sel), Some((p.start, p.end)), "{}: resolves", a.id);
            // The quote alone finds the same span again.
            assert_eq!(index.resolve(&sel[..1]), Some((p.start, p.end)), "{}: quote alone resolves", a.id);
        }
    }
}

fn check_shape(c: &AnnotationCollection, analysis: &Analysis, source: &str) {
    let items = c.items();
    assert_eq!(items.len(), finding_count(analysis));
    assert_eq!(c.total, Some(items.len()));
    let v = serde_json::to_value(c).expect("serialises");
    assert_eq!(v["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(v["type"], "AnnotationCollection");
    assert!(v["label"].is_string());
    if !items.is_empty() {
        assert_eq!(v["first"]["type"], "AnnotationPage");
        assert_eq!(v["first"]["items"].as_array().map(Vec::len), Some(items.len()));
    }

    // Ids: urn:uuid version 5, unique, the same on every run.
    let mut ids = HashSet::new();
    for id in std::iter::once(&c.id).chain(items.iter().map(|a| &a.id)) {
        let hex = id.strip_prefix("urn:uuid:").unwrap_or_else(|| panic!("{id} is not a urn:uuid"));
        let parts: Vec<&str> = hex.split('-').collect();
        assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), [8, 4, 4, 4, 12], "{id}");
        assert!(parts[2].starts_with('5') && parts[3].starts_with(['8', '9', 'a', 'b']), "{id} is not v5");
        assert!(ids.insert(id.clone()), "{id} twice");
    }
    let again = findings_to_w3c(analysis, source);
    assert_eq!(serde_json::to_string(&again).ok(), serde_json::to_string(c).ok(), "not deterministic");

    // Reading it back gives the same collection.
    let text = serde_json::to_string(c).expect("serialises");
    let back: AnnotationCollection = serde_json::from_str(&text).expect("reads back");
    assert_eq!(&back, c);

    // Motivations and bodies per kind of finding.
    let count = |m: Motivation| items.iter().filter(|a| a.is_motivated_by(&m)).count();
    let mentions: usize = analysis.actors.iter().map(|a| a.mentions.len()).sum();
    assert_eq!(count(Motivation::Identifying), mentions);
    assert_eq!(count(Motivation::Classifying), analysis.quotes.len());
    assert_eq!(count(Motivation::Questioning), analysis.disputes.len());
    assert_eq!(count(Motivation::Assessing), analysis.disputes.iter().map(|d| d.positions.len()).sum::<usize>());
    let actor_iris: HashSet<String> = analysis.actors.iter().map(|a| actor_iri(source, a)).collect();
    let item_ids: HashSet<&str> = items.iter().map(|a| a.id.as_str()).collect();
    for a in items {
        assert!(!a.targets().is_empty());
        assert!(a.targets().iter().all(|t| matches!(t, Target::Specific(r) if r.source == source)));
        let bodies = a.bodies();
        assert!(!bodies.is_empty(), "{}: no body", a.id);
        for b in bodies {
            match b {
                Body::Textual(t) => {
                    assert_eq!(t.format.as_deref(), Some("text/plain"));
                    assert!(t.purpose.is_some() && !t.value.trim().is_empty());
                }
                Body::Specific(r) => {
                    let known = actor_iris.contains(&r.source) || item_ids.contains(r.source.as_str());
                    assert!(known, "{}: links to unknown {}", a.id, r.source);
                }
                other => panic!("{}: unexpected body {other:?}", a.id),
            }
        }
        if a.is_motivated_by(&Motivation::Identifying) {
            let linked = bodies.iter().filter_map(|b| match b {
                Body::Specific(r) if r.has_purpose(&Motivation::Identifying) => Some(&r.source),
                _ => None,
            });
            assert_eq!(linked.filter(|s| actor_iris.contains(*s)).count(), 1, "{}: one actor link", a.id);
        }
        if a.is_motivated_by(&Motivation::Assessing) {
            let claim_links =
                bodies.iter().filter(|b| matches!(b, Body::Specific(r) if item_ids.contains(r.source.as_str())));
            assert_eq!(claim_links.count(), 1, "{}: links its claim", a.id);
        }
    }
}

#[test]
fn hand_made_seed_reading_exports_well_formed_annotations() {
    let a = seed_by_hand();
    assert!(finding_count(&a) > 80, "the hand-made reading has {} findings", finding_count(&a));
    let c = findings_to_w3c(&a, SOURCE);
    check_shape(&c, &a, SOURCE);
    check_selectors(&c, SEED);
}

#[test]
fn mixed_script_selectors_round_trip() {
    let a = mixed_by_hand();
    let c = findings_to_w3c(&a, "urn:newsgloss:stdin");
    check_shape(&c, &a, "urn:newsgloss:stdin");
    check_selectors(&c, MIXED);
    // Spot checks, by hand.
    let v = serde_json::to_value(c.items()).expect("serialises");
    let zoe_quote = v
        .as_array()
        .and_then(|items| items.iter().find(|i| i["target"]["selector"][0]["exact"] == "Ça marche déjà 😀"))
        .expect("the quote");
    assert_eq!(zoe_quote["target"]["selector"][0]["prefix"], "Zoë 👩🏽‍🔬 said “");
    assert_eq!(zoe_quote["target"]["selector"][0]["suffix"], "” in Łódź; 李明 said Zoë was wrong"); // 32 code points
    assert_eq!(
        zoe_quote["target"]["selector"][1],
        serde_json::json!({"type": "TextPositionSelector", "start": 15, "end": 31})
    );
}

#[test]
fn engine_seed_reading_exports_well_formed_annotations() {
    let a = analyze(SEED);
    let c = findings_to_w3c(&a, SOURCE);
    check_shape(&c, &a, SOURCE);
    check_selectors(&c, SEED);
}

// ---------------------------------------------------------------- the W3C schemas

struct Validator {
    script: PathBuf,
    tests: PathBuf,
}

/// The reference validator, if python3, jsonschema and ../shared are here.
fn validator() -> Option<Validator> {
    let script = shared().join("eval/w3c_validate.py");
    let tests = shared().join("w3c-annotation-tests");
    if !script.is_file() || !tests.join("annotations/annotationMusts.test").is_file() {
        report(&format!("SKIP W3C schema validation: {} not found", script.display()));
        return None;
    }
    let ok = Command::new("python3")
        .args(["-c", "import jsonschema, referencing"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        report("SKIP W3C schema validation: python3 with jsonschema not found (pip install jsonschema)");
        return None;
    }
    Some(Validator { script, tests })
}

fn temp_file(name: &str, contents: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgloss-w3c-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("temp file");
    path
}

/// The MUST schemas annotationMusts.test lists.
fn must_schema_count(v: &Validator) -> usize {
    let text = std::fs::read_to_string(v.tests.join("annotations/annotationMusts.test")).expect("readable");
    let musts: Value = serde_json::from_str(&text).expect("JSON");
    musts["assertions"].as_array().map_or(0, Vec::len)
}

/// Runs w3c_validate.py; returns (annotations, passed, failed, schemas) from
/// its summary line and its whole output.
fn run_validator(v: &Validator, json: &Path, text: &Path) -> (bool, [usize; 4], String) {
    let out = Command::new("python3").arg(&v.script).arg(json).arg("--text").arg(text).output().expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let summary = stdout.lines().rev().find(|l| l.contains(" annotations, ")).unwrap_or_default();
    // "<file>: N annotations, P pass, F fail (S MUST schemas, text checked)"
    let numbers: Vec<usize> = summary
        .rsplit(": ")
        .next()
        .unwrap_or_default()
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|s| s.parse().ok())
        .collect();
    let mut n = [0; 4];
    for (slot, x) in n.iter_mut().zip(numbers) {
        *slot = x;
    }
    (out.status.success(), n, stdout)
}

/// Checks the collection (with its embedded page) against every schema in
/// collectionMusts.test and pageMusts.test; returns (schemas, failures).
fn collection_musts(v: &Validator, json: &Path) -> (usize, Vec<String>) {
    const SCRIPT: &str = r#"
import glob, json, os, sys
sys.path.insert(0, sys.argv[1])
import w3c_validate as w
import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
tests = sys.argv[2]
registry = Registry()
for path in glob.glob(os.path.join(tests, '**', '*.json'), recursive=True):
    try:
        schema = json.load(open(path, encoding='utf-8'))
    except ValueError:
        continue
    if isinstance(schema, dict) and '$schema' in schema:
        registry = registry.with_resource(schema.get('id', os.path.basename(path)), Resource.from_contents(schema, default_specification=DRAFT4))
doc = json.load(open(sys.argv[3], encoding='utf-8'))
n = 0
for test in ['collections/collectionMusts.test', 'collections/pages/pageMusts.test']:
    for rel in json.load(open(os.path.join(tests, test), encoding='utf-8'))['assertions']:
        schema = json.load(open(os.path.join(tests, rel), encoding='utf-8'))
        ok = jsonschema.Draft4Validator(schema, registry=registry, format_checker=w.FORMATS).is_valid(doc)
        n += 1
        if ok != (schema.get('expectedResult', 'valid') == 'valid'):
            print('FAIL', rel, schema.get('errorMessage', ''))
print('SCHEMAS', n)
"#;
    let eval = v.script.parent().expect("eval dir");
    let out =
        Command::new("python3").args(["-c", SCRIPT]).arg(eval).arg(&v.tests).arg(json).output().expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "collection check crashed: {stdout}{}", String::from_utf8_lossy(&out.stderr));
    let n = stdout.lines().find_map(|l| l.strip_prefix("SCHEMAS ")).and_then(|n| n.trim().parse().ok()).unwrap_or(0);
    (n, stdout.lines().filter(|l| l.starts_with("FAIL")).map(str::to_string).collect())
}

fn validate(name: &str, analysis: &Analysis, source: &str) {
    let Some(v) = validator() else { return };
    let c = findings_to_w3c(analysis, source);
    let json = temp_file(&format!("{name}.json"), &serde_json::to_string_pretty(&c).expect("serialises"));
    let text = temp_file(&format!("{name}.txt"), &analysis.text);
    let schemas = must_schema_count(&v);
    assert!(schemas >= 50, "annotationMusts.test lists {schemas} schemas");

    let (ok, [n, pass, fail, checked], out) = run_validator(&v, &json, &text);
    report(&format!("{name}: {n} annotations, {pass} pass, {fail} fail against {checked} MUST schemas (+ selectors against the text)"));
    assert!(ok, "w3c_validate.py failed:\n{out}");
    assert_eq!((n, pass, fail, checked), (finding_count(analysis), finding_count(analysis), 0, schemas), "{out}");

    let (n, failures) = collection_musts(&v, &json);
    report(&format!("{name}: collection and page: {n} MUST schemas, {} fail", failures.len()));
    assert!(n >= 20 && failures.is_empty(), "{n} schemas; failures: {failures:#?}");
}

#[test]
fn hand_made_seed_reading_passes_every_must_schema() {
    validate("seed-by-hand", &seed_by_hand(), SOURCE);
}

#[test]
fn mixed_script_reading_passes_every_must_schema() {
    validate("mixed", &mixed_by_hand(), "file:///tmp/caf%C3%A9%20news.txt");
}

#[test]
fn engine_seed_reading_passes_every_must_schema() {
    validate("seed-engine", &analyze(SEED), "urn:newsgloss:stdin");
}

/// An interrupted quotation is exported as one quotation with one target per
/// piece: the reporter's words between the pieces ("Maria Lopez said on
/// Monday") are not part of what she said.
#[test]
fn interrupted_quotation_exports_its_pieces_and_passes_every_must_schema() {
    let text = "“We will respond,” Maria Lopez said on Monday. “And we will do it soon.” The talks ended.";
    let a = analyze(text);
    assert_eq!(a.quotes.len(), 1);
    let c = findings_to_w3c(&a, SOURCE);
    check_shape(&c, &a, SOURCE);
    check_selectors(&c, text);
    let quote = c.items().iter().find(|x| x.is_motivated_by(&Motivation::Classifying)).expect("the quotation");
    let exacts: Vec<String> = selectors(quote)
        .iter()
        .map(|sel| match sel.first() {
            Some(Selector::TextQuote(q)) => q.exact.clone(),
            other => panic!("expected a quote selector first, got {other:?}"),
        })
        .collect();
    assert_eq!(exacts, ["We will respond,", "And we will do it soon."]);
    validate("interrupted", &a, SOURCE);
}

/// The harness can fail: a broken annotation and a misplaced selector are
/// caught.
#[test]
fn validator_catches_broken_annotations() {
    let Some(v) = validator() else { return };
    let a = mixed_by_hand();
    let mut c = serde_json::to_value(findings_to_w3c(&a, SOURCE)).expect("serialises");
    let items = c["first"]["items"].as_array_mut().expect("items");
    items[0]["id"] = Value::String("not an IRI".into());
    items[1]["target"]["selector"][1]["start"] = serde_json::json!(1);
    let json = temp_file("broken.json", &c.to_string());
    let text = temp_file("broken.txt", &a.text);
    let (ok, [n, pass, fail, _], out) = run_validator(&v, &json, &text);
    assert!(!ok, "{out}");
    assert_eq!((n, pass, fail), (finding_count(&a), finding_count(&a) - 2, 2), "{out}");

    let object = c.as_object_mut().expect("an object");
    object.remove("@context");
    object.insert("total".into(), Value::from(-1));
    let json = temp_file("broken-collection.json", &c.to_string());
    let (_, failures) = collection_musts(&v, &json);
    assert_eq!(failures.len(), 3, "{failures:#?}"); // collection and page @context, total
}

/// The model reads every correct sample of the W3C test suite, and writes it
/// back with nothing lost.
#[test]
fn model_reads_the_w3c_samples_back_losslessly() {
    let dir = shared().join("w3c-annotation-tests/tools/samples/correct");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        report(&format!("SKIP sample round trip: {} not found", dir.display()));
        return;
    };
    let mut read = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let Ok(v) = serde_json::from_str::<Value>(&text) else { continue };
        let is = |t: &str| v["type"] == t || v["type"].as_array().is_some_and(|a| a.iter().any(|x| x == t));
        let back = if is("Annotation") {
            serde_json::from_value::<Annotation>(v.clone()).and_then(serde_json::to_value)
        } else if is("AnnotationCollection") {
            serde_json::from_value::<AnnotationCollection>(v.clone()).and_then(serde_json::to_value)
        } else {
            continue;
        };
        let back = back.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(normalise(back), normalise(v), "{}", path.display());
        read += 1;
    }
    assert!(read >= 30, "only {read} samples read");
}

/// What writing may change without losing anything: an untyped textual body
/// gets its type, and a type array is written as its single modelled value.
fn normalise(v: Value) -> Value {
    match v {
        Value::Object(mut o) => {
            if o.get("type").is_none() && o.get("value").is_some_and(Value::is_string) && !o.contains_key("source") {
                o.insert("type".into(), "TextualBody".into());
            }
            if let Some(Value::Array(types)) = o.get("type") {
                if let [one] = types.as_slice() {
                    let one = one.clone();
                    o.insert("type".into(), one);
                }
            }
            Value::Object(o.into_iter().map(|(k, v)| (k, normalise(v))).collect())
        }
        Value::Array(a) => Value::Array(a.into_iter().map(normalise).collect()),
        other => other,
    }
}
