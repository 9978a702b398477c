//! Attribution on sentences written for the purpose: each cue form, pronouns
//! with and without actors, cues across sentences, scare against partial
//! quotes, hostile input.

use super::*;
use crate::analysis::actors::Mention;
use crate::analysis::quotes::{find_quotes, find_quotes_and_paragraphs};

/// (quoted text, kind, speaker: "@name" for an actor, else the mention text).
type Read = (String, QuoteKind, Option<String>);

fn run(text: &str) -> Vec<Read> {
    run_with(text, &[])
}

fn run_with(text: &str, actors: &[ActorFound]) -> Vec<Read> {
    let qs = find_quotes(text);
    let at = attribute(text, &qs, actors);
    assert_eq!(qs.len(), at.len());
    qs.iter()
        .zip(&at)
        .map(|(q, a)| {
            let who = a.speaker.map(|s| match s.actor {
                Some(i) => format!("@{}", actors[i].name),
                None => text[s.start..s.end].to_string(),
            });
            (text[q.start..q.end].to_string(), a.kind, who)
        })
        .collect()
}

fn speakers(text: &str) -> Vec<Option<String>> {
    run(text).into_iter().map(|r| r.2).collect()
}

fn one(text: &str) -> (QuoteKind, Option<String>) {
    let r = run(text);
    assert_eq!(r.len(), 1, "{r:?}");
    (r[0].1, r[0].2.clone())
}

/// An actor with every occurrence of each of its mention strings.
fn actor(text: &str, name: &str, kind: ActorKind, mentions: &[&str]) -> ActorFound {
    let mut ms: Vec<Mention> = mentions
        .iter()
        .flat_map(|m| text.match_indices(m).map(|(i, _)| Mention { start: i, end: i + m.len() }))
        .collect();
    ms.sort();
    ms.dedup();
    ActorFound { name: name.to_string(), kind, mentions: ms }
}

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

#[test]
fn cue_after_the_quote() {
    assert_eq!(one("“We will win this race,” Smith said."), (QuoteKind::Direct, some("Smith")));
    assert_eq!(
        one("“We will win this race,” said Jane Smith, the campaign manager."),
        (QuoteKind::Direct, some("Jane Smith"))
    );
    assert_eq!(
        one("“Any new aggression would have a high price tag, ”the statement said."),
        (QuoteKind::Direct, some("the statement"))
    );
    assert_eq!(
        one("“The plan is dead,” according to two senior officials."),
        (QuoteKind::Direct, some("two senior officials"))
    );
    assert_eq!(
        one("“It was very nice,” the gambling tycoon told Reuters in an interview.").1,
        some("the gambling tycoon")
    );
    assert_eq!(one("“We have no choice,” Trump added on Friday.").1, some("Trump"));
    assert_eq!(one("“The deal is off,” Ms. Lee tweeted.").1, some("Ms. Lee"));
    assert_eq!(one("“Nobody cares,” the aide, who spoke on condition of anonymity, said.").1, some("the aide"));
    assert_eq!(one("“This is sad,” Sen. John Cornyn (R-Texas) told reporters.").1, some("Sen. John Cornyn"));
    assert_eq!(one("“Jeb wants to be a tough guy tonight,” Trump shot back.").1, some("Trump"));
    assert_eq!(one("“It's a hard thing to do.” ― Esther Tapia").1, some("Esther Tapia"));
}

#[test]
fn cue_before_the_quote() {
    assert_eq!(one("Brafman said, “The zeal of this case is uncharacteristic.”").1, some("Brafman"));
    assert_eq!(one("Cruz continued: “You look at the questions.”").1, some("Cruz"));
    assert_eq!(one("According to the newspaper, “Gun laws empower dealers to sell weapons.”").1, some("the newspaper"));
    assert_eq!(
        one("Trent Lott, who was majority leader, told lawmakers, “We have to come to terms with it.”").1,
        some("Trent Lott")
    );
    assert_eq!(
        one("Hours later, Trump returned the compliment to Adelson, telling Reuters, “He is an amazing man.”").1,
        some("Trump")
    );
    assert_eq!(one("Rubio fired back forcefully: “If they sue us, they will lose.”").1, some("Rubio"));
    assert_eq!(one("Darrell Scott: “You find me an aberration because I support him.”").1, some("Darrell Scott"));
    assert_eq!(one("As Mr. Cornyn put it: “This person will not be confirmed.”").1, some("Mr. Cornyn"));
}

