//! Coreference: mentions to actors. People by family name (a lone
//! "Putin" joins "Vladimir V. Putin"), places and organizations by their
//! lexicon or written name, acronyms by the initials of a longer name
//! ("NATO" and "North Atlantic Treaty Organization"), "the ministry" by the
//! last organization with that head word.

use super::extract::{Key, KeyId, Keys, Raw};
use super::hash::{Map, Quick};
use super::{ActorFound, Mention};
use crate::analysis::ActorKind;

struct Cluster {
    kind: ActorKind,
    /// Its mentions in [`Mentions`]: a list of their own, in the order added.
    mentions: List,
    canon: Option<&'static str>,
    first: Option<KeyId>,
    /// Starts of the person's full-name mentions, ascending.
    full_pos: Vec<usize>,
    /// Merged into another cluster.
    merged: Option<usize>,
    /// The start of its first mention (the least start of all its
    /// mentions, those merged into it included): the output's order.
    start: usize,
}

/// One mention's spans: the mention (`s..e`), then its name (`ns..ne`).
type Spans = (usize, usize, usize, usize);

/// No mention: the end of a [`List`].
const END: u32 = u32::MAX;

/// One list of a [`Chains`] (a cluster's mentions, the clusters of a
/// name): its first and last item.
#[derive(Clone, Copy)]
struct List {
    head: u32,
    tail: u32,
}

impl List {
    const EMPTY: List = List { head: END, tail: END };

    fn is_empty(self) -> bool {
        self.head == END
    }
}

/// Many lists in one vector, each linked in the order its items were added.
///
/// Why: a vector per list (per cluster for its mentions, per family and
/// first name for their clusters) was an allocation, its growth and a free
/// each, which in wasm cost more than the clustering's lookups. Appending
/// an item and moving all of one list after another's (an acronym's
/// mentions joining its name's) are O(1) here.
struct Chains<T> {
    /// Each item and the next one of its list ([`END`]: none).
    items: Vec<(T, u32)>,
}

/// Every cluster's mentions.
type Mentions = Chains<Spans>;

impl<T> Default for Chains<T> {
    fn default() -> Self {
        Chains { items: Vec::new() }
    }
}

impl<T: Copy> Chains<T> {
    /// Adds `m` at the end of `list`.
    fn push(&mut self, list: &mut List, m: T) {
        // More than u32 holds cannot come from a text under 4 GB; kept out
        // of the list then rather than panicking.
        let Some(i) = u32::try_from(self.items.len()).ok().filter(|&i| i != END) else { return };
        self.items.push((m, END));
        match self.items.get_mut(list.tail as usize) {
            Some(last) => last.1 = i,
            None => list.head = i,
        }
        list.tail = i;
    }

    /// Moves every item of `from` after those of `to`, leaving `from` empty.
    fn append(&mut self, to: &mut List, from: &mut List) {
        let moved = std::mem::replace(from, List::EMPTY);
        if moved.is_empty() {
            return;
        }
        match self.items.get_mut(to.tail as usize) {
            Some(last) => last.1 = moved.head,
            None => to.head = moved.head,
        }
        to.tail = moved.tail;
    }

    /// The items of `list`, in order.
    fn iter(&self, list: List) -> impl Iterator<Item = T> + '_ {
        let mut at = list.head;
        std::iter::from_fn(move || {
            let &(m, next) = self.items.get(at as usize)?;
            at = next;
            Some(m)
        })
    }
}

/// An organization key without its legal form: "apple inc." -> "apple".
fn corporate_base(k: &str) -> &str {
    const FORMS: &[&str] =
        &[" inc.", " inc", " corp.", " corp", " co.", " ltd.", " ltd", " llc", " plc", " corporation", " ag", " gmbh"];
    let mut k = k.trim_end_matches(',');
    for f in FORMS {
        if let Some(b) = k.strip_suffix(f) {
            k = b.trim_end_matches(',');
            break;
        }
    }
    k
}

/// `k` up to its first " of " (all of it without one): what
/// `k.split(" of ").next()` gives, without building a substring searcher
/// for every organization mention.
fn before_of(k: &str) -> &str {
    // A match starts at an ASCII space, so at a char boundary.
    k.as_bytes().windows(4).position(|w| w == b" of ").map_or(k, |i| &k[..i])
}

