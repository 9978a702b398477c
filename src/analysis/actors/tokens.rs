//! Words and punctuation with the few facts the actor finder needs: shape,
//! possessive, abbreviation dot, sentence-initial position, line breaks.

use super::lexicon::Lexicon;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// "Putin", "McDonald", "Jong-un", "al-Amr".
    Title,
    /// "NATO", "U.S.", "KYIV".
    Caps,
    /// "A." in "Sergei A. Ryabkov".
    Initial,
    Lower,
    Num,
    /// A word that is neither a name nor lower-case ("Russian-Ukrainian", "A").
    Other,
    Punct,
}

/// One token. `s()..e()` is the word without a possessive (or, for a
/// compound like "Russian-backed", its head "Russian"); `pe()` ends the
/// possessive ("’s"). Kept small (16 bytes, offsets as `u32`): the token
/// list is the largest structure of the analysis, about one token per six
/// bytes of text, and the actor finder walks it several times, so its size
/// is memory traffic (with 24-byte tokens, `usize` offsets, the 10 MB bench
/// text ran ~8 % slower side by side). Texts are tokenized up to
/// [`MAX_TEXT`] bytes.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    start: u32,
    end: u32,
    /// Bytes of the possessive after `e` (at most 4: an apostrophe and "s").
    pub poss: u8,
    pub shape: Shape,
    /// First word of a sentence, line, quotation or title-case headline:
    /// its capital says nothing.
    pub initial: bool,
    /// A line break before the token.
    pub nl: bool,
    /// "Russian-backed": a name head with a lower-case tail.
    pub compound: bool,
    /// In an all-capitals line: capitals say nothing either.
    pub shout: bool,
}

/// The longest text tokenized: offsets must fit a `u32`. (Beyond 4 GiB, a
/// text is read up to there; no browser or CLI use comes near.)
pub const MAX_TEXT: usize = u32::MAX as usize;

/// A byte offset below [`MAX_TEXT`] as stored in a token.
fn off(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

impl Tok {
    /// Where the word starts (bytes).
    #[inline]
    pub fn s(&self) -> usize {
        self.start as usize
    }
    /// Where the bare word ends (bytes).
    #[inline]
    pub fn e(&self) -> usize {
        self.end as usize
    }
    pub fn is_word(&self) -> bool {
        self.shape != Shape::Punct
    }
    pub fn has_poss(&self) -> bool {
        self.poss > 0
    }
    /// The end of the word with its possessive.
    pub fn pe(&self) -> usize {
        self.e() + usize::from(self.poss)
    }
    /// Can be part of a name.
    pub fn namey(&self) -> bool {
        matches!(self.shape, Shape::Title | Shape::Caps | Shape::Initial)
    }
}

/// The char starting at byte `i`, if one does. ASCII, most of any text,
/// skips the UTF-8 decoder (an ASCII byte always starts a char).
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text.get(i..).and_then(|r| r.chars().next()),
        None => None,
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Letters, digits and combining marks continue a word.
fn is_word_char(c: char) -> bool {
    // ASCII first: the common case, without the Unicode tables.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // General Punctuation (U+2000..U+206F: spaces, dashes, curly quotes,
    // ellipsis), common in news text, holds no letter or digit (the test
    // `general_punctuation_is_no_word_char` checks every char): skip the
    // Unicode tables' slow search for it.
    if ('\u{2000}'..='\u{206f}').contains(&c) {
        return false;
    }
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}')
}

/// Tails that make "X-tail" an adjective built on a name: "Russian-backed", "Cold War-like".
fn compound_tail(t: &str) -> bool {
    const TAILS: &[&str] = &[
        "like",
        "era",
        "style",
        "type",
        "born",
        "made",
        "run",
        "held",
        "wide",
        "free",
        "led",
        "backed",
        "based",
        "critic",
        "critics",
        "friendly",
        "centric",
        "esque",
        "ish",
        "speaking",
        "aligned",
        "leaning",
        "owned",
        "controlled",
        "linked",
        "funded",
        "allied",
        "bound",
        "oriented",
        "inspired",
        "sponsored",
        "supported",
        "occupied",
        "annexed",
        "appointed",
        "elected",
        "affiliated",
        "related",
        "specific",
        "wide",
        "level",
        "shaped",
        "class",
        "grade",
        "sized",
        "area",
        "zone",
        "bloc",
        "proof",
        "ready",
        "only",
        "first",
    ];
    t.chars().count() >= 3 && (TAILS.contains(&t) || t.ends_with("ed") || t.ends_with("ing"))
}

