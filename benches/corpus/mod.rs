//! Deterministic news-like text of any size for the benchmarks and the
//! robustness tests: the seed article's paragraphs, shuffled and with its
//! people renamed and its quotation marks restyled, interleaved with
//! generated paragraphs (attributed quotes in every quote style, quotes that
//! run over two paragraphs, scare quotes, denials and disputes, datelines,
//! names with accents). Nothing is copied from outside the repository: the
//! only real text is the seed the crate already ships.
//!
//! Used from `benches/analyze.rs` and (through `#[path]`) from
//! `tests/robustness.rs`; it lives in a folder so that cargo does not take it
//! for a bench target of its own.

#![allow(dead_code)]

/// The seed article the crate ships (`seeds/`).
pub const SEED: &str = include_str!("../../seeds/000_ef33c36d7de74af4.txt");

/// A small xorshift64* generator: deterministic, no dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        // Never zero (xorshift's fixed point); splitmix the seed a little.
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03 | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (`n > 0`; the modulo bias is irrelevant here).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

const FIRST: &[&str] = &[
    "Anna",
    "Boris",
    "Carmen",
    "David",
    "Elena",
    "Farid",
    "Grace",
    "Hiroshi",
    "Ingrid",
    "Jamal",
    "Katarzyna",
    "Luis",
    "Maria",
    "Nikolai",
    "Olga",
    "Pedro",
    "Qiu",
    "Rosa",
    "Samuel",
    "Tatiana",
    "Umar",
    "Valérie",
    "Wei",
    "Ximena",
    "Yusuf",
    "Zoë",
    "José",
    "Łukasz",
    "Søren",
    "Aylin",
    "Chidi",
    "Björn",
    "Renée",
    "Dmitro",
    "Amara",
    "Tomás",
];

const LAST: &[&str] = &[
    "Abbott",
    "Baranov",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fischer",
    "García",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrenko",
    "Quintero",
    "Rossi",
    "Schmidt",
    "Tkachenko",
    "Urquhart",
    "Vasquez",
    "Whitfield",
    "Xu",
    "Yilmaz",
    "Zhang",
    "Núñez",
    "Wałęsa",
    "Ødegaard",
    "Çelik",
    "O'Brien",
    "McAllister",
    "van der Berg",
    "de la Cruz",
    "Al-Masri",
    "Nguyễn",
];

const TITLE: &[&str] = &[
    "Mr.",
    "Ms.",
    "Mrs.",
    "Dr.",
    "Mr",
    "Ms",
    "President",
    "Prime Minister",
    "Senator",
    "General",
    "Minister",
    "Judge",
];

const ROLE: &[&str] = &[
    "a spokeswoman",
    "a spokesman",
    "the director",
    "a senior official",
    "the chairman",
    "an analyst",
    "the deputy minister",
    "a former adviser",
    "the chief economist",
    "a lawyer",
    "the mayor",
    "a researcher",
];

const ORG: &[&str] = &[
    "the Foreign Ministry",
    "NATO",
    "the European Union",
    "the United Nations",
    "the State Department",
    "the Kremlin",
    "Gazprom",
    "the World Bank",
    "the International Monetary Fund",
    "Amnesty International",
    "the Defense Ministry",
    "the Central Bank",
    "Reuters",
    "the Supreme Court",
    "the Red Cross",
    "the Organization for Security and Co-operation in Europe",
    "Acme Holdings Ltd.",
    "the Pentagon",
];

const PLACE: &[&str] = &[
    "Kyiv",
    "Moscow",
    "Brussels",
    "Washington",
    "Geneva",
    "Warsaw",
    "Berlin",
    "Paris",
    "Ankara",
    "Tbilisi",
    "São Paulo",
    "Zürich",
    "Kraków",
    "Minsk",
    "Vilnius",
    "Beijing",
    "New York",
    "Riga",
    "Chișinău",
    "Tallinn",
];

const DAY: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "last week"];