/// The capital initials of `name`'s words but its function words
/// ("North Atlantic Treaty Organization" -> "NATO"), appended to `out`
/// (a buffer reused for every name: most have no acronym).
fn push_initials(out: &mut String, name: &str) {
    out.extend(
        name.split_whitespace()
            .filter(|w| {
                !matches!(*w, "of" | "the" | "and" | "&" | "for" | "on" | "in" | "de" | "du" | "des" | "la" | "le")
            })
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase()),
    );
}

fn is_acronym(name: &str) -> bool {
    // The cheap tests first: most names asked have a space, and most of
    // the rest a lower-case letter near their start.
    if name.contains(' ') || name.chars().any(char::is_lowercase) {
        return false;
    }
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    (2..=8).contains(&letters)
}

/// The best of a cluster's `names` (the last of the best, "" without
/// any): not an acronym, then the most words, then the most characters.
///
/// Why: a lone name needs no ranking, and most clusters have one; ranking
/// walks each name three times (`is_acronym`, words, characters).
fn best_name<'a>(mut names: impl Iterator<Item = &'a str>) -> &'a str {
    let Some(first) = names.next() else { return "" };
    let Some(second) = names.next() else { return first };
    [first, second]
        .into_iter()
        .chain(names)
        .max_by_key(|n| (!is_acronym(n), n.split_whitespace().count(), n.chars().count()))
        .unwrap_or(first)
}

/// The indices of `raws` in the order clustering takes them: full names
/// first, then lone family names, each by start and longest first (ties
/// by index). The raws themselves stay where they are (they are not small:
/// moving each of them twice, on the thousands of a long text, cost more
/// than sorting indices).
fn mention_order(raws: &[Raw]) -> Vec<usize> {
    // Lone names apart first: each part then comes in long ascending runs
    // (one per phase of extraction), which the stable sort merges. The
    // keys are distinct: any sort gives this order. (Sized once: a
    // partition grows both vectors push by push.)
    let mut order: Vec<u128> = Vec::with_capacity(raws.len());
    let mut lone: Vec<u128> = Vec::new();
    for (i, r) in raws.iter().enumerate() {
        let k = order_key(r, i);
        if k >> 96 == 0 {
            order.push(k);
        } else {
            lone.push(k);
        }
    }
    order.sort();
    lone.sort();
    order.extend(lone);
    order.into_iter().map(|k| (k & 0xffff_ffff) as usize).collect()
}

/// `(lone, r.s, Reverse(r.e), i)` as one integer that sorts the same way:
/// byte offsets and the raws' count fit 32 bits (the tokenizer reads at
/// most `tokens::MAX_TEXT` bytes).
fn order_key(r: &Raw, i: usize) -> u128 {
    let lone = matches!(&r.key, Key::Person { first: None, .. });
    let low = |v: usize| u128::from(u32::try_from(v).unwrap_or(u32::MAX));
    u128::from(lone) << 96
        | low(r.s) << 64
        | u128::from(u32::MAX - u32::try_from(r.e).unwrap_or(u32::MAX)) << 32
        | low(i)
}

/// `(s, Reverse(e), k)` as one integer that sorts the same way (offsets
/// and counts fit 32 bits, as for [`order_key`]).
fn span_order(s: usize, e: usize, k: usize) -> u128 {
    let low = |v: usize| u128::from(u32::try_from(v).unwrap_or(u32::MAX));
    low(s) << 64 | u128::from(u32::MAX - u32::try_from(e).unwrap_or(u32::MAX)) << 32 | low(k)
}

/// What [`cluster`]'s maps answered for one key id: its cluster as a
/// place, an organization and a group, and its head word's slot.
#[derive(Clone, Copy, Default)]
struct KeyMemo {
    cluster: [Option<u32>; 3],
    head: Option<u32>,
    /// The kinds of key it was counted as by [`distinct_keys`] (bits).
    seen: u8,
}

/// The clusters named with one key id ([`Chains`] lists in creation
/// order): as a family name, and as a first name.
#[derive(Clone, Copy)]
struct NameLists {
    last: List,
    first: List,
}

impl Default for NameLists {
    fn default() -> Self {
        NameLists { last: List::EMPTY, first: List::EMPTY }
    }
}

/// The lists of key id `id` (empty ones for an id past `lists`).
fn lists_of(lists: &[NameLists], id: KeyId) -> NameLists {
    lists.get(id as usize).copied().unwrap_or_default()
}

/// A map sized for `n` entries.
fn sized<K, V>(n: usize) -> Map<K, V> {
    Map::with_capacity_and_hasher(n, Quick::default())
}

