//! The seed article's four disputed claims, as a careful editor reads them:
//! the claim, each position, their holders and stances. Stated here, so the
//! test stands without ../shared.

use newsgloss::analysis::{analyze, Analysis, Stance};

const SEED: &str = include_str!("../seeds/000_ef33c36d7de74af4.txt");

/// (sentence starting with, holder's last word, stance) for a position.
type Part = (&'static str, &'static str, Option<Stance>);

const DISPUTES: [(&str, Part, &[Part]); 4] = [
    (
        "Baker–Gorbachev assurance",
        ("They claim that NATO expanded east", "officials", None),
        &[
            ("The deal was never put in writing", "Baker", Some(Stance::Disputes)),
            ("Mr Gorbachev has, in interviews, confirmed", "Gorbachev", Some(Stance::Qualifies)),
        ],
    ),
    (
        "who started the crisis",
        ("Russia insisted that the West instigated", "Russia", None),
        &[("The United States and its European allies, on the other hand", "States", Some(Stance::Disputes))],
    ),
    (
        "whether the proposal is acceptable",
        ("The Russian proposal came in the form of a draft treaty", "Russia", None),
        &[(
            "NATO officials said on Friday that Russia’s proposals were unacceptable",
            "officials",
            Some(Stance::Disputes),
        )],
    ),
    (
        "whether Putin uses force",
        ("Mr. Putin has approach open recognition", "Putin", None),
        &[("Mr. Putin has approach open recognition", "spokesperson", Some(Stance::Denies))],
    ),
];

/// Code-point span of the sentence starting with `start`.
fn sentence(start: &str) -> (usize, usize) {
    let b = SEED.find(start).unwrap_or_else(|| panic!("seed has {start:?}"));
    let end = SEED[b..].find(['\n']).map_or(SEED.len(), |e| b + e);
    let sent_end = SEED[b..end].find(". ").map_or(end, |e| b + e + 1);
    (SEED[..b].chars().count(), SEED[..sent_end].chars().count())
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn holder_name<'a>(a: &'a Analysis, id: &Option<String>) -> &'a str {
    id.as_ref().and_then(|id| a.actors.iter().find(|x| &x.id == id)).map_or("", |x| x.name.as_str())
}

#[test]
fn finds_the_four_disputes_of_the_seed_with_holders_and_stances() {
    let a = analyze(SEED);
    for (label, (claim_start, claim_holder, _), positions) in DISPUTES {
        let claim = sentence(claim_start);
        let d = a
            .disputes
            .iter()
            .find(|d| {
                overlaps((d.claim.start, d.claim.end), claim)
                    && positions.iter().all(|(p, _, _)| {
                        let ps = sentence(p);
                        d.positions.iter().any(|x| overlaps((x.start, x.end), ps))
                    })
            })
            .unwrap_or_else(|| panic!("{label}: no dispute with the claim and every position; got {:#?}", a.disputes));
        let name = holder_name(&a, &d.claim.holder);
        assert!(name.contains(claim_holder), "{label}: claim held by {name:?}, want …{claim_holder}");
        for (p, holder, stance) in positions.iter() {
            let ps = sentence(p);
            let part = d.positions.iter().find(|x| overlaps((x.start, x.end), ps)).expect("position");
            let name = holder_name(&a, &part.holder);
            assert!(name.contains(holder), "{label}: position held by {name:?}, want …{holder}");
            assert_eq!(Some(part.stance), *stance, "{label}: stance of {p:?}");
        }
    }
}

#[test]
fn every_dispute_has_a_topic_and_a_position() {
    for d in analyze(SEED).disputes {
        assert!(!d.topic.trim().is_empty() && d.topic.chars().count() <= 80, "{:?}", d.topic);
        assert!(!d.positions.is_empty());
    }
}
