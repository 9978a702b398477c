//! What the "My notes" panel shows and what it can ask for: the panel's
//! model (built by the shell from the stored annotations and where they
//! anchored) and the commands it sends back. Pure, so the ordering and
//! grouping rules are tested natively.

use crate::analysis::ActorKind;
use crate::annotation::reader::{Correction, Draft, FindingKind, NoteView};

/// One annotation as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteRow {
    pub id: String,
    /// The annotated text, cut short.
    pub exact: String,
    pub note: String,
    pub tags: Vec<String>,
    pub colour: String,
    /// For a correction: what it says ("Not a quote", "Speaker: X").
    pub correction: Option<String>,
    /// A correction that changes nothing this time: its text is outside
    /// the article, or the finding it is about is gone.
    pub inactive: bool,
}

/// A message for the reader in the panel.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub text: String,
    pub error: bool,
    /// Offer "Undo" (after a delete).
    pub undo: bool,
}

/// The panel's content.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NotesModel {
    /// Anchored annotations, in text order.
    pub rows: Vec<NoteRow>,
    /// Annotations whose text is no longer on the page.
    pub orphans: Vec<NoteRow>,
    /// Every tag used on the page, for completion.
    pub tags: Vec<String>,
    pub message: Option<Message>,
    /// The text the reader has selected on the page (what "Annotate" would
    /// annotate), and where to show the floating button (viewport px).
    pub selection: Option<(String, f64, f64)>,
    /// The text the open editor is about (remembered when "Annotate" was
    /// pressed).
    pub pending: Option<String>,
    /// Bumped by the shell to open the editor on `pending` (the `a` key).
    pub open_editor: u32,
}

/// What a reader can mark a selection as, besides noting it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Actor(ActorKind),
    Quote,
}

/// What the panel asks the shell to do.
#[derive(Debug, Clone, PartialEq)]
pub enum NoteCmd {
    /// The reader pressed "Annotate": remember the selection the editor is
    /// about (focusing the editor may change the page's selection).
    Begin,
    /// Save a plain highlight on the current selection at once.
    Highlight,
    /// Save a new note on the remembered selection (and mark it, if asked).
    Create(Draft, Option<Mark>),
    Update(String, Draft),
    Delete(String),
    Undo,
    /// Scroll to an annotation.
    Focus(String),
    /// Download the export (`copy`: to the clipboard instead).
    Export {
        findings: bool,
        copy: bool,
    },
    /// The text of a file the reader picked.
    Import(String),
    /// Confirm (`true`) or reject the `i`-th finding of a kind in its list.
    Correct(FindingKind, usize, bool),
    /// Set the `i`-th quote's speaker to the actor of this name.
    Speaker(usize, String),
    DismissMessage,
}

/// Excerpts longer than this many code points are cut.
const EXCERPT: usize = 140;

/// The panel's rows: anchored ones by where they start, orphans by when
/// they were made; tags of all, sorted case-insensitively, once each.
pub fn rows(notes: Vec<(NoteView, Option<usize>, bool)>) -> (Vec<NoteRow>, Vec<NoteRow>, Vec<String>) {
    let mut tags: Vec<String> = Vec::new();
    for (v, _, _) in &notes {
        for t in &v.tags {
            if !tags.iter().any(|x| x.eq_ignore_ascii_case(t)) {
                tags.push(t.clone());
            }
        }
    }
    tags.sort_by_key(|t| t.to_lowercase());
    let (mut anchored, mut orphans): (Vec<_>, Vec<_>) = notes.into_iter().partition(|(_, at, _)| at.is_some());
    anchored.sort_by_key(|(v, at, _)| (*at, v.created.clone()));
    orphans.sort_by_key(|(v, _, _)| v.created.clone());
    let row = |(v, _, inactive): (NoteView, Option<usize>, bool)| NoteRow {
        inactive,
        correction: v.correction.as_ref().map(describe),
        exact: excerpt(&v.exact),
        id: v.id,
        note: v.note,
        tags: v.tags,
        colour: v.colour,
    };
    (anchored.into_iter().map(row).collect(), orphans.into_iter().map(row).collect(), tags)
}

