//! What an element's tag, attributes and class names say about it.
//!
//! Detection (which element is the article) and extraction (what inside it is
//! text) read the same signals: elements a reader never sees, block versus
//! inline layout, and class/id words such as `comment` or `story`. Keeping
//! them in one place keeps the two in agreement. Class and id values are read
//! as word parts (split on `-`, `_`, white space, digits and camelCase), so
//! that `article-body` is never an ad and `adSlot` is.

use super::tree::Element;

/// Elements whose content is never rendered as text.
const NEVER_RENDERED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "head", "title", "meta", "link", "object", "embed",
    "canvas", "video", "audio", "picture", "img", "source", "track", "map", "area", "param", "base",
];

/// Block-level elements: they start and end a paragraph.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "plaintext",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "xmp",
    "option",
    "select",
    "textarea",
    "button",
    "input",
    "iframe",
    "video",
    "audio",
    "canvas",
];

/// Elements that are page furniture wherever they sit inside an article.
const FURNITURE: &[&str] = &[
    "nav",
    "aside",
    "footer",
    "form",
    "button",
    "figure",
    "figcaption",
    "select",
    "option",
    "input",
    "textarea",
    "dialog",
    "menu",
];

/// True for elements that are not rendered at all: non-text elements, and
/// elements hidden by `hidden`. With `strict`, also `aria-hidden="true"`
/// (decorative to a screen reader, usually duplicate or icon text) and the
/// widget's own host element (`data-newsgloss`).
pub(crate) fn is_unrendered(el: &Element, strict: bool) -> bool {
    if NEVER_RENDERED.contains(&el.tag.as_str()) || el.attr("hidden").is_some() {
        return true;
    }
    strict
        && (el.attr("data-newsgloss").is_some()
            || el.attr("aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")))
}

/// ARIA roles of page furniture (navigation, complementary asides, dialogs,
/// the site's banner and footer).
pub(crate) fn is_furniture_role(el: &Element) -> bool {
    el.attr("role").is_some_and(|r| {
        r.split_ascii_whitespace().any(|r| {
            matches!(
                r.to_ascii_lowercase().as_str(),
                "navigation"
                    | "complementary"
                    | "menu"
                    | "menubar"
                    | "dialog"
                    | "alertdialog"
                    | "banner"
                    | "contentinfo"
                    | "search"
            )
        })
    })
}

pub(crate) fn is_block(tag: &str) -> bool {
    BLOCK.contains(&tag)
}

/// True for tags that are furniture (navigation, asides, forms, figures)
/// rather than article prose.
pub(crate) fn is_furniture_tag(tag: &str) -> bool {
    FURNITURE.contains(&tag)
}

/// Class/id words that mark an element as the article, or part of it.
fn is_positive_word(w: &str) -> bool {
    matches!(
        w,
        "article"
            | "articles"
            | "body"
            | "content"
            | "entry"
            | "hentry"
            | "main"
            | "post"
            | "story"
            | "text"
            | "blog"
            | "prose"
    )
}

/// Class/id words that mark an element as page furniture: enough to lower a
/// container's score in detection.
fn is_negative_word(w: &str) -> bool {
    is_excluded_word(w)
        || matches!(
            w,
            "meta"
                | "footer"
                | "foot"
                | "nav"
                | "navbar"
                | "navigation"
                | "menu"
                | "sidebar"
                | "rail"
                | "popup"
                | "modal"
                | "cookie"
                | "cookies"
                | "consent"
                | "gdpr"
                | "breadcrumb"
                | "breadcrumbs"
                | "widget"
                | "widgets"
                | "hidden"
                | "banner"
                | "masthead"
                | "tags"
                | "toolbar"
                | "tools"
                | "skip"
                | "login"
                | "signin"
                | "shopping"
                | "combx"
                | "contact"
                | "pagination"
                | "pager"
                | "outbrain"
                | "taboola"
                | "trending"
                | "popular"
                | "recommended"
                | "recommendations"
                | "author"
                | "bio"
                | "timestamp"
                | "dateline"
        )
}

/// Class/id words that mark furniture even inside the article body:
/// comments, ads, sharing, related links, captions, bylines, sign-ups.
fn is_excluded_word(w: &str) -> bool {
    // Stems: `sharetools`, `socialLinks` (one part), `comments`, `captioned`.
    const STEMS: &[&str] = &[
        "comment",
        "advert",
        "sponsor",
        "share",
        "sharing",
        "social",
        "related",
        "caption",
        "byline",
        "newsletter",
        "subscri",
        "promo",
        "outbrain",
        "taboola",
        "recirc",
    ];
    matches!(
        w,
        "ad" | "ads"
            | "adv"
            | "adslot"
            | "adunit"
            | "adsbygoogle"
            | "dfp"
            | "disqus"
            | "credit"
            | "credits"
            | "signup"
            | "footer"
            | "player"
            | "toolbar"
    ) || (STEMS.iter().any(|s| w.starts_with(s)) && !matches!(w, "commentary" | "shareholder" | "shareholders"))
}

/// Two-word names of link lists: `most-read`, `mostPopular`, `read-more`.
fn is_excluded_pair(a: &str, b: &str) -> bool {
    matches!(
        (a, b),
        ("most", "read" | "popular" | "viewed" | "shared" | "emailed" | "commented")
            | ("read" | "see", "more" | "next" | "also")
            | ("more", "stories" | "from" | "on")
            | ("up", "next")
            | ("you", "may" | "might")
    )
}