#[test]
fn cue_across_sentences_and_paragraphs() {
    // "X said:" closing the paragraph before.
    assert_eq!(
        speakers("Cruz continued:\n\n“You look at the questions: are you a comic book villain?”"),
        vec![some("Cruz")]
    );
    // A short cue sentence of its own after the quote.
    assert_eq!(speakers("“Tensions have mounted.” Putin said."), vec![some("Putin")]);
    // A quote opening the sentence after its speaker's cue goes on in that voice.
    let t = "“I am not shy,” Smith said. “I have not been reluctant to express my views in public.”";
    assert_eq!(speakers(t), vec![some("Smith"), some("Smith")]);
    // ... and into the next paragraph when that one is only the quote.
    let t = "“We need to be humble,” Smith said.\n\n“Allowing another era of experiment makes sense.”";
    assert_eq!(speakers(t), vec![some("Smith"), some("Smith")]);
    // But not when another sentence stands between.
    let t = "“We need to be humble,” Smith said. The crowd left early. Nobody stayed.\n\n“This makes sense to me now.”";
    assert_eq!(speakers(t)[1], None);
    // A full quote right after a sentence whose verb of saying has a subject.
    let t = "Greene added that the Fed wants out of the way. “They will be moving more for political reasons.”";
    assert_eq!(speakers(t), vec![some("Greene")]);
}

#[test]
fn pronouns_resolve_to_actors_or_fall_back_to_names() {
    let t = "Mr. Putin spoke in Moscow on Tuesday. “Our recent warnings have been heard,” he told a gathering.";
    // No actors: the name the text gives.
    assert_eq!(speakers(t), vec![some("Putin")]);
    // With actors: the pronoun stays the mention, the actor is Putin.
    let actors = [
        actor(t, "Vladimir V. Putin", ActorKind::Person, &["Putin"]),
        actor(t, "Moscow", ActorKind::Place, &["Moscow"]),
    ];
    assert_eq!(run_with(t, &actors)[0].2, some("@Vladimir V. Putin"));
    let at = attribute(t, &find_quotes(t), &actors);
    let s = at[0].speaker.unwrap_or(SpeakerFound { actor: None, start: 0, end: 0 });
    assert_eq!(&t[s.start..s.end], "he");
    // "they" goes to a group, not to the nearer place.
    let t = "NATO officials met in Brussels. “We are open to dialogue,” they said.";
    let actors = [
        actor(t, "NATO officials", ActorKind::Group, &["NATO officials"]),
        actor(t, "Brussels", ActorKind::Place, &["Brussels"]),
    ];
    assert_eq!(run_with(t, &actors)[0].2, some("@NATO officials"));
    // A possessor or an object of a preposition is no antecedent.
    let t = "Smith spoke after meeting with Jones. “We agreed on nothing today,” he said.";
    let actors = [actor(t, "Smith", ActorKind::Person, &["Smith"]), actor(t, "Jones", ActorKind::Person, &["Jones"])];
    assert_eq!(run_with(t, &actors)[0].2, some("@Smith"));
}

#[test]
fn mentions_match_actors_by_overlap_head_first() {
    let t = "Russia’s Foreign Ministry said Moscow was seeking a “legal and binding” document.";
    let actors = [
        actor(t, "Russia", ActorKind::Place, &["Russia"]),
        actor(t, "Foreign Ministry", ActorKind::Organization, &["Foreign Ministry"]),
        actor(t, "Moscow", ActorKind::Place, &["Moscow"]),
    ];
    assert_eq!(
        run_with(t, &actors)[0],
        ("legal and binding".to_string(), QuoteKind::Partial, some("@Foreign Ministry"))
    );
    // A proxy head ("officials") speaks for the actor named in the phrase.
    let t = "“The proposals are unacceptable,” NATO officials said.";
    let actors = [actor(t, "NATO", ActorKind::Organization, &["NATO"])];
    assert_eq!(run_with(t, &actors)[0].2, some("@NATO"));
}