const SUBJECT: &[&str] = &[
    "the government",
    "the proposal",
    "the new treaty",
    "the ministry",
    "the alliance",
    "the sanctions",
    "the ceasefire",
    "the pipeline",
    "the budget",
    "the election",
    "the inquiry",
    "the agreement",
    "the talks",
    "the troops",
    "the court",
    "the central bank",
    "inflation",
    "the opposition",
    "the reform",
    "the blockade",
];

const VERB: &[&str] = &[
    "would undermine",
    "had violated",
    "will strengthen",
    "could delay",
    "never threatened",
    "has ignored",
    "is preparing",
    "would not affect",
    "has already weakened",
    "was designed to protect",
    "cannot guarantee",
    "did not include",
    "is expected to expand",
    "would collapse without",
    "has long opposed",
];

const OBJECT: &[&str] = &[
    "regional security",
    "the rule of law",
    "its neighbours",
    "the peace process",
    "economic growth",
    "the border",
    "civilian infrastructure",
    "the 1997 agreement",
    "independent media",
    "energy supplies",
    "the negotiations",
    "human rights",
    "the currency",
    "public trust",
    "the export ban",
    "local elections",
];

const COMPLEMENT: &[&str] = &[
    "",
    " in the coming months",
    " by the end of the year",
    " despite repeated warnings",
    " for decades",
    " according to internal documents",
    " without a vote in parliament",
    " at least until spring",
    " in eastern regions",
    " as early as next week",
];

const SHORT: &[&str] = &[
    "red lines",
    "open door",
    "special operation",
    "strategic depth",
    "fake news",
    "security guarantees",
    "reset",
    "shock therapy",
    "peace dividend",
    "witch hunt",
    "new normal",
    "frozen conflict",
    "legal and binding",
];

const ADJ: &[&str] = &["controversial", "unprecedented", "widely criticised", "popular", "short-lived", "costly"];

const SAY: &[&str] = &["said", "told reporters", "added", "insisted", "warned", "wrote", "argued", "stressed"];

const DENY: &[&str] = &["denied", "disputed", "rejected", "contested", "dismissed", "questioned", "refuted"];

/// Quote styles: opening and closing mark. The first is the seed's own.
pub const STYLES: &[(&str, &str)] = &[
    ("“", "”"),
    ("\"", "\""),
    ("‘", "’"),
    ("'", "'"),
    ("«", "»"),
    ("« ", " »"),
    ("„", "“"),
    ("``", "''"),
    ("‹", "›"),
    ("「", "」"),
];

/// The people the seed names (given names and surnames), renamed per story.
const SEED_FIRST: &[&str] =
    &["Vladimir", "Sergei", "Karen", "James", "Mikhail", "Volodymyr", "Donald", "Andrew", "Steven"];
const SEED_LAST: &[&str] =
    &["Putin", "Biden", "Ryabkov", "Donfried", "Baker", "Gorbachev", "Zelensky", "Trump", "Kramer", "Erlanger"];

/// A text of at least `bytes` bytes (at most one paragraph more), made of
/// whole paragraphs separated by `\n`. The same `(bytes, seed)` always gives
/// the same text.
pub fn article(bytes: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed ^ bytes as u64);
    let seed_paragraphs: Vec<&str> = SEED.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut out = String::with_capacity(bytes + 4096);
    while out.len() < bytes {
        story(&mut rng, &seed_paragraphs, &mut out, bytes);
    }
    out
}

