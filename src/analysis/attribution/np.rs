//! Noun phrases around a verb of saying: the subject before it ("Russia's
//! Foreign Ministry said"), the phrase after an inverted verb ("said Weaver,
//! the campaign manager"), the subject that opens a clause ("Trump returned
//! the compliment, telling Reuters"). Pattern reading over a few tokens, no
//! parser: good enough to find who speaks, bounded by construction.

use super::lexicon::{self, Pronoun};
use super::tokens::{is_capitalized, Kind, Tok};

/// A speaker phrase: its span, and the span of its head word (what an
/// actor's mention should overlap).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Np {
    pub start: usize,
    pub end: usize,
    pub head_start: usize,
    pub head_end: usize,
    pub pronoun: Option<Pronoun>,
    /// For "who": the phrase it stands for (span, then head span).
    pub ante: Option<(usize, usize, usize, usize)>,
}

/// The longest phrase looked at, in tokens.
const MAX_NP: usize = 10;

fn np_of(text: &str, toks: &[Tok]) -> Option<Np> {
    let (first, last) = (toks.first()?, toks.last()?);
    // The head: the last word before a preposition that opens a lower-case
    // complement ("a spokesman | for the campaign"), else the last word.
    let mut head = last;
    for (i, t) in toks.iter().enumerate() {
        let w = t.text(text);
        if i > 0 && matches!(w, "of" | "for" | "at" | "from" | "with" | "in") {
            let next = toks.get(i + 1).map(|n| n.text(text)).unwrap_or_default();
            if !is_capitalized(next) || next == "The" {
                head = &toks[i - 1];
                break;
            }
        }
    }
    let pronoun = if toks.len() == 1 { lexicon::pronoun(first.text(text)) } else { None };
    Some(Np { start: first.start, end: last.end, head_start: head.start, head_end: head.end, pronoun, ante: None })
}

/// Determiners that can stand for a noun phrase: "another", "several".
fn is_standalone_determiner(w: &str) -> bool {
    let mut buf = [0u8; 24];
    matches!(
        lexicon::lower(w, &mut buf),
        Some(b"another" | b"one" | b"others" | b"some" | b"many" | b"both" | b"several" | b"each" | b"most" | b"few")
    )
}

/// A bare apostrophe glued to the word before it ("Jones’ aide").
fn is_possessive_mark(t: &Tok, prev: Option<&Tok>) -> bool {
    matches!(t.kind, Kind::Punct('’' | '\'')) && prev.is_some_and(|p| p.is_word() && p.end == t.start)
}

/// Whether a word can sit in a noun phrase at all (not a verb of saying, a
/// clause link or an adverb).
fn np_word(w: &str) -> bool {
    let lower_case = !is_capitalized(w);
    let verb_like = lexicon::is_cue_verb(w) || (lower_case && lexicon::is_irregular_past(w));
    let adverb = lower_case && w.len() > 3 && w.ends_with("ly");
    let function = lexicon::is_function_word_cased(w) && !lexicon::is_determiner(w);
    !(verb_like || adverb || function)
}

