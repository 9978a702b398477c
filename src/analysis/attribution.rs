//! Who said each quotation, and what kind of quotation it is.
//!
//! For each quotation the cue is looked for where reporters put it:
//! 1. right after it, inside the sentence: "“...,” the statement said",
//!    "“...,” said Weaver, the campaign manager", "“...,” according to X",
//!    or as a short sentence of its own ("“...” He said.");
//! 2. before it, in its sentence: "X said: “...”", "X told a gathering, “",
//!    and for a few words quoted inside the reporter's sentence, a verb of
//!    saying anywhere before them ("NATO called on Russia to “...”",
//!    "Mr. Putin said Western countries realize ... “red lines”"); a
//!    participle ("..., saying “...”") takes the clause's subject; a
//!    paragraph ending "X said:" introduces the quotation below it. Verbs of
//!    saying come first; verbs of thinking ("believes", "expects") count
//!    only where none is; a verb of saying that reports the whole clause
//!    wins over one inside it ("Ross said Obama had told ... “...”");
//! 3. failing both, a quotation opening its sentence continues the speaker
//!    of the quotation just before it ("“...,” he said. “...”"), or takes
//!    the subject of the sentence before ("Greene added that ... “...”").
//!
//! The cue's subject is the speaker mention. It is matched to an actor by
//! overlap (its head word first); a pronoun (or a "who") goes to the
//! nearest fitting actor mention before it, a document ("the statement
//! said") to whoever the text shows issued it. With no actors, both fall
//! back to the name the text gives. A short quotation with no speaker, or
//! marked as a term ("such “X”", "the so-called “X”", "NATO's “open door”
//! policy"), is a scare quote. [`Attribution::continues`] links the pieces
//! of one speaker's interrupted quotation.
//!
//! The word lists are data (`attribution/cue_verbs.txt`, `words.txt`).
//! Every look-around is bounded (a few hundred bytes, inside the
//! paragraph), so the whole pass is linear in the text.

mod lexicon;
#[rustfmt::skip]
mod lexicon_tables;
mod np;
pub(crate) mod tokens;

use super::actors::ActorFound;
use super::quotes::QuoteSpan;
use super::{ActorKind, QuoteKind};
use crate::text::segment::{paragraphs, word_count_upto};
use lexicon::Pronoun;
use np::Np;
use std::cell::RefCell;
use tokens::{ends_sentence, is_capitalized, tokenize_into, Kind, Tok};

/// The mention a quote's cue attaches to (bytes), and its actor's index in
/// the actor list when it is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpeakerFound {
    pub actor: Option<usize>,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribution {
    pub kind: QuoteKind,
    pub speaker: Option<SpeakerFound>,
    /// The quotation (its index) that this one goes on from: the same
    /// speaker's words, with only their cue between ("“...,” she said. “...”").
    /// One quotation in a reader's eyes; kept apart here because the marks
    /// are apart.
    pub continues: Option<usize>,
}

/// Bytes read before a quotation for its cue (within its paragraph).
const PRE_WINDOW: usize = 400;
/// Bytes read after a quotation for its cue.
const POST_WINDOW: usize = 300;
/// Bytes of the paragraph before, when it ends "X said:".
const PREV_PARAGRAPH_WINDOW: usize = 300;
/// Bytes read back to resolve a pronoun or a document to a name.
const RESOLVE_WINDOW: usize = 1500;
/// Bytes of whole lines read first when looking back for a document's
/// owner (the rest of `RESOLVE_WINDOW` only if the owner is not there).
const FIRST_OWNER_LINES: usize = 256;
/// Bytes read back for a name when there are no actors to resolve to.
const NAME_WINDOW: usize = 800;
/// Actor mentions looked at when resolving a pronoun.
const RESOLVE_MENTIONS: usize = 64;
/// Tokens after the quotation within which a post-cue's verb must come.
const POST_VERB_TOKENS: usize = 25;
/// How far from the sentence's end ", said NAME, APPOSITIVE." may start.
const TRAILING_APPOSITIVE_TOKENS: usize = 40;
/// A quotation's words counted up to this many: no rule compares the count
/// with more (five words make a quotation sentence-like).
const WORDS_SEEN: usize = 5;

/// One attribution per quote, in the same order.
pub fn attribute(text: &str, quotes: &[QuoteSpan], actors: &[ActorFound]) -> Vec<Attribution> {
    let paras: Vec<(usize, usize)> = paragraphs(text).collect();
    attribute_in(text, quotes, &paras, actors)
}

/// [`attribute`] given the text's paragraphs (`segment::paragraphs`), as
/// [`super::quotes::find_quotes_and_paragraphs`] finds them: not read again.
pub fn attribute_in(
    text: &str,
    quotes: &[QuoteSpan],
    paras: &[(usize, usize)],
    actors: &[ActorFound],
) -> Vec<Attribution> {
    let ctx = Ctx::new(text, quotes, paras, actors);
    let mut out: Vec<Attribution> = Vec::with_capacity(quotes.len());
    let mut cues: Vec<Option<Cue>> = Vec::with_capacity(quotes.len());
    for i in 0..quotes.len() {
        let (a, cue) = ctx.attribute_one(i, &out, &cues);
        out.push(a);
        cues.push(cue);
    }
    out
}

/// How the speaker was found: decides the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// Cue before, right at the quote ("X said, “").
    PreImmediate,
    /// Cue before, further back in the sentence.
    Pre,
    /// Cue after the quote.
    Post,
    /// The speaker of the quotation before.
    Continued,
}

struct Ctx<'a> {
    text: &'a str,
    quotes: &'a [QuoteSpan],
    actors: &'a [ActorFound],
    /// The paragraphs (`segment::paragraphs`).
    paras: &'a [(usize, usize)],
    /// Every actor mention: (start, end, actor), by start.
    mentions: Vec<(usize, usize, usize)>,
    /// Token lists of windows read and done with ([`Ctx::recycle`]), for
    /// the next windows: a quotation's windows allocated one list each.
    spare: RefCell<Vec<Vec<Tok>>>,
}

/// A window's tokens and, for each, whether it lies inside a quotation
/// (other than the one being attributed).
struct Window {
    toks: Vec<Tok>,
    /// One flag a token, or none at all when no token is inside: most
    /// windows hold no other quotation, and need no list.
    inside: Vec<bool>,
}

impl Window {
    /// Whether token `k` lies inside a quotation.
    fn inside(&self, k: usize) -> bool {
        self.inside.get(k).copied().unwrap_or(false)
    }

    /// The first `n` tokens.
    fn prefix(&self, n: usize) -> Window {
        let n = n.min(self.toks.len());
        Window { toks: self.toks[..n].to_vec(), inside: self.inside.get(..n).unwrap_or_default().to_vec() }
    }

    /// This window's tokens, then `later`'s (in this window's list).
    fn then(self, later: Window) -> Window {
        let inside = if self.inside.is_empty() && later.inside.is_empty() {
            Vec::new()
        } else {
            let flags = |w: &Window| (0..w.toks.len()).map(|k| w.inside(k)).collect::<Vec<bool>>();
            [flags(&self), flags(&later)].concat()
        };
        let mut toks = self.toks;
        toks.extend_from_slice(&later.toks);
        Window { toks, inside }
    }
}

impl<'a> Ctx<'a> {
    fn new(text: &'a str, quotes: &'a [QuoteSpan], paras: &'a [(usize, usize)], actors: &'a [ActorFound]) -> Self {
        Ctx { text, quotes, actors, paras, mentions: sorted_mentions(text, actors), spare: RefCell::new(Vec::new()) }
    }

    /// Keeps the token list of a window done with, for [`Ctx::window`].
    fn recycle(&self, w: Window) {
        self.spare.borrow_mut().push(w.toks);
    }

    fn para_of(&self, at: usize) -> usize {
        self.paras.partition_point(|&(s, _)| s <= at).saturating_sub(1)
    }

    fn para(&self, at: usize) -> (usize, usize) {
        self.paras.get(self.para_of(at)).copied().unwrap_or((0, self.text.len()))
    }

    /// Tokens of `lo..hi`, each marked when it falls inside a quotation's
    /// marks (any but `skip`).
    fn window(&self, lo: usize, hi: usize, skip: Option<usize>) -> Window {
        let mut toks = self.spare.borrow_mut().pop().unwrap_or_default();
        tokenize_into(self.text, lo, hi, &mut toks);
        let mut inside = Vec::new();
        // Quotations overlapping the window: found by binary search, then
        // walked; they do not overlap one another, so at most a few.
        let first = self.quotes.partition_point(|q| q.close.unwrap_or(q.end) <= lo);
        for (j, q) in self.quotes.iter().enumerate().skip(first) {
            if q.open >= hi {
                break;
            }
            if Some(j) == skip {
                continue;
            }
            let (s, e) = (q.open, q.close.unwrap_or(q.end));
            let from = toks.partition_point(|t| t.start < s);
            for (k, t) in toks.iter().enumerate().skip(from) {
                if t.start >= e {
                    break;
                }
                // The marks themselves stay visible: they delimit clauses.
                if t.start >= q.start && t.end <= q.end {
                    if inside.is_empty() {
                        inside = vec![false; toks.len()];
                    }
                    inside[k] = true;
                }
            }
        }
        Window { toks, inside }
    }

