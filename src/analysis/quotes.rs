//! Quotation marks paired into quotations, the way a careful reader pairs
//! them in real copy: curly, straight, guillemets, `` '' pairs, and the
//! malformed marks of hurried newsrooms (a closing mark glued to the next
//! word, an opening mark used to close a paragraph).
//!
//! Works paragraph by paragraph, so an unclosed mark can never swallow the
//! rest of the article; a quote continues into the next paragraph only when
//! that paragraph opens with a mark (the typographic convention for quotes
//! running over several paragraphs). Linear in the text.

use crate::text::bytes::{first_flagged, flag_zero, ONES};

/// A quotation found between marks; byte offsets into the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteSpan {
    /// Where the opening mark starts.
    pub open: usize,
    /// Content start (just after the opening mark).
    pub start: usize,
    /// Content end (just before the closing mark, or the paragraph end).
    pub end: usize,
    /// Where the closing mark ends; `None` when the paragraph ended first.
    pub close: Option<usize>,
}

impl QuoteSpan {
    /// Whether a real closing mark ends it: not a paragraph's end, not an
    /// opening mark standing in for a closer (but „…“ is a proper pair).
    pub fn closed_cleanly(&self, text: &str) -> bool {
        let Some(close) = self.close else { return false };
        let closer = text.get(self.end..close).unwrap_or_default();
        let opener = text.get(self.open..self.start).unwrap_or_default();
        let opening_shape = closer.starts_with(['“', '«', '„']) || closer == "``";
        !opening_shape || (opener == "„" && closer == "“")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Glyph {
    /// “ „ « ``: shaped to open.
    Open,
    /// ” » '': shaped to close (but seen used to open, too).
    Close,
    /// " : either; position decides.
    Straight,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    at: usize,
    len: usize,
    glyph: Glyph,
    /// Touches text on its right and space (or an opening bracket) on its left.
    opens: bool,
    /// Touches text on its left and space, punctuation or the end on its right.
    closes: bool,
    /// Nothing but white space follows it in the paragraph.
    at_end: bool,
}

/// All quotations of `text`, in order, not overlapping.
pub fn find_quotes(text: &str) -> Vec<QuoteSpan> {
    find_quotes_and_paragraphs(text).0
}

/// [`find_quotes`] and the paragraphs of `text` (those of
/// [`crate::text::segment::paragraphs`]: the lines that are not blank),
/// which its scan finds anyway: attribution asks for them, and reading the
/// whole text again for its line breaks (and collecting them) cost it 7 %
/// of its instructions on 100 KB.
pub fn find_quotes_and_paragraphs(text: &str) -> (Vec<QuoteSpan>, Vec<(usize, usize)>) {
    let mut out = Vec::new();
    let mut paragraphs = Vec::new();
    // An unclosed quote carried into the next paragraph.
    let mut carried: Option<QuoteSpan> = None;
    // Buffers reused from line to line.
    let (mut marks, mut found) = (Vec::new(), Vec::new());
    // The paragraphs of `segment::paragraphs` (the lines that are not
    // blank), each found by the same scan as its marks.
    let mut line = Some(0);
    while let Some(p_start) = line {
        let p_end = line_marks(text, p_start, &mut found, &mut marks);
        line = (p_end < text.len()).then_some(p_end + 1);
        if text.get(p_start..p_end).is_none_or(|l| l.trim().is_empty()) {
            continue;
        }
        paragraphs.push((p_start, p_end));
        let mut open: Option<QuoteSpan> = None;
        let mut rest = &marks[..];
        if let Some(mut q) = carried.take() {
            // Continues only if this paragraph opens with a mark.
            match marks.first() {
                Some(m) if m.at == first_non_space(text, p_start, p_end) && m.glyph != Glyph::Close => {
                    q.end = p_end;
                    open = Some(q);
                    rest = &marks[1..];
                }
                _ => out.push(q),
            }
        }
        let mut k = 0;
        while k < rest.len() {
            let m = &rest[k];
            k += 1;
            match open {
                None => {
                    let can_open = match m.glyph {
                        Glyph::Open | Glyph::Straight => !m.at_end && (m.opens || !m.closes),
                        // A closing shape used as an opener: only in an
                        // unmistakable opening position.
                        Glyph::Close => m.opens && !m.closes,
                    };
                    if can_open {
                        open = Some(QuoteSpan { open: m.at, start: m.at + m.len, end: p_end, close: None });
                    }
                }
                Some(q) => {
                    if closes_open_quote(m) {
                        if m.at > q.start {
                            out.extend(spaced_guillemets(
                                text,
                                QuoteSpan { end: m.at, close: Some(m.at + m.len), ..q },
                            ));
                        }
                        open = None;
                    } else if nested(&rest[k..]) {
                        // A quotation inside the quotation, in the same
                        // marks: “He said “no” to me.” Its closer is the
                        // next mark; the outer one goes on.
                        k += 1;
                    } else {
                        // A fresh opener while one is open: the earlier
                        // closing mark is missing. Keep the earlier quote only
                        // up to here, then start again.
                        out.extend(trimmed(text, QuoteSpan { end: m.at, ..q }));
                        open = Some(QuoteSpan { open: m.at, start: m.at + m.len, end: p_end, close: None });
                    }
                }
            }
        }
        if let Some(q) = open {
            carried = trimmed(text, QuoteSpan { end: p_end, ..q });
        }
    }
    out.extend(carried);
    (out, paragraphs)
}

/// French guillemets set their content off with spaces (« oui »): the
/// content is what lies between the spaces. `None` if nothing does.
fn spaced_guillemets(text: &str, q: QuoteSpan) -> Option<QuoteSpan> {
    let guillemet = |at: usize| text.get(at..).is_some_and(|r| r.starts_with(['«', '»']));
    if !guillemet(q.open) {
        return Some(q);
    }
    let content = text.get(q.start..q.end)?;
    let lead = content.len() - content.trim_start().len();
    let inner = content.trim();
    (!inner.is_empty()).then_some(QuoteSpan { start: q.start + lead, end: q.start + lead + inner.len(), ..q })
}

/// Whether mark `m`, met while a quotation is open, closes it.
fn closes_open_quote(m: &Mark) -> bool {
    match m.glyph {
        Glyph::Close | Glyph::Straight => true,
        // An opening shape closes when it sits where a closer sits: after
        // text, or at the paragraph end.
        Glyph::Open => m.closes || m.at_end || !m.opens,
    }
}

/// After a fresh curly opener inside an open quotation: whether the marks
/// that follow close twice (the inner quotation, then the outer) before
/// anything opens again. Looks at two marks at most.
fn nested(after: &[Mark]) -> bool {
    let mut it = after.iter().take(2);
    let curly_closer = |m: &Mark| m.glyph == Glyph::Close && closes_open_quote(m);
    matches!((it.next(), it.next()), (Some(a), Some(b)) if curly_closer(a) && curly_closer(b))
}

/// Drops trailing white space of an unclosed quote; `None` if nothing is left.
fn trimmed(text: &str, q: QuoteSpan) -> Option<QuoteSpan> {
    let content = text.get(q.start..q.end)?;
    let end = q.start + content.trim_end().len();
    (end > q.start).then_some(QuoteSpan { end, ..q })
}

fn first_non_space(text: &str, start: usize, end: usize) -> usize {
    text.get(start..end).map_or(start, |p| start + (p.len() - p.trim_start().len()))
}

/// The line from `start` (to the next line break or the text's end):
/// returns its end and leaves its quotation marks in `marks`. One scan finds
/// both the line break and the bytes that may start a mark (`found`, a
/// buffer); the marks are then read with the line's bounds known.
fn line_marks(text: &str, start: usize, found: &mut Vec<usize>, marks: &mut Vec<Mark>) -> usize {
    let bytes = text.as_bytes();
    found.clear();
    // The ASCII marks and the lead bytes of “ ” „ (0xE2) and « » (0xC2),
    // which always start a char. Everything else is skipped without
    // decoding, eight bytes at a time.
    let mut from = start;
    let end = loop {
        match next_candidate(bytes, from) {
            Some(i) if bytes.get(i) == Some(&b'\n') => break i,
            Some(i) => {
                found.push(i - start);
                from = i + 1;
            }
            None => break text.len(),
        }
    };
    marks_in(text, start, end, found, marks);
    end
}

/// Whether byte `b` may start a quotation mark or is a line break: the
/// ASCII marks and the lead bytes of “ ” „ (0xE2) and « » (0xC2).
fn is_candidate(b: u8) -> bool {
    matches!(b, b'\n' | b'"' | b'`' | b'\'' | 0xC2 | 0xE2)
}

/// The first index at or after `from` whose byte [`is_candidate`]
/// accepts. Eight bytes at a time by four tests, not six: `"` and `'`
/// (0x22, 0x27) are found as one, the bytes whose value with bits 0 and 2
/// set is 0x27, which `#` and `&` also are (rare: passed over here), as
/// the lead bytes 0xC2 and 0xE2 are with bit 5 set.
fn next_candidate(bytes: &[u8], mut from: usize) -> Option<usize> {
    let each = |b: u8| ONES * u64::from(b);
    loop {
        let i = first_flagged(
            bytes,
            from,
            |v| {
                flag_zero(v ^ each(b'\n'))
                    | flag_zero(v ^ each(b'`'))
                    | flag_zero((v | each(0x05)) ^ each(0x27))
                    | flag_zero((v | each(0x20)) ^ each(0xE2))
            },
            is_candidate,
        )?;
        if bytes.get(i).is_some_and(|&b| is_candidate(b)) {
            return Some(i);
        }
        from = i + 1;
    }
}

/// The quotation marks of the paragraph `start..end` into `marks`, read at
/// the candidate offsets `found` (relative to `start`, in order).
fn marks_in(text: &str, start: usize, end: usize, found: &[usize], marks: &mut Vec<Mark>) {
    marks.clear();
    let Some(para) = text.get(start..end) else {
        return;
    };
    // Inside an attribute value of markup left in the text (author="...").
    let mut in_attribute = false;
    // Candidates inside a mark already read (the second of `` or '') are
    // passed over.
    let mut from = 0;
    for &i in found {
        if i < from {
            continue;
        }
        let Some(c) = para.get(i..).and_then(|r| r.chars().next()) else { break };
        from = i + c.len_utf8();
        // Most candidates are apostrophes (’) and dashes: no mark.
        if !matches!(c, '“' | '„' | '«' | '”' | '»' | '"' | '`' | '\'') {
            continue;
        }
        // The char just before the mark (the paragraph's start counts as a space).
        let prev = para[..i].chars().next_back();
        if c == '"' && (in_attribute || prev == Some('=')) {
            in_attribute = !in_attribute;
            continue;
        }
        let follows = para.get(from..).and_then(|r| r.chars().next());
        let (glyph, len) = match c {
            '“' | '„' | '«' => (Glyph::Open, c.len_utf8()),
            '”' | '»' => (Glyph::Close, c.len_utf8()),
            '"' => (Glyph::Straight, 1),
            '`' if follows == Some('`') => (Glyph::Open, 2),
            '\'' if follows == Some('\'') => (Glyph::Close, 2),
            _ => continue,
        };
        from = i + len;
        let next = para.get(i + len..).and_then(|r| r.chars().next());
        let at_end = para.get(i + len..).is_some_and(|r| r.trim().is_empty());
        let space_before = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p));
        let space_after = next.is_none_or(char::is_whitespace);
        let punct_after = next.is_some_and(|n| ",.;:!?)]}—–".contains(n));
        marks.push(Mark {
            at: start + i,
            len,
            glyph,
            opens: space_before && !space_after,
            closes: !space_before && (space_after || punct_after),
            at_end,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<&str> {
        find_quotes(text).into_iter().map(|q| &text[q.start..q.end]).collect()
    }

    #[test]
    fn pairs_curly_straight_and_guillemets() {
        assert_eq!(quotes("He said “yes, we can.” Then \"no\" and «oui»."), vec!["yes, we can.", "no", "oui"]);
    }

    #[test]
    fn closing_mark_glued_to_the_next_word_still_closes() {
        let t = "“Any new aggression would have a high price tag, ”the statement said.";
        assert_eq!(quotes(t), vec!["Any new aggression would have a high price tag, "]);
    }

    #[test]
    fn opening_mark_at_paragraph_end_closes_and_never_runs_on() {
        let t = "“Our warnings have been heard,” he told them. “Tensions have mounted. “\nAndrew E. Kramer reported from Kiev.";
        assert_eq!(quotes(t), vec!["Our warnings have been heard,", "Tensions have mounted. "]);
    }

    #[test]
    fn unclosed_quote_stops_at_paragraph_end() {
        let t = "He said “this never closes.\nNext paragraph “is separate.”";
        assert_eq!(quotes(t), vec!["this never closes.", "is separate."]);
    }

    #[test]
    fn quote_runs_over_paragraphs_when_the_next_opens_with_a_mark() {
        let t = "She said: “First part.\n“Second part,” she added.";
        let q = find_quotes(t);
        assert_eq!(q.len(), 1);
        assert_eq!(&t[q[0].start..q[0].end], "First part.\n“Second part,");
    }

    #[test]
    fn nyt_double_apostrophes_and_backticks() {
        assert_eq!(quotes("He called it ''a disaster,'' adding ``no more''."), vec!["a disaster,", "no more"]);
    }

    #[test]
    fn nested_quotes_in_the_same_marks_stay_inside() {
        let t = "“He told me “no” and left,” she said. “Then “yes” came.”";
        assert_eq!(quotes(t), vec!["He told me “no” and left,", "Then “yes” came."]);
        // A missing closer is still a missing closer, not nesting.
        assert_eq!(quotes("“First part “Second part” ends."), vec!["First part", "Second part"]);
    }

    #[test]
    fn french_guillemets_drop_their_inner_spaces() {
        assert_eq!(quotes("Il a dit « non merci » hier, puis «\u{a0}oui\u{a0}»."), vec!["non merci", "oui"]);
        assert_eq!(quotes("Er sagte »ja« und „nein“."), vec!["ja", "nein"]);
    }

    #[test]
    fn markup_attribute_values_are_not_quotations() {
        let t = "<tweet id=\"123\" author=\"@someone\">He wrote \"hello there\" today</tweet>";
        assert_eq!(quotes(t), vec!["hello there"]);
    }

    #[test]
    fn quote_over_three_paragraphs_and_no_run_into_the_byline() {
        let t = "He said: “One.\n“Two.\n“Three.”\nJane Doe reported from Paris.";
        let q = find_quotes(t);
        assert_eq!(q.len(), 1);
        assert_eq!(&t[q[0].start..q[0].end], "One.\n“Two.\n“Three.");
        let t = "She said: “Never closed.\nJane Doe reported from Paris.";
        assert_eq!(quotes(t), vec!["Never closed."]);
    }

    #[test]
    fn line_marks_ends_at_the_line_break_and_reads_its_marks_only() {
        let t = "He said ``no'' and “yes”\n« oui » it's \"x\"";
        let (mut found, mut marks) = (Vec::new(), Vec::new());
        let end = line_marks(t, 0, &mut found, &mut marks);
        assert_eq!(end, t.find('\n').unwrap());
        let at: Vec<(usize, usize)> = marks.iter().map(|m| (m.at, m.len)).collect();
        assert_eq!(at, [(8, 2), (12, 2), (19, 3), (25, 3)]);
        assert!(marks[0].opens && marks[1].closes && marks[3].at_end);
        let end2 = line_marks(t, end + 1, &mut found, &mut marks);
        assert_eq!(end2, t.len());
        let glyphs: Vec<Glyph> = marks.iter().map(|m| m.glyph).collect();
        assert_eq!(glyphs, [Glyph::Open, Glyph::Close, Glyph::Straight, Glyph::Straight]);
        assert_eq!(line_marks(t, t.len(), &mut found, &mut marks), t.len());
        assert!(marks.is_empty());
    }

    #[test]
    fn next_candidate_finds_what_a_byte_loop_finds() {
        let mut t: Vec<u8> = (0..=255u8).collect();
        t.extend(b"plain text, no marks at all here! #1 $2 %3 &4 then ` and ' # & #&");
        t.extend("“x” «y» „z“ it’s — done\r\n##&&\"".as_bytes());
        for from in 0..=t.len() + 1 {
            let want = t.get(from..).and_then(|r| r.iter().position(|&b| is_candidate(b))).map(|k| from + k);
            assert_eq!(next_candidate(&t, from), want, "{from}");
        }
    }

    #[test]
    fn paragraphs_are_those_of_segment() {
        for t in [
            "",
            "\n",
            "One.\n\n  \nTwo “x”\n",
            "  \t\nLast line without a break",
            "He said: “One.\n“Two.\n\u{a0}\n“Three.”\nJane Doe.\n\n",
        ] {
            let want: Vec<(usize, usize)> = crate::text::segment::paragraphs(t).collect();
            assert_eq!(find_quotes_and_paragraphs(t).1, want, "{t:?}");
        }
    }

    #[test]
    fn apostrophes_are_not_quote_marks() {
        assert!(quotes("Russia’s Foreign Ministry and NATO's chief don't agree.").is_empty());
    }

    #[test]
    fn many_marks_and_unclosed_starts_stay_linear_and_in_bounds() {
        let t = format!("“{}", "word \" ".repeat(50_000));
        for q in find_quotes(&t) {
            assert!(q.start < q.end && q.end <= t.len());
            assert!(t.is_char_boundary(q.start) && t.is_char_boundary(q.end));
        }
        assert!(find_quotes("").is_empty());
        assert!(find_quotes("“").is_empty());
    }
}
