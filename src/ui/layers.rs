//! What the page shows as highlights: the findings sorted into named layers
//! (actors by kind, quotations by kind, claims, positions), each a list of
//! code-point spans. Pure, so the grouping is tested natively; the shell
//! turns spans into DOM ranges and each layer into one CSS highlight.

use crate::analysis::{ActorKind, Analysis, QuoteKind};

/// The finding a highlighted span belongs to (an index into the
/// analysis' actors, quotes or disputes). A claim and its positions all
/// point at their dispute. `Note(i)`: the reader's `i`-th anchored note, in
/// the order the notes panel lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Actor(usize),
    Quote(usize),
    Dispute(usize),
    Note(usize),
}

/// One highlight layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layer {
    /// The highlight name (without the `newsgloss-` prefix) and CSS hook.
    pub name: &'static str,
    /// What the legend calls it.
    pub label: &'static str,
    /// Code-point spans into the analysed text.
    pub spans: Vec<(usize, usize)>,
    /// What each span belongs to (parallel to `spans`).
    pub targets: Vec<Target>,
    /// Paint order when layers overlap: higher paints over lower.
    pub priority: i32,
}

impl Layer {
    /// What the legend counts: one per highlight (an actor's every
    /// mention), but an interrupted quotation's pieces once, so that the
    /// legend agrees with the quotations listed.
    pub fn count(&self) -> usize {
        let repeats = self.targets.windows(2).filter(|w| matches!(w[1], Target::Quote(_)) && w[0] == w[1]).count();
        self.targets.len() - repeats
    }
}

/// Every layer, in legend order, including empty ones.
pub fn layers(a: &Analysis) -> Vec<Layer> {
    let actor = |name, label, kind: ActorKind| {
        let (spans, targets) = a
            .actors
            .iter()
            .enumerate()
            .filter(|(_, x)| x.kind == kind)
            .flat_map(|(i, x)| x.mentions.iter().map(move |m| ((m.start, m.end), Target::Actor(i))))
            .unzip();
        Layer { name, label, spans, targets, priority: 3 }
    };
    let quote = |name, label, kind: QuoteKind| {
        let (spans, targets) = a
            .quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| q.kind == kind)
            .flat_map(|(i, q)| q.pieces().into_iter().map(move |p| (p, Target::Quote(i))))
            .unzip();
        Layer { name, label, spans, targets, priority: 2 }
    };
    let disputes = a.disputes.iter().enumerate();
    vec![
        actor("actor-person", "People", ActorKind::Person),
        actor("actor-organization", "Organizations", ActorKind::Organization),
        actor("actor-place", "Places", ActorKind::Place),
        actor("actor-group", "Groups", ActorKind::Group),
        quote("quote-direct", "Direct quotations", QuoteKind::Direct),
        quote("quote-partial", "Partial quotations", QuoteKind::Partial),
        quote("quote-scare", "Scare quotes", QuoteKind::Scare),
        Layer {
            name: "claim",
            label: "Disputed claims",
            spans: a.disputes.iter().map(|d| (d.claim.start, d.claim.end)).collect(),
            targets: (0..a.disputes.len()).map(Target::Dispute).collect(),
            priority: 1,
        },
        Layer {
            name: "position",
            label: "Positions",
            spans: a.disputes.iter().flat_map(|d| d.positions.iter().map(|p| (p.start, p.end))).collect(),
            targets: disputes.flat_map(|(i, d)| d.positions.iter().map(move |_| Target::Dispute(i))).collect(),
            priority: 1,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;

    #[test]
    fn sorts_the_seed_findings_into_layers() {
        let seed = include_str!("../../seeds/000_ef33c36d7de74af4.txt");
        let a = analyze(seed);
        let ls = layers(&a);
        let count = |name: &str| ls.iter().find(|l| l.name == name).map_or(0, |l| l.spans.len());
        let mentions: usize = a.actors.iter().map(|x| x.mentions.len()).sum();
        assert_eq!(
            count("actor-person") + count("actor-organization") + count("actor-place") + count("actor-group"),
            mentions
        );
        assert_eq!(count("quote-direct") + count("quote-partial") + count("quote-scare"), 10);
        assert_eq!(count("quote-scare"), 2);
        assert_eq!(count("claim"), a.disputes.len());
        assert!(count("position") >= 4);
        // Every span is inside the text.
        let len = seed.chars().count();
        assert!(ls.iter().flat_map(|l| &l.spans).all(|&(s, e)| s < e && e <= len));
        assert!(ls.iter().all(|l| l.targets.len() == l.spans.len()));
    }

    #[test]
    fn an_interrupted_quotation_paints_its_words_not_its_cue() {
        let text = "“We will respond,” Maria Lopez said on Monday. “And we will do it soon.”";
        let a = analyze(text);
        assert_eq!(a.quotes.len(), 1);
        let ls = layers(&a);
        let direct = ls.iter().find(|l| l.name == "quote-direct").map(|l| l.spans.clone()).unwrap_or_default();
        let painted: Vec<String> =
            direct.iter().map(|&(s, e)| text.chars().skip(s).take(e - s).collect::<String>()).collect();
        assert_eq!(painted, ["We will respond,", "And we will do it soon."]);
        let legend = ls.iter().find(|l| l.name == "quote-direct").map(Layer::count);
        assert_eq!(legend, Some(1), "the legend counts the quotation once");
    }

    #[test]
    fn names_are_unique_and_empty_analysis_gives_empty_layers() {
        let ls = layers(&Analysis::default());
        let mut names: Vec<&str> = ls.iter().map(|l| l.name).collect();
        names.dedup();
        assert_eq!(names.len(), 9);
        assert!(ls.iter().all(|l| l.spans.is_empty()));
    }
}
