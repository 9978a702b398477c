//! Quotations as a reader counts them: the pieces of one quotation that its
//! own attribution interrupts ("“We will respond,” she said. “And soon.”")
//! joined into one.
//!
//! Why: a reporter who splits a sentence or two of someone's words around
//! "she said" is quoting once, and news corpora count it so (PolNeAR, PARC:
//! one attribution, one content). Counted as two, every such quotation is a
//! wrong extra quotation and often a missed one.
//!
//! The pieces are joined only when their boundaries are sure: each piece
//! is closed by a real closing mark. Where a piece's end was inferred (an
//! opening mark used to close a paragraph, a missing closer), the pairing
//! itself is a guess, and joining on top of a guess would swallow the cue
//! and whatever else lies between into a quotation nobody spoke; such
//! pieces stay apart, each with its speaker. Only consecutive quotations
//! join, so a run never overlaps another quotation.

use super::attribution::Attribution;
use super::quotes::QuoteSpan;
use super::QuoteKind;

/// One quotation for the output: its byte span, from the first piece's
/// start to the last one's end, its pieces, and the attribution of its
/// first piece (with the kind `direct` if any piece is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub start: usize,
    pub end: usize,
    pub pieces: Vec<(usize, usize)>,
    pub attribution: Attribution,
}

/// The quotations of a text from its quote spans and their attributions
/// (one per span, in order), interrupted ones joined. Linear.
pub fn quotations(text: &str, spans: &[QuoteSpan], attributions: &[Attribution]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::with_capacity(spans.len());
    let mut previous_clean = false;
    for (i, (q, at)) in spans.iter().zip(attributions).enumerate() {
        let clean = q.closed_cleanly(text);
        let joins = previous_clean && clean && i > 0 && at.continues == Some(i - 1);
        match runs.last_mut() {
            Some(run) if joins => {
                run.end = q.end;
                run.pieces.push((q.start, q.end));
                if at.kind == QuoteKind::Direct {
                    run.attribution.kind = QuoteKind::Direct;
                }
            }
            _ => runs.push(Run { start: q.start, end: q.end, pieces: vec![(q.start, q.end)], attribution: *at }),
        }
        previous_clean = clean;
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{actors, attribution, quotes};

    fn runs(text: &str) -> Vec<(String, usize)> {
        let spans = quotes::find_quotes(text);
        let found = actors::find_actors(text);
        let at = attribution::attribute(text, &spans, &found);
        quotations(text, &spans, &at).into_iter().map(|r| (text[r.start..r.end].to_string(), r.pieces.len())).collect()
    }

    #[test]
    fn an_interrupted_quotation_is_one() {
        let text = "“We will respond,” Maria Lopez said on Monday. “And we will do it soon.”";
        assert_eq!(
            runs(text),
            vec![("We will respond,” Maria Lopez said on Monday. “And we will do it soon.".into(), 2)]
        );
        let text = "“We will respond,” she said, “and soon.” Then she left.";
        assert_eq!(runs(text).len(), 1);
    }

    #[test]
    fn pieces_with_an_inferred_end_stay_apart() {
        // The second piece is closed by an opening mark at the paragraph's end.
        let text = "Maria Lopez spoke. “Our warnings have been heard,” she told a gathering in May. “Tensions have mounted. “\n\nBy A Reporter";
        // Attribution does link them as one speaker's run: the rule here,
        // not a missing link, keeps them apart.
        let spans = quotes::find_quotes(text);
        let at = attribution::attribute(text, &spans, &actors::find_actors(text));
        assert_eq!(at.get(1).and_then(|a| a.continues), Some(0));
        let got = runs(text);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1].0, "Tensions have mounted. ");
    }

    #[test]
    fn different_speakers_and_distant_quotes_stay_apart() {
        let text = "“We will respond,” Maria Lopez said. “We will not,” John Smith said.";
        assert_eq!(runs(text).len(), 2);
        let text = "“We will respond,” Maria Lopez said.\n\nThe talks went on for hours.\n\n“We will win,” she said.";
        assert_eq!(runs(text).len(), 2);
    }
}