    fn attribute_one(&self, i: usize, done: &[Attribution], cues: &[Option<Cue>]) -> (Attribution, Option<Cue>) {
        let q = self.quotes[i];
        let text = self.text;
        let content = text.get(q.start..q.end).unwrap_or_default();
        // Asked of the quotation by several rules: counted once, and only
        // as far as they look.
        let words = word_count_upto(content, WORDS_SEEN);
        let (p_start, _) = self.para(q.open);
        let pre_lo = tokens::ceil_boundary(text, q.open.saturating_sub(PRE_WINDOW).max(p_start));
        let pre = self.window(pre_lo, q.open, Some(i));
        let s0 = sentence_start(text, &pre);
        let opens_sentence = (s0..pre.toks.len()).all(|k| pre.inside(k) || !pre.toks[k].is_word());

        let mut found = self.post_cue(i, content, words, &pre, s0).map(|n| (n, Cue::Post));
        if found.is_none() {
            found = self.pre_cue(&pre, s0);
        }
        if found.is_none() && opens_sentence && pre_lo == p_start && !pre.toks.iter().any(|t| t.is_word()) {
            // "X said:" closing the paragraph before.
            found = self.previous_paragraph_cue(q.open);
        }
        let mut speaker = found.map(|(n, _)| self.resolve(n, i, done));
        let mut cue = found.map(|(_, c)| c);
        if speaker.is_none() && opens_sentence {
            if let Some(s) = self.continued_speaker(i, done, cues) {
                speaker = Some(s);
                cue = Some(Cue::Continued);
            } else if let Some(n) = self.previous_sentence_cue(&pre, s0, words) {
                speaker = Some(self.resolve(n, i, done));
                cue = Some(Cue::Pre);
            }
        }
        let kind = self.kind(i, content, words, &pre, speaker.is_some(), cue);
        if kind == QuoteKind::Scare {
            speaker = None;
            cue = None;
        }
        let continues = speaker.and_then(|s| self.run_from(i, s, cue, done));
        self.recycle(pre);
        (Attribution { kind, speaker, continues }, cue)
    }

    /// The cue in the quote's sentence before it.
    fn pre_cue(&self, w: &Window, s0: usize) -> Option<(Np, Cue)> {
        let toks = &w.toks;
        let n = toks.len();
        let dash = n > s0 + 2 && (toks[n - 1].is_punct('—') || toks[n - 1].is_punct('–') || toks[n - 1].is_punct('-'));
        if n > s0 + 1 && (toks[n - 1].is_punct(':') || dash) {
            if let Some(np) = self.colon_subject(w, s0) {
                return Some((np, Cue::PreImmediate));
            }
        }
        // Verbs of saying first; verbs of thinking only where none is.
        for weak in [false, true] {
            if let Some(found) = self.pre_cue_pass(w, s0, weak, None) {
                return Some(found);
            }
        }
        None
    }

    /// One backward pass over the sentence for a cue verb (weak ones or the
    /// others). With `named_only`, only before that token and only a
    /// subject that names someone.
    fn pre_cue_pass(&self, w: &Window, s0: usize, weak: bool, named_only: Option<usize>) -> Option<(Np, Cue)> {
        let text = self.text;
        let toks = &w.toks;
        let n = toks.len();
        for k in (s0..named_only.unwrap_or(n).min(n)).rev() {
            if w.inside(k) || !toks[k].is_word() {
                continue;
            }
            let word = toks[k].text(text);
            // One look-up a word: a word that is no verb of saying is passed
            // at once, but for "according to" and "put it".
            let class = lexicon::cue_class(word);
            if (class == Some(true)) != weak {
                continue;
            }
            // Most words are no cue and none of the two phrases: passed at once.
            let according = word.eq_ignore_ascii_case("according");
            let put = matches!(word, "put" | "puts");
            if class.is_none() && !according && !put {
                continue;
            }
            let next = toks.get(k + 1).map(|t| t.text(text)).unwrap_or_default();
            let np = if according && next == "to" {
                np::np_after(text, toks, k + 2, n)
            } else if put && next == "it" {
                // "As Mr. Cornyn put it: “...”"
                subject_before(text, toks, s0, k)
            } else if class.is_some() && self.is_cue_at(w, k) {
                self.subject_of_cue(w, s0, k).or_else(|| {
                    // "said Mr. Kim: “" (the verb first, the name right before the
                    // quote); also "said the Florida senator, “", a role.
                    np::np_after(text, toks, k + 1, n).filter(|p| {
                        let left = toks.iter().skip(k + 1).filter(|t| t.start >= p.end && t.is_word()).count();
                        let head = text.get(p.head_start..p.head_end).unwrap_or_default();
                        // A role only right after a closing mark (or a comma after
                        // one), as between two pieces of one quotation: elsewhere the
                        // phrase after a verb is its object ("thanked its members “").
                        let between_pieces = k > s0 && matches!(toks[k - 1].kind, Kind::Quote | Kind::Punct(','));
                        let role = between_pieces && (lexicon::is_title(head) || lexicon::is_proxy_noun(head));
                        p.pronoun.is_none() && (is_capitalized_at(text, p.start) || role) && left == 0
                    })
                })
            } else {
                None
            };
            if let Some(np) = np {
                // Between the cue and the quote: only its object and a comma or colon.
                let between = (k + 1..n).filter(|&j| !w.inside(j) && toks[j].is_word()).count();
                let last = toks.last().map(|t| t.kind);
                let opens = matches!(last, Some(Kind::Punct(',' | ':' | '—' | '–'))) || k + 1 == n;
                let immediate = between <= 6 && opens && !(k + 1..n).any(|j| toks[j].kind == Kind::Quote);
                let cue = if immediate { Cue::PreImmediate } else { Cue::Pre };
                // "Ryan said the spate of protests demands ... “...”": a verb
                // whose subject names nobody yields to a named speaker before it.
                if !immediate && !self.names_someone(&np) && named_only.is_none() {
                    if let Some(named) = self.pre_cue_pass(w, s0, weak, Some(k)) {
                        return Some((named.0, Cue::Pre));
                    }
                }
                if named_only.is_some() && !self.names_someone(&np) {
                    continue;
                }
                // "Mr. Ross said Mr. Obama had told leaders ... “no daylight”":
                // a verb of saying earlier in the sentence reports the whole
                // clause, quoted words included; its subject is the source.
                if !immediate && named_only.is_none() && !weak {
                    let subject_at = toks.iter().position(|t| t.start >= np.start).unwrap_or(k).min(k);
                    if let Some(outer) = self.outer_cue(w, s0, subject_at) {
                        return Some((outer, Cue::Pre));
                    }
                }
                return Some((np, cue));
            }
        }
        None
    }

    /// The subject of a verb of saying whose reported clause holds token
    /// `at`: "Mr. Ross said [that] Mr. Obama had told ...". Nothing may
    /// separate the verb from that clause but "that": no comma, no "and",
    /// "while", "after" (those open clauses of their own).
    fn outer_cue(&self, w: &Window, s0: usize, at: usize) -> Option<Np> {
        let text = self.text;
        let toks = &w.toks;
        for k in (s0..at.min(toks.len())).rev() {
            let t = &toks[k];
            if w.inside(k) {
                continue;
            }
            let word = t.text(text);
            // Lower-cased in a buffer, not a new string a token.
            let mut buf = [0u8; 24];
            let boundary = matches!(t.kind, Kind::Punct(',' | ';' | ':' | '—' | '–' | '(' | ')') | Kind::Quote)
                || matches!(
                    lexicon::lower(word, &mut buf),
                    Some(
                        b"and"
                            | b"but"
                            | b"or"
                            | b"while"
                            | b"after"
                            | b"before"
                            | b"when"
                            | b"as"
                            | b"because"
                            | b"although"
                            | b"though"
                            | b"since"
                            | b"whereas"
                            | b"if"
                            | b"until"
                            | b"so"
                            | b"yet"
                            | b"which"
                            | b"who"
                    )
                );
            if boundary {
                return None;
            }
            if t.is_word() && !lexicon::is_weak_cue(word) && !lexicon::is_gerund(word) && self.is_cue_at(w, k) {
                return self.subject_of_cue(w, s0, k).filter(|np| self.names_someone(np));
            }
        }
        None
    }

