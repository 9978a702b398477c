//! Paragraphs, sentences and words: the units the sidebar counts and the
//! analysis walks.

use super::bytes::find_any;

/// Byte ranges of the paragraphs of `text` (lines separated by `\n`), blank
/// lines skipped.
pub fn paragraphs(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0;
    text.split('\n').filter_map(move |line| {
        let s = start;
        start += line.len() + 1;
        (!line.trim().is_empty()).then_some((s, s + line.len()))
    })
}

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: [&str; 40] = [
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "maj",
    "cmdr", "adm", "rev", "hon", "pres", "supt", "insp", "no", "vs", "etc", "inc", "corp", "ltd", "co", "jan", "feb",
    "aug", "sept", "oct", "nov", "dec", "mt", "ft",
];

/// Byte ranges of the sentences of `text`, never crossing a paragraph.
///
/// A sentence ends at `.`, `!`, `?` or `…` (plus any closing quotes or
/// brackets) followed by white space and then an upper-case letter, a digit,
/// an opening quote or a bracket, unless the word before the period is a
/// known abbreviation ("Mr.") or a single capital (an initial: "Sergei A.
/// Ryabkov"). Leading and trailing white space is left out.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    // A news sentence is 100 to 200 bytes: room for one per 128, so that
    // the list is seldom moved as it grows.
    let mut out = Vec::with_capacity(text.len() / 128 + 1);
    // The start of the sentence being read; a line break ends it, as it
    // ends its paragraph (a blank line leaves only white space, which
    // `trimmed` drops, as `paragraphs` skips it).
    let mut start = 0;
    while start < text.len() {
        let (end, next) = sentence_end(text, start);
        out.extend(trimmed(text, start, end));
        start = next;
    }
    out
}

/// What a char that may end a sentence does to the sentence from `start`,
/// seen at byte `at`: the one rule of [`sentences`], shared with the
/// disputes reader, which finds the ends in its own scan of the words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// A line break: the sentence ends at it, the next starts after it.
    Line,
    /// The sentence ends at this byte (past the mark and any closing
    /// quotes or brackets), where the next starts.
    Ends(usize),
    /// The sentence goes on; no end mark before this byte (past the char,
    /// and past the closers and further marks of an end mark) counts.
    Goes(usize),
}

/// What the char at byte `at` of `text` (a char boundary) does to the
/// sentence from `start`: a line break ends it; `.`, `!`, `?` or `…`
/// (plus any closing quotes or brackets) ends it when white space and
/// then an upper-case letter, a digit, an opening quote or a bracket
/// follow, unless the word before the period is a known abbreviation or
/// an initial; any other char lets it go on. `None` past the end.
pub(crate) fn mark_at(text: &str, start: usize, at: usize) -> Option<Mark> {
    // The ASCII marks without decoding: most are periods.
    let c = match *text.as_bytes().get(at)? {
        b'\n' => return Some(Mark::Line),
        c @ (b'.' | b'!' | b'?') => char::from(c),
        _ => text.get(at..)?.chars().next()?,
    };
    let i = at + c.len_utf8();
    if !matches!(c, '.' | '!' | '?' | '…') {
        return Some(Mark::Goes(i));
    }
    // Swallow further end marks, closing quotes and brackets (none of
    // which is a line break).
    let i = closers_end(text.as_bytes(), i);
    let (spaced, next_word) = next_in_line(&text[i..]);
    let starts_new = next_word.is_some_and(opens_sentence);
    let ends = spaced && starts_new && !(c == '.' && is_abbreviation(&text[start..at]));
    Some(if ends { Mark::Ends(i) } else { Mark::Goes(i) })
}

/// Past the end marks, closing quotes and brackets from byte `i` of `b`
/// (a `str`'s, `i` a char boundary): `.`, `!`, `?`, `”`, `"`, `’`, `'`,
/// `)`, `]`, `»`, matched by their bytes.
fn closers_end(b: &[u8], mut i: usize) -> usize {
    loop {
        match b.get(i..).unwrap_or_default() {
            [b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']', ..] => i += 1,
            // ” and ’ (U+201D, U+2019), then » (U+00BB).
            [0xE2, 0x80, 0x9D | 0x99, ..] => i += 3,
            [0xC2, 0xBB, ..] => i += 2,
            _ => return i,
        }
    }
}