#[test]
fn a_person_of_a_place_or_organization_is_the_speaker() {
    // The capitalised complement is no head: the person before "of" is.
    let t = "“We will not retreat,” said President Vladimir Putin of Russia. \
             “Nor will we,” said Jens Stoltenberg of the North Atlantic Treaty Organization.";
    let actors = [
        actor(t, "Vladimir Putin", ActorKind::Person, &["President Vladimir Putin"]),
        actor(t, "Russia", ActorKind::Place, &["Russia"]),
        actor(t, "Jens Stoltenberg", ActorKind::Person, &["Jens Stoltenberg"]),
        actor(t, "NATO", ActorKind::Organization, &["North Atlantic Treaty Organization"]),
    ];
    let got: Vec<_> = run_with(t, &actors).into_iter().map(|r| r.2).collect();
    assert_eq!(got, [some("@Vladimir Putin"), some("@Jens Stoltenberg")]);
    // Without a person before the preposition the named body speaks.
    let t = "“We will not retreat,” said the Bank of England.";
    let actors = [actor(t, "Bank of England", ActorKind::Organization, &["Bank of England"])];
    assert_eq!(run_with(t, &actors)[0].2, some("@Bank of England"));
}

#[test]
fn a_name_set_off_after_a_role_is_the_speaker() {
    // Before the quote and after it; the span covers role and name.
    let t = "On Wednesday, however, the director of the agency, James B. Comey, said the messages were \
             “direct, private messages.” “It is a close look,” the White House spokesman, Josh Earnest, said.";
    let actors = [
        actor(t, "James B. Comey", ActorKind::Person, &["James B. Comey"]),
        actor(t, "White House", ActorKind::Organization, &["White House"]),
        actor(t, "Josh Earnest", ActorKind::Person, &["Josh Earnest"]),
    ];
    let got: Vec<_> = run_with(t, &actors).into_iter().map(|r| r.2).collect();
    assert_eq!(got, [some("@James B. Comey"), some("@Josh Earnest")]);
    assert_eq!(
        speakers(t),
        [some("the director of the agency, James B. Comey"), some("the White House spokesman, Josh Earnest")]
    );
    // Any lower-case role will do, not only titles.
    let t = "“He deserved it,” the assailant, John McGraw, told the program.";
    let actors = [actor(t, "John McGraw", ActorKind::Person, &["John McGraw"])];
    assert_eq!(run_with(t, &actors)[0].2, some("@John McGraw"));
    // The role describes an earlier name: that name still speaks.
    let t = "Giovanni Vian, the editor in chief of the paper, L'Osservatore Romano, said every pope was \
             “both religious and political.”";
    let actors = [actor(t, "Giovanni Vian", ActorKind::Person, &["Giovanni Vian"])];
    assert_eq!(run_with(t, &actors)[0].2, some("@Giovanni Vian"));
    // A place after a lower-case noun is no name of a person in a role.
    let t = "Michael Seaman, who lives outside the state capital, Sacramento, said he still \
             “prays that Bernie ends up the nominee.”";
    let actors = [
        actor(t, "Michael Seaman", ActorKind::Person, &["Michael Seaman"]),
        actor(t, "Sacramento", ActorKind::Place, &["Sacramento"]),
    ];
    assert_eq!(run_with(t, &actors)[0].2, some("@Michael Seaman"));
}