    /// Whether a speaker phrase names someone: a name, a person pronoun,
    /// or a phrase headed by a spokesman or a document.
    fn names_someone(&self, np: &Np) -> bool {
        let head = self.text.get(np.head_start..np.head_end).unwrap_or_default();
        np.pronoun.is_some_and(|p| p != Pronoun::Thing)
            || has_capital_word(self.text, np)
            || lexicon::is_proxy_noun(head)
    }

    /// Whether the word at `k` is a verb of saying used as one: not a noun
    /// ("a fundraising call"), not a passive ("was branded"), not the cue of
    /// another quotation that follows it ("called “distasteful”").
    fn is_cue_at(&self, w: &Window, k: usize) -> bool {
        let text = self.text;
        let toks = &w.toks;
        let word = toks[k].text(text);
        if !lexicon::is_cue_verb(word) {
            return false;
        }
        let prev = k.checked_sub(1).map(|p| toks[p].text(text)).unwrap_or_default();
        let passive_aux = matches!(prev, "was" | "were" | "is" | "are" | "been" | "be" | "being" | "get" | "got");
        if !lexicon::is_gerund(word) && passive_aux {
            return false;
        }
        if lexicon::is_noun_homograph(word) {
            let prev2 = k.checked_sub(2).map(|p| toks[p].text(text)).unwrap_or_default();
            let possessive = |w: &str| w.ends_with("’s") || w.ends_with("'s");
            let modifier = !is_capitalized(prev) && !prev.ends_with("ly") && k >= 2 && toks[k - 1].is_word();
            let det_before = lexicon::is_determiner(prev)
                || possessive(prev)
                || ((matches!(prev2, "a" | "an" | "the") || possessive(prev2)) && modifier && !word.ends_with('s'))
                || (matches!(prev2, "a" | "an") && modifier)
                || (matches!(prev2, "of" | "for" | "about" | "on" | "with" | "to" | "by")
                    && k >= 2
                    && toks[k - 1].is_word());
            if det_before {
                return false;
            }
        }
        // "continue" reports speech only on its own: "he continued: “".
        let next = toks.get(k + 1).map(|t| t.text(text)).unwrap_or_default();
        if word.starts_with("continu") && toks.get(k + 1).is_some_and(|t| t.is_word()) && next != "by" {
            return false;
        }
        // "agreed to pay" is no speech.
        if word.starts_with("agree") && next == "to" {
            return false;
        }
        true
    }

    /// "Rubio fired back: “", "X said:", "Cruz called them on it:": the
    /// subject of the clause that the colon closes.
    fn colon_subject(&self, w: &Window, s0: usize) -> Option<Np> {
        let text = self.text;
        let toks = &w.toks;
        let n = toks.len();
        // A bare name: "Darrell Scott: “...”", "... the candidate Mitt Romney -- “...”".
        let mut bare = n - 1;
        while bare > s0 && toks[bare - 1].is_punct('-') {
            bare -= 1;
        }
        let dash = bare < n - 1 || toks[n - 1].is_punct('—') || toks[n - 1].is_punct('–');
        if let Some(np) = np::np_before(text, toks, s0, bare) {
            // "HEADLINE - Jeffrey M. Jones: “...”": a dash before the name.
            let first = toks.iter().position(|t| t.start == np.start).unwrap_or(0);
            let dash_before = first > 0 && matches!(toks[first - 1].kind, Kind::Punct('-' | '—' | '–' | '―'));
            let at_start = np.start == toks[s0].start || dash_before;
            if (at_start || dash) && is_capitalized_at(text, np.start) && np.pronoun.is_none() {
                return Some(np);
            }
        }
        // The clause after the last comma (outside quotations), else the sentence.
        let cs = (s0..n - 1).rev().find(|&k| toks[k].is_punct(',') && !w.inside(k)).map_or(s0, |k| k + 1);
        let np = np::clause_subject(text, toks, cs, n - 1).or_else(|| {
            if cs > s0 {
                np::clause_subject(text, toks, s0, n - 1)
            } else {
                None
            }
        })?;
        let named = np.pronoun.is_some_and(|p| p != Pronoun::Thing) || is_capitalized_at(text, np.start);
        (named && !is_quote_inside(w, &np)).then_some(np)
    }

    /// The subject of the cue verb at token `v`.
    fn subject_of_cue(&self, w: &Window, lo: usize, v: usize) -> Option<Np> {
        let text = self.text;
        let toks = &w.toks;
        let word = toks[v].text(text);
        if !lexicon::is_gerund(word) {
            if let Some(np) = subject_before(text, toks, lo, v) {
                return Some(np);
            }
            // "... and said", "but now said": the subject of the verb before, or of the clause.
            let mut u = v;
            while u > lo + 1
                && toks[u - 1].is_word()
                && !toks[u - 1].text(text).ends_with("ly")
                && lexicon::is_skippable_before_verb(toks[u - 1].text(text))
            {
                u -= 1;
            }
            let v = if u > lo && matches!(toks[u - 1].text(text), "and" | "but") { u } else { v };
            if v > lo && matches!(toks[v - 1].text(text), "and" | "but") {
                let earlier = (lo..v - 1).rev().find(|&k| {
                    !w.inside(k) && toks[k].is_word() && !lexicon::is_gerund(toks[k].text(text)) && self.is_cue_at(w, k)
                });
                if let Some(np) = earlier.and_then(|k| subject_before(text, toks, lo, k)) {
                    return Some(np);
                }
                return self
                    .nearest_clause_subject(w, lo, v - 1)
                    .or_else(|| np::clause_subject(text, toks, lo, v).filter(|np| !is_quote_inside(w, np)));
            }
            // "Trump took to Twitter overnight to accuse": the clause's subject.
            if v > lo && toks[v - 1].text(text) == "to" {
                return self
                    .nearest_clause_subject(w, lo, v - 1)
                    .or_else(|| np::clause_subject(text, toks, lo, v).filter(|np| !is_quote_inside(w, np)));
            }
            if !(v > lo && toks[v - 1].is_punct(',')) {
                return None;
            }
        }
        // "with one of her ads asking": the phrase the participle hangs on.
        if v > lo && toks[v - 1].is_word() {
            if let Some(np) = np::np_before(text, toks, lo, v) {
                let first = toks.iter().position(|t| t.start == np.start).unwrap_or(v);
                if first > lo && toks[first - 1].text(text).eq_ignore_ascii_case("with") {
                    return Some(np);
                }
            }
        }
        // "Ryan saying he was": a name right before the participle.
        if v > lo && toks[v - 1].is_word() {
            let p = toks[v - 1].text(text);
            let name = is_capitalized(p) && !lexicon::is_function_word_cased(p) && !lexicon::is_time_word(p);
            if lexicon::pronoun(p).is_some_and(|p| p != Pronoun::Relative) || name {
                return np::np_before(text, toks, lo, v);
            }
        }
        self.gerund_subject(w, lo, v)
    }

    /// The subject of a participle at token `v` ("..., saying", "...,
    /// adding"): that of an earlier verb of saying in the sentence, else the
    /// clause's.
    fn gerund_subject(&self, w: &Window, lo: usize, v: usize) -> Option<Np> {
        let text = self.text;
        let toks = &w.toks;
        let v = v.min(toks.len());
        // The clause the participle hangs on: "when Sanders protesters
        // interrupted her speech, shouting".
        if v > lo && toks[v - 1].is_punct(',') {
            if let Some(np) = self.nearest_clause_subject(w, lo, v - 1) {
                return Some(np);
            }
        }
        for k in (lo..v).rev() {
            let t = toks[k].text(text);
            if !w.inside(k) && toks[k].is_word() && !lexicon::is_gerund(t) && self.is_cue_at(w, k) {
                if let Some(np) = subject_before(text, toks, lo, k) {
                    return Some(np);
                }
            }
        }
        np::clause_subject(text, toks, lo, v).filter(|np| !is_quote_inside(w, np))
    }