/// The noun phrase that ends just before token `end` (exclusive), reading
/// back no further than token `lo`.
pub(crate) fn np_before(text: &str, toks: &[Tok], lo: usize, end: usize) -> Option<Np> {
    if end == 0 || end <= lo {
        return None;
    }
    let mut end = end;
    // A parenthesis closing the phrase: "Sen. John Cornyn (R-Texas)".
    if toks.get(end - 1).is_some_and(|t| t.is_punct(')')) {
        let open = (lo..end - 1).rev().take(12).find(|&k| toks[k].is_punct('('))?;
        end = open;
        if end <= lo {
            return None;
        }
    }
    // A participle is no head: "the report issued (earlier this year)",
    // "the areas that were hacked".
    if toks[end - 1].is_word() {
        let w = toks[end - 1].text(text);
        if !is_capitalized(w) && w.len() > 4 && w.ends_with("ed") {
            end -= 1;
            if end <= lo {
                return None;
            }
        }
    }
    let last = toks.get(end - 1)?;
    if last.is_word() && lexicon::pronoun(last.text(text)).is_some_and(|p| p != Pronoun::Relative) {
        // "he said", but not "told him" (objects never reach here: pronoun()
        // knows only subjects).
        return np_of(text, &toks[end - 1..end]);
    }
    let mut k = end;
    let mut taken = 0;
    while k > lo && taken < MAX_NP {
        let t = &toks[k - 1];
        match t.kind {
            Kind::Word => {
                let w = t.text(text);
                if lexicon::is_determiner(w) {
                    // A determiner opens the phrase, unless the phrase goes on
                    // before it through "of"/"for" ("the head of the agency").
                    k -= 1;
                    taken += 1;
                    let through = k >= lo + 2
                        && matches!(toks[k - 1].text(text), "of" | "for")
                        && toks[k - 2].is_word()
                        && np_word(toks[k - 2].text(text))
                        && !lexicon::is_determiner(toks[k - 2].text(text));
                    if through {
                        k -= 1;
                        taken += 1;
                        continue;
                    }
                    break;
                }
                if matches!(w, "of" | "for") && taken > 0 && k >= lo + 2 {
                    let before = &toks[k - 2];
                    if before.is_word() && np_word(before.text(text)) && !lexicon::is_determiner(before.text(text)) {
                        k -= 1;
                        taken += 1;
                        continue;
                    }
                    break;
                }
                if !np_word(w) || lexicon::pronoun(w).is_some() {
                    break;
                }
                // A capitalised clause opener ("But", "In") is no name.
                if is_capitalized(w) && lexicon::is_function_word_cased(w) {
                    break;
                }
                k -= 1;
                taken += 1;
            }
            Kind::Punct(_) if is_possessive_mark(t, k.checked_sub(2).and_then(|p| toks.get(p))) => {
                k -= 1;
            }
            // "Mr." "Sen." "U.S.": the dot of an abbreviation glued to its word.
            Kind::Punct('.')
                if k >= lo + 2
                    && toks[k - 2].is_word()
                    && toks[k - 2].end == t.start
                    && lexicon::is_abbreviation(toks[k - 2].text(text)) =>
            {
                k -= 1;
            }
            _ => break,
        }
    }
    // Drop leading prepositions and possessive marks left at the edge.
    while k < end && (matches!(toks[k].text(text), "of" | "for") || toks[k].kind != Kind::Word) {
        k += 1;
    }
    let span = &toks[k..end];
    if span.len() == 1 && is_standalone_determiner(span[0].text(text)) {
        // "Several said", "Another added".
        return np_of(text, span);
    }
    if span.is_empty() || span.iter().all(|t| t.kind != Kind::Word || lexicon::is_determiner(t.text(text))) {
        return None;
    }
    np_of(text, span)
}