/// One story: a cast of renamed people, a quote style, and a shuffled mix of
/// seed and generated paragraphs.
fn story(rng: &mut Rng, seed_paragraphs: &[&str], out: &mut String, limit: usize) {
    let first: Vec<&str> = SEED_FIRST.iter().map(|_| rng.pick(FIRST)).collect();
    let last: Vec<&str> = SEED_LAST.iter().map(|_| rng.pick(LAST)).collect();
    let style = if rng.chance(40) { STYLES[0] } else { STYLES[rng.below(STYLES.len())] };

    let mut paragraphs: Vec<String> = Vec::new();
    let keep = 8 + rng.below(seed_paragraphs.len().saturating_sub(8).max(1));
    let mut chosen: Vec<&str> = seed_paragraphs.to_vec();
    rng.shuffle(&mut chosen);
    for p in chosen.into_iter().take(keep) {
        let mut p = p.to_string();
        for (old, new) in SEED_LAST.iter().zip(&last) {
            p = p.replace(old, new);
        }
        for (old, new) in SEED_FIRST.iter().zip(&first) {
            p = p.replace(old, new);
        }
        if style != STYLES[0] {
            p = p.replace('“', style.0).replace('”', style.1);
        }
        paragraphs.push(p);
    }
    for _ in 0..4 + rng.below(12) {
        let mut p = generated(rng, &first, &last);
        if let Some(head) = p.get_mut(..1) {
            head.make_ascii_uppercase();
        }
        paragraphs.push(p);
    }
    rng.shuffle(&mut paragraphs);
    if rng.chance(50) {
        paragraphs.insert(0, headline(rng));
    }
    for p in paragraphs {
        if out.len() >= limit {
            break;
        }
        out.push_str(&p);
        out.push('\n');
        if rng.chance(10) {
            out.push('\n');
        }
    }
}

fn headline(rng: &mut Rng) -> String {
    let subject = rng.pick(SUBJECT);
    let mut h = format!("{} {} {}", subject, rng.pick(VERB), rng.pick(OBJECT));
    h[..1].make_ascii_uppercase();
    h
}

fn clause(rng: &mut Rng) -> String {
    format!("{} {} {}{}", rng.pick(SUBJECT), rng.pick(VERB), rng.pick(OBJECT), rng.pick(COMPLEMENT))
}

fn sentence(rng: &mut Rng) -> String {
    let mut s = clause(rng);
    s[..1].make_ascii_uppercase();
    s
}

/// A generated paragraph of one of several shapes, with its own quote style.
fn generated(rng: &mut Rng, first: &[&str], last: &[&str]) -> String {
    let (o, c) = STYLES[rng.below(STYLES.len())];
    let i = rng.below(first.len());
    let (fname, lname) = (first[i], last[rng.below(last.len())]);
    let other = last[rng.below(last.len())];
    let title = rng.pick(TITLE);
    let say = rng.pick(SAY);
    let deny = rng.pick(DENY);
    let org = rng.pick(ORG);
    let place = rng.pick(PLACE);
    let day = rng.pick(DAY);
    let role = rng.pick(ROLE);
    let (s1, s2, cl) = (sentence(rng), sentence(rng), clause(rng));
    let short = rng.pick(SHORT);
    let adj = rng.pick(ADJ);
    match rng.below(12) {
        0 => format!("{o}{s1},{c} {say} {fname} {lname}, {role} for {org}. {o}{s2}.{c}"),
        1 => format!("{title} {lname} told reporters in {place} on {day} that {cl}."),
        2 => format!("{o}{s1}.{c} That was how {title} {lname} put it on {day}, before {other} {deny} the account."),
        3 => format!("According to {org}, {cl}. {title} {lname} {deny} the claim, calling it {o}{short}{c}."),
        4 => format!("{org} {deny} {fname} {lname}’s assertion that {cl}; {title} {other} called it {o}{short}.{c}"),
        5 => format!("{fname} {lname} {say}: {o}{s1}.\n{o}{s2},{c} {lname} added."),
        6 => format!("The so-called {o}{short}{c} policy, {adj} in {place}, {say} little about {cl}."),
        7 => format!(
            "{}, {day} — {org} {say} that {cl}, but {title} {lname} said that was not true.",
            place.to_uppercase()
        ),
        8 => format!("Critics, including {fname} {lname} of {org}, say {cl}. {o}{s1}!{c} {other} {say}. {o}{s2}?{c}"),
        9 => format!("{title} {fname} {lname}, {role} of {org}, {deny} that {cl}, and {other} supported that view."),
        10 => format!("In {place}, {title} {lname} {say} {o}{s1}{c} — an account {org} later {deny}."),
        _ => format!("{o}{s1},{c} {say} {lname}. {o}{s2}, and {cl}.{c}"),
    }
}