    /// The subject of the nearest clause ending at token `end`, looking back
    /// chunk by chunk (between commas): a chunk that opens with a
    /// subordinator ("when Sanders protesters interrupted") or with a name,
    /// pronoun or noun phrase followed by a verb ("Trump returned the
    /// compliment").
    fn nearest_clause_subject(&self, w: &Window, lo: usize, end: usize) -> Option<Np> {
        let text = self.text;
        let toks = &w.toks;
        let mut ce = end.min(toks.len());
        for _ in 0..3 {
            if ce <= lo {
                break;
            }
            let cs = (lo..ce)
                .rev()
                .find(|&k| !w.inside(k) && (toks[k].is_punct(',') || toks[k].kind == Kind::Quote))
                .map_or(lo, |k| k + 1);
            let mut k = cs;
            while k < ce && !toks[k].is_word() {
                k += 1;
            }
            let first = toks.get(k).filter(|_| k < ce).map(|t| t.text(text)).unwrap_or_default();
            // A chunk opening in lower case ("endorsed Cruz last week") or
            // with "who" belongs to the clause before it.
            let opens_clause =
                is_capitalized(first) || lexicon::is_determiner(first) || lexicon::pronoun(first).is_some();
            // A subordinator inside the chunk opens the clause: "such as when
            // Cruz knocked Rubio".
            // Lower-cased in a buffer, not a new string a token.
            let mut buf = [0u8; 24];
            let sub = (k..ce).rev().find(|&x| {
                !w.inside(x)
                    && matches!(
                        lexicon::lower(toks[x].text(text), &mut buf),
                        Some(
                            b"when"
                                | b"as"
                                | b"while"
                                | b"after"
                                | b"before"
                                | b"because"
                                | b"since"
                                | b"where"
                                | b"although"
                                | b"though"
                                | b"if"
                                | b"once"
                                | b"whereas"
                        )
                    )
            });
            let starts = [sub.map(|x| x + 1), opens_clause.then_some(k)];
            for from in starts.into_iter().flatten() {
                if k >= ce || first.eq_ignore_ascii_case("who") {
                    break;
                }
                if let Some(np) = np::np_after(text, toks, from, ce) {
                    let after = toks[from..ce].iter().position(|t| t.start >= np.end).map(|p| from + p);
                    let verb = after.map(|a| toks[a]).filter(|t| t.is_word()).map(|t| t.text(text)).unwrap_or_default();
                    let auxiliary = matches!(
                        verb,
                        "has"
                            | "have"
                            | "had"
                            | "is"
                            | "was"
                            | "were"
                            | "are"
                            | "will"
                            | "would"
                            | "did"
                            | "does"
                            | "could"
                            | "can"
                            | "should"
                            | "may"
                            | "might"
                            | "must"
                    );
                    let verb_like = !verb.is_empty()
                        && !is_capitalized(verb)
                        && (auxiliary
                            || lexicon::is_cue_verb(verb)
                            || !lexicon::is_function_word(verb)
                            || lexicon::is_skippable_before_verb(verb));
                    let fits = np.pronoun.is_some_and(|p| p != Pronoun::Thing)
                        || has_capital_word(text, &np)
                        || text.get(np.start..np.end).is_some_and(|t| t.split_whitespace().count() >= 2);
                    if verb_like && fits && !is_quote_inside(w, &np) {
                        return Some(np);
                    }
                }
            }
            ce = cs.saturating_sub(1);
        }
        None
    }

    /// The cue right after the quote: "“...,” X said", "said X", "according
    /// to X", or "“...” X said." as a sentence of its own.
    /// (`words`: the quotation's word count.)
    fn post_cue(&self, i: usize, content: &str, words: usize, pre: &Window, s0: usize) -> Option<Np> {
        let close = self.quotes[i].close?;
        let (_, p_end) = self.para(close.saturating_sub(1));
        let hi = p_end.min(close + POST_WINDOW).max(close);
        let w = self.window(close, hi, Some(i));
        let found = self.post_cue_in(&w, content, words, pre, s0);
        self.recycle(w);
        found
    }

    /// [`Self::post_cue`] in the window `w` after the quote.
    fn post_cue_in(&self, w: &Window, content: &str, words: usize, pre: &Window, s0: usize) -> Option<Np> {
        let text = self.text;
        let toks = &w.toks;
        // The clause after the quote: up to a quote mark, a break or a sentence end.
        let mut end = toks.len();
        for k in 0..toks.len() {
            if matches!(toks[k].kind, Kind::Quote | Kind::Break) {
                end = k;
                break;
            }
            if ends_sentence(text, toks, k) {
                end = k + 1;
                break;
            }
        }
        let s = (0..end).find(|&k| toks[k].is_word())?;
        // Only dashes and commas may stand between the quote and its cue.
        if (0..s).any(|k| !matches!(toks[k].kind, Kind::Punct(',' | '—' | '–' | '-' | '―'))) {
            return None;
        }
        // "“...” ― Esther Tapia": a name after a dash, and nothing else.
        if s > 0 && (0..s).all(|k| !toks[k].is_punct(',')) {
            if let Some(np) = np::np_after(text, toks, s, end) {
                let rest = toks[s..end].iter().filter(|t| t.start >= np.end && t.is_word()).count();
                if rest == 0 && has_capital_word(text, &np) {
                    return Some(np);
                }
            }
        }
        let last = content.trim_end().chars().last();
        let ends_clause = matches!(last, Some(',' | '?' | '!' | '—' | '–' | '-' | '…' | ':' | ';'));
        let ends_stop = last == Some('.');
        let first = toks[s].text(text);
        let continues = s > 0 || !is_capitalized(first);
        let long_enough = words >= 5;
        let valid_after = ends_clause || (!ends_stop && (s > 0 || long_enough)) || (ends_stop && continues);
        if lexicon::is_gerund(first) && lexicon::is_cue_verb(first) {
            // "“...,” telling Fox that": the subject of the quote's own sentence.
            if !valid_after {
                return None;
            }
            return self.gerund_subject(pre, s0, pre.toks.len());
        }
        let (np, verb) = if lexicon::is_cue_verb(first) {
            let from = skip_time_words(text, toks, s + 1, end);
            (np::np_after(text, toks, from, end)?, s)
        } else if first.eq_ignore_ascii_case("according") && toks.get(s + 1).is_some_and(|t| t.text(text) == "to") {
            (np::np_after(text, toks, s + 2, end)?, s)
        } else {
            let v = (s..end.min(s + POST_VERB_TOKENS)).find(|&k| {
                let t = toks[k].text(text);
                toks[k].is_word() && lexicon::is_cue_verb(t) && !lexicon::is_weak_cue(t) && !lexicon::is_gerund(t)
            });
            let direct = v.and_then(|v| {
                let np = subject_before(text, toks, s, v)?;
                (np.start == toks[s].start || appositive_host(toks, s, v, &np)).then_some((np, v))
            });
            // "“...,” Trump shot back.": any verb right after a name or a
            // pronoun that follows a quote ending in a comma.
            let direct = direct.or_else(|| {
                if !ends_clause || s > 0 {
                    return None;
                }
                let np = np::np_after(text, toks, s, end)?;
                let after = toks.iter().position(|t| t.start >= np.end)?;
                let verb = toks.get(after).filter(|t| t.is_word())?.text(text);
                let named = np.pronoun.is_some_and(|p| p != Pronoun::Thing) || has_capital_word(text, &np);
                let verb_like = !is_capitalized(verb) && !lexicon::is_function_word(verb) && verb.len() > 2;
                (named
                    && verb_like
                    && (verb.ends_with("ed") || verb.ends_with('s') || lexicon::is_irregular_past(verb)))
                .then_some((np, after))
            });
            match direct {
                Some(found) => found,
                // The reporter's sentence goes on after a quoted phrase and
                // ends in its attribution: "“...” about the economy, Smith said."
                None if !ends_stop || continues => return self.trailing_cue(toks, s, end),
                None => return None,
            }
        };
        // Does the quote end where a cue can follow it? Else "“...” He
        // said." must be a short sentence of its own.
        let valid = valid_after
            || (ends_stop && end - verb <= 10 && toks.get(end.saturating_sub(1)).is_some_and(|t| t.is_punct('.')));
        valid.then_some(np)
    }

    /// ", Smith said." or ", said Smith." closing the sentence after a quote.
    fn trailing_cue(&self, toks: &[Tok], s: usize, end: usize) -> Option<Np> {
        let text = self.text;
        // The sentence must end there: a stop, not a comma leading on.
        if !toks.get(end.checked_sub(1)?).is_some_and(|t| t.is_punct('.') || t.is_punct('!') || t.is_punct('?')) {
            return None;
        }
        let lo = end.saturating_sub(14).max(s);
        let c = (lo..end).rev().find(|&k| toks[k].is_punct(','))?;
        let first = toks.get(c + 1)?;
        if !first.is_word() {
            return None;
        }
        let w = first.text(text);
        if lexicon::is_cue_verb(w) && !lexicon::is_gerund(w) {
            return np::np_after(text, toks, c + 2, end);
        }
        let v = (c + 1..end).find(|&k| {
            let t = toks[k].text(text);
            toks[k].is_word() && lexicon::is_cue_verb(t) && !lexicon::is_gerund(t)
        });
        if let Some(v) = v {
            let np = subject_before(text, toks, c + 1, v)?;
            return (np.start == first.start && end - v <= 10).then_some(np);
        }
        self.trailing_cue_with_appositive(toks, s, end)
    }