/// The noun phrase that starts at token `from`, read forward no further
/// than `hi` (exclusive): "the gambling tycoon", "Sen. Barbara Mikulski",
/// "Hillary Clinton’s right-hand woman". Stops at a verb-like word once a
/// noun has been seen.
pub(crate) fn np_after(text: &str, toks: &[Tok], from: usize, hi: usize) -> Option<Np> {
    let hi = hi.min(toks.len());
    let first = toks.get(from).filter(|_| from < hi)?;
    match lexicon::pronoun(first.text(text)) {
        Some(Pronoun::Relative) => return None,
        Some(_) if first.is_word() => return np_of(text, &toks[from..from + 1]),
        _ => {}
    }
    let mut k = from;
    // Lower-case words may stand before a name ("the gambling tycoon") or
    // after a possessive ("Clinton’s right-hand woman"); after a name, a
    // lower-case word is most likely its verb.
    let mut lower_ok = true;
    // "the RNC member", "a White House spokesman": a phrase opened by a
    // determiner goes on through lower-case nouns after a name.
    let det_start = lexicon::is_determiner(first.text(text));
    while k < hi && k - from < MAX_NP {
        let t = &toks[k];
        match t.kind {
            Kind::Word => {
                let w = t.text(text);
                if k > from && matches!(w, "of" | "for") {
                    // Only into a name: "Secretary of State John Kerry".
                    let next = toks.get(k + 1).filter(|_| k + 1 < hi).map(|n| n.text(text)).unwrap_or_default();
                    if is_capitalized(next) && next != "The" {
                        k += 1;
                        continue;
                    }
                    break;
                }
                if !np_word(w) || (k > from && lexicon::pronoun(w).is_some()) {
                    break;
                }
                let possessive = w.ends_with("’s") || w.ends_with("'s");
                if is_capitalized(w) {
                    if lexicon::is_function_word_cased(w) && !lexicon::is_determiner(w) {
                        break;
                    }
                    let next_proxy =
                        toks.get(k + 1).is_some_and(|n| n.is_word() && lexicon::is_proxy_noun(n.text(text)));
                    lower_ok = det_start || lexicon::is_determiner(w) || possessive || next_proxy;
                } else {
                    // "CBS moderator Nancy Cordes": a lower-case title between names.
                    let title_before_name = toks.get(k + 1).filter(|_| k + 1 < hi).is_some_and(|n| {
                        n.is_word() && is_capitalized(n.text(text)) && !lexicon::is_function_word_cased(n.text(text))
                    });
                    let title = title_before_name && !w.ends_with("ed") && !w.ends_with('s');
                    if !lower_ok && !title {
                        break;
                    }
                    if (w.ends_with("ed") || w.ends_with("es"))
                        && k > from
                        && !lexicon::is_determiner(toks[k - 1].text(text))
                    {
                        break;
                    }
                }
                k += 1;
            }
            Kind::Punct(_) if is_possessive_mark(t, k.checked_sub(1).and_then(|p| toks.get(p))) => {
                lower_ok = true;
                k += 1;
            }
            Kind::Punct('.')
                if k > from
                    && toks[k - 1].is_word()
                    && toks[k - 1].end == t.start
                    && lexicon::is_abbreviation(toks[k - 1].text(text))
                    && toks.get(k + 1).is_some_and(|n| n.is_word() && is_capitalized(n.text(text))) =>
            {
                k += 1;
            }
            _ => break,
        }
    }
    let mut end = k;
    // Never end on a determiner or a dangling "of".
    while end > from && {
        let w = toks[end - 1].text(text);
        lexicon::is_determiner(w) || matches!(w, "of" | "for") || toks[end - 1].kind != Kind::Word
    } {
        end -= 1;
    }
    if end == from {
        // "tweeted another.", "said one": a determiner standing alone.
        let alone = is_standalone_determiner(first.text(text));
        let followed = toks.get(from + 1).filter(|_| from + 1 < hi).is_none_or(|t| !t.is_word());
        if alone && followed {
            return np_of(text, &toks[from..from + 1]);
        }
        return None;
    }
    // "this week" is no speaker.
    let words = &toks[from..end];
    if words.iter().all(|t| lexicon::is_time_word(t.text(text)) || lexicon::is_determiner(t.text(text))) {
        return None;
    }
    np_of(text, words)
}