/// Whether a sentence may start with `n` (after white space): an
/// upper-case letter, a digit, an opening quote or a bracket.
fn opens_sentence(n: char) -> bool {
    if n.is_ascii() {
        return n.is_ascii_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '\'' | '(' | '[');
    }
    n.is_uppercase() || n.is_numeric() || "“‘«".contains(n)
}

/// Where the sentence of `text` starting at byte `start` ends (before
/// its white space is trimmed) and where the next one starts: the end of
/// the text when nothing ends it.
pub(crate) fn sentence_end(text: &str, start: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut i = start;
    // Jump from one possible end mark or line break to the next by bytes
    // ('…' is the only mark outside ASCII, and its lead byte starts a
    // char): one scan of the text, no search for the lines first.
    while let Some(at) = next_mark(bytes, i) {
        match mark_at(text, start, at) {
            Some(Mark::Line) => return (at, at + 1),
            Some(Mark::Ends(end)) => return (end, end),
            Some(Mark::Goes(next)) => i = next,
            None => break,
        }
    }
    (text.len(), text.len())
}

/// Of `after`, the text after a sentence's end mark, to the end of its
/// line: whether it starts with white space, and the first char after
/// that white space (`None` at the line's end).
fn next_in_line(after: &str) -> (bool, Option<char>) {
    // Most marks are followed by a space or a line break and ASCII: the
    // bytes say it. (ASCII white space but the line break is what
    // `char::is_whitespace` holds there.)
    let b = after.as_bytes();
    let k = b.iter().position(|c| !matches!(c, b'\t' | b'\x0B' | b'\x0C' | b'\r' | b' '));
    match k.map(|k| (k, b[k])) {
        None => return (!b.is_empty(), None),
        Some((k, c)) if c.is_ascii() => return (k > 0, (c != b'\n').then_some(char::from(c))),
        Some(_) => {}
    }
    // Else char by char, not a search for the line's end: a line may be
    // long, and this runs at every end mark.
    let spaced = after.starts_with(|c: char| c != '\n' && c.is_whitespace());
    let next = after.chars().find(|&c| c == '\n' || !c.is_whitespace()).filter(|&c| c != '\n');
    (spaced, next)
}

/// The first byte at or after `from` that may end a sentence: `.`, `!`,
/// `?`, a line break, or 0xE2 (the lead byte of `…`, and of other marks
/// the caller skips). Every byte of the text passes here: eight at a time
/// ([`find_any`]).
fn next_mark(bytes: &[u8], from: usize) -> Option<usize> {
    find_any(bytes, from, [b'.', b'!', b'?', b'\n', 0xE2])
}

/// Whether the word ending `before` (the text before a period) is an
/// abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    // The trailing run of letters, digits and dots, sliced, not copied:
    // by bytes while they are ASCII, char by char from a wider one.
    let b = before.as_bytes();
    let run = b.iter().rev().take_while(|c| c.is_ascii_alphanumeric() || **c == b'.').count();
    if b.len() > run && !b[b.len() - 1 - run].is_ascii() {
        let from = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
            .last()
            .map_or(before.len(), |(i, _)| i);
        return is_abbreviated(&before[from..]);
    }
    // All ASCII: the same tests on bytes.
    let word = &b[b.len() - run..];
    let lead = word.iter().take_while(|&&c| c == b'.').count();
    let trail = word[lead..].iter().rev().take_while(|&&c| c == b'.').count();
    let bare = &word[lead..word.len() - trail];
    match bare {
        [] => false,
        [c] if c.is_ascii_uppercase() => true,
        _ => {
            bare.contains(&b'.')
                || bare.len() <= ABBREVIATION_LEN
                    && ABBREVIATIONS.iter().any(|a| a.as_bytes().eq_ignore_ascii_case(bare))
        }
    }
}

/// Whether `run`, a word's trailing run of letters, digits and dots, is an
/// abbreviation or an initial, dots aside: one capital, dotted letters
/// ("U.S"), or one of the list, in any case.
fn is_abbreviated(run: &str) -> bool {
    let bare = run.trim_matches('.');
    if bare.is_empty() {
        return false;
    }
    let mut letters = bare.chars();
    let single_capital = matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
    // No abbreviation is longer than four bytes, nor lower-cases longer.
    let listed = || {
        if bare.is_ascii() {
            bare.len() <= ABBREVIATION_LEN && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(bare))
        } else {
            ABBREVIATIONS.contains(&bare.to_lowercase().as_str())
        }
    };
    single_capital || bare.contains('.') || listed()
}