#[test]
fn a_trailing_cue_may_end_in_an_appositive() {
    let t = "Mrs. Clinton would do well to begin “building bridges” to Mr. Sanders, said David Axelrod, \
             a former senior strategist for President Obama.";
    assert_eq!(one(t), (QuoteKind::Partial, some("David Axelrod")));
    let t = "“Campaigns are having trouble raising money,” but they lead in advertising, says Evan Tracey, \
             who runs a media firm in Alexandria.";
    assert_eq!(one(t).1, some("Evan Tracey"));
}

#[test]
fn a_role_between_two_pieces_speaks_both() {
    let t = "“It is a difficult issue,” said the Florida senator, “because it puts two rights in conflict.”";
    assert_eq!(speakers(t), [some("the Florida senator"), some("the Florida senator")]);
    // After a verb elsewhere, the phrase is its object, not a speaker.
    let t = "It has become such a presence that Sanders during a Sunday thanked its members “for their support in my campaign.”";
    let actors = [actor(t, "Bernie Sanders", ActorKind::Person, &["Sanders"])];
    assert_ne!(run_with(t, &actors)[0].2, some("its members"));
}

#[test]
fn and_or_but_before_an_adverb_and_the_verb_keep_the_subject() {
    let t = "House Republican Thomas Massie used to support Rand Paul, but now said Trump had \
             “the opportunity and the obligation to bring us together.”";
    let actors = [
        actor(t, "Thomas Massie", ActorKind::Person, &["Thomas Massie"]),
        actor(t, "Rand Paul", ActorKind::Person, &["Rand Paul"]),
        actor(t, "Trump", ActorKind::Person, &["Trump"]),
    ];
    assert_eq!(run_with(t, &actors)[0].2, some("@Thomas Massie"));
}

#[test]
fn a_parenthesis_and_comma_between_name_and_verb_are_skipped() {
    let t = "In Berea, OH, after winning Ohio, Gov. John Kasich (R-OH), said, “I’m getting ready to rent a wagon.”";
    let actors =
        [actor(t, "Ohio", ActorKind::Place, &["Ohio"]), actor(t, "John Kasich", ActorKind::Person, &["John Kasich"])];
    assert_eq!(run_with(t, &actors)[0].2, some("@John Kasich"));
}

#[test]
fn statements_resolve_to_whoever_issued_them() {
    let t = "In a statement Thursday evening, NATO called on Russia to “defuse the escalation.” \
             NATO reiterated its support.\n“Any new aggression would have a high price tag,” the statement said.";
    // No actors: the issuer's name.
    assert_eq!(speakers(t), vec![some("NATO"), some("NATO")]);
    let actors =
        [actor(t, "NATO", ActorKind::Organization, &["NATO"]), actor(t, "Russia", ActorKind::Place, &["Russia"])];
    let r = run_with(t, &actors);
    assert_eq!(r[1].2, some("@NATO"));
    // Other ways of saying whose statement it is.
    for t in [
        "The ministry issued a statement on Monday. “We reject the claims,” the statement said.",
        "The ministry said in a statement that it was calm. “We reject the claims,” the statement said.",
        "A statement from the ministry came late. “We reject the claims,” the statement said.",
    ] {
        let who = speakers(t)[0].clone().unwrap_or_default().to_lowercase();
        assert!(who.contains("ministry"), "{t}: {who}");
    }
    // A speaker that is no actor keeps its own span.
    let t = "“We reject the claims,” a spokesperson said.";
    assert_eq!(speakers(t), vec![some("a spokesperson")]);
}

#[test]
fn partial_quotes_take_the_speaker_of_their_sentence() {
    assert_eq!(
        one("Ryabkov called the confrontation a “critical threat” to Russia."),
        (QuoteKind::Partial, some("Ryabkov"))
    );
    assert_eq!(
        one("Mr. Putin said Western countries realize that Russia is serious about “red lines” near its borders."),
        (QuoteKind::Partial, some("Mr. Putin"))
    );
    assert_eq!(
        one("Officials suggested that NATO would move troops because of the “strategic depth” at stake.").1,
        some("Officials")
    );
    assert_eq!(one("She insisted the program was “a total disaster” for workers.").1, some("She"));
    assert_eq!(one("Beck, who has described Trump as “a narcissistic sociopath,” spoke on Monday.").1, some("Beck"));
}