/// Where the clause starting at token `lo` has its subject: past a leading
/// conjunction and a leading adverbial set off by a comma ("In a statement
/// Thursday evening, NATO called ...", "Hours later, Trump returned ...",
/// "At an event in Ames, Iowa, on Sunday, Mrs. Clinton tried ...").
pub(crate) fn clause_subject(text: &str, toks: &[Tok], lo: usize, hi: usize) -> Option<Np> {
    let hi = hi.min(toks.len());
    let mut k = lo;
    while k < hi && !toks[k].is_word() {
        k += 1;
    }
    if k < hi && matches!(toks[k].text(text), "And" | "But" | "So" | "Yet" | "Still" | "Then" | "Now" | "Or") {
        k += 1;
    }
    let opener = toks.get(k).filter(|_| k < hi).map(|t| t.text(text)).unwrap_or_default();
    // "Speaking to reporters," "Asked about it," "Earlier this week,": a
    // participle or adverb opener is followed by a lower-case word ("Ted
    // Cruz said" opens with a name).
    let next_lower = toks.get(k + 1).is_some_and(|n| n.is_word() && !is_capitalized(n.text(text)));
    let adverbial = (lexicon::is_function_word_cased(opener) && !lexicon::is_determiner(opener))
        || lexicon::is_time_word(opener)
        || ((opener.ends_with("ing") || opener.ends_with("ed") || opener.ends_with("ly")) && next_lower);
    if adverbial {
        let comma = (k..hi.min(k + 14)).find(|&i| toks[i].is_punct(','))?;
        k = comma + 1;
        // The adverbial may run on over more commas: "in a wide-ranging,
        // in-prison interview, Lazar", "in Ames, Iowa, on Sunday, Mrs. Clinton".
        for _ in 0..3 {
            let Some(next) = (k..hi.min(k + 10)).find(|&i| toks[i].is_punct(',')) else { break };
            let first = toks.get(k).map(|t| t.text(text)).unwrap_or_default();
            let lower_start =
                !is_capitalized(first) && !lexicon::is_determiner(first) && lexicon::pronoun(first).is_none();
            let no_verb = toks[k..next].iter().all(|t| {
                let w = t.text(text);
                !t.is_word()
                    || is_capitalized(w)
                    || lexicon::is_function_word(w)
                    || lexicon::is_time_word(w)
                    || w.chars().all(|c| c.is_numeric())
            });
            let then = toks.get(next + 1).map(|t| t.text(text)).unwrap_or_default();
            let then_adverbial =
                lexicon::is_function_word(then) && !lexicon::is_determiner(then) || lexicon::is_time_word(then);
            // A lower-case chunk with a verb is a clause ("about 200 protesters
            // congregated"), not more adverbial.
            let has_verb = toks[k..next].iter().any(|t| {
                let w = t.text(text);
                t.is_word()
                    && !is_capitalized(w)
                    && (w.ends_with("ed") || lexicon::is_cue_verb(w) || lexicon::is_irregular_past(w))
            });
            if (lower_start && !has_verb) || (no_verb && then_adverbial) {
                k = next + 1;
            } else {
                break;
            }
        }
    }
    np_after(text, toks, k, hi)
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    #[test]
    fn standalone_determiners_in_any_case() {
        for w in ["another", "One", "SEVERAL", "few"] {
            assert!(is_standalone_determiner(w), "{w:?}");
        }
        for w in ["", "the", "ones", "Öne", "anotheranotheranotheranother"] {
            assert!(!is_standalone_determiner(w), "{w:?}");
        }
    }

    fn before(t: &str, verb: &str) -> Option<String> {
        let toks = tokenize(t, 0, t.len());
        let v = toks.iter().position(|k| k.text(t) == verb)?;
        np_before(t, &toks, 0, v).map(|n| format!("{}|{}", &t[n.start..n.end], &t[n.head_start..n.head_end]))
    }

    fn after(t: &str, from_word: &str) -> Option<String> {
        let toks = tokenize(t, 0, t.len());
        let v = toks.iter().position(|k| k.text(t) == from_word)?;
        np_after(t, &toks, v, toks.len()).map(|n| t[n.start..n.end].to_string())
    }

    #[test]
    fn subjects_before_a_verb() {
        assert_eq!(
            before("Russia’s Foreign Ministry said", "said").as_deref(),
            Some("Russia’s Foreign Ministry|Ministry")
        );
        assert_eq!(before("In a statement, NATO called", "called").as_deref(), Some("NATO|NATO"));
        assert_eq!(before("Then he told", "told").as_deref(), Some("he|he"));
        assert_eq!(
            before("a spokesman for the campaign said", "said").as_deref(),
            Some("a spokesman for the campaign|spokesman")
        );
        assert_eq!(before("the head of the agency said", "said").as_deref(), Some("the head of the agency|head"));
        assert_eq!(before("But Mr. Putin said", "said").as_deref(), Some("Mr. Putin|Putin"));
        assert_eq!(before("because said", "said"), None);
    }

    #[test]
    fn phrases_after_an_inverted_verb() {
        assert_eq!(after("said Weaver, the campaign manager.", "Weaver").as_deref(), Some("Weaver"));
        assert_eq!(after("suggests the text as a guarantee", "the").as_deref(), Some("the text"));
        assert_eq!(after("the gambling tycoon told Reuters", "the").as_deref(), Some("the gambling tycoon"));
        assert_eq!(
            after("Hillary Clinton’s right-hand woman rallied supporters", "Hillary").as_deref(),
            Some("Hillary Clinton’s right-hand woman")
        );
        assert_eq!(
            after("Secretary of State John Kerry said", "Secretary").as_deref(),
            Some("Secretary of State John Kerry")
        );
        assert_eq!(after("one person with knowledge of it", "one").as_deref(), Some("one person"));
    }

    #[test]
    fn clause_subjects_skip_adverbials() {
        let t = "In a statement Thursday evening, NATO called on Russia";
        let toks = tokenize(t, 0, t.len());
        let n = clause_subject(t, &toks, 0, toks.len()).map(|n| &t[n.start..n.end]);
        assert_eq!(n, Some("NATO"));
        let t = "Hours later, Trump returned the compliment";
        let toks = tokenize(t, 0, t.len());
        assert_eq!(clause_subject(t, &toks, 0, toks.len()).map(|n| &t[n.start..n.end]), Some("Trump"));
    }
}
