//! Paragraphs and words: the units the sidebar counts and the analysis walks.

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

/// Words as a reader counts them: runs containing a letter or digit,
/// separated by white space (so "post-Cold War" is two words, "—" none).
pub fn word_count(text: &str) -> usize {
    text.split(|c: char| c.is_whitespace()).filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_paragraphs_and_skips_blank_lines() {
        let t = "One.\n\n  \nTwo two.\nThree";
        let got: Vec<&str> = paragraphs(t).map(|(s, e)| &t[s..e]).collect();
        assert_eq!(got, vec!["One.", "Two two.", "Three"]);
    }

    #[test]
    fn counts_words_not_punctuation() {
        assert_eq!(word_count("KYIV, Ukraine – Russia on Friday"), 5);
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("non\u{a0}breaking"), 2);
    }
}
