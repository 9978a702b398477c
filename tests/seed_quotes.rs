//! The seed article's quotations, as a careful reader pairs its marks
//! (including the malformed ones). Expectations are stated here; the full
//! seed reading (speakers, actors, disputes) belongs to the analysis engine.

use newsgloss::analysis::analyze;

const SEED: &str = include_str!("../seeds/000_ef33c36d7de74af4.txt");

fn quote_texts() -> Vec<String> {
    let a = analyze(SEED);
    a.quotes.iter().map(|q| SEED.chars().skip(q.start).take(q.end - q.start).collect()).collect()
}

#[test]
fn finds_all_ten_quotations_of_the_seed() {
    let expected = [
        "defuse the escalation, continue diplomatic channels and honor its international commitments.",
        "Any new aggression against Ukraine would have huge consequences and would have a high price tag, ",
        "strategic depth",
        "legal and binding",
        "The member states of the North Atlantic Treaty Organization accept the obligation to exclude further NATO expansion to Ukraine and other states,",
        "open door",
        "security guarantees",
        "red lines",
        "Our recent warnings have indeed been heard and are having some effect,",
        "Tensions have mounted. ",
    ];
    assert_eq!(quote_texts(), expected);
}

#[test]
fn no_quote_runs_into_the_byline() {
    for q in quote_texts() {
        assert!(!q.contains("Kramer"), "quote ran on: {q}");
        assert!(!q.contains('\n'), "quote crosses a paragraph: {q}");
    }
}