/// [`shape_of`] for ASCII text, by bytes (the same rules: for ASCII the
/// char classes are the ASCII ones); most words take this path.
fn ascii_shape(w: &[u8], dotted: bool) -> Shape {
    let Some(&first) = w.first() else { return Shape::Other };
    if first.is_ascii_digit() {
        return Shape::Num;
    }
    if first.is_ascii_lowercase() {
        return Shape::Lower;
    }
    if !first.is_ascii_uppercase() {
        return Shape::Other;
    }
    if w.iter().any(u8::is_ascii_lowercase) {
        return Shape::Title;
    }
    let letters = w.iter().filter(|b| b.is_ascii_alphabetic()).count();
    if letters >= 2 {
        Shape::Caps
    } else if dotted {
        Shape::Initial
    } else {
        Shape::Other
    }
}

/// Lower-case prefixes glued to a family name: "al-Amr", "bin-Salman".
fn name_prefix(p: &str) -> bool {
    matches!(p, "al" | "el" | "ad" | "ash" | "as" | "at" | "an" | "ar" | "az" | "bin" | "ibn" | "abu" | "ben" | "bint")
        || matches!(p, "ul" | "ud" | "d" | "o" | "mc" | "mac" | "van" | "von" | "de" | "da" | "di" | "du" | "le" | "la")
}

fn shape_of(w: &str, dotted: bool) -> Shape {
    // An ASCII first byte is the first char, whose (ASCII) classes decide
    // every shape but a capitalised word's: no need to scan the word first.
    match w.as_bytes().first() {
        Some(b) if b.is_ascii_digit() => return Shape::Num,
        Some(b) if b.is_ascii_lowercase() => return Shape::Lower,
        Some(b) if b.is_ascii() && !b.is_ascii_uppercase() => return Shape::Other,
        _ => {}
    }
    if w.is_ascii() {
        return ascii_shape(w.as_bytes(), dotted);
    }
    let Some(first) = w.chars().next() else { return Shape::Other };
    if first.is_numeric() {
        return Shape::Num;
    }
    if first.is_lowercase() {
        return Shape::Lower;
    }
    if !first.is_uppercase() {
        return Shape::Other;
    }
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    let lower = w.chars().any(char::is_lowercase);
    if lower {
        Shape::Title
    } else if letters >= 2 {
        Shape::Caps
    } else if dotted {
        Shape::Initial
    } else {
        Shape::Other
    }
}