/// Splits a class or id value into lower-case word parts: on anything not
/// alphanumeric, between letters and digits, and at camelCase humps
/// (`adSlot` → `ad`, `slot`; `HTMLBody` → `html`, `body`).
pub(crate) fn word_parts(value: &str) -> impl Iterator<Item = String> + '_ {
    let chars: Vec<char> = value.chars().collect();
    let mut parts = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                parts.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(&prev) = i.checked_sub(1).and_then(|j| chars.get(j)) {
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let boundary = (prev.is_lowercase() && c.is_uppercase())
                || (prev.is_uppercase() && c.is_uppercase() && next_lower)
                || (prev.is_alphabetic() && c.is_numeric())
                || (prev.is_numeric() && c.is_alphabetic());
            if boundary && !cur.is_empty() {
                parts.push(std::mem::take(&mut cur));
            }
        }
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        parts.push(cur);
    }
    parts.into_iter()
}

fn any_word(el: &Element, pred: fn(&str) -> bool) -> bool {
    ["class", "id"].iter().filter_map(|name| el.attr(name)).any(|v| word_parts(v).any(|w| pred(&w)))
}

/// Readability-style class weight: +25 for each of class and id that reads
/// like article content, −25 for each that reads like furniture.
pub(crate) fn class_weight(el: &Element) -> f64 {
    let mut weight = 0.0;
    for name in ["class", "id"] {
        let Some(v) = el.attr(name) else { continue };
        let (mut pos, mut neg) = (false, false);
        for w in word_parts(v) {
            pos |= is_positive_word(&w);
            neg |= is_negative_word(&w);
        }
        if neg {
            weight -= 25.0;
        }
        if pos {
            weight += 25.0;
        }
    }
    weight
}

/// True when the element's class or id marks it as furniture to drop from
/// the article text (comments, ads, share bars, related links, captions,
/// bylines, newsletter sign-ups), or as hidden or for screen readers only.
pub(crate) fn is_excluded_by_name(el: &Element) -> bool {
    ["class", "id"].iter().filter_map(|name| el.attr(name)).any(|v| {
        let parts: Vec<String> = word_parts(v).collect();
        parts.iter().any(|w| is_excluded_word(w)) || parts.windows(2).any(|p| is_excluded_pair(&p[0], &p[1]))
    }) || is_hidden_by_class(el)
}

/// Utility classes that hide an element (`hidden`, `visually-hidden`,
/// `sr-only`), unless a responsive variant (`md:block`) shows it again.
fn is_hidden_by_class(el: &Element) -> bool {
    let Some(class) = el.attr("class") else {
        return false;
    };
    let mut tokens = class.split_ascii_whitespace();
    !class.contains(':')
        && tokens.any(|t| {
            matches!(
                t.to_ascii_lowercase().as_str(),
                "hidden"
                    | "hide"
                    | "is-hidden"
                    | "u-hidden"
                    | "visually-hidden"
                    | "visuallyhidden"
                    | "sr-only"
                    | "screen-reader-text"
                    | "screenreader-only"
                    | "offscreen"
            )
        })
}

/// True when class or id reads like furniture (the wider detection list).
pub(crate) fn is_negative_by_name(el: &Element) -> bool {
    is_excluded_by_name(el) || any_word(el, is_negative_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(v: &str) -> Vec<String> {
        word_parts(v).collect()
    }

    #[test]
    fn splits_class_names_into_word_parts() {
        assert_eq!(parts("article-body"), ["article", "body"]);
        assert_eq!(parts("adSlot top_ad"), ["ad", "slot", "top", "ad"]);
        assert_eq!(parts("HTMLBody"), ["html", "body"]);
        assert_eq!(parts("ad300x250"), ["ad", "300", "x", "250"]);
        assert_eq!(parts("  "), Vec::<String>::new());
        assert_eq!(parts("Überschrift"), ["überschrift"]);
    }

    #[test]
    fn substrings_are_not_words() {
        let el = |c: &str| Element::new("div").with("class", c);
        assert!(!is_excluded_by_name(&el("article-body headline")));
        assert!(!is_excluded_by_name(&el("shadow loaded")));
        assert!(is_excluded_by_name(&el("ad-container")));
        assert!(is_excluded_by_name(&el("articleComments")));
        assert!(is_excluded_by_name(&Element::new("div").with("id", "related_links")));
        assert!(is_excluded_by_name(&el("sharetools-menu")));
        assert!(is_excluded_by_name(&el("most-read-container")));
        assert!(is_excluded_by_name(&el("mostPopular")));
        assert!(!is_excluded_by_name(&el("most-recent read")));
        assert!(!is_excluded_by_name(&el("commentary-body")));
        assert!(is_excluded_by_name(&el("prompt hidden")));
        assert!(is_excluded_by_name(&el("visually-hidden")));
        assert!(!is_excluded_by_name(&el("hidden md:block")));
        assert!(!is_excluded_by_name(&el("overflow-hidden")));
        assert_eq!(class_weight(&el("story-body")), 25.0);
        assert_eq!(class_weight(&el("sidebar")), -25.0);
        assert_eq!(class_weight(&Element::new("div").with("class", "sidebar").with("id", "main-nav")), -25.0);
    }

    #[test]
    fn unrendered_elements() {
        assert!(is_unrendered(&Element::new("script"), false));
        assert!(is_unrendered(&Element::new("div").with("hidden", ""), false));
        let aria = Element::new("span").with("aria-hidden", "true");
        assert!(!is_unrendered(&aria, false));
        assert!(is_unrendered(&aria, true));
        assert!(is_unrendered(&Element::new("div").with("data-newsgloss", ""), true));
        assert!(!is_unrendered(&Element::new("p"), true));
    }
}