    /// ", said Lee Epstein, who teaches law at Washington University." and
    /// ", says Evan Tracey, a Republican media consultant with ...": the
    /// verb and its subject, then an appositive to the end of the sentence.
    fn trailing_cue_with_appositive(&self, toks: &[Tok], s: usize, end: usize) -> Option<Np> {
        let text = self.text;
        let lo = end.saturating_sub(TRAILING_APPOSITIVE_TOKENS).max(s);
        let c = (lo..end.saturating_sub(2)).rev().find(|&k| {
            let w = toks[k + 1].text(text);
            toks[k].is_punct(',') && toks[k + 1].is_word() && lexicon::is_cue_verb(w) && !lexicon::is_gerund(w)
        })?;
        let np = np::np_after(text, toks, c + 2, end)?;
        let after = (c + 2..end).find(|&k| toks[k].start >= np.end)?;
        let named = np.pronoun.is_none() && has_capital_word(text, &np);
        // Nothing but the appositive after the name: no second verb of saying.
        let appositive = toks.get(after).is_some_and(|t| t.is_punct(','))
            && !(after..end).any(|k| toks[k].is_word() && lexicon::is_cue_verb(toks[k].text(text)));
        (named && appositive).then_some(np)
    }

    /// "Greene added that the Fed wants out. “...”": a full quoted sentence
    /// right after a sentence whose verb of saying has a subject.
    /// (`words`: the quotation's word count.)
    fn previous_sentence_cue(&self, pre: &Window, s0: usize, words: usize) -> Option<Np> {
        if s0 < 2 || words < 5 {
            return None;
        }
        let toks = &pre.toks[..s0];
        if !toks.last().is_some_and(|t| t.is_punct('.') || t.is_punct('!')) {
            return None;
        }
        // That sentence, outside any quotation, in the window.
        let lo = sentence_start_before(self.text, toks, s0 - 1);
        let w = pre.prefix(s0);
        let found = (lo..s0)
            .rev()
            .filter(|&k| !w.inside(k) && w.toks[k].is_word() && self.is_cue_at(&w, k))
            .find_map(|k| self.subject_of_cue(&w, lo, k))?;
        (!is_quote_inside(&w, &found)).then_some(found)
    }

    /// "X said:" ending the paragraph before the quote's.
    fn previous_paragraph_cue(&self, open: usize) -> Option<(Np, Cue)> {
        let pi = self.para_of(open);
        let (ps, pe) = *self.paras.get(pi.checked_sub(1)?)?;
        let body = self.text.get(ps..pe)?.trim_end();
        if !body.ends_with(':') {
            return None;
        }
        let end = ps + body.len();
        let lo = tokens::ceil_boundary(self.text, end.saturating_sub(PREV_PARAGRAPH_WINDOW).max(ps));
        let w = self.window(lo, end, None);
        let s0 = sentence_start(self.text, &w);
        self.pre_cue(&w, s0).map(|(n, _)| (n, Cue::PreImmediate))
    }

    /// A quotation opening its sentence, with no cue of its own, goes on in
    /// the voice of the quotation just before it, when nothing but that
    /// quotation's own cue stands between them: in the same paragraph, or
    /// closing the paragraph before.
    fn continued_speaker(&self, i: usize, done: &[Attribution], cues: &[Option<Cue>]) -> Option<SpeakerFound> {
        // The quotation before, passing over quoted terms ("the show “Shark Tank.”").
        let j = (i.saturating_sub(4)..i).rev().find(|&j| done.get(j).is_some_and(|d| d.kind != QuoteKind::Scare))?;
        let prev = self.quotes[j];
        let speaker = done.get(j)?.speaker?;
        let q_end = prev.close.unwrap_or(prev.end);
        let here = self.para_of(self.quotes[i].open);
        let there = self.para_of(q_end.saturating_sub(1));
        let gap_end = if here == there {
            self.quotes[i].open
        } else if there + 1 == here {
            self.paras.get(there)?.1
        } else {
            return None;
        };
        if gap_end < q_end || gap_end - q_end > POST_WINDOW {
            return None;
        }
        let w = self.window(q_end, gap_end, None);
        let words = w.toks.iter().filter(|t| t.is_word()).count();
        let stops = (0..w.toks.len())
            .filter(|&k| w.toks[k].kind != Kind::Break && ends_sentence(self.text, &w.toks, k))
            .count();
        // Words after the first sentence end of the gap: another sentence.
        let after_stop = (0..w.toks.len())
            .find(|&k| w.toks[k].kind != Kind::Break && ends_sentence(self.text, &w.toks, k))
            .map_or(0, |k| w.toks[k..].iter().filter(|t| t.is_word()).count());
        let ok = match cues.get(j).copied().flatten() {
            // The gap is that quotation's cue: one short clause, and nothing after it.
            Some(Cue::Post) => stops <= 1 && words <= 30 && after_stop == 0,
            _ => words == 0,
        };
        ok.then_some(speaker)
    }

    /// The earlier quotation that quote `i` (spoken by `speaker`) goes on
    /// from: the last one before it that is no term, said by the same
    /// mention, with at most that cue's clause between them.
    fn run_from(&self, i: usize, speaker: SpeakerFound, cue: Option<Cue>, done: &[Attribution]) -> Option<usize> {
        let j = (i.saturating_sub(4)..i).rev().find(|&j| done.get(j).is_some_and(|d| d.kind != QuoteKind::Scare))?;
        let prev = done[j].speaker?;
        if (prev.start, prev.end) != (speaker.start, speaker.end) {
            return None;
        }
        let gap_start = self.quotes[j].close.unwrap_or(self.quotes[j].end);
        let gap_end = self.quotes[i].open;
        if gap_end < gap_start || gap_end - gap_start > POST_WINDOW {
            return None;
        }
        let cue_between = gap_start <= speaker.start && speaker.end <= gap_end;
        if !cue_between && cue != Some(Cue::Continued) {
            return None;
        }
        let w = self.window(gap_start, gap_end, None);
        let paragraphs = self.para_of(gap_end) - self.para_of(gap_start.saturating_sub(1)).min(self.para_of(gap_end));
        let words = w.toks.iter().filter(|t| t.is_word()).count();
        let stops = (0..w.toks.len())
            .filter(|&k| w.toks[k].kind != Kind::Break && ends_sentence(self.text, &w.toks, k))
            .count();
        (paragraphs <= 1 && stops <= 1 && words <= 30).then_some(j)
    }

    /// The speaker mention found for quote `i`, with its actor.
    fn resolve(&self, np: Np, i: usize, done: &[Attribution]) -> SpeakerFound {
        let here = SpeakerFound { actor: None, start: np.start, end: np.end };
        if let (Some(Pronoun::Relative), Some((s, e, hs, he))) = (np.pronoun, np.ante) {
            let ante = Np { start: s, end: e, head_start: hs, head_end: he, pronoun: None, ante: None };
            if self.actors.is_empty() {
                return SpeakerFound { actor: None, start: s, end: e };
            }
            return SpeakerFound { actor: self.actor_for(&ante), ..here };
        }
        if let Some(p) = np.pronoun {
            if matches!(p, Pronoun::Local | Pronoun::Relative) {
                return here;
            }
            if !self.actors.is_empty() {
                return SpeakerFound { actor: self.antecedent(np.start, p, i, done), ..here };
            }
            if p == Pronoun::Person {
                if let Some((s, e)) = self.name_before(np.start, i, done) {
                    return SpeakerFound { actor: None, start: s, end: e };
                }
            }
            return here;
        }
        let actor = self.actor_for(&np);
        if actor.is_some() {
            return SpeakerFound { actor, ..here };
        }
        let head = self.text.get(np.head_start..np.head_end).unwrap_or_default();
        if lexicon::is_document_noun(head) && !has_capital_word(self.text, &np) {
            if let Some(owner) = self.document_owner(&np, i) {
                if self.actors.is_empty() {
                    return SpeakerFound { actor: None, start: owner.start, end: owner.end };
                }
                let actor = self
                    .actor_for(&owner)
                    .or_else(|| self.owner_speaker_actor(owner, i, done))
                    .or_else(|| self.actor_by_demonym(&owner));
                return SpeakerFound { actor, ..here };
            }
        }
        here
    }

    /// The actor of an owner phrase found by position: a quotation before
    /// whose speaker span overlaps it.
    fn owner_speaker_actor(&self, owner: Np, i: usize, done: &[Attribution]) -> Option<usize> {
        done[..i]
            .iter()
            .rev()
            .take(8)
            .filter_map(|a| a.speaker)
            .find(|s| s.start < owner.end && owner.start < s.end)
            .and_then(|s| s.actor)
    }

    /// The actor whose mention overlaps the phrase's head; for a proxy head
    /// ("NATO officials", "Russia's Foreign Ministry") any actor named in it.
    fn actor_for(&self, np: &Np) -> Option<usize> {
        let overlapping = |s: usize, e: usize| {
            let from = self.mentions.partition_point(|m| m.1 <= s);
            self.mentions[from..].iter().take_while(move |m| m.0 < e).filter(move |m| m.1 > s)
        };
        if let Some(m) = overlapping(np.head_start, np.head_end).next() {
            return Some(self.person_before_of(np, m.0).unwrap_or(m.2));
        }
        let head = self.text.get(np.head_start..np.head_end).unwrap_or_default();
        if lexicon::is_proxy_noun(head) {
            return overlapping(np.start, np.end).last().map(|m| m.2);
        }
        None
    }

