//! Where a page's annotations live in the browser: one `localStorage` key
//! per page, written whole on every change, read-merged-written so that a
//! change made in another tab meanwhile is kept.
//!
//! Why `localStorage` and not IndexedDB: writes are synchronous (a change is
//! stored before the handler returns, so closing the tab right after loses
//! nothing), a failed write leaves the previous value intact (no partial
//! state), and the `storage` event tells other tabs of a change for free.
//! The cost is the quota (about 5 MB per origin, shared with the host
//! page): a few thousand notes per page. A full quota is reported and the
//! change kept in memory and retried; see [`SaveError::Full`].
//!
//! Unreadable data (damaged, or written by a newer version) is copied to a
//! quarantine key first and that copy is never written again.

use web_sys::Storage;

use crate::annotation::store::Store;

/// Key prefix of pages' annotations.
pub const PREFIX: &str = "newsgloss:annotations:";
/// Key prefix of data put aside because it could not be read.
pub const QUARANTINE: &str = "newsgloss:quarantine:";

/// One page's storage.
pub struct PageStorage {
    storage: Storage,
    key: String,
    source: String,
}

/// Why a save did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// The storage quota is full: nothing stored was changed.
    Full,
    /// Storage refused for another reason (disabled, private mode...).
    Refused(String),
}

impl PageStorage {
    /// The storage of page `source`; `None` when the browser gives none.
    pub fn open(source: &str) -> Option<PageStorage> {
        let storage = web_sys::window()?.local_storage().ok().flatten()?;
        Some(PageStorage { storage, key: format!("{PREFIX}{source}"), source: source.to_string() })
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    /// What is stored, migrated; an empty store when nothing is. When the
    /// data cannot be read it is put aside and the message says where.
    pub fn load(&self) -> (Store, Option<String>) {
        let raw =
            match self.storage.get_item(&self.key) {
                Ok(Some(raw)) => raw,
                Ok(None) => return (Store::new(&self.source), None),
                Err(_) => return (
                    Store::new(&self.source),
                    Some(
                        "This browser does not let newsgloss read its storage; notes will last until the tab closes."
                            .into(),
                    ),
                ),
            };
        match Store::parse(&raw) {
            Ok(store) => (store, None),
            Err(why) => {
                let message = match self.quarantine(&raw) {
                    Some(key) => format!("{why}. They are kept aside, untouched, under the storage key “{key}”; new notes are saved separately."),
                    None => format!("{why}. They are left untouched; new notes are kept in this tab only until storage has room to set them aside."),
                };
                (Store::new(&self.source), Some(capitalised(&message)))
            }
        }
    }

    /// What another tab stored, when it is readable.
    pub fn peek(&self) -> Option<Store> {
        Store::parse(&self.storage.get_item(&self.key).ok()??).ok()
    }

    /// Stores `mine` merged with what storage holds now, and returns the
    /// merge (which becomes the tab's copy). Unreadable data found there is
    /// put aside first; if it cannot be, nothing is written.
    pub fn save(&self, mine: &Store) -> Result<Store, SaveError> {
        let merged = match self.storage.get_item(&self.key) {
            Ok(Some(raw)) => match Store::parse(&raw) {
                Ok(stored) => mine.merge(&stored),
                Err(_) => {
                    self.quarantine(&raw).ok_or(SaveError::Full)?;
                    mine.clone()
                }
            },
            Ok(None) => mine.clone(),
            Err(e) => return Err(SaveError::Refused(format!("{e:?}"))),
        };
        match self.storage.set_item(&self.key, &merged.to_json()) {
            Ok(()) => Ok(merged),
            Err(e) if is_quota(&e) => Err(SaveError::Full),
            Err(e) => Err(SaveError::Refused(error_name(&e))),
        }
    }

    /// Copies `raw` to a fresh quarantine key; the key, or `None` when
    /// storage refused (full).
    fn quarantine(&self, raw: &str) -> Option<String> {
        let base = format!("{QUARANTINE}{}", self.source);
        let key = (0..1000).map(|n| format!("{base}:{n}")).find(|k| {
            // The same data already put aside (a second tab, a reload
            // before any save): that copy will do.
            matches!(self.storage.get_item(k), Ok(None))
                || self.storage.get_item(k).ok().flatten().as_deref() == Some(raw)
        })?;
        if self.storage.get_item(&key).ok().flatten().as_deref() == Some(raw) {
            return Some(key);
        }
        self.storage.set_item(&key, raw).ok().map(|_| key)
    }
}

fn is_quota(e: &wasm_bindgen::JsValue) -> bool {
    let name = error_name(e);
    name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED"
}

fn error_name(e: &wasm_bindgen::JsValue) -> String {
    js_sys::Reflect::get(e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_else(|| "Error".into())
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}
