//! The W3C Web Annotation Data Model (<https://www.w3.org/TR/annotation-model/>)
//! as serde types: the parts newsgloss writes, read back leniently.
//!
//! Writing: the types serialise to the model's JSON-LD compact form under
//! the `http://www.w3.org/ns/anno.jsonld` context; optional fields that are
//! `None` are left out.
//!
//! Reading (for imported annotations): wherever the model allows one value or
//! several, [`OneOrMany`] takes either; bodies, targets and selectors the
//! types do not model (Choice, Set, RangeSelector, XPathSelector, ...) are
//! kept as raw JSON; and every object keeps the keys it does not know in
//! `extra`, so reading and writing an annotation loses nothing.
//!
//! Nothing here knows about findings or readers: see `findings` for the
//! engine's export.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// The JSON-LD context of every Web Annotation document.
pub const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The media type of plain-text bodies.
pub const TEXT_PLAIN: &str = "text/plain";

fn default_context() -> Value {
    Value::String(ANNO_CONTEXT.to_string())
}

/// Declares a zero-sized type for a fixed `"type"` value: it serialises as
/// that string and reads a string equal to it or an array that contains it.
macro_rules! type_marker {
    ($(#[$doc:meta])* $name:ident = $value:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
        pub struct $name;

        impl $name {
            /// The `"type"` value.
            pub const VALUE: &'static str = $value;
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str($value)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                if has_type(&Value::deserialize(d)?, $value) {
                    Ok($name)
                } else {
                    Err(D::Error::custom(concat!("expected type \"", $value, "\"")))
                }
            }
        }
    };
}

type_marker!(
    /// `"type": "Annotation"`.
    AnnotationType = "Annotation"
);
type_marker!(
    /// `"type": "AnnotationCollection"`.
    AnnotationCollectionType = "AnnotationCollection"
);
type_marker!(
    /// `"type": "AnnotationPage"`.
    AnnotationPageType = "AnnotationPage"
);
type_marker!(
    /// `"type": "TextualBody"`.
    TextualBodyType = "TextualBody"
);
type_marker!(
    /// `"type": "SpecificResource"`.
    SpecificResourceType = "SpecificResource"
);
type_marker!(
    /// `"type": "TextQuoteSelector"`.
    TextQuoteSelectorType = "TextQuoteSelector"
);
type_marker!(
    /// `"type": "TextPositionSelector"`.
    TextPositionSelectorType = "TextPositionSelector"
);

/// Whether a `"type"` value (a string or an array of strings) is or holds `name`.
fn has_type(v: &Value, name: &str) -> bool {
    match v {
        Value::String(s) => s == name,
        Value::Array(items) => items.iter().any(|t| t.as_str() == Some(name)),
        _ => false,
    }
}

/// Whether an object's `"type"` is or holds `name`.
pub(crate) fn object_has_type(obj: &Map<String, Value>, name: &str) -> bool {
    obj.get("type").is_some_and(|t| has_type(t, name))
}

/// A property the model allows once or several times. Written as read: a
/// single value stays a value, a list stays a list (even of one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    pub fn as_slice(&self) -> &[T] {
        match self {
            OneOrMany::One(v) => std::slice::from_ref(v),
            OneOrMany::Many(v) => v,
        }
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.as_slice().iter()
    }

    pub fn len(&self) -> usize {
        self.as_slice().len()
    }

    pub fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }

    pub fn into_vec(self) -> Vec<T> {
        match self {
            OneOrMany::One(v) => vec![v],
            OneOrMany::Many(v) => v,
        }
    }

    /// Adds a value, turning a single value into a list.
    pub fn push(&mut self, value: T) {
        let this = std::mem::replace(self, OneOrMany::Many(Vec::new()));
        let mut items = this.into_vec();
        items.push(value);
        *self = OneOrMany::Many(items);
    }
}

impl<T> From<T> for OneOrMany<T> {
    fn from(v: T) -> Self {
        OneOrMany::One(v)
    }
}

impl<T> From<Vec<T>> for OneOrMany<T> {
    fn from(v: Vec<T>) -> Self {
        OneOrMany::Many(v)
    }
}