/// How many distinct keys `raws` have as a place, an organization, a
/// group, a family name and a first name (marking them in `memo`): sizes
/// for [`cluster`]'s maps and clusters, so that they are allocated once
/// rather than grown (each growth a new table and every entry hashed again).
fn distinct_keys(raws: &[Raw], memo: &mut [KeyMemo]) -> [usize; 5] {
    let mut n = [0; 5];
    let mut count = |id: KeyId, kind: usize| {
        if let Some(m) = memo.get_mut(id as usize) {
            let bit = 1 << kind;
            if m.seen & bit == 0 {
                m.seen |= bit;
                n[kind] += 1;
            }
        }
    };
    for r in raws {
        match r.key {
            Key::Place(id) => count(id, 0),
            Key::Org(id) => count(id, 1),
            Key::Group(id) => count(id, 2),
            Key::Person { first, last } => {
                count(last, 3);
                if let Some(f) = first {
                    count(f, 4);
                }
            }
            Key::Anaphor(_) => {}
        }
    }
    n
}

/// The full-name positions of the clusters of `list`, each with its index
/// in `list`, sorted.
fn merged_positions(list: &[usize], cl: &[Cluster]) -> Vec<(usize, usize)> {
    let mut merged: Vec<(usize, usize)> = list
        .iter()
        .enumerate()
        .flat_map(|(li, &c)| cl.get(c).into_iter().flat_map(move |c| c.full_pos.iter().map(move |&p| (p, li))))
        .collect();
    merged.sort_unstable();
    merged
}

/// A list of clusters and its [`merged_positions`].
type Gathered = (Vec<usize>, Vec<(usize, usize)>);

/// List `l` of `named` as a vector, with its [`merged_positions`].
fn gather(named: &Chains<usize>, l: List, cl: &[Cluster]) -> Gathered {
    let list: Vec<usize> = named.iter(l).collect();
    let merged = merged_positions(&list, cl);
    (list, merged)
}

/// The cluster of `list` a lone name at `pos` joins, from `list`'s
/// [`merged_positions`]: the one named in full nearest before `pos`, else
/// nearest after it, else the first (ties: the first in `list`).
fn nearest(merged: &[(usize, usize)], list: &[usize], pos: usize) -> Option<usize> {
    let k = merged.partition_point(|&(p, _)| p < pos);
    let at = match k.checked_sub(1).and_then(|j| merged.get(j)) {
        // The first entry at that position: the smallest index in `list`.
        Some(&(best, _)) => merged.get(merged.partition_point(|&(p, _)| p < best)),
        None => merged.get(k),
    };
    match at {
        Some(&(_, li)) => list.get(li).copied(),
        None => list.first().copied(),
    }
}

fn root(cl: &[Cluster], mut i: usize) -> usize {
    while let Some(j) = cl[i].merged {
        i = j;
    }
    i
}