/// The longest abbreviation's length.
const ABBREVIATION_LEN: usize = longest(&ABBREVIATIONS);

/// The length of the longest of `words` (0 for none), for constants:
/// a word list's bound, known when it is compiled.
pub(crate) const fn longest(words: &[&str]) -> usize {
    let (mut n, mut k) = (0, 0);
    while k < words.len() {
        if words[k].len() > n {
            n = words[k].len();
        }
        k += 1;
    }
    n
}

/// `start..end` of `text` without its leading and trailing white space,
/// unless nothing is left: a sentence's span.
pub(crate) fn trimmed(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let s = &text[start..end];
    let (lead, trail) =
        ascii_trim(s.as_bytes()).unwrap_or_else(|| (s.len() - s.trim_start().len(), s.len() - s.trim_end().len()));
    (start + lead < end - trail).then_some((start + lead, end - trail))
}

/// The lengths of `s`'s leading and trailing white space, as `str::trim`
/// finds it, when both end at an ASCII byte (as they do but for a few
/// sentences): a byte test instead of decoding and classing chars, once
/// per sentence. `None` when either reaches a wider char, which may be
/// white space.
fn ascii_trim(s: &[u8]) -> Option<(usize, usize)> {
    // The ASCII chars that `char::is_whitespace` holds.
    let space = |c: &u8| matches!(c, b'\t'..=b'\r' | b' ');
    let lead = s.iter().position(|c| !space(c)).unwrap_or(s.len());
    let trail = s.iter().rev().position(|c| !space(c)).unwrap_or(s.len());
    let ascii = |k: usize| s.get(k).is_none_or(u8::is_ascii);
    (ascii(lead) && (trail == s.len() || ascii(s.len() - 1 - trail))).then_some((lead, trail))
}

/// Words as a reader counts them: runs containing a letter or digit,
/// separated by white space (so "post-Cold War" is two words, "—" none).
pub fn word_count(text: &str) -> usize {
    word_count_upto(text, usize::MAX)
}