/// A correction in words.
pub fn describe(c: &Correction) -> String {
    let finding = |f: &FindingKind| match f {
        FindingKind::Actor => "actor",
        FindingKind::Quote => "quotation",
        FindingKind::Dispute => "disputed claim",
    };
    match c {
        Correction::Confirm { finding: f } => format!("Confirmed {}", finding(f)),
        Correction::Reject { finding: f } => {
            format!("Not a{} {}", if matches!(f, FindingKind::Actor) { "n" } else { "" }, finding(f))
        }
        Correction::Speaker { name } => format!("Said by {name}"),
        Correction::MissedActor { kind } => format!("Marked as {}", kind_word(*kind)),
        Correction::MissedQuote { speaker: Some(s) } => format!("Marked as a quotation by {s}"),
        Correction::MissedQuote { speaker: None } => "Marked as a quotation".into(),
    }
}

fn kind_word(k: ActorKind) -> &'static str {
    match k {
        ActorKind::Person => "a person",
        ActorKind::Organization => "an organization",
        ActorKind::Place => "a place",
        ActorKind::Group => "a group",
    }
}

fn excerpt(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= EXCERPT {
        return s;
    }
    let mut cut: String = s.chars().take(EXCERPT).collect();
    cut.push('…');
    cut
}

/// Tags matching what the reader is typing (prefix, case-insensitive),
/// not already on the note.
pub fn complete<'a>(known: &'a [String], typed: &str, taken: &[String]) -> Vec<&'a str> {
    let typed = typed.trim().to_lowercase();
    known
        .iter()
        .filter(|t| t.to_lowercase().starts_with(&typed) && !taken.iter().any(|x| x.eq_ignore_ascii_case(t)))
        .map(String::as_str)
        .take(8)
        .collect()
}

/// A note's text cut into plain runs and web links (`http://`, `https://`),
/// so that links can be shown as links while everything stays text.
/// Trailing punctuation is not part of a link.
pub fn linkify(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = ["https://", "http://"].iter().filter_map(|p| rest.find(p)).min() {
        let end =
            rest[i..].find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"')).map_or(rest.len(), |e| i + e);
        let link = rest[i..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'']);
        let end = i + link.len();
        if link.len() <= "https://".len() {
            out.push((false, &rest[..end]));
        } else {
            if i > 0 {
                out.push((false, &rest[..i]));
            }
            out.push((true, link));
        }
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        out.push((false, rest));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(id: &str, exact: &str, tags: &[&str], created: &str) -> NoteView {
        NoteView {
            id: id.into(),
            exact: exact.into(),
            note: String::new(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            colour: "yellow".into(),
            correction: None,
            created: Some(created.into()),
            modified: None,
        }
    }

    #[test]
    fn rows_in_text_order_orphans_apart_tags_once() {
        let (rows, orphans, tags) = rows(vec![
            (view("b", "second", &["nato", "Russia"], "2"), Some(50), false),
            (view("a", "first\n  line", &["NATO"], "3"), Some(10), false),
            (view("o", "gone", &["baker"], "1"), None, false),
        ]);
        assert_eq!(rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(rows[0].exact, "first line");
        assert_eq!(orphans[0].id, "o");
        assert_eq!(tags, ["baker", "nato", "Russia"]);
        assert_eq!(complete(&tags, "r", &[]), ["Russia"]);
        assert_eq!(complete(&tags, "", &["NATO".into()]), ["baker", "Russia"]);
    }

    #[test]
    fn corrections_read_as_words() {
        assert_eq!(describe(&Correction::Reject { finding: FindingKind::Actor }), "Not an actor");
        assert_eq!(describe(&Correction::Reject { finding: FindingKind::Quote }), "Not a quotation");
        assert_eq!(describe(&Correction::Speaker { name: "James Baker".into() }), "Said by James Baker");
        assert_eq!(describe(&Correction::MissedActor { kind: ActorKind::Organization }), "Marked as an organization");
    }

    #[test]
    fn long_excerpts_are_cut() {
        let (rows, _, _) = rows(vec![(view("a", &"word ".repeat(100), &[], "1"), Some(0), true)]);
        assert!(rows[0].inactive);
        assert_eq!(rows[0].exact.chars().count(), EXCERPT + 1);
        assert!(rows[0].exact.ends_with('…'));
    }

    #[test]
    fn links_are_found_and_the_rest_stays_text() {
        assert_eq!(
            linkify("see https://x.example/a?b=1. and <img src=x onerror=alert(1)>"),
            [(false, "see "), (true, "https://x.example/a?b=1"), (false, ". and <img src=x onerror=alert(1)>")]
        );
        assert_eq!(linkify("javascript:alert(1) http://"), [(false, "javascript:alert(1) http://")]);
        assert_eq!(linkify(""), []);
    }
}