pub fn cluster(text: &str, raws: Vec<Raw>, keys: &Keys) -> Vec<ActorFound> {
    // Full names first, so that a lone "Putin" or "Ted" finds its person
    // wherever the full name stands; then everything else in text order.
    let order = mention_order(&raws);
    // What the maps answered for each key id: a mention asks by index, not
    // by trimming and hashing its key again.
    let mut memo: Vec<KeyMemo> = vec![KeyMemo::default(); keys.count()];
    let [places, orgs, groups, lasts, firsts] = distinct_keys(&raws, &mut memo);
    // (At most one cluster per place, organization and group key; people
    // usually one per family name.)
    let mut cl: Vec<Cluster> = Vec::with_capacity(places + orgs + groups + lasts);
    // One map per key kind (place, organization, group), keyed by the
    // keys' bases in `keys` (two keys may share a base: "apple inc.",
    // "apple"); names by key id (equal ids, equal keys): no key is copied.
    // When every key is its own base (most texts), equal bases are equal
    // ids, and the memo by id is all it takes: no map.
    let plain = bases_are_keys(&memo, keys);
    let mut by_key: [Map<&str, usize>; 3] =
        if plain { Default::default() } else { [sized(places), sized(orgs), sized(groups)] };
    // The clusters of each family name and each first name, in creation
    // order: lists in `named`, by key id (ids are dense: an index, not a
    // map; an empty list, none).
    let mut by_name_key: Vec<NameLists> = vec![NameLists::default(); keys.count()];
    let mut named: Chains<usize> = Chains { items: Vec::with_capacity(lasts + firsts) };
    // (family name, first name) to the first cluster of the family name's
    // list in `by_name_key`
    // with that first name: what a scan of that list would find (the
    // lists are in creation order, so the first is the smallest index).
    let mut by_name: Map<(KeyId, KeyId), usize> = sized(lasts);
    // The merged full-name positions of `by_name_key`'s lists,
    // for the lone names ([`nearest`]).
    // Each with the list itself (gathered from `named`).
    let mut last_merged: Map<KeyId, Gathered> = Map::default();
    let mut first_merged: Map<KeyId, Gathered> = Map::default();
    // Head words to their slot in `heads`, the cluster last named with it.
    let mut by_head: Map<&str, usize> = sized(orgs);
    let mut heads: Vec<usize> = Vec::with_capacity(orgs);
    let mut ms = Mentions { items: Vec::with_capacity(raws.len()) };
    let new = |cl: &mut Vec<Cluster>, r: &Raw| {
        cl.push(Cluster {
            kind: r.kind,
            mentions: List::EMPTY,
            canon: r.canon,
            first: None,
            full_pos: Vec::new(),
            merged: None,
            start: r.s,
        });
        cl.len() - 1
    };
    for r in order.iter().filter_map(|&i| raws.get(i)) {
        let idx = match r.key {
            Key::Place(id) | Key::Org(id) | Key::Group(id) => {
                let tag = match r.key {
                    Key::Place(_) => 0,
                    Key::Org(_) => 1,
                    _ => 2,
                };
                let known = memo.get(id as usize).and_then(|m| m.cluster[tag]);
                let i = match known {
                    Some(i) => i as usize,
                    None if plain => {
                        let i = new(&mut cl, r);
                        if let Some(m) = memo.get_mut(id as usize) {
                            m.cluster[tag] = u32::try_from(i).ok();
                        }
                        i
                    }
                    None => {
                        // "Apple Inc." is Apple.
                        let k = corporate_base(keys.get(id));
                        let i = match by_key[tag].get(k) {
                            Some(&i) => i,
                            None => {
                                let i = new(&mut cl, r);
                                by_key[tag].insert(k, i);
                                i
                            }
                        };
                        if let Some(m) = memo.get_mut(id as usize) {
                            m.cluster[tag] = u32::try_from(i).ok();
                        }
                        i
                    }
                };
                if tag == 1 {
                    let known = memo.get(id as usize).and_then(|m| m.head);
                    let slot = match known {
                        Some(slot) => Some(slot as usize),
                        None => {
                            // The head word: "church" of "church of scientology", "ministry" of "foreign ministry".
                            let head = before_of(corporate_base(keys.get(id)));
                            let slot = head.rsplit(' ').next().map(|h| {
                                *by_head.entry(h).or_insert_with(|| {
                                    heads.push(i);
                                    heads.len() - 1
                                })
                            });
                            if let Some(m) = memo.get_mut(id as usize) {
                                m.head = slot.and_then(|s| u32::try_from(s).ok());
                            }
                            slot
                        }
                    };
                    if let Some(at) = slot.and_then(|s| heads.get_mut(s)) {
                        *at = i;
                    }
                }
                i
            }
            Key::Anaphor(h) => match by_head.get(keys.get(h)).and_then(|&s| heads.get(s)) {
                Some(&i) => i,
                None => continue,
            },
            Key::Person { first, last } => {
                // The candidate named nearest before this mention, else the first after it.
                let pos = r.s;
                let recent = |l: List, cl: &Vec<Cluster>, want: Option<KeyId>| {
                    named
                        .iter(l)
                        .filter(|&i| match (want, cl[i].first) {
                            (Some(a), Some(b)) => {
                                a == b || {
                                    let (a, b) = (keys.get(a), keys.get(b));
                                    a.chars().next() == b.chars().next() && b.len() <= 2
                                }
                            }
                            _ => true,
                        })
                        .min_by_key(|&i| {
                            // Full-name positions are sorted: a binary search, not a scan.
                            let full = &cl[i].full_pos;
                            let k = full.partition_point(|&s| s < pos);
                            let before = k.checked_sub(1).map(|j| full[j]);
                            let after = full.get(k).copied();
                            match (before, after) {
                                (Some(b), _) => (0, pos - b),
                                (None, Some(a)) => (1, a - pos),
                                _ => (2, 0),
                            }
                        })
                };
                let found = match first {
                    Some(f) => {
                        // Prefer a cluster with this very first name.
                        let exact = by_name.get(&(last, f)).copied();
                        exact.or_else(|| recent(lists_of(&by_name_key, last).last, &cl, first))
                    }
                    None => {
                        // Lone names come after every full name: the lists'
                        // full-name positions are final, merged once per list
                        // and searched (what `recent` gives, without visiting
                        // each cluster of a frequent family name each time).
                        // A list found here is never empty, so never grows.
                        let lists = lists_of(&by_name_key, last);
                        let from_last = Some(lists.last).filter(|l| !l.is_empty()).and_then(|l| {
                            let (list, merged) = last_merged.entry(last).or_insert_with(|| gather(&named, l, &cl));
                            nearest(merged, list, pos)
                        });
                        from_last.or_else(|| {
                            Some(lists.first).filter(|l| !l.is_empty()).and_then(|l| {
                                let (list, merged) = first_merged.entry(last).or_insert_with(|| gather(&named, l, &cl));
                                nearest(merged, list, pos)
                            })
                        })
                    }
                };
                match found {
                    Some(i) => {
                        if cl[i].first.is_none() {
                            if let Some(f) = first {
                                // `i` was found in the list of `last`, created with that key.
                                cl[i].first = Some(f);
                                if let Some(l) = by_name_key.get_mut(f as usize) {
                                    named.push(&mut l.first, i);
                                }
                                let at = by_name.entry((last, f)).or_insert(i);
                                *at = (*at).min(i);
                            }
                        }
                        i
                    }
                    None => {
                        let i = new(&mut cl, r);
                        cl[i].first = first;
                        if let Some(l) = by_name_key.get_mut(last as usize) {
                            named.push(&mut l.last, i);
                        }
                        if let Some(f) = first {
                            if let Some(l) = by_name_key.get_mut(f as usize) {
                                named.push(&mut l.first, i);
                            }
                            by_name.entry((last, f)).or_insert(i);
                        }
                        i
                    }
                }
            }
        };
        let c = &mut cl[idx];
        ms.push(&mut c.mentions, (r.s, r.e, r.ns, r.ne));
        c.start = c.start.min(r.s);
        if matches!(&r.key, Key::Person { first: Some(_), .. }) {
            c.full_pos.push(r.s);
        }
        if c.canon.is_none() {
            c.canon = r.canon;
        }
    }
    // Acronyms join the organization (or place) whose initials they are
    // (asked only if some organization may be named by one: most texts
    // have none, and the initials are a string and a map entry per name).
    if acronyms_asked(text, &cl, &ms) {
        join_acronyms(text, &mut cl, &mut ms);
    }
    let mut out: Vec<ActorFound> = Vec::with_capacity(cl.len());
    // One cluster's mentions at a time, in a vector reused for all.
    let mut kept: Vec<Spans> = Vec::new();
    let mut sorted: Vec<(u128, Spans)> = Vec::new();
    // By first mention (ties in cluster order): the clusters' order, so
    // that the actors are made in it, not sorted once made.
    for c in output_order(&cl).into_iter().filter_map(|i| cl.get(i)) {
        // By start, longest first, ties in the order added: what a stable
        // sort gives, without the buffer it allocates for a long list.
        sorted.clear();
        sorted.extend(ms.iter(c.mentions).enumerate().map(|(k, m)| (span_order(m.0, m.1, k), m)));
        sorted.sort_unstable_by_key(|&(k, _)| k);
        kept.clear();
        kept.extend(sorted.iter().map(|&(_, m)| m));
        // A mention overlapping the last one kept is dropped.
        kept.dedup_by(|m, l| m.0 < l.1);
        let name = match c.canon {
            Some(n) => n.to_string(),
            None => {
                // A name like the one before has its key and, were it the
                // last of the longest, the same text: skipped.
                let mut before = "";
                let names = kept
                    .iter()
                    .map(|&(_, _, ns, ne)| text[ns..ne].trim())
                    .filter(|n| !n.is_empty())
                    .filter(|&n| std::mem::replace(&mut before, n) != n);
                best_name(names).to_string()
            }
        };
        out.push(ActorFound {
            name,
            kind: c.kind,
            mentions: kept.iter().map(|&(s, e, _, _)| Mention { start: s, end: e }).collect(),
        });
    }
    out
}