#[test]
fn scare_quotes_have_no_speaker() {
    assert_eq!(
        one("The request contradicts NATO’s “open door” policy, reiterated this week."),
        (QuoteKind::Scare, None)
    );
    assert_eq!(
        one("Analysts said they appear to be setting up talks on such “security guarantees” if they fail."),
        (QuoteKind::Scare, None)
    );
    assert_eq!(
        one("Both oppose an inflation formula called the “chained CPI” that cuts payments.").0,
        QuoteKind::Scare
    );
    assert_eq!(one("He joined the so-called “Never Trump” effort.").0, QuoteKind::Scare);
    assert_eq!(one("The “Super Tuesday” states vote next week.").0, QuoteKind::Scare);
    // A sentence-like quote with no speaker is direct, not a term.
    assert_eq!(one("“We shall overcome this together.”"), (QuoteKind::Direct, None));
}

#[test]
fn interrupted_quotes_form_runs() {
    let t = "“Judge,” Brafman said, “I have never had that happen in thirty years.” “Nor have I,” the judge said.";
    let qs = find_quotes(t);
    let at = attribute(t, &qs, &[]);
    assert_eq!(at.iter().map(|a| a.continues).collect::<Vec<_>>(), vec![None, Some(0), None]);
    let t = "“A long first sentence here,” he said. “And a second one follows.”\nJane Doe reported from Kyiv.";
    let at = attribute(t, &find_quotes(t), &[]);
    assert_eq!(at[1].continues, Some(0));
}

#[test]
fn nyt_marks_and_guillemets_attribute_too() {
    assert_eq!(one("''The world has just changed fundamentally,'' Ms. Brainard said.").1, some("Ms. Brainard"));
    assert_eq!(one("The minister said: « We refuse this plan. »"), (QuoteKind::Direct, some("The minister")));
    assert_eq!(one("»We refuse this plan«, the minister said."), (QuoteKind::Direct, some("the minister")));
}

#[test]
fn hostile_input_never_panics() {
    let cases = [
        String::new(),
        "“".to_string(),
        "”said".to_string(),
        "said “".repeat(1000),
        "“a,” he said, “b,” said Smith, ".repeat(300),
        "\u{a0}“é” ñ said “😀”, “”, ''  '' `` ".repeat(50),
        format!("{}“{}”", "x ".repeat(10_000), "y".repeat(10_000)),
        "Mr. Mr. Mr. “said” Mr. said. “. ” ,” ,“ :“ —“".repeat(200),
    ];
    for t in &cases {
        let qs = find_quotes(t);
        let actors = [actor(t, "Smith", ActorKind::Person, &["Smith"])];
        for at in [attribute(t, &qs, &[]), attribute(t, &qs, &actors)] {
            assert_eq!(at.len(), qs.len());
            for a in at {
                if let Some(s) = a.speaker {
                    assert!(
                        s.start < s.end && s.end <= t.len() && t.is_char_boundary(s.start) && t.is_char_boundary(s.end)
                    );
                }
            }
        }
    }
    // Mentions out of range or reversed are ignored, not trusted.
    let t = "“We will win,” Smith said.";
    let bad = [ActorFound { name: "X".into(), kind: ActorKind::Person, mentions: vec![Mention { start: 90, end: 5 }] }];
    assert_eq!(attribute(t, &find_quotes(t), &bad).len(), 1);
}