    /// In "President Vladimir Putin of Russia" or "Jens Stoltenberg of NATO"
    /// the capitalised complement is no head: the person named before the
    /// preposition is. A person mention of the phrase that ends one
    /// preposition before `head_start` (the complement's mention).
    fn person_before_of(&self, np: &Np, head_start: usize) -> Option<usize> {
        let upto = self.mentions.partition_point(|m| m.0 < head_start);
        let &(s, e, a) = self.mentions[..upto].last()?;
        if s < np.start || self.actors.get(a)?.kind != ActorKind::Person {
            return None;
        }
        let between = self.text.get(e..head_start)?.trim_end();
        let between = between.strip_suffix("the").unwrap_or(between).trim();
        matches!(between, "of" | "from" | "at").then_some(a)
    }

    /// The actor a pronoun at `at` refers to: the nearest fitting actor
    /// mention before it, outside quotations, not an object of a
    /// preposition nor a possessor.
    fn antecedent(&self, at: usize, p: Pronoun, i: usize, done: &[Attribution]) -> Option<usize> {
        let fits = |k: ActorKind| match p {
            Pronoun::Person => k == ActorKind::Person,
            Pronoun::Plural => matches!(k, ActorKind::Person | ActorKind::Group),
            Pronoun::Thing => matches!(k, ActorKind::Organization | ActorKind::Group),
            Pronoun::Local | Pronoun::Relative => false,
        };
        let lo = at.saturating_sub(RESOLVE_WINDOW);
        let upto = self.mentions.partition_point(|m| m.0 < at);
        for &(s, e, a) in self.mentions[..upto].iter().rev().take(RESOLVE_MENTIONS) {
            if s < lo {
                break;
            }
            if e > at || !self.actors.get(a).is_some_and(|x| fits(x.kind)) || self.in_quote(s, i) {
                continue;
            }
            if self.is_object_or_possessor(s, e) {
                continue;
            }
            return Some(a);
        }
        // Failing that, the last speaker if it fits.
        done[..i]
            .iter()
            .rev()
            .take(4)
            .filter_map(|d| d.speaker.and_then(|s| s.actor))
            .find(|&a| self.actors.get(a).is_some_and(|x| fits(x.kind)))
    }

    fn is_object_or_possessor(&self, s: usize, e: usize) -> bool {
        let text = self.text;
        let after = text.get(e..).unwrap_or_default();
        if after.starts_with('’') || after.starts_with('\'') {
            return true;
        }
        if text.get(s..e).is_some_and(|m| m.ends_with("’s") || m.ends_with("'s")) {
            return true;
        }
        let before = text.get(s.saturating_sub(12)..s).or_else(|| text.get(..s)).unwrap_or_default();
        let prev = before.split_whitespace().last().unwrap_or_default();
        matches!(
            prev,
            "of" | "to" | "with" | "for" | "about" | "against" | "from" | "on" | "like" | "by" | "at" | "than"
        )
    }

    /// Whether byte `at` lies inside a quotation's content other than `i`'s.
    fn in_quote(&self, at: usize, i: usize) -> bool {
        let k = self.quotes.partition_point(|q| q.start <= at);
        k > 0 && k - 1 != i && self.quotes[k - 1].end > at
    }

    /// With no actors: the person a "he"/"she" at `at` most likely is. The
    /// last speaker named, or the nearest capitalised name before it with a
    /// title ("Mr. Putin") or a verb of saying after it ("Biden said").
    fn name_before(&self, at: usize, i: usize, done: &[Attribution]) -> Option<(usize, usize)> {
        let text = self.text;
        let lo = tokens::ceil_boundary(text, at.saturating_sub(NAME_WINDOW));
        let w = self.window(lo, at, None);
        let toks = &w.toks;
        let mut best: Option<(usize, usize)> = None;
        let mut k = toks.len();
        while k > 0 {
            k -= 1;
            if w.inside(k) || !toks[k].is_word() || !is_capitalized(toks[k].text(text)) {
                continue;
            }
            // A run of capitalised words ending at k.
            let end = k;
            let mut s = k;
            while s > 0 {
                let p = &toks[s - 1];
                let pt = p.text(text);
                let name_word =
                    p.is_word() && is_capitalized(pt) && !lexicon::is_function_word_cased(pt) && !w.inside(s - 1);
                let abbreviation_dot = p.is_punct('.') && s >= 2 && lexicon::is_abbreviation(toks[s - 2].text(text));
                if !(name_word || abbreviation_dot) {
                    break;
                }
                s -= 1;
            }
            k = s;
            // Titles at the front of the run are not the name.
            let mut first = s;
            while first < end && (lexicon::is_title(toks[first].text(text)) || !toks[first].is_word()) {
                first += 1;
            }
            let titled = first > s;
            let names: Vec<&Tok> = toks[first..=end].iter().filter(|t| t.is_word()).collect();
            if names.is_empty() || names.iter().any(|t| lexicon::pronoun(t.text(text)).is_some()) {
                continue;
            }
            let verb_after = {
                let mut j = end + 1;
                while j < toks.len() && toks[j].is_word() && lexicon::is_skippable_before_verb(toks[j].text(text)) {
                    j += 1;
                }
                toks.get(j).is_some_and(|t| t.is_word() && lexicon::is_cue_verb(t.text(text)))
            };
            if titled || verb_after {
                best = Some((toks[first].start, toks[end].end));
                break;
            }
        }
        // A named speaker of a quotation before, if nearer.
        let last_named = done[..i].iter().rev().take(6).filter_map(|d| d.speaker).find(|s| {
            let t = text.get(s.start..s.end).unwrap_or_default();
            s.end <= at && s.start >= lo && is_capitalized(t) && lexicon::pronoun(t).is_none()
        });
        match (best, last_named) {
            (Some(b), Some(n)) if n.start > b.0 => Some((n.start, n.end)),
            (None, Some(n)) => Some((n.start, n.end)),
            (b, _) => b,
        }
    }

    /// Whose document "the statement" is: the nearest document noun before
    /// it whose owner the text states ("NATO's statement", "a statement
    /// from NATO", "NATO said in a statement", "In a statement ..., NATO
    /// called", "NATO issued a statement").
    ///
    /// The window (`RESOLVE_WINDOW` bytes back) is read in two parts: the
    /// whole lines of its last `FIRST_OWNER_LINES` bytes, then only if the
    /// owner is not there, the rest: the owner is most often in the same
    /// paragraph or the one before. Exactly the answer of reading
    /// it whole: a line break is a token of its own, so the tokens of the
    /// last lines are those of the whole window there, and no look from a token
    /// goes back past its sentence's start, which a break bounds (the break
    /// token is kept at the front of the lines read).
    fn document_owner(&self, np: &Np, i: usize) -> Option<Np> {
        let text = self.text;
        let lo = tokens::ceil_boundary(text, np.start.saturating_sub(RESOLVE_WINDOW));
        let near = last_line_start(text, lo, np.start.saturating_sub(FIRST_OWNER_LINES).max(lo));
        let last = self.window(near, np.start, Some(i));
        let found = self.document_owner_in(&last, last.toks.len());
        if found.is_some() || near <= lo {
            self.recycle(last);
            return found;
        }
        let rest = self.window(lo, near, Some(i));
        let read = rest.toks.len();
        let whole = rest.then(last);
        let found = self.document_owner_in(&whole, read);
        self.recycle(whole);
        found
    }