/// Whether every place, organization and group key of the memo (marked
/// by [`distinct_keys`]) is its own [`corporate_base`]: then two such
/// keys share a base only if they are one key.
fn bases_are_keys(memo: &[KeyMemo], keys: &Keys) -> bool {
    memo.iter().enumerate().all(|(id, m)| {
        let k = keys.get(KeyId::try_from(id).unwrap_or(KeyId::MAX));
        m.seen & 0b111 == 0 || corporate_base(k).len() == k.len()
    })
}

/// The live clusters (not merged, with mentions) by the start of their
/// first mention, ties in cluster order: the order of the actors.
fn output_order(cl: &[Cluster]) -> Vec<usize> {
    let low = |v: usize| u64::from(u32::try_from(v).unwrap_or(u32::MAX));
    let mut order: Vec<u64> = cl
        .iter()
        .enumerate()
        .filter(|(_, c)| c.merged.is_none() && !c.mentions.is_empty())
        .map(|(i, c)| low(c.start) << 32 | low(i))
        .collect();
    // The keys are distinct: any sort gives this order.
    order.sort_unstable();
    order.into_iter().map(|k| (k & 0xffff_ffff) as usize).collect()
}

/// The organizations [`join_acronyms`] asks about: those without a
/// lexicon name, with a mention that is an acronym.
fn acronym_of<'t>(text: &'t str, c: &Cluster, ms: &Mentions) -> Option<&'t str> {
    if c.kind != ActorKind::Organization || c.canon.is_some() {
        return None;
    }
    ms.iter(c.mentions).map(|(_, _, ns, ne)| &text[ns..ne]).find(|n| is_acronym(n))
}

