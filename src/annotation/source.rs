//! The IRI an annotation's target points at: what the analysed text is.
//!
//! An article read from a web page is that page (its `<link rel=canonical>`
//! when it has one); a file is its `file://` URL; standard input has no
//! address of its own and is [`STDIN_SOURCE`]. Pure string work: the caller
//! (the CLI) makes paths absolute.

/// The source of text read from standard input.
pub const STDIN_SOURCE: &str = "urn:newsgloss:stdin";

/// The `file://` URL of an absolute path, percent-encoded (UTF-8) where a
/// URL may not hold a character as is. Backslashes and a drive letter
/// (`C:\dir\a.txt`) are read as a Windows path: `file:///C:/dir/a.txt`.
pub fn file_iri(absolute_path: &str) -> String {
    let windows = absolute_path.as_bytes().get(1) == Some(&b':') && absolute_path.contains('\\');
    let path = if windows { absolute_path.replace('\\', "/") } else { absolute_path.to_string() };
    let mut out = String::from("file://");
    if !path.starts_with('/') {
        out.push('/');
    }
    percent_encode(&path, PATH_SAFE, &mut out);
    out
}

/// `iri` with `fragment` as its fragment (percent-encoded), replacing any
/// fragment it had.
pub fn with_fragment(iri: &str, fragment: &str) -> String {
    let base = iri.split_once('#').map_or(iri, |(b, _)| b);
    let mut out = format!("{base}#");
    percent_encode(fragment, FRAGMENT_SAFE, &mut out);
    out
}

/// Query parameters that track a visit, not name a page.
const TRACKING: [&str; 12] =
    ["fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_ga", "ref", "ref_src", "smid", "cmpid"];

/// A page's address as the source of readers' annotations, when it has no
/// canonical link: `url` without its fragment and tracking parameters
/// (`utm_*` and the common click ids), so that the same article reached
/// from a newsletter or a share button keeps the same notes.
pub fn page_url(url: &str) -> String {
    let url = url.split_once('#').map_or(url, |(b, _)| b);
    let Some((base, query)) = url.split_once('?') else { return url.to_string() };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| {
            let name = p.split_once('=').map_or(*p, |(n, _)| n).to_ascii_lowercase();
            !p.is_empty() && !name.starts_with("utm_") && !TRACKING.contains(&name.as_str())
        })
        .collect();
    if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    }
}

/// Whether `s` starts like an absolute IRI: a scheme (a letter, then
/// letters, digits, `+`, `-`, `.`) and a colon, with no white space after.
pub fn is_absolute_iri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else { return false };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.chars().any(|c| c.is_whitespace() || FORBIDDEN.contains(c))
}

/// The page's canonical URL: the `href` of the first
/// `<link rel="canonical">` in the document head, entity-decoded and with
/// characters a URL may not hold percent-encoded. A protocol-relative
/// `//host/path` becomes `https:`; a relative URL cannot be resolved here
/// (the page's own address is unknown) and gives `None`.
///
/// A string scan, not a parser: comments and `<script>`/`<style>` contents
/// are skipped, and the scan stops at `<body`.
pub fn canonical_link(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase(); // same byte offsets as `html`
    let mut at = 0;
    while let Some(i) = lower[at..].find('<').map(|i| at + i) {
        let rest = &lower[i..];
        if rest.starts_with("<!--") {
            at = lower[i + 4..].find("-->").map_or(lower.len(), |j| i + 4 + j + 3);
            continue;
        }
        if let Some(tag) = ["script", "style"].into_iter().find(|t| tag_named(&rest[1..], t)) {
            let close = format!("</{tag}");
            at = lower[i + 1..].find(&close).map_or(lower.len(), |j| i + 1 + j + close.len());
            continue;
        }
        if tag_named(&rest[1..], "body") {
            return None;
        }
        if tag_named(&rest[1..], "link") {
            let end = tag_end(html, i);
            let attrs = attributes(&html[i + 5..end]);
            let rel = attrs.iter().find(|(n, _)| n == "rel").map(|(_, v)| v.to_ascii_lowercase());
            if rel.is_some_and(|r| r.split_ascii_whitespace().any(|t| t == "canonical")) {
                return attrs.into_iter().find(|(n, _)| n == "href").and_then(|(_, v)| clean_url(&v));
            }
        }
        at = i + 1;
    }
    None
}

/// Whether `s` (lower-cased, after a `<`) starts with tag name `name`.
fn tag_named(s: &str, name: &str) -> bool {
    s.strip_prefix(name)
        .is_some_and(|r| r.is_empty() || r.starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/'))
}

/// The byte offset of the `>` that ends the tag opening at `start` (quotes
/// respected), or the text's end.
fn tag_end(html: &str, start: usize) -> usize {
    let mut quote = None;
    for (i, c) in html[start..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return start + i,
            _ => {}
        }
    }
    html.len()
}