    /// [`Self::document_owner`] over the tokens `..read` of `w` (the later
    /// ones were searched already), nearest first.
    fn document_owner_in(&self, w: &Window, read: usize) -> Option<Np> {
        let text = self.text;
        let toks = &w.toks;
        for k in (0..read).rev() {
            if w.inside(k) || !toks[k].is_word() || !lexicon::is_document_noun(toks[k].text(text)) {
                continue;
            }
            // Possessor before, over at most two adjectives.
            let mut j = k;
            for _ in 0..3 {
                if j == 0 {
                    break;
                }
                j -= 1;
                let t = toks[j].text(text);
                if toks[j].is_word() && (t.ends_with("’s") || t.ends_with("'s")) {
                    let s = sentence_start_before(text, toks, j);
                    if let Some(owner) = np::np_before(text, toks, s, j + 1) {
                        return Some(owner);
                    }
                }
                if !toks[j].is_word() || lexicon::is_function_word(t) {
                    break;
                }
            }
            // "statement from NATO", "statement by the ministry".
            if toks.get(k + 1).is_some_and(|t| matches!(t.text(text), "from" | "by")) {
                if let Some(owner) = np::np_after(text, toks, k + 2, toks.len()) {
                    return Some(owner);
                }
            }
            // The determiner and preposition before the noun.
            let mut d = k;
            while d > 0 && toks[d - 1].is_word() && !lexicon::is_determiner(toks[d - 1].text(text)) && d + 3 > k {
                d -= 1;
            }
            if d == 0 || !lexicon::is_determiner(toks[d - 1].text(text)) {
                continue;
            }
            let det = d - 1;
            let s = sentence_start_before(text, toks, det);
            if det > 0 && matches!(toks[det - 1].text(text), "in" | "In" | "with" | "With" | "through") {
                let prep = det - 1;
                if prep == s {
                    // "In a statement Thursday evening, NATO called ..."
                    let comma = (k..toks.len().min(k + 10)).find(|&c| toks[c].is_punct(','));
                    if let Some(owner) = comma.and_then(|c| np::np_after(text, toks, c + 1, toks.len())) {
                        return Some(owner);
                    }
                } else {
                    // "NATO said in a statement", "NATO, in a statement, said".
                    let mut v = prep;
                    while v > s && toks[v - 1].is_word() && lexicon::is_time_word(toks[v - 1].text(text)) {
                        v -= 1;
                    }
                    if v > s && toks[v - 1].is_word() && lexicon::is_cue_verb(toks[v - 1].text(text)) {
                        if let Some(owner) = subject_before(text, toks, s, v - 1) {
                            return Some(owner);
                        }
                    }
                    if v > s && toks[v - 1].is_punct(',') {
                        if let Some(owner) = np::np_before(text, toks, s, v - 1) {
                            return Some(owner);
                        }
                    }
                }
            }
            // "NATO issued a statement".
            if det > s && toks[det - 1].is_word() {
                let verb = toks[det - 1].text(text);
                let issuing = matches!(
                    verb,
                    "issued"
                        | "released"
                        | "sent"
                        | "published"
                        | "posted"
                        | "put"
                        | "made"
                        | "delivered"
                        | "gave"
                        | "issues"
                        | "releases"
                        | "sends"
                        | "publishes"
                        | "read"
                        | "wrote"
                        | "drafted"
                );
                if issuing {
                    if let Some(owner) = subject_before(text, toks, s, det - 1) {
                        return Some(owner);
                    }
                }
            }
            // A document the sentence is about, named by its maker: "The
            // Russian proposal took the form of ...".
            if det == s {
                if let Some(m) = (d..k).rev().find(|&m| is_capitalized(toks[m].text(text))) {
                    let t = &toks[m];
                    return Some(Np {
                        start: t.start,
                        end: t.end,
                        head_start: t.start,
                        head_end: t.end,
                        pronoun: None,
                        ante: None,
                    });
                }
            }
        }
        None
    }

    /// The place or organisation an adjective of nationality names
    /// ("Russian" → Russia, "Ukrainian" → Ukraine, "Chinese" → China).
    fn actor_by_demonym(&self, np: &Np) -> Option<usize> {
        let word = self.text.get(np.head_start..np.head_end)?;
        if word.chars().count() < 5 {
            return None;
        }
        self.actors.iter().position(|a| {
            if !matches!(a.kind, ActorKind::Place | ActorKind::Organization) || a.name.contains(' ') {
                return false;
            }
            let common = a.name.chars().zip(word.chars()).take_while(|(x, y)| x == y).count();
            let n = a.name.chars().count();
            n >= 4 && common >= 4 && common + 2 >= n && word.chars().count() > n.saturating_sub(1)
        })
    }

    /// (`words`: the quotation's word count.)
    fn kind(
        &self,
        i: usize,
        content: &str,
        words: usize,
        pre: &Window,
        has_speaker: bool,
        cue: Option<Cue>,
    ) -> QuoteKind {
        let q = self.quotes[i];
        let trimmed = content.trim();
        let ends_stop = trimmed.ends_with(['.', '?', '!', '…']);
        let starts_upper = trimmed.chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_uppercase);
        let term_like = words <= 4 && !ends_stop;
        if term_like && self.marked_as_term(q, pre) {
            return QuoteKind::Scare;
        }
        if !has_speaker {
            let sentence_like = ends_stop && starts_upper && words >= 2;
            return if words <= 4 && !sentence_like { QuoteKind::Scare } else { QuoteKind::Direct };
        }
        let immediate = matches!(cue, Some(Cue::PreImmediate | Cue::Continued));
        let clause_end = trimmed.ends_with([',', '?', '!', '—', '–']);
        // The engine's rule of thumb (a sentence-like quote is direct), made
        // stricter: a word or two ending in a comma is still a partial quote.
        let direct_shape = guess_kind(content, words) == QuoteKind::Direct;
        if (direct_shape && words >= 5)
            || (ends_stop && words >= 2)
            || (immediate && words >= 2)
            || (cue == Some(Cue::Post) && clause_end && words >= 3)
            || (cue == Some(Cue::Post) && starts_upper && words >= 2 && self.comma_after(q))
        {
            QuoteKind::Direct
        } else {
            QuoteKind::Partial
        }
    }

    /// "»We refuse«, the minister said": a comma right after the closing mark.
    fn comma_after(&self, q: QuoteSpan) -> bool {
        q.close.and_then(|c| self.text.get(c..)).is_some_and(|r| r.trim_start().starts_with(','))
    }

    /// Whether the text marks a short quotation as a term: "such “X”", "the
    /// so-called “X”", "known as “X”", "a group called “X”", or a term naming
    /// the noun right after it ("NATO's “open door” policy").
    fn marked_as_term(&self, q: QuoteSpan, pre: &Window) -> bool {
        let text = self.text;
        let toks = &pre.toks;
        let n = toks.len();
        // The word just before the opening mark.
        let word_at = |k: usize| toks.get(k).filter(|t| t.is_word()).map(|t| t.text(text)).unwrap_or_default();
        let prev = n.checked_sub(1).map(word_at).unwrap_or_default();
        let prev2 = n.checked_sub(2).map(word_at).unwrap_or_default();
        if lexicon::is_scare_marker(prev) {
            return true;
        }
        if prev == "as" && matches!(prev2, "known" | "referred" | "described" | "billed" | "branded" | "labeled") {
            return true;
        }
        // A naming participle right before the term, over an article: "a
        // formula called (the) “chained CPI”"; not "what he called “X”".
        let (verb, before) = if lexicon::is_determiner(prev) && !prev.ends_with('s') {
            (prev2, n.checked_sub(3).map(word_at).unwrap_or_default())
        } else {
            (prev, prev2)
        };
        let naming = matches!(verb, "called" | "named" | "dubbed" | "labeled" | "labelled" | "titled" | "termed");
        if naming && !before.is_empty() && !is_capitalized(before) && lexicon::pronoun(before).is_none() {
            return true;
        }
        // The noun the term names, right after the closing mark.
        let Some(close) = q.close else { return false };
        let after = text.get(close..).unwrap_or_default();
        let spaced = after.starts_with(' ');
        let next: &str =
            after.trim_start().split(|c: char| !(c.is_alphanumeric() || c == '-')).next().unwrap_or_default();
        let owner_before = prev.ends_with("’s") || prev.ends_with("'s") || lexicon::is_determiner(prev);
        spaced && owner_before && !is_capitalized(next) && lexicon::is_named_thing(next)
    }
}

/// Every actor mention inside `text`: (start, end, actor), sorted.
///
/// Each packed into one integer when it fits (start, length, actor in 32,
/// 16 and 16 bits: the same order), so that the sort compares integers,
/// not triples: mentions are many.
fn sorted_mentions(text: &str, actors: &[ActorFound]) -> Vec<(usize, usize, usize)> {
    let all = || {
        actors
            .iter()
            .enumerate()
            .flat_map(|(i, a)| a.mentions.iter().map(move |m| (m.start, m.end, i)))
            .filter(|&(s, e, _)| s < e && e <= text.len())
    };
    // Sized at once: collected from the filter, the list grew by doubling.
    let mut keys: Vec<u64> = Vec::with_capacity(actors.iter().map(|a| a.mentions.len()).sum());
    // Packed as read, in the one pass that checks that they fit.
    let fits = actors.len() <= 1 << 16
        && all().all(|(s, e, i)| {
            let fit = u32::try_from(s).is_ok() && e - s <= 0xFFFF;
            keys.push((s as u64) << 32 | ((e - s) as u64) << 16 | i as u64);
            fit
        });
    if !fits {
        let mut mentions: Vec<(usize, usize, usize)> = all().collect();
        mentions.sort_unstable();
        return mentions;
    }
    super::packed::sort_keys(&mut keys);
    keys.into_iter()
        .map(|k| {
            let start = (k >> 32) as usize;
            (start, start + (k >> 16 & 0xFFFF) as usize, (k & 0xFFFF) as usize)
        })
        .collect()
}

