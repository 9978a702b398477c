//! Actors: people, organizations, places and groups, each with every
//! mention, clustered by coreference.
//!
//! No model: capitalised runs are split and typed by compiled-in word lists
//! (`src/analysis/lexicon/*.txt`: countries with their demonyms, cities,
//! regions, organizations, titles and honorifics, organization and place
//! head words, group nouns, first names, common words), by the shape of a
//! name (titles, initials, honorifics, acronyms, "X of Y") and by what the
//! rest of the text says about a word (seen in lower case, seen capitalised
//! mid-sentence, used as a family name elsewhere). Every pass is linear in
//! the text; windows are bounded.

pub(crate) mod classes;
mod cluster;
mod extract;
pub(crate) mod hash;
mod lexicon;
#[rustfmt::skip]
mod lexicon_tables;
pub(crate) mod tokens;
mod vocab;

use super::ActorKind;

/// A byte span into the analysed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
}

/// One actor: its fullest name, kind and mentions (in text order, never
/// overlapping one another).
#[derive(Debug, Clone, PartialEq)]
pub struct ActorFound {
    pub name: String,
    pub kind: ActorKind,
    pub mentions: Vec<Mention>,
}

/// All actors of `text`, ordered by first mention.
pub fn find_actors(text: &str) -> Vec<ActorFound> {
    actors_of(text, false).0
}

/// The actor stage's tokens of a text, kept for the disputes reader
/// ([`super::disputes::find_disputes_tokenized`]), which reads words from
/// them where they are its own words instead of scanning those bytes
/// again. No tokens for a blank text, or when not kept (the reader then
/// scans every byte).
#[derive(Default)]
pub struct Tokenized {
    pub(crate) toks: Vec<tokens::Tok>,
    /// Each token's word id (see [`tokens::Tokens`]).
    pub(crate) ids: Vec<u32>,
    /// How many distinct words (ids `0..distinct`).
    pub(crate) distinct: usize,
}

/// [`find_actors`], and its tokens for the later stages, so that the text
/// is tokenized once for both: what [`super::actor_stage`] calls.
pub fn find_actors_tokenized(text: &str) -> (Vec<ActorFound>, Tokenized) {
    actors_of(text, true)
}

/// The actors of `text`, and its tokens if `keep` (else none, freed
/// before clustering, which builds its own, to keep the peak heap down).
fn actors_of(text: &str, keep: bool) -> (Vec<ActorFound>, Tokenized) {
    if text.trim().is_empty() {
        return (Vec::new(), Tokenized::default());
    }
    let lx = lexicon::lexicon();
    let toks = tokens::tokenize(text, lx);
    let distinct = toks.vocab.len();
    let mut doc = extract::Doc::new(text, toks, lx);
    doc.scan_runs();
    doc.resolve_singles();
    doc.scan_appositions();
    doc.scan_nouns();
    doc.scan_groups();
    let raws = std::mem::take(&mut doc.raws);
    let keys = std::mem::take(&mut doc.keys);
    // The tokens and their word ids are the finder's; taken back, not
    // copied, when kept.
    let (toks, ids) =
        if keep { (std::mem::take(&mut doc.toks), std::mem::take(&mut doc.ids)) } else { Default::default() };
    drop(doc);
    (cluster::cluster(text, raws, &keys), Tokenized { toks, ids, distinct })
}

#[cfg(test)]
mod tests {
    use super::*;

    type Got = Vec<(String, ActorKind, Vec<String>)>;

    fn actors(text: &str) -> Got {
        let found = find_actors(text);
        check_invariants(text, &found);
        found
            .into_iter()
            .map(|a| (a.name, a.kind, a.mentions.iter().map(|m| text[m.start..m.end].to_string()).collect()))
            .collect()
    }

    /// Spans on char boundaries, inside the text, in order and apart within an actor.
    fn check_invariants(text: &str, found: &[ActorFound]) {
        for a in found {
            assert!(!a.mentions.is_empty(), "{} has no mention", a.name);
            for w in a.mentions.windows(2) {
                assert!(w[0].end <= w[1].start, "{}: overlapping or unordered mentions", a.name);
            }
            for m in &a.mentions {
                assert!(m.start < m.end && text.get(m.start..m.end).is_some(), "{}: bad span {m:?}", a.name);
            }
        }
        let firsts: Vec<usize> = found.iter().map(|a| a.mentions[0].start).collect();
        assert!(firsts.windows(2).all(|w| w[0] <= w[1]), "actors not ordered by first mention");
    }