/// Splits `text` into tokens. Linear in the text.
pub fn tokenize(text: &str, lx: &Lexicon) -> Vec<Tok> {
    // (Written without `min`: on 32-bit targets no text is longer.)
    let mut cut = if u32::try_from(text.len()).is_ok() { text.len() } else { MAX_TEXT };
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let text = text.get(..cut).unwrap_or_default();
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 5 + 1);
    let mut i = 0;
    let mut nl = false;
    while let Some(c) = char_at(text, i) {
        let clen = c.len_utf8();
        if c.is_whitespace() {
            nl |= is_break(c);
            i += clen;
            continue;
        }
        if !is_word_char(c) {
            toks.push(Tok {
                start: off(i),
                end: off(i + clen),
                poss: 0,
                shape: Shape::Punct,
                initial: false,
                nl,
                compound: false,
                shout: false,
            });
            nl = false;
            i += clen;
            continue;
        }
        // A word: letters and digits, joined by inner hyphens, apostrophes
        // and (in "U.S", "gawker.com") dots.
        let start = i;
        let mut j = i + clen;
        let mut seg_start = start;
        // No apostrophe, hyphen or other non-ASCII char met in the word
        // (see `marked` below).
        let mut plain = c.is_ascii();
        while let Some(d) = char_at(text, j) {
            if is_word_char(d) {
                plain &= d.is_ascii();
                j += d.len_utf8();
                continue;
            }
            let joiner = is_hyphen(d) || is_apostrophe(d) || d == '.';
            let Some(n) = char_at(text, j + d.len_utf8()) else { break };
            if !joiner || !is_word_char(n) {
                break;
            }
            if d == '.' {
                let seg_chars = text[seg_start..j].chars().count();
                let digits = text[seg_start..j].chars().all(|c| c.is_ascii_digit()) && n.is_ascii_digit();
                if !(seg_chars == 1 || n.is_lowercase() || digits) {
                    break;
                }
            }
            plain &= d == '.';
            j += d.len_utf8();
            seg_start = j;
        }
        let mut e = j;
        let mut pe = j;
        let word = &text[start..j];
        // Possessive: "Russia’s", "NATO's", "Thomas'".
        let before_s = word.strip_suffix(['s', 'S']).and_then(|w| w.chars().next_back());
        if word.len() > 3 && before_s.is_some_and(is_apostrophe) {
            let ap = before_s.map_or(1, char::len_utf8);
            e = j - 1 - ap;
        } else if let Some(a) = char_at(text, j).filter(|&a| is_apostrophe(a)) {
            let after = char_at(text, j + a.len_utf8());
            if word.ends_with('s') && after.is_none_or(|n| !is_word_char(n)) && shape_of(word, false) != Shape::Lower {
                pe = j + a.len_utf8();
            }
        }
        // Abbreviation and initial dots belong to the word: "Mr.", "A.", "U.S.".
        let mut dotted = false;
        if pe == j && char_at(text, j) == Some('.') {
            let single = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            let initialism = word.contains('.') && word.split('.').all(|p| p.chars().count() == 1);
            if single || initialism || lx.abbrev.contains(word) {
                e = j + 1;
                pe = j + 1;
                j += 1;
                dotted = true;
            }
        }
        let mut s = start;
        let mut compound = false;
        let bare = &text[s..e];
        let mut shape = shape_of(bare, dotted);
        // Most words hold no apostrophe or hyphen: the word scan above says
        // so, before the char searches below. (`bare` lies within the
        // scanned word, plus an ASCII dot, so it holds such a char only if
        // the scan met one; when it met one outside `bare`, the searches
        // find nothing, as if unmarked.)
        let marked = !plain;
        // "I’m", "We’re", "Don't": contractions are never names.
        if let Some(a) = marked.then(|| bare.rfind(is_apostrophe)).flatten() {
            let tail = bare[a..].trim_start_matches(is_apostrophe).to_lowercase();
            if matches!(tail.as_str(), "m" | "d" | "ve" | "ll" | "re" | "t") {
                shape = Shape::Other;
            }
        }
        if let Some(h) = marked.then(|| bare.find(is_hyphen)).flatten() {
            let first = &bare[..h];
            let hl = bare[h..].chars().next().map_or(1, char::len_utf8);
            let rest = &bare[h + hl..];
            let rest_upper = rest.chars().next().is_some_and(char::is_uppercase);
            let last = rest.rsplit(is_hyphen).next().unwrap_or(rest);
            if matches!(shape, Shape::Lower | Shape::Title)
                && lx.title_prefix.contains(first.to_lowercase().as_str())
                && rest_upper
            {
                // "then-Secretary", "Then-President": the title starts after the hyphen.
                s = start + h + hl;
                shape = shape_of(rest, dotted);
            } else if shape == Shape::Lower {
                if lx.title_prefix.contains(first) && rest_upper {
                    // "then-Secretary": the title starts after the hyphen.
                    s = start + h + hl;
                    shape = shape_of(rest, dotted);
                } else if name_prefix(first) && rest_upper {
                    shape = Shape::Title;
                }
            } else if matches!(shape, Shape::Title | Shape::Caps) {
                if last.chars().next().is_some_and(char::is_lowercase) && compound_tail(last) {
                    compound = true;
                    let head_end = start + bare.rfind(is_hyphen).unwrap_or(bare.len());
                    e = head_end;
                    pe = head_end;
                    shape = shape_of(&text[s..e], false);
                } else if bare
                    .split(is_hyphen)
                    .all(|p| lx.demonym.contains_key(p) || lx.region_prefix.contains(p) || p.is_empty())
                {
                    // "Russian-Ukrainian", "Euro-Atlantic" style adjectives.
                    shape = Shape::Other;
                }
            }
        }
        let poss = u8::try_from(pe.saturating_sub(e)).unwrap_or(u8::MAX);
        toks.push(Tok { start: off(s), end: off(e), poss, shape, initial: false, nl, compound, shout: false });
        nl = false;
        i = j.max(pe);
    }
    mark_positions(text, &mut toks);
    // The capacity was a guess; give back what it overshot.
    toks.shrink_to_fit();
    toks
}

fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "of"
            | "in"
            | "on"
            | "at"
            | "for"
            | "to"
            | "and"
            | "or"
            | "with"
            | "by"
            | "from"
            | "as"
            | "vs"
            | "is"
            | "are"
            | "after"
            | "over"
            | "into"
            | "its"
            | "his"
            | "her"
    )
}