/// The subject before the verb at token `v`: past auxiliaries, adverbs and
/// time words ("NATO officials on Friday said"); over an appositive ("Trent
/// Lott, who was majority leader, told") to the name that heads the clause.
fn subject_before(text: &str, toks: &[Tok], lo: usize, v: usize) -> Option<Np> {
    let mut j = v;
    // "went on to say", "was quick to add": the subject is that of the verb before "to".
    if j > lo + 1 && toks[j - 1].text(text) == "to" {
        let mut t = j - 1;
        let mut n = 0;
        while t > lo && n < 3 && toks[t - 1].is_word() && !is_capitalized(toks[t - 1].text(text)) {
            let w = toks[t - 1].text(text);
            if lexicon::pronoun(w).is_some() || lexicon::is_determiner(w) {
                break;
            }
            t -= 1;
            n += 1;
        }
        if n > 0 {
            j = t;
        }
    }
    loop {
        while j > lo && toks[j - 1].is_word() && lexicon::is_skippable_before_verb(toks[j - 1].text(text)) {
            j -= 1;
        }
        // A parenthesis between subject and verb: "Sen. John Cornyn (R-Texas) told",
        // also set off by a comma: "Gov. John Kasich (R-OH), said".
        let close = if j > lo + 1 && toks[j - 1].is_punct(',') && toks[j - 2].is_punct(')') { j - 1 } else { j };
        if close > lo && toks[close - 1].is_punct(')') {
            let open = (lo..close - 1).rev().take(12).find(|&k| toks[k].is_punct('('));
            if let Some(o) = open {
                j = o;
                continue;
            }
        }
        // "on Friday", "in November", "last week": a time word and its preposition.
        if j > lo + 1 && toks[j - 1].is_word() && lexicon::is_time_word(toks[j - 1].text(text)) {
            let mut t = j - 1;
            while t > lo && toks[t - 1].is_word() && lexicon::is_time_word(toks[t - 1].text(text)) {
                t -= 1;
            }
            if t > lo && lexicon::is_determiner(toks[t - 1].text(text)) && !is_capitalized(toks[t - 1].text(text)) {
                // "in the past", "at the time"
                if t > lo + 1 && matches!(toks[t - 2].text(text), "on" | "in" | "at" | "over" | "during") {
                    t -= 2;
                }
            } else if t > lo
                && matches!(toks[t - 1].text(text), "on" | "in" | "at" | "early" | "late" | "this" | "last")
            {
                t -= 1;
            }
            if t < j {
                j = t;
                continue;
            }
        }
        break;
    }
    if j == lo {
        return None;
    }
    if toks[j - 1].is_punct(',') {
        // An appositive between the subject and its verb ("Trent Lott, who
        // was majority leader, told", "Sue Smith, 62, a retiree, said"): the
        // subject is the phrase before the comma that opens it.
        let mut c = j - 1;
        for _ in 0..5 {
            let Some(pc) = (lo..c).rev().take(30).find(|&k| toks[k].is_punct(',')) else { break };
            // The chunk after that comma must read as an appositive: "who
            // ...", "a spokesman", "62", "of Flint", "during a town hall".
            let opener = toks.get(pc + 1).filter(|_| pc + 1 < c).map(|t| t.text(text)).unwrap_or_default();
            let appositive = !is_capitalized(opener) || opener.chars().next().is_some_and(char::is_numeric);
            // "the director of the F.B.I., James B. Comey, said": a full name
            // set off after a role is the subject the role describes. The phrase runs from the role to the
            // name; the name is its head.
            if !appositive && c == j - 1 && is_name_chunk(text, &toks[pc + 1..c]) {
                if let Some(role) = np::np_before(text, toks, lo, pc).filter(|r| is_role_of(text, toks, lo, r)) {
                    if let Some(name) = np::np_before(text, toks, pc + 1, c) {
                        return Some(Np {
                            start: role.start,
                            head_start: name.head_start,
                            head_end: name.head_end,
                            ..name
                        });
                    }
                }
            }
            if appositive {
                if let Some(np) = np::np_before(text, toks, lo, pc) {
                    let numeric = text.get(np.start..np.end).is_some_and(|t| t.chars().all(|c| c.is_numeric()));
                    if !numeric && np.pronoun != Some(Pronoun::Relative) {
                        return Some(np);
                    }
                }
            }
            c = pc;
        }
        return np::clause_subject(text, toks, lo, j - 1);
    }
    if toks[j - 1].is_word() && toks[j - 1].text(text) == "who" {
        // "Beck, who has described Trump as “...”": "who" is the mention; the
        // phrase before it is whom it stands for.
        let who = &toks[j - 1];
        let before = if j >= lo + 2 && toks[j - 2].is_punct(',') { j - 2 } else { j - 1 };
        let ante = np::np_before(text, toks, lo, before)?;
        return Some(Np {
            start: who.start,
            end: who.end,
            head_start: who.start,
            head_end: who.end,
            pronoun: Some(Pronoun::Relative),
            ante: Some((ante.start, ante.end, ante.head_start, ante.head_end)),
        });
    }
    np::np_before(text, toks, lo, j)
}

/// Whether `role` reads as a role a name can follow ("the director of the
/// F.B.I.", "Her campaign manager", "another fraternity brother"): a
/// lower-case head, and the whole phrase, not one cut short by a
/// preposition ("the editor in | chief of the paper, L'Osservatore Romano").
fn is_role_of(text: &str, toks: &[Tok], lo: usize, role: &Np) -> bool {
    let head = text.get(role.head_start..role.head_end).unwrap_or_default();
    let first = toks[lo..].iter().position(|t| t.start == role.start).map_or(lo, |k| lo + k);
    let cut_short = first > lo && toks[first - 1].is_word();
    !is_capitalized(head) && !cut_short
}

/// Whether `chunk` reads as a name alone: capitalised words and initials
/// ("James B. Comey"), at most seven tokens.
fn is_name_chunk(text: &str, chunk: &[Tok]) -> bool {
    (1..=7).contains(&chunk.len())
        && chunk.iter().all(|t| (t.is_word() && is_capitalized(t.text(text))) || t.is_punct('.'))
        && chunk.iter().any(|t| t.is_word())
}

/// Whether `np` ends at the first comma after `s`, the host of an
/// appositive that runs on to the verb `v`.
fn appositive_host(toks: &[Tok], s: usize, v: usize, np: &Np) -> bool {
    let c = (s..v).find(|&k| toks[k].is_punct(','));
    c.is_some_and(|c| c > s && toks[c - 1].end == np.end && toks[s].start == np.start)
}

fn skip_time_words(text: &str, toks: &[Tok], mut k: usize, end: usize) -> usize {
    while k < end
        && toks[k].is_word()
        && lexicon::is_time_word(toks[k].text(text))
        && is_capitalized(toks[k].text(text))
    {
        k += 1;
    }
    k
}

/// Index of the first token of the last sentence in the window.
fn sentence_start(text: &str, w: &Window) -> usize {
    let toks = &w.toks;
    for k in (0..toks.len()).rev() {
        if toks[k].kind == Kind::Break {
            return k + 1;
        }
        let quote_end = w.inside(k) && toks.get(k + 1).is_some_and(|t| t.kind == Kind::Quote);
        if (!w.inside(k) || quote_end) && ends_sentence(text, toks, k) {
            return k + 1;
        }
    }
    0
}

fn sentence_start_before(text: &str, toks: &[Tok], at: usize) -> usize {
    (0..at).rev().find(|&k| toks[k].kind == Kind::Break || ends_sentence(text, toks, k)).map_or(0, |k| k + 1)
}

/// Where the last line of `text[lo..hi]` starts: at its line break (kept,
/// so that its tokens begin with the break), else at `lo`.
fn last_line_start(text: &str, lo: usize, hi: usize) -> usize {
    text.as_bytes().get(lo..hi).and_then(|b| b.iter().rposition(|&c| c == b'\n')).map_or(lo, |p| lo + p)
}

fn is_capitalized_at(text: &str, at: usize) -> bool {
    text.get(at..).is_some_and(is_capitalized)
}

fn has_capital_word(text: &str, np: &Np) -> bool {
    text.get(np.start..np.end).is_some_and(|s| {
        s.split_whitespace().any(|w| is_capitalized(w) && !lexicon::is_determiner(w) && lexicon::pronoun(w).is_none())
    })
}

fn is_quote_inside(w: &Window, np: &Np) -> bool {
    w.toks.iter().enumerate().any(|(k, t)| w.inside(k) && t.start >= np.start && t.end <= np.end)
}

/// The shape of a quotation alone: a sentence-like quote is direct, a few
/// words are partial (the cues then decide between partial and scare).
/// `words` is the quotation's word count.
fn guess_kind(content: &str, words: usize) -> QuoteKind {
    let ends_like_speech = content.trim_end().ends_with(['.', ',', '!', '?', '…']);
    if words >= 5 || ends_like_speech {
        QuoteKind::Direct
    } else {
        QuoteKind::Partial
    }
}

#[cfg(test)]
mod tests;