    fn by_name<'a>(got: &'a Got, name: &str) -> &'a (String, ActorKind, Vec<String>) {
        got.iter().find(|a| a.0 == name).unwrap_or_else(|| panic!("no actor {name:?} in {got:#?}"))
    }

    fn mentioned(got: &Got, s: &str) -> bool {
        got.iter().any(|a| a.2.iter().any(|m| m == s))
    }

    #[test]
    fn empty_and_blank() {
        assert!(find_actors("").is_empty());
        assert!(find_actors("   \n\t ").is_empty());
        assert!(find_actors("...!?").is_empty());
    }

    #[test]
    fn titles_initials_honorifics() {
        let got = actors(
            "Russian Deputy Foreign Minister Sergei A. Ryabkov spoke on Friday. Later Mr. Ryabkov left, \
             and Ms Donfried, who had met Mr Ryabkov, stayed.",
        );
        let r = by_name(&got, "Sergei A. Ryabkov");
        assert_eq!(r.1, ActorKind::Person);
        assert_eq!(r.2, ["Russian Deputy Foreign Minister Sergei A. Ryabkov", "Mr. Ryabkov", "Mr Ryabkov"]);
        assert_eq!(by_name(&got, "Donfried").2, ["Ms Donfried"]);
        assert!(!mentioned(&got, "Minister Sergei") && !mentioned(&got, "Friday"));
    }

    #[test]
    fn then_secretary_and_soviet_leader() {
        let got = actors(
            "Assurances came from then-Secretary of State James Baker to Soviet leader Mikhail S. Gorbachev. \
             Mr Baker later said Mr. Gorbachev understood.",
        );
        let baker = by_name(&got, "James Baker");
        assert_eq!(baker.2, ["Secretary of State James Baker", "Mr Baker"]);
        assert_eq!(by_name(&got, "Mikhail S. Gorbachev").2.len(), 2);
        assert!(!mentioned(&got, "State James"));
    }

    #[test]
    fn one_person_from_full_name_honorifics_and_surname() {
        let got = actors(
            "Russian President Vladimir V. Putin has voiced the demands. Mr. Putin spoke to reporters, \
             and Mr Putin repeated it. Putin did not say more.",
        );
        let putin = by_name(&got, "Vladimir V. Putin");
        assert_eq!(putin.2.len(), 4);
        assert_eq!(got.iter().filter(|a| a.1 == ActorKind::Person).count(), 1);
    }

    #[test]
    fn acronyms_join_their_names() {
        let got = actors(
            "The member states of the North Atlantic Treaty Organization met. NATO said so. \
             North Korea's Korean Central News Agency (KCNA) reported it, and KCNA repeated it.",
        );
        assert_eq!(by_name(&got, "North Atlantic Treaty Organization").2.len(), 2);
        let kcna = by_name(&got, "Korean Central News Agency");
        assert_eq!(kcna.1, ActorKind::Organization);
        assert_eq!(kcna.2, ["Korean Central News Agency", "KCNA", "KCNA"]);
        assert_eq!(by_name(&got, "North Korea").1, ActorKind::Place);
    }

    #[test]
    fn datelines() {
        let got = actors("KYIV, Ukraine – Officials said Kiev was calm.\nAVDIIVKA, Ukraine — Shelling went on.");
        let kyiv = by_name(&got, "Kyiv");
        assert_eq!((kyiv.1, kyiv.2.clone()), (ActorKind::Place, vec!["KYIV".to_string(), "Kiev".to_string()]));
        assert_eq!(by_name(&got, "Ukraine").2.len(), 2);
        assert_eq!(by_name(&got, "AVDIIVKA").1, ActorKind::Place);
    }

    #[test]
    fn demonyms_groups_and_the_federation() {
        let got = actors(
            "A build-up of Russian troops worried Western officials. NATO officials said the Russian Federation \
             was to blame, and Russia denied it. Analysts were unsure. Russian-backed separatists fought \
             Ukrainian government forces.",
        );
        for g in ["Russian troops", "Western officials", "NATO officials", "Analysts", "Russian-backed separatists"] {
            let a = got.iter().find(|a| a.2.iter().any(|m| m == g)).unwrap_or_else(|| panic!("no group {g}"));
            assert_eq!(a.1, ActorKind::Group, "{g}");
        }
        assert!(mentioned(&got, "Ukrainian government forces"));
        assert_eq!(by_name(&got, "Russia").2, ["Russian Federation", "Russia"]);
        assert_eq!(by_name(&got, "North Atlantic Treaty Organization").2, ["NATO"]);
        assert!(!mentioned(&got, "Russian"), "a demonym is not the country: {got:?}");
        // ... unless the country acts through it.
        let got = actors("The Russian proposal angered Russia’s neighbours.");
        assert_eq!(by_name(&got, "Russia").2, ["Russian", "Russia"]);
    }

    #[test]
    fn sentence_initial_words_and_documents_are_not_actors() {
        let got = actors(
            "However, talks went on.\nUnderstanding the escalating tensions over Ukraine\nTensions have mounted. \
             Ukraine invoked the Budapest Declaration and the Minsk Protocol, a post-Cold War deal.\nSource link",
        );
        let names: Vec<&str> = got.iter().map(|a| a.0.as_str()).collect();
        assert_eq!(names, ["Ukraine"], "{got:?}");
    }

    #[test]
    fn possessives_and_curly_apostrophes() {
        let got =
            actors("Russia’s Foreign Ministry said NATO's expansion and Kiev’s choice mattered to Thomas' sister.");
        assert_eq!(by_name(&got, "Russia").2, ["Russia"]);
        assert_eq!(by_name(&got, "Foreign Ministry").2, ["Foreign Ministry"]);
        assert_eq!(by_name(&got, "North Atlantic Treaty Organization").2, ["NATO"]);
        assert_eq!(by_name(&got, "Kyiv").2, ["Kiev"]);
    }

    #[test]
    fn non_ascii_names_and_emoji() {
        let got =
            actors("😀 Doña Rosa Pérez habló. 🎉 Ukrainian President Volodymyr Zelenskyy 👍 met Señor García. 🙂");
        assert_eq!(by_name(&got, "Rosa Pérez").2, ["Doña Rosa Pérez"]);
        assert_eq!(by_name(&got, "Volodymyr Zelenskyy").1, ActorKind::Person);
        assert_eq!(by_name(&got, "García").2, ["Señor García"]);
    }

    #[test]
    fn text_without_punctuation() {
        let got = actors("the cat sat on the mat with Angela Merkel and Emmanuel Macron and nobody else");
        assert_eq!(got.len(), 2);
        assert!(got.iter().all(|a| a.1 == ActorKind::Person));
    }

    #[test]
    fn appositions_and_government_nouns() {
        let got = actors(
            "John Kerry, the Secretary of State, called Malaysia's Prime Minister, Najib Razak. \
             The Indonesian military and the New Zealand government agreed. The Biden administration did not.",
        );
        assert_eq!(by_name(&got, "John Kerry").2, ["John Kerry", "Secretary of State"]);
        assert_eq!(by_name(&got, "Najib Razak").2, ["Prime Minister", "Najib Razak"]);
        assert_eq!(by_name(&got, "Indonesian military").1, ActorKind::Organization);
        assert_eq!(by_name(&got, "New Zealand government").1, ActorKind::Organization);
        assert_eq!(by_name(&got, "New Zealand").1, ActorKind::Place);
        assert_eq!(by_name(&got, "Biden administration").1, ActorKind::Organization);
        assert_eq!(by_name(&got, "Biden").1, ActorKind::Person);
    }

    #[test]
    fn lone_names_typed_by_their_context() {
        let got = actors(
            "Zorblax said on Friday that its profits rose. Zorblax's shares fell.\n\
             Quimby said he would stay. \"We will win,\" Quimby told the crowd.",
        );
        assert_eq!(by_name(&got, "Zorblax").1, ActorKind::Organization);
        assert_eq!(by_name(&got, "Zorblax").2.len(), 2);
        assert_eq!(by_name(&got, "Quimby").1, ActorKind::Person);
    }

    #[test]
    fn title_case_headlines_do_not_make_long_names() {
        let got = actors("Donald Trump Praises Breitbart Over Coverage\nThe candidate spoke in Ohio.");
        assert!(mentioned(&got, "Donald Trump"), "{got:?}");
        assert!(got.iter().all(|a| a.2.iter().all(|m| m.split_whitespace().count() <= 2)), "{got:?}");
    }

    #[test]
    fn capital_datelines_governments_of_and_newspaper_short_names() {
        let got = actors(
            "DES MOINES, Iowa — The governments of South East Asia met. The Washington Post said so, \
             and the Post repeated it.",
        );
        assert_eq!(by_name(&got, "DES MOINES").1, ActorKind::Place);
        assert_eq!(by_name(&got, "governments of South East Asia").1, ActorKind::Organization);
        assert_eq!(by_name(&got, "Southeast Asia").1, ActorKind::Place);
        assert_eq!(by_name(&got, "Washington Post").2, ["Washington Post", "Post"]);
    }

    #[test]
    fn many_capitalised_words_stay_linear() {
        let mut text = String::new();
        for i in 0..100_000u32 {
            let w = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf"][(i % 7) as usize];
            text.push_str(w);
            text.push(if i % 13 == 0 { '.' } else { ' ' });
            text.push(' ');
        }
        let t0 = std::time::Instant::now();
        let found = find_actors(&text);
        check_invariants(&text, &found);
        assert!(t0.elapsed().as_secs() < 20, "took {:?}", t0.elapsed());
        let same = "Putin ".repeat(100_000);
        let found = find_actors(&same);
        check_invariants(&same, &found);
    }
}