impl<'a, T> IntoIterator for &'a OneOrMany<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// The model's motivations (§3.3.5), also the vocabulary of a body's
/// `purpose`. Values outside it (an extension's IRI) are kept as `Other`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Motivation {
    Assessing,
    Bookmarking,
    Classifying,
    Commenting,
    Describing,
    Editing,
    Highlighting,
    Identifying,
    Linking,
    Moderating,
    Questioning,
    Replying,
    Tagging,
    #[serde(untagged)]
    Other(String),
}

/// A body's purpose: the same vocabulary as [`Motivation`].
pub type Purpose = Motivation;

/// An agent (`creator`, `generator`): an IRI, or a description.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Agent {
    Iri(String),
    Object(AgentObject),
}

/// A described agent (§3.3.2). `kind` is `"Person"`, `"Organization"` or
/// `"Software"`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AgentObject {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<OneOrMany<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<OneOrMany<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nickname: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub homepage: Option<OneOrMany<String>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Agent {
    /// A piece of software, by name.
    pub fn software(name: impl Into<String>) -> Agent {
        Agent::Object(AgentObject {
            kind: Some(OneOrMany::One("Software".to_string())),
            name: Some(OneOrMany::One(name.into())),
            ..AgentObject::default()
        })
    }

    /// A person, by name (a reader, for instance).
    pub fn person(name: impl Into<String>) -> Agent {
        Agent::Object(AgentObject {
            kind: Some(OneOrMany::One("Person".to_string())),
            name: Some(OneOrMany::One(name.into())),
            ..AgentObject::default()
        })
    }
}

/// One Web Annotation (§3.1).
///
/// `body` and `body_value` are exclusive (§3.2.5); the constructors set
/// neither. `id` is empty on an imported annotation that had none (and then
/// left out when written): give it one before storing it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Annotation {
    /// The JSON-LD context: [`ANNO_CONTEXT`] from the constructors; `None` when
    /// read from a page that gives it for all its items.
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(rename = "type")]
    pub kind: AnnotationType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motivation: Option<OneOrMany<Motivation>>,
    /// `xsd:dateTime`, e.g. `2025-01-31T12:00:00Z`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<OneOrMany<Agent>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generator: Option<OneOrMany<Agent>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<OneOrMany<Body>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_value: Option<String>,
    pub target: OneOrMany<Target>,
    /// Keys the type does not model (`audience`, `rights`, `canonical`, `via`,
    /// `stylesheet`, extensions), kept as read.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Annotation {
    /// An annotation with an id and a target, nothing else.
    pub fn new(id: impl Into<String>, target: impl Into<OneOrMany<Target>>) -> Self {
        Annotation {
            context: Some(default_context()),
            id: id.into(),
            kind: AnnotationType,
            motivation: None,
            created: None,
            modified: None,
            creator: None,
            generator: None,
            generated: None,
            body: None,
            body_value: None,
            target: target.into(),
            extra: Map::new(),
        }
    }

    /// The bodies, however they were written (none, one, or a list).
    pub fn bodies(&self) -> &[Body] {
        self.body.as_ref().map_or(&[], OneOrMany::as_slice)
    }

    /// The targets.
    pub fn targets(&self) -> &[Target] {
        self.target.as_slice()
    }

    /// Whether the annotation has motivation `m`.
    pub fn is_motivated_by(&self, m: &Motivation) -> bool {
        self.motivation.as_ref().is_some_and(|ms| ms.iter().any(|x| x == m))
    }
}

/// A body (§3.2): an IRI, an embedded text, a specific resource, or anything
/// else the model allows (an external resource with properties, a Choice, a
/// Set), kept as raw JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Body {
    Iri(String),
    Textual(TextualBody),
    Specific(SpecificResource),
    Other(Map<String, Value>),
}

impl<'de> Deserialize<'de> for Body {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::String(s) => Ok(Body::Iri(s)),
            Value::Object(obj) => {
                let textual = object_has_type(&obj, TextualBodyType::VALUE)
                    || (obj.get("type").is_none() && obj.get("value").is_some_and(Value::is_string));
                let v = Value::Object(obj);
                let parsed = if textual {
                    serde_json::from_value(v.clone()).map(Body::Textual).ok()
                } else if v.get("source").is_some() {
                    serde_json::from_value(v.clone()).map(Body::Specific).ok()
                } else {
                    None
                };
                Ok(parsed.unwrap_or_else(|| Body::Other(into_object(v))))
            }
            _ => Err(D::Error::custom("a body is an IRI or an object")),
        }
    }
}