/// Whether [`join_acronyms`] has anything to join: some cluster has an
/// [`acronym_of`] (a join only moves mentions into a cluster that had
/// one, so none appears by joining).
fn acronyms_asked(text: &str, cl: &[Cluster], ms: &Mentions) -> bool {
    cl.iter().any(|c| acronym_of(text, c, ms).is_some())
}

/// Acronyms join the organization (or place) whose initials they are:
/// "NATO" and "North Atlantic Treaty Organization".
fn join_acronyms(text: &str, cl: &mut [Cluster], ms: &mut Mentions) {
    let mut by_initials: Map<String, usize> = Map::default();
    let mut ini = String::new();
    for (i, c) in cl.iter().enumerate() {
        if !matches!(c.kind, ActorKind::Organization | ActorKind::Place) {
            continue;
        }
        // The name of the last such mention again gives the same initials,
        // whose second insertion would change nothing: skipped.
        let mut last = "";
        for (_, _, ns, ne) in ms.iter(c.mentions) {
            let name = &text[ns..ne];
            if name.contains(' ') && name != last {
                last = name;
                ini.clear();
                push_initials(&mut ini, name);
                if ini.len() >= 2 && !by_initials.contains_key(ini.as_str()) {
                    by_initials.insert(ini.clone(), i);
                }
            }
        }
    }
    for i in 0..cl.len() {
        let Some(acr) = acronym_of(text, &cl[i], ms) else { continue };
        let key: String = acr.chars().filter(|c| c.is_alphabetic()).collect();
        if let Some(&j) = by_initials.get(&key) {
            let j = root(cl, j);
            if j != i && cl[j].merged.is_none() {
                let mut to = cl[j].mentions;
                ms.append(&mut to, &mut cl[i].mentions);
                cl[j].mentions = to;
                cl[j].start = cl[j].start.min(cl[i].start);
                cl[i].merged = Some(j);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mention_order_is_lone_last_then_start_then_longest() {
        let raw = |s: usize, e: usize, key: Key| Raw { s, e, ns: s, ne: e, kind: ActorKind::Person, key, canon: None };
        let full = Key::Person { first: Some(0), last: 1 };
        let lone = Key::Person { first: None, last: 1 };
        let raws = vec![
            raw(9, 12, lone),
            raw(5, 7, full),
            raw(5, 9, Key::Org(2)),
            raw(0, 4, lone),
            raw(5, 9, full),
            raw(1, 3, Key::Place(3)),
        ];
        let mut want: Vec<usize> = (0..raws.len()).collect();
        want.sort_by_key(|&i| {
            let r = &raws[i];
            (matches!(r.key, Key::Person { first: None, .. }), r.s, std::cmp::Reverse(r.e), i)
        });
        assert_eq!(mention_order(&raws), want);
        assert_eq!(want, [5, 2, 4, 1, 3, 0]);
    }

    #[test]
    fn nearest_is_the_full_name_nearest_before_else_after() {
        let cluster = |full_pos: Vec<usize>| Cluster {
            kind: ActorKind::Person,
            mentions: List::EMPTY,
            canon: None,
            first: None,
            full_pos,
            merged: None,
            start: 0,
        };
        let cl = vec![cluster(vec![10, 50]), cluster(vec![30]), cluster(vec![]), cluster(vec![30, 70])];
        let list = [2, 0, 1, 3];
        let merged = merged_positions(&list, &cl);
        // The same, gathered from a chained list.
        let (mut named, mut l) = (Chains::default(), List::EMPTY);
        for i in list {
            named.push(&mut l, i);
        }
        assert_eq!(gather(&named, l, &cl), (list.to_vec(), merged.clone()));
        // Before: the latest full name; at 30 both 1 and 3, the first in the list wins.
        assert_eq!(nearest(&merged, &list, 40), Some(1));
        assert_eq!(nearest(&merged, &list, 60), Some(0));
        assert_eq!(nearest(&merged, &list, 99), Some(3));
        // None before: the nearest after.
        assert_eq!(nearest(&merged, &list, 5), Some(0));
        // No full name at all: the first of the list; no list, none.
        assert_eq!(nearest(&[], &[2, 0], 5), Some(2));
        assert_eq!(nearest(&[], &[], 5), None);
    }

    #[test]
    fn mentions_keep_each_list_in_order_and_move_whole_lists() {
        let m = |i: usize| (i, i + 1, i, i + 1);
        let mut ms = Mentions::default();
        let (mut a, mut b, mut none) = (List::EMPTY, List::EMPTY, List::EMPTY);
        for i in 0..6 {
            ms.push(if i % 3 == 0 { &mut a } else { &mut b }, m(i));
        }
        let got = |ms: &Mentions, l: List| ms.iter(l).map(|x| x.0).collect::<Vec<_>>();
        assert_eq!((got(&ms, a), got(&ms, b)), (vec![0, 3], vec![1, 2, 4, 5]));
        // Nothing to move: no change.
        ms.append(&mut a, &mut none);
        assert_eq!(got(&ms, a), [0, 3]);
        ms.append(&mut b, &mut a);
        assert!(a.is_empty() && got(&ms, a).is_empty());
        assert_eq!(got(&ms, b), [1, 2, 4, 5, 0, 3]);
        // Into an empty list, and on adding after.
        ms.append(&mut none, &mut b);
        ms.push(&mut none, m(9));
        assert_eq!(got(&ms, none), [1, 2, 4, 5, 0, 3, 9]);
    }

    #[test]
    fn span_order_sorts_by_start_longest_then_index() {
        let spans = [(5, 9, 0), (5, 7, 1), (1, 3, 2), (5, 9, 3), (0, 12, 4)];
        let mut got = spans.to_vec();
        got.sort_by_key(|&(s, e, k)| span_order(s, e, k));
        let mut want = spans.to_vec();
        want.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        assert_eq!(got, want);
    }

    #[test]
    fn best_name_is_the_last_of_the_best() {
        let best = |names: &[&'static str]| best_name(names.iter().copied());
        assert_eq!(best(&[]), "");
        assert_eq!(best(&["NATO"]), "NATO");
        // Not an acronym first, then words, then characters; ties: the last.
        assert_eq!(best(&["NATO", "Nato"]), "Nato");
        assert_eq!(best(&["Vladimir Putin", "Putin", "V. Putin"]), "Vladimir Putin");
        assert_eq!(best(&["Bob Smith", "Ann Jones", "Ann Joness", "Al Grey"]), "Ann Joness");
        assert_eq!(best(&["Ann Jones", "Bob Smith"]), "Bob Smith");
    }

    #[test]
    fn initials_and_acronyms() {
        let mut ini = String::from("X");
        push_initials(&mut ini, "North Atlantic Treaty Organization of the World");
        assert_eq!(ini, "XNATOW");
        assert!(is_acronym("NATO") && is_acronym("U.N.") && !is_acronym("N") && !is_acronym("NATO HQ"));
        assert!(!is_acronym("Nato") && !is_acronym("ABCDEFGHI"));
    }

    #[test]
    fn bases_are_keys_unless_a_counted_key_has_a_legal_form() {
        let mut keys = Keys::default();
        let (apple, inc, person) = (keys.id("apple"), keys.id("apple inc."), keys.id("smith inc"));
        let raw = |key: Key| Raw { s: 0, e: 1, ns: 0, ne: 1, kind: ActorKind::Organization, key, canon: None };
        let memo_of = |raws: &[Raw]| {
            let mut memo = vec![KeyMemo::default(); keys.count()];
            distinct_keys(raws, &mut memo);
            memo
        };
        assert!(bases_are_keys(&memo_of(&[raw(Key::Org(apple))]), &keys));
        // A family name is no organization's key: its form does not count.
        assert!(bases_are_keys(&memo_of(&[raw(Key::Person { first: None, last: person })]), &keys));
        assert!(!bases_are_keys(&memo_of(&[raw(Key::Org(apple)), raw(Key::Group(inc))]), &keys));
    }

    /// A cluster for the tests, its mentions in `ms`.
    fn cluster_of(
        ms: &mut Mentions,
        kind: ActorKind,
        canon: Option<&'static str>,
        spans: &[(usize, usize)],
    ) -> Cluster {
        let mut c = Cluster {
            kind,
            mentions: List::EMPTY,
            canon,
            first: None,
            full_pos: Vec::new(),
            merged: None,
            start: usize::MAX,
        };
        for &(s, e) in spans {
            ms.push(&mut c.mentions, (s, e, s, e));
            c.start = c.start.min(s);
        }
        c
    }

    #[test]
    fn lists_of_a_key_are_its_own_and_empty_past_the_end() {
        let (mut named, mut lists) = (Chains::default(), vec![NameLists::default(); 2]);
        named.push(&mut lists[1].last, 7);
        named.push(&mut lists[1].first, 8);
        let got = |id: KeyId| {
            let l = lists_of(&lists, id);
            (named.iter(l.last).collect::<Vec<usize>>(), named.iter(l.first).collect::<Vec<usize>>())
        };
        assert_eq!(got(1), (vec![7], vec![8]));
        assert_eq!(got(0), (vec![], vec![]));
        assert_eq!(got(9), (vec![], vec![]));
    }

    #[test]
    fn output_order_is_by_first_mention_then_cluster() {
        let mut ms = Mentions::default();
        let org = ActorKind::Organization;
        let mut cl = vec![
            cluster_of(&mut ms, org, None, &[(9, 10), (30, 31)]),
            cluster_of(&mut ms, org, None, &[(40, 41), (5, 6)]),
            cluster_of(&mut ms, org, None, &[(9, 12)]),
            cluster_of(&mut ms, org, None, &[]),
            cluster_of(&mut ms, org, None, &[(1, 2)]),
        ];
        cl[4].merged = Some(0);
        assert_eq!(output_order(&cl), [1, 0, 2]);
    }

    #[test]
    fn acronyms_are_asked_of_organizations_without_a_lexicon_name() {
        let text = "NATO and KCNA met the North Atlantic Treaty Organization";
        let mut ms = Mentions::default();
        let (org, place) = (ActorKind::Organization, ActorKind::Place);
        let named = cluster_of(&mut ms, org, Some("NATO"), &[(0, 4)]);
        let kcna = cluster_of(&mut ms, org, None, &[(9, 13)]);
        let long = cluster_of(&mut ms, org, None, &[(22, 56)]);
        let as_place = cluster_of(&mut ms, place, None, &[(9, 13)]);
        assert_eq!(acronym_of(text, &kcna, &ms), Some("KCNA"));
        for c in [&named, &long, &as_place] {
            assert_eq!(acronym_of(text, c, &ms), None);
        }
        assert!(acronyms_asked(text, &[named, long, kcna], &ms));
        assert!(!acronyms_asked(text, &[as_place], &ms));
    }

    #[test]
    fn distinct_keys_counts_each_key_once_per_kind() {
        let raw = |key: Key| Raw { s: 0, e: 1, ns: 0, ne: 1, kind: ActorKind::Person, key, canon: None };
        let raws = [
            raw(Key::Place(0)),
            raw(Key::Place(0)),
            raw(Key::Org(0)),
            raw(Key::Org(1)),
            raw(Key::Group(2)),
            raw(Key::Person { first: Some(3), last: 4 }),
            raw(Key::Person { first: None, last: 4 }),
            raw(Key::Person { first: Some(4), last: 3 }),
            raw(Key::Anaphor(1)),
            // An id past the memo is not counted.
            raw(Key::Place(9)),
        ];
        let mut memo = vec![KeyMemo::default(); 5];
        assert_eq!(distinct_keys(&raws, &mut memo), [1, 2, 1, 2, 2]);
        assert_eq!(memo[0].seen, 0b11);
    }

    #[test]
    fn before_of_is_the_first_split_piece() {
        for k in [
            "church of scientology",
            "ministry",
            "",
            " of ",
            "bank of england of old",
            "office",
            "of x",
            "x of",
            "é of ü",
        ] {
            assert_eq!(before_of(k), k.split(" of ").next().unwrap_or(k), "{k:?}");
        }
    }
}