/// Sets `initial` and `shout`.
fn mark_positions(text: &str, toks: &mut [Tok]) {
    let mut start = true;
    for k in 0..toks.len() {
        if toks[k].nl {
            start = true;
        }
        if toks[k].shape == Shape::Punct {
            let c = char_at(text, toks[k].s()).unwrap_or(' ');
            let gap_before = toks[k].s() == 0 || char_at(text, toks[k].s() - 1).is_none_or(char::is_whitespace);
            let prev_char = text[..toks[k].s()].chars().next_back();
            let gap_before = gap_before || prev_char.is_some_and(|p| matches!(p, '(' | '[' | '—' | '–'));
            match c {
                '.' | '!' | '?' | '…' | ':' | '“' | '«' | '„' | '(' | '[' | '•' | '|' => start = true,
                '"' | '\'' | '‘' if gap_before => start = true,
                _ => {}
            }
            continue;
        }
        toks[k].initial = start;
        start = false;
    }
    // Lines: title-case headlines and shouted lines say nothing by capitals.
    let mut a = 0;
    while a < toks.len() {
        let mut b = a + 1;
        while b < toks.len() && !toks[b].nl {
            b += 1;
        }
        let line = &toks[a..b];
        let mut content = 0usize;
        let mut caps = 0usize;
        let mut shouted = 0usize;
        let mut lower_content = 0usize;
        for t in line.iter().filter(|t| t.is_word()) {
            let w = &text[t.s()..t.e()];
            if matches!(t.shape, Shape::Lower) && is_stop(w) {
                continue;
            }
            content += 1;
            match t.shape {
                Shape::Title => caps += 1,
                Shape::Caps => {
                    caps += 1;
                    if w.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
                        shouted += 1;
                    }
                }
                Shape::Lower => lower_content += 1,
                _ => {}
            }
        }
        let ends_sentence = line.last().is_some_and(|t| {
            t.shape == Shape::Punct && text[t.s()..t.e()].starts_with(['.', '!', '?', '"', '”', ')', ':', ';', ','])
        });
        if content >= 3 && lower_content == 0 && shouted * 10 >= content * 8 {
            for t in &mut toks[a..b] {
                t.shout = true;
                t.initial = true;
            }
        } else if content >= 4 && lower_content <= usize::from(!ends_sentence) && caps * 10 >= content * 8 {
            for t in &mut toks[a..b] {
                t.initial = true;
            }
        }
        a = b;
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::lexicon;
    use super::*;

    fn words(text: &str) -> Vec<(String, Shape, bool)> {
        tokenize(text, lexicon())
            .iter()
            .filter(|t| t.is_word())
            .map(|t| (text[t.s()..t.e()].to_string(), t.shape, t.initial))
            .collect()
    }

    #[test]
    fn shapes_possessives_and_dots() {
        let text = "Mr. Putin met Sergei A. Ryabkov in the U.S. on Russia’s border, said Thomas' sister.";
        let w = words(text);
        let names: Vec<&str> = w.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            names,
            [
                "Mr.", "Putin", "met", "Sergei", "A.", "Ryabkov", "in", "the", "U.S.", "on", "Russia", "border",
                "said", "Thomas", "sister"
            ]
        );
        assert_eq!(w[4].1, Shape::Initial);
        assert_eq!(w[8].1, Shape::Caps);
        assert!(w[0].2 && !w[1].2);
    }

    #[test]
    fn hyphens() {
        let text =
            "then-Secretary Baker, Russian-backed rebels, al-Amr, Kim Jong-un, anti-Russian, a Cold War-like deal";
        let toks = tokenize(text, lexicon());
        let get = |w: &str| toks.iter().find(|t| text[t.s()..].starts_with(w)).copied().unwrap();
        assert_eq!(&text[get("Secretary").s()..get("Secretary").e()], "Secretary");
        let rb = get("Russian-backed");
        assert!(rb.compound && &text[rb.s()..rb.e()] == "Russian");
        assert_eq!(get("al-Amr").shape, Shape::Title);
        assert_eq!(get("Jong-un").shape, Shape::Title);
        assert_eq!(get("anti-Russian").shape, Shape::Lower);
        assert!(get("War-like").compound);
    }

    #[test]
    fn general_punctuation_is_no_word_char() {
        for c in '\u{2000}'..='\u{206f}' {
            assert!(!(c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)), "{c:?}");
            assert!(!is_word_char(c));
        }
    }

    #[test]
    fn sentence_starts() {
        let w = words("He left. However, NATO said: “Tensions rose.” Understanding\nThe end");
        let initial: Vec<&str> = w.iter().filter(|x| x.2).map(|x| x.0.as_str()).collect();
        assert_eq!(initial, ["He", "However", "Tensions", "Understanding", "The"]);
    }
}