/// A target (§3.2): an IRI, a specific resource (a source and selectors),
/// or another resource kept as raw JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[allow(clippy::large_enum_variant)] // `Specific` is the usual target: boxing it would only add an allocation
pub enum Target {
    Iri(String),
    Specific(SpecificResource),
    Other(Map<String, Value>),
}

impl<'de> Deserialize<'de> for Target {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::String(s) => Ok(Target::Iri(s)),
            v @ Value::Object(_) => {
                let parsed = if v.get("source").is_some() {
                    serde_json::from_value(v.clone()).map(Target::Specific).ok()
                } else {
                    None
                };
                Ok(parsed.unwrap_or_else(|| Target::Other(into_object(v))))
            }
            _ => Err(D::Error::custom("a target is an IRI or an object")),
        }
    }
}

impl Target {
    /// The source IRI: the target itself, or a specific resource's source.
    pub fn source(&self) -> Option<&str> {
        match self {
            Target::Iri(s) => Some(s),
            Target::Specific(r) => Some(&r.source),
            Target::Other(o) => o.get("id").and_then(Value::as_str),
        }
    }

    /// A specific resource's selectors; none for any other target.
    pub fn selectors(&self) -> &[Selector] {
        match self {
            Target::Specific(r) => r.selectors(),
            _ => &[],
        }
    }
}

fn into_object(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(o) => o,
        _ => Map::new(),
    }
}

/// An embedded textual body (§3.2.4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextualBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "type", default)]
    pub kind: TextualBodyType,
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<OneOrMany<Purpose>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// BCP 47 language tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// `creator`, `created`, `modified`, `textDirection`, extensions.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl TextualBody {
    /// A `text/plain` body with one purpose.
    pub fn plain(value: impl Into<String>, purpose: Purpose) -> Self {
        TextualBody {
            id: None,
            kind: TextualBodyType,
            value: value.into(),
            purpose: Some(OneOrMany::One(purpose)),
            format: Some(TEXT_PLAIN.to_string()),
            language: None,
            extra: Map::new(),
        }
    }

    /// Whether the body has purpose `p`.
    pub fn has_purpose(&self, p: &Purpose) -> bool {
        self.purpose.as_ref().is_some_and(|ps| ps.iter().any(|x| x == p))
    }
}

/// A specific resource (§4): a part or a use of a source, picked out by
/// selectors, or the source with a purpose.
///
/// `source` is the source's IRI; a source written as an object (with
/// properties of its own) makes the whole body or target fall back to raw
/// JSON on reading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpecificResource {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SpecificResourceType>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<OneOrMany<Purpose>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<OneOrMany<Selector>>,
    /// `state`, `styleClass`, `renderedVia`, `scope`, extensions.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl SpecificResource {
    /// A part of `source` picked out by `selectors`.
    pub fn selected(source: impl Into<String>, selectors: Vec<Selector>) -> Self {
        SpecificResource {
            id: None,
            kind: None,
            source: source.into(),
            purpose: None,
            selector: Some(OneOrMany::Many(selectors)),
            extra: Map::new(),
        }
    }

    /// The whole of `source`, used with a purpose (the model's way to give a
    /// linked resource a purpose, §3.3.5: an external resource may not have one).
    pub fn with_purpose(source: impl Into<String>, purpose: Purpose) -> Self {
        SpecificResource {
            id: None,
            kind: Some(SpecificResourceType),
            source: source.into(),
            purpose: Some(OneOrMany::One(purpose)),
            selector: None,
            extra: Map::new(),
        }
    }

    /// The selectors, however they were written.
    pub fn selectors(&self) -> &[Selector] {
        self.selector.as_ref().map_or(&[], OneOrMany::as_slice)
    }

    /// Whether the resource has purpose `p`.
    pub fn has_purpose(&self, p: &Purpose) -> bool {
        self.purpose.as_ref().is_some_and(|ps| ps.iter().any(|x| x == p))
    }
}