/// A tag's attributes, names lower-cased, values entity-decoded.
fn attributes(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    loop {
        while chars.next_if(|&(_, c)| c.is_ascii_whitespace() || c == '/').is_some() {}
        let Some(&(name_start, _)) = chars.peek() else { break };
        let mut name_end = s.len();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_ascii_whitespace() || c == '=' || c == '/' {
                name_end = i;
                break;
            }
            chars.next();
        }
        let name = s[name_start..name_end].to_ascii_lowercase();
        while chars.next_if(|&(_, c)| c.is_ascii_whitespace()).is_some() {}
        let mut value = String::new();
        if chars.next_if(|&(_, c)| c == '=').is_some() {
            while chars.next_if(|&(_, c)| c.is_ascii_whitespace()).is_some() {}
            match chars.peek().map(|&(_, c)| c) {
                Some(q @ ('"' | '\'')) => {
                    chars.next();
                    for (_, c) in chars.by_ref() {
                        if c == q {
                            break;
                        }
                        value.push(c);
                    }
                }
                _ => {
                    while let Some((_, c)) = chars.next_if(|&(_, c)| !c.is_ascii_whitespace()) {
                        value.push(c);
                    }
                }
            }
        }
        if !name.is_empty() {
            out.push((name, decode_entities(&value)));
        }
    }
    out
}

/// Decodes the character references a URL attribute is likely to hold.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest.find(';').filter(|&j| j <= 10).and_then(|j| {
            let name = &rest[1..j];
            let c = match name {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => num.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }
            };
            c.map(|c| (c, j + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// An absolute URL from an `href`, or `None`.
fn clean_url(href: &str) -> Option<String> {
    // As a URL parser does: strip surrounding white space, drop tabs and newlines.
    let href: String =
        href.trim_matches(|c: char| c.is_ascii_whitespace() || c.is_control()).replace(['\t', '\n', '\r'], "");
    let href = if href.starts_with("//") { format!("https:{href}") } else { href };
    let mut out = String::with_capacity(href.len());
    for c in href.chars() {
        if c == ' ' || c.is_control() || FORBIDDEN.contains(c) {
            percent_encode(c.encode_utf8(&mut [0; 4]), "", &mut out);
        } else {
            out.push(c);
        }
    }
    is_absolute_iri(&out).then_some(out)
}

/// Characters no URL holds as is.
const FORBIDDEN: &str = "<>\"{}|\\^`";

/// ASCII punctuation kept as is in a path (besides letters, digits, `-._~`).
const PATH_SAFE: &str = "/:@!$&'()*+,;=";

/// ASCII punctuation kept as is in a fragment.
const FRAGMENT_SAFE: &str = "/?:@!$&'()*+,;=";

/// Appends `s` to `out`, percent-encoding every byte except ASCII letters,
/// digits, `-._~` and the characters in `safe`.
fn percent_encode(s: &str, safe: &str, out: &mut String) {
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~') || (c.is_ascii() && safe.contains(c)) {
            out.push(c);
        } else {
            for b in c.encode_utf8(&mut [0; 4]).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_canonical_link() {
        let page = r#"<!doctype html><html><head>
            <!-- <link rel="canonical" href="https://wrong.example/comment"> -->
            <script>var s = '<link rel="canonical" href="https://wrong.example/script">';</script>
            <link rel="stylesheet" href="/s.css">
            <LINK HREF='https://example.com/news/a?x=1&amp;y=2' Rel="Canonical">
            </head><body><link rel="canonical" href="https://wrong.example/body"></body></html>"#;
        assert_eq!(canonical_link(page).as_deref(), Some("https://example.com/news/a?x=1&y=2"));
        assert_eq!(
            canonical_link(r#"<link rel=canonical href=//us.yahoo.com/news/ />"#).as_deref(),
            Some("https://us.yahoo.com/news/")
        );
        assert_eq!(
            canonical_link(r#"<link rel="alternate canonical" href=" https://ex.org/a b ">"#).as_deref(),
            Some("https://ex.org/a%20b")
        );
        assert_eq!(canonical_link(r#"<link rel="canonical" href="/relative/path">"#), None);
        assert_eq!(canonical_link(r#"<html><body><p>no head</p></body></html>"#), None);
        assert_eq!(canonical_link("<link rel=\"canonical\" href=\"https://e.org/é\""), Some("https://e.org/é".into()));
        assert_eq!(canonical_link("<"), None);
    }

    #[test]
    fn file_iris_are_percent_encoded() {
        assert_eq!(file_iri("/tmp/a b/ünï #1.txt"), "file:///tmp/a%20b/%C3%BCn%C3%AF%20%231.txt");
        assert_eq!(file_iri(r"C:\news\a.txt"), "file:///C:/news/a.txt");
        assert!(is_absolute_iri(&file_iri("/x/[y]{z}.txt")));
    }

    #[test]
    fn fragments_replace_fragments() {
        assert_eq!(with_fragment("file:///a.jsonl", "doc 1"), "file:///a.jsonl#doc%201");
        assert_eq!(with_fragment("urn:newsgloss:stdin#x", "line=3,4"), "urn:newsgloss:stdin#line=3,4");
    }

    #[test]
    fn absolute_iris() {
        assert!(is_absolute_iri("urn:uuid:3a6da62f-2775-5cd5-b892-9ca0f4c9bd02"));
        assert!(is_absolute_iri("https://e.org/é"));
        assert!(!is_absolute_iri("/relative"));
        assert!(!is_absolute_iri("1http://x"));
        assert!(!is_absolute_iri("http://a b"));
    }

    #[test]
    fn page_url_drops_fragment_and_tracking() {
        assert_eq!(page_url("https://n.example/a?utm_source=x&id=3&fbclid=Y#c"), "https://n.example/a?id=3");
        assert_eq!(page_url("https://n.example/a?utm_medium=e&UTM_campaign=f"), "https://n.example/a");
        assert_eq!(page_url("https://n.example/a#top"), "https://n.example/a");
        assert_eq!(page_url("http://127.0.0.1:8080/"), "http://127.0.0.1:8080/");
    }
}