/// [`word_count`], but no more than `cap`: the text is read only to its
/// `cap`-th word, not to its end (attribution asks whether a quotation
/// has a few words; most quotations are long).
///
/// One pass over the chars (attribution counts the words of every
/// quotation, some more than once), not a split and a scan per piece: a
/// piece between white space counts at its first letter or digit.
pub fn word_count_upto(text: &str, cap: usize) -> usize {
    let (mut n, mut counted) = (0, false);
    for c in text.chars() {
        if c.is_whitespace() {
            counted = false;
        } else if !counted && c.is_alphanumeric() {
            if n == cap {
                break;
            }
            n += 1;
            counted = true;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_trim_is_str_trim_or_declines() {
        for s in ["", " ", " \t\x0B\x0C\r\n", "  a b  ", "a", "\u{A0}x ", " x\u{2003}", " é ", "\u{3000}", " ab\u{85}"]
        {
            let want = (s.len() - s.trim_start().len(), s.len() - s.trim_end().len());
            match ascii_trim(s.as_bytes()) {
                Some(got) => assert_eq!(got, want, "{s:?}"),
                None => assert!(s.starts_with(|c: char| !c.is_ascii()) || s.contains(|c: char| !c.is_ascii())),
            }
        }
        assert_eq!(ascii_trim(b"  ab \n"), Some((2, 2)));
        assert_eq!(ascii_trim(" \u{A0}ab".as_bytes()), None);
    }

    #[test]
    fn splits_paragraphs_and_skips_blank_lines() {
        let t = "One.\n\n  \nTwo two.\nThree";
        let got: Vec<&str> = paragraphs(t).map(|(s, e)| &t[s..e]).collect();
        assert_eq!(got, vec!["One.", "Two two.", "Three"]);
    }

    #[test]
    fn splits_sentences_but_not_at_titles_initials_or_acronyms() {
        let t = "Russian Deputy Foreign Minister Sergei A. Ryabkov spoke. Mr. Putin agreed! The U.S. did not.\n“Tensions have mounted.” He left.";
        let got: Vec<&str> = sentences(t).into_iter().map(|(s, e)| &t[s..e]).collect();
        assert_eq!(
            got,
            vec![
                "Russian Deputy Foreign Minister Sergei A. Ryabkov spoke.",
                "Mr. Putin agreed!",
                "The U.S. did not.",
                "“Tensions have mounted.”",
                "He left."
            ]
        );
    }

    /// The sentences as they were found before: paragraph by paragraph,
    /// each line searched for its end marks.
    fn sentences_by_paragraph(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (p_start, p_end) in paragraphs(text) {
            let para = &text[p_start..p_end];
            let mut start = 0;
            let mut i = 0;
            while let Some(at) = para[i..].find(['.', '!', '?', '…']).map(|k| i + k) {
                let c = para[at..].chars().next().unwrap_or('.');
                i = at + c.len_utf8();
                let rest = &para[i..];
                i += rest.len() - rest.trim_start_matches(['.', '!', '?', '”', '"', '’', '\'', ')', ']', '»']).len();
                let after = &para[i..];
                let spaced = after.starts_with(char::is_whitespace);
                let next_word = after.trim_start().chars().next();
                let starts_new =
                    next_word.is_some_and(|n| n.is_uppercase() || n.is_numeric() || "“\"‘'([«".contains(n));
                if spaced && starts_new && !(c == '.' && is_abbreviation(&para[start..at])) {
                    out.extend(trimmed(text, p_start + start, p_start + i));
                    start = i;
                }
            }
            out.extend(trimmed(text, p_start + start, p_end));
        }
        out
    }

    #[test]
    fn sentences_are_those_found_paragraph_by_paragraph() {
        let texts = [
            "One. Two!\nThree? Four.\n\n  \nFive… Six.\r\nSeven. \n Eight",
            "End.\nNext line. Mr.\nSmith. A.\nB. “Quoted.” \n(Aside.) \u{2028}Next.",
            "x.\u{a0}\nY. z.  \nW.\n.\n!\n?\n…\n",
            "Trailing space. \n",
            "No marks at all\n\nbut lines\n",
            "“Tensions have mounted.”\tHe left.\n\u{3000}Then.\n— Dash. Ünï. É. 1. 2.",
        ];
        for t in texts {
            assert_eq!(sentences(t), sentences_by_paragraph(t), "{t:?}");
            for cut in (0..=t.len()).filter(|&k| t.is_char_boundary(k)) {
                assert_eq!(sentences(&t[cut..]), sentences_by_paragraph(&t[cut..]), "{:?}", &t[cut..]);
            }
        }
        assert_eq!(next_in_line(" \nX"), (true, None));
        assert_eq!(next_in_line("\n X"), (false, None));
        assert_eq!(next_in_line("\u{a0} X\n"), (true, Some('X')));
    }

    /// The byte paths of the end-mark rule say what the char paths say.
    #[test]
    fn marks_read_by_bytes_as_by_chars() {
        let tails = [
            "",
            " ",
            "  X",
            " \nX",
            "\n X",
            "\t\r a",
            "\u{a0} X\n",
            " \u{3000}X",
            " “Q",
            " «Q",
            " ‘Q",
            " É",
            " 1",
            " ½",
            "x",
        ];
        for t in tails {
            let spaced = t.starts_with(|c: char| c != '\n' && c.is_whitespace());
            let next = t.chars().find(|&c| c == '\n' || !c.is_whitespace()).filter(|&c| c != '\n');
            assert_eq!(next_in_line(t), (spaced, next), "{t:?}");
        }
        for n in ['A', 'z', '0', '"', '\'', '(', '[', '{', '“', '‘', '«', '»', 'É', 'é', '½', '٣', '.'] {
            let want = n.is_uppercase() || n.is_numeric() || "“\"‘'([«".contains(n);
            assert_eq!(opens_sentence(n), want, "{n:?}");
        }
        let closers = ".!?”\"’')]»";
        for rest in ["", "x", ".”x", "’’ ", "»)] y", "“x", "\u{a0}", "…"] {
            let text = format!("{closers}{rest}");
            let want = text.len() - text.trim_start_matches(['.', '!', '?', '”', '"', '’', '\'', ')', ']', '»']).len();
            assert_eq!(closers_end(text.as_bytes(), 0), want, "{text:?}");
        }
        for (before, want) in [
            ("He met Mr", true),
            ("the U.S", true),
            ("Sergei A", true),
            ("in Zürich", false),
            ("É", true),
            ("Ünï", false),
            ("über Dr", true),
            ("x éa.b", true),
            ("said", false),
            ("", false),
            ("...", false),
        ] {
            assert_eq!(is_abbreviation(before), want, "{before:?}");
        }
        for before in ["x Mr", "x mr.", "MRS", "a.b.", "..A", "A..", "x.", "Jan", "janu", "Corp", "No", "n0", "X9", "q"]
        {
            let run = &before[before.rfind(|c: char| !c.is_alphanumeric() && c != '.').map_or(0, |k| k + 1)..];
            assert_eq!(is_abbreviation(before), is_abbreviated(run), "{before:?}");
        }
        assert_eq!(mark_at("A. B", 0, 1), Some(Mark::Goes(2)));
        assert_eq!(mark_at("Ab. B", 0, 2), Some(Mark::Ends(3)));
        assert_eq!(mark_at("Ab.\nB", 0, 3), Some(Mark::Line));
        assert_eq!(mark_at("Ab.” B", 0, 2), Some(Mark::Ends(6)));
        assert_eq!(mark_at("Ab… B", 0, 2), Some(Mark::Ends(5)));
        assert_eq!(mark_at("Ab, B", 0, 2), Some(Mark::Goes(3)));
        assert_eq!(mark_at("Ab", 0, 2), None);
    }

    #[test]
    fn sentences_of_odd_text_stay_in_bounds() {
        for t in ["", "...", "no punctuation at all", "a. b. c.", "😀. É. 中文。", "x!\n\n?"] {
            for (s, e) in sentences(t) {
                assert!(s < e && e <= t.len() && t.is_char_boundary(s) && t.is_char_boundary(e), "{t:?}");
            }
        }
    }

    #[test]
    fn next_mark_finds_what_a_byte_search_finds() {
        let text = "Mr. Baker “said” it… Really?! No—x. aaaaaaaaaaaaaaaaaaaaaaa! ééééééééé.".as_bytes();
        for from in 0..=text.len() + 1 {
            let want = text
                .get(from..)
                .and_then(|r| r.iter().position(|b| matches!(b, b'.' | b'!' | b'?' | b'\n' | 0xE2)))
                .map(|k| from + k);
            assert_eq!(next_mark(text, from), want, "{from}");
        }
        for b in 0..=255u8 {
            let mut t = [b'a'; 19];
            t[13] = b;
            let want = matches!(b, b'.' | b'!' | b'?' | b'\n' | 0xE2).then_some(13);
            assert_eq!(next_mark(&t, 1), want, "{b}");
        }
    }

    #[test]
    fn longest_is_the_longest_length() {
        assert_eq!(longest(&[]), 0);
        assert_eq!(longest(&["ab", "abcd", "abc"]), 4);
        assert_eq!(ABBREVIATION_LEN, ABBREVIATIONS.iter().map(|a| a.len()).max().unwrap_or(0));
    }

    #[test]
    fn counts_words_not_punctuation() {
        assert_eq!(word_count("KYIV, Ukraine – Russia on Friday"), 5);
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("non\u{a0}breaking"), 2);
        assert_eq!(word_count(" — a-b  —x \n\t9 "), 3);
    }

    #[test]
    fn words_up_to_a_cap_are_the_pieces_with_a_letter_or_digit() {
        let samples = [
            "",
            "  ",
            "one",
            "We refuse, — he said",
            " — a-b  —x \n\t9 ",
            "non\u{a0}breaking words here and there and more",
            "“ ” … ! ?",
            "Ünï code, words: ça va, très bien, merci beaucoup",
        ];
        for s in samples {
            let pieces = s.split_whitespace().filter(|p| p.chars().any(char::is_alphanumeric)).count();
            for cap in 0..8 {
                assert_eq!(word_count_upto(s, cap), pieces.min(cap), "{s:?} {cap}");
            }
            assert_eq!(word_count(s), pieces, "{s:?}");
        }
    }
}