/// A selector (§4.2). Offsets are Unicode code points (end exclusive) into
/// the source's text; selectors the crate does not model are kept as raw
/// JSON (`RangeSelector`, `XPathSelector`, `FragmentSelector`, an IRI).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Selector {
    TextQuote(TextQuoteSelector),
    TextPosition(TextPositionSelector),
    Other(Value),
}

impl<'de> Deserialize<'de> for Selector {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        if v.is_array() {
            return Err(D::Error::custom("a selector is an object or an IRI"));
        }
        let kind = v.get("type").cloned().unwrap_or(Value::Null);
        let parsed = if has_type(&kind, TextQuoteSelectorType::VALUE) {
            serde_json::from_value(v.clone()).map(Selector::TextQuote).ok()
        } else if has_type(&kind, TextPositionSelectorType::VALUE) {
            serde_json::from_value(v.clone()).map(Selector::TextPosition).ok()
        } else {
            None
        };
        Ok(parsed.unwrap_or(Selector::Other(v)))
    }
}

/// The quoted text with some text before and after it (§4.2.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextQuoteSelector {
    #[serde(rename = "type")]
    pub kind: TextQuoteSelectorType,
    pub exact: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// `refinedBy`, extensions.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A span of the source's text by code-point offsets, end exclusive (§4.2.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextPositionSelector {
    #[serde(rename = "type")]
    pub kind: TextPositionSelectorType,
    pub start: usize,
    pub end: usize,
    /// `refinedBy`, extensions.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl TextPositionSelector {
    pub fn new(start: usize, end: usize) -> Self {
        TextPositionSelector { kind: TextPositionSelectorType, start, end, extra: Map::new() }
    }
}

/// An ordered collection of annotations (§5.1), its annotations in pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnnotationCollection {
    #[serde(rename = "@context", default = "default_context")]
    pub context: Value,
    pub id: String,
    #[serde(rename = "type")]
    pub kind: AnnotationCollectionType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<OneOrMany<Agent>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    /// The number of annotations in all pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<usize>,
    /// The first page, embedded or by IRI; present whenever `total > 0`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first: Option<PageRef>,
    /// The last page's IRI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A page, embedded or referred to by IRI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PageRef {
    Iri(String),
    Page(Box<AnnotationPage>),
}