/// Packed or not, the mentions come sorted by start, end, actor, those
/// empty or beyond the text left out.
#[test]
fn mentions_sort_by_start_end_actor() {
    let m = |start, end| Mention { start, end };
    let actor = |mentions: Vec<Mention>| ActorFound { name: String::new(), kind: ActorKind::Person, mentions };
    let text = "x".repeat(0x20000);
    let mut actors = vec![
        actor(vec![m(0, 4), m(10, 14), m(30, 32), m(7, 7)]),
        actor(vec![m(0, 12), m(10, 14), m(20, 25), m(40, 0x30000)]),
        actor(vec![m(0, 4), m(5, 6), m(3, 9)]),
    ];
    let want = |actors: &[ActorFound]| {
        let mut all: Vec<(usize, usize, usize)> = actors
            .iter()
            .enumerate()
            .flat_map(|(i, a)| a.mentions.iter().map(move |x| (x.start, x.end, i)))
            .filter(|&(s, e, _)| s < e && e <= text.len())
            .collect();
        all.sort_unstable();
        all
    };
    assert_eq!(sorted_mentions(&text, &actors), want(&actors));
    assert_eq!(sorted_mentions(&text, &actors).len(), 9);
    // A span too long to pack: the same order, by the other sort.
    actors[2].mentions.push(m(50, 50 + 0x10000));
    assert_eq!(sorted_mentions(&text, &actors), want(&actors));
}

#[test]
fn last_line_start_keeps_the_break() {
    let t = "ab\ncd\nef";
    assert_eq!(last_line_start(t, 0, t.len()), 5);
    assert_eq!(last_line_start(t, 0, 5), 2);
    assert_eq!(last_line_start(t, 0, 2), 0);
    assert_eq!(last_line_start(t, 3, 5), 3);
    assert_eq!(last_line_start(t, 6, 9), 6);
}

/// The document owner read a line at a time is the one read from the whole
/// window: at every offset of texts with statements, breaks and quotations.
#[test]
fn document_owner_by_lines_is_that_of_the_whole_window() {
    let texts = [
        "In a statement Thursday evening, NATO called on Russia to “defuse the escalation.” \
         NATO reiterated its support.\n“Any new aggression would have a high price tag,” the statement said.",
        "The ministry issued a statement\n on Monday. “We reject\n the claims,” the statement said.",
        "The ministry said in a statement\n\nthat it was calm.\n“We reject the claims,” the statement said. \
         A statement from\nthe ministry came late.\n\nRussia's statement\nsaid so. The report by the agency\n",
        "“x\n”\n\nstatement\n'' from ``NATO'' said the statement\n",
    ];
    for t in texts {
        let (qs, paras) = find_quotes_and_paragraphs(t);
        let ctx = Ctx::new(t, &qs, &paras, &[]);
        for at in (0..=t.len()).filter(|&a| t.is_char_boundary(a)) {
            let np = Np { start: at, end: at, head_start: at, head_end: at, pronoun: None, ante: None };
            for i in 0..=qs.len() {
                let lo = tokens::ceil_boundary(t, at.saturating_sub(RESOLVE_WINDOW));
                let whole = ctx.window(lo, at, Some(i));
                assert_eq!(ctx.document_owner(&np, i), ctx.document_owner_in(&whole, whole.toks.len()), "{t:?} {at}");
            }
        }
    }
}

/// A window's flags read the same whether kept as a list or left out
/// (none inside), cut short, or joined to another.
#[test]
fn window_flags_survive_prefix_and_join() {
    let t = "He said “no” and “yes” then left.\nShe said so.";
    let (qs, paras) = find_quotes_and_paragraphs(t);
    let ctx = Ctx::new(t, &qs, &paras, &[]);
    let flags = |w: &Window| (0..w.toks.len()).map(|k| w.inside(k)).collect::<Vec<bool>>();
    let whole = ctx.window(0, t.len(), None);
    assert!(flags(&whole).iter().filter(|&&f| f).count() == 2);
    let split = t.find('\n').unwrap_or(0);
    let (a, b) = (ctx.window(0, split, None), ctx.window(split, t.len(), None));
    assert!(b.inside.is_empty());
    let joined = a.then(b);
    assert_eq!(joined.toks, whole.toks);
    assert_eq!(flags(&joined), flags(&whole));
    let p = whole.prefix(4);
    assert_eq!(flags(&p), flags(&whole)[..4]);
    assert!(!whole.prefix(99).inside(99));
}