/// One page of a collection (§5.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnnotationPage {
    /// Left out when the page is embedded in its collection.
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    pub id: String,
    #[serde(rename = "type")]
    pub kind: AnnotationPageType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_index: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev: Option<String>,
    pub items: Vec<Annotation>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl AnnotationCollection {
    /// A collection whose annotations all sit in one embedded page. With no
    /// annotations there is no page (`first` is only required when `total > 0`).
    pub fn single_page(id: impl Into<String>, page_id: impl Into<String>, items: Vec<Annotation>) -> Self {
        let page_id = page_id.into();
        let total = items.len();
        let (first, last) = if items.is_empty() {
            (None, None)
        } else {
            let page = AnnotationPage {
                context: None,
                id: page_id.clone(),
                kind: AnnotationPageType,
                part_of: None,
                start_index: Some(0),
                next: None,
                prev: None,
                items,
                extra: Map::new(),
            };
            (Some(PageRef::Page(Box::new(page))), Some(page_id))
        };
        AnnotationCollection {
            context: default_context(),
            id: id.into(),
            kind: AnnotationCollectionType,
            label: None,
            creator: None,
            created: None,
            modified: None,
            total: Some(total),
            first,
            last,
            extra: Map::new(),
        }
    }

    /// The annotations of the embedded first page (empty when the first page
    /// is only referred to, or absent).
    pub fn items(&self) -> &[Annotation] {
        match &self.first {
            Some(PageRef::Page(p)) => &p.items,
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_one_or_many_and_unknown_parts() {
        let v = json!({
            "@context": ANNO_CONTEXT,
            "id": "http://example.org/anno1",
            "type": "Annotation",
            "motivation": ["commenting", "http://example.org/my-motivation"],
            "body": [
                "http://example.org/post1",
                {"type": "TextualBody", "value": "note", "purpose": "commenting", "creator": "http://example.org/u1"},
                {"value": "untyped text"},
                {"source": "http://example.org/tag/x", "purpose": "tagging"},
                {"type": "Choice", "items": ["http://example.org/a", "http://example.org/b"]}
            ],
            "target": {
                "source": "http://example.org/page1",
                "selector": [
                    {"type": "RangeSelector", "startSelector": {"type": "XPathSelector", "value": "/p[1]"}},
                    {"type": "TextPositionSelector", "start": 3, "end": 9},
                    {"type": "TextQuoteSelector", "exact": "hello"}
                ]
            },
            "rights": "https://creativecommons.org/licenses/by/4.0/"
        });
        let a: Annotation = serde_json::from_value(v.clone()).expect("reads");
        assert_eq!(a.bodies().len(), 5);
        assert!(matches!(&a.bodies()[0], Body::Iri(_)));
        assert!(matches!(&a.bodies()[1], Body::Textual(t) if t.has_purpose(&Motivation::Commenting)));
        assert!(matches!(&a.bodies()[2], Body::Textual(t) if t.value == "untyped text"));
        assert!(matches!(&a.bodies()[3], Body::Specific(r) if r.has_purpose(&Motivation::Tagging)));
        assert!(matches!(&a.bodies()[4], Body::Other(_)));
        assert!(a.is_motivated_by(&Motivation::Other("http://example.org/my-motivation".into())));
        let Target::Specific(t) = &a.targets()[0] else { panic!("a specific target") };
        assert!(matches!(t.selectors()[0], Selector::Other(_)));
        assert!(matches!(t.selectors()[1], Selector::TextPosition(TextPositionSelector { start: 3, end: 9, .. })));
        assert!(matches!(&t.selectors()[2], Selector::TextQuote(q) if q.exact == "hello" && q.prefix.is_none()));
        // Nothing is lost on the way back, except that an untyped textual
        // body is now typed.
        let mut back = serde_json::to_value(&a).expect("writes");
        back["body"][2].as_object_mut().expect("object").remove("type");
        assert_eq!(back, v);
    }

    #[test]
    fn writes_the_compact_form() {
        let target = SpecificResource::selected(
            "http://example.org/page1",
            vec![Selector::TextPosition(TextPositionSelector::new(1, 4))],
        );
        let mut a = Annotation::new("urn:uuid:00000000-0000-5000-8000-000000000000", Target::Specific(target));
        a.motivation = Some(Motivation::Tagging.into());
        a.body = Some(OneOrMany::Many(vec![Body::Textual(TextualBody::plain("x", Motivation::Tagging))]));
        let v = serde_json::to_value(&a).expect("writes");
        assert_eq!(
            v,
            json!({
                "@context": ANNO_CONTEXT,
                "id": "urn:uuid:00000000-0000-5000-8000-000000000000",
                "type": "Annotation",
                "motivation": "tagging",
                "body": [{"type": "TextualBody", "value": "x", "purpose": "tagging", "format": "text/plain"}],
                "target": {
                    "source": "http://example.org/page1",
                    "selector": [{"type": "TextPositionSelector", "start": 1, "end": 4}]
                }
            })
        );
        let keys: Vec<&str> = v.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
        assert_eq!(keys, ["@context", "id", "type", "motivation", "body", "target"]);
    }

    #[test]
    fn wrong_type_is_an_error() {
        let v = json!({"@context": ANNO_CONTEXT, "id": "x:1", "type": "Note", "target": "x:2"});
        assert!(serde_json::from_value::<Annotation>(v).is_err());
        let v = json!({"id": "x:1", "type": ["Annotation", "as:Note"], "target": "x:2"});
        let a: Annotation = serde_json::from_value(v).expect("an array holding the type is fine");
        assert_eq!(a.context, None);
    }

    #[test]
    fn empty_collection_has_no_page() {
        let c = AnnotationCollection::single_page("urn:x:1", "urn:x:2", Vec::new());
        let v = serde_json::to_value(&c).expect("writes");
        assert_eq!(v["total"], 0);
        assert!(v.get("first").is_none());
        assert!(c.items().is_empty());
    }
}
