//! Subjects: the noun phrase a figure counts, and the key two sources can share.
//!
//! After a figure comes its noun phrase (`5,200 American soldiers`), a location
//! (`in Iraq`) and sometimes a predicate that changes what is counted (`were killed`).
//! The key is built from these, normalised through the rules: lowercase, singular, the
//! synonym groups' canonical words, drop-words removed. Generic heads (`people`) with
//! nothing to qualify them get no key, because comparing them would be noise.

use std::ops::Range;

use super::NonClaim;
use super::scan::{Kind, Text, Tok};
use crate::rules::Rules;

/// The most words a noun phrase may have.
const MAX_PHRASE_WORDS: usize = 5;

/// A qualifier kept in a key: its preposition (`bound for`) and its place's words.
pub type Qualifier = (String, Vec<(usize, usize)>);

/// A subject as parsed.
#[derive(Debug, Clone, Default)]
pub struct SubjectParse {
    /// The noun phrase's words (start, end).
    pub words: Vec<(usize, usize)>,
    /// The location's words, when the phrase is followed by `in <Place>`.
    pub location: Vec<(usize, usize)>,
    /// A predicate kept in the key (`killed`), lowercase.
    pub predicate: Option<String>,
    /// The figure counts part of a group (`12 of the 40 ...`).
    pub partitive: bool,
    /// Where the subject (with location and predicate) ends.
    pub end: usize,
    /// Whether the head is a time unit (`10 days`): a duration, not a count.
    pub time_unit: bool,
    /// A qualifier after the phrase kept in the key: `bound for` and its place's words.
    pub qualifier: Option<Qualifier>,
}

impl SubjectParse {
    /// The span of the noun phrase and location.
    pub fn span(&self) -> Option<Range<usize>> {
        let first = self.words.first()?;
        Some(first.0..self.end)
    }
}

/// Whether a lowercase word looks like a plural noun.
fn plural_like(w: &str, rules: &Rules) -> bool {
    if rules.vocab.invariant_nouns.contains(w) {
        return false;
    }
    w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("ous")
}

/// Whether a word can be (or end) the head of a noun phrase. (A word that is neither
/// plural-like nor in the plurals table is its own singular, so its synonym is looked up
/// once.)
fn noun_like(lw: &str, capitalized: bool, rules: &Rules) -> bool {
    plural_like(lw, rules)
        || rules.vocab.invariant_nouns.contains(lw)
        || rules.vocab.plurals.contains_key(lw)
        || rules.synonym(lw).is_some()
        || rules.vocab.generic_subjects.contains(lw)
        || rules.vocab.time_units.contains(lw)
        || (capitalized && lw.ends_with('s'))
}

/// Verb forms that end a noun phrase once it has a head.
fn verb_like(lw: &str) -> bool {
    (lw.len() > 4 && (lw.ends_with("ed") || lw.ends_with("ing"))) || lw.ends_with("n't")
}

/// Parse the subject starting at `pos` (just after a figure).
pub fn parse(t: &Text<'_>, pos: usize, rules: &Rules, allow_of: bool) -> SubjectParse {
    let mut out = SubjectParse {
        end: pos,
        ..SubjectParse::default()
    };
    let mut buf = String::new();
    let mut tok = t.next(pos);
    // `dozens of others`, `a similar number of troops`, `5% of voters`, `12 of the 40`.
    let through_of = t.is(&tok, "of");
    if through_of {
        let after = t.next(tok.end);
        if !allow_of {
            out.partitive = true;
        }
        tok = after;
        if t.is(&tok, "the") || t.is(&tok, "those") || t.is(&tok, "these") || t.is(&tok, "them") {
            tok = t.next(tok.end);
        }
        if tok.kind == Kind::Number {
            // `12 of the 40 passengers`: the group has its own figure.
            out.partitive = true;
            return out;
        }
    }
    // `1,000 more troops`, `two more victims`: more of the same subject.
    if t.is(&tok, "more") {
        let after = t.next(tok.end);
        if after.kind == Kind::Word && !rules.vocab.subject_stop.contains(t.lower(&after, &mut buf))
        {
            tok = after;
        }
    }
    // `227 were passengers`: the subject after a copula, when a noun follows it.
    let mut via_of = through_of;
    if matches!(t.lower(&tok, &mut buf), "were" | "are") {
        let after = t.next(tok.end);
        let lw = t.lower(&after, &mut buf);
        if after.kind == Kind::Word
            && !verb_like(lw)
            && !rules.vocab.subject_stop.contains(lw)
            && noun_like(lw, t.is_capitalized(&after), rules)
            && !rules.vocab.predicates.contains(lw)
        {
            tok = after;
            via_of = false;
        }
    }
    let mut have_head = false;
    while tok.kind == Kind::Word && out.words.len() < MAX_PHRASE_WORDS {
        let lw = t.lower(&tok, &mut buf);
        if rules.vocab.subject_stop.contains(lw)
            || crate::extract::lexicon::number_word(lw).is_some()
        {
            break;
        }
        let noun = noun_like(lw, t.is_capitalized(&tok), rules);
        if have_head {
            // After the head, only another noun continues the phrase (a compound).
            if verb_like(lw) || !noun {
                break;
            }
        }
        // A unit of time, unless a short acronym (`40 HR staff`, `12 SEC lawyers`).
        let acronym = (2..=3).contains(&(tok.end - tok.start))
            && t.slice(tok.start, tok.end)
                .bytes()
                .all(|b| b.is_ascii_uppercase());
        if out.words.is_empty() && rules.vocab.time_units.contains(lw) && !acronym {
            out.time_unit = true;
        }
        out.words.push((tok.start, tok.end));
        out.end = tok.end;
        if noun {
            have_head = true;
        }
        tok = t.next(tok.end);
    }
    // `38.7 percent of the vote`: after `of`, a single noun is the head.
    if !have_head && via_of && out.words.len() == 1 {
        have_head = true;
    }
    if !have_head {
        out.words.clear();
        out.end = pos;
        return out;
    }
    // Trailing words after the head that are not nouns were cut above; now location and
    // predicate, in either order.
    for _ in 0..3 {
        if out.qualifier.is_none()
            && let Some((q, end)) = qualifier(t, out.end, rules)
        {
            out.qualifier = Some(q);
            out.end = end;
            continue;
        }
        if out.location.is_empty()
            && let Some((loc, end)) = location(t, out.end, rules)
        {
            out.location = loc;
            out.end = end;
            continue;
        }
        if out.predicate.is_none()
            && let Some((pred, end)) = predicate(t, out.end, rules)
        {
            out.predicate = Some(pred);
            out.end = end;
            continue;
        }
        break;
    }
    out
}

/// A multiplier word right after a figure (`three times`): the figure is a factor
/// (`four times as many`) or, before `a week` or `per year`, a frequency, never a count of
/// something called `time`. Returns where the phrase ends and which it is.
pub fn multiplier(t: &Text<'_>, pos: usize, rules: &Rules) -> Option<(usize, NonClaim)> {
    let mut buf = String::new();
    let tok = t.next(pos);
    if tok.kind != Kind::Word
        || !rules
            .vocab
            .multiplier_words
            .contains(t.lower(&tok, &mut buf))
    {
        return None;
    }
    let by = t.next(tok.end);
    if by.kind == Kind::Word && rules.vocab.frequency_words.contains(t.lower(&by, &mut buf)) {
        let unit = t.next(by.end);
        if unit.kind == Kind::Word && rules.vocab.time_units.contains(t.lower(&unit, &mut buf)) {
            return Some((unit.end, NonClaim::Frequency));
        }
    }
    Some((tok.end, NonClaim::Multiple))
}

/// The noun before `of` that names what a figure counts: `a death toll of 89`, `a crew
/// of twelve`, `a Canadian contingent of 200`. `start` is where the figure (with its
/// hedge) starts; `end` where it ends.
pub fn of_head(t: &Text<'_>, start: usize, end: usize, rules: &Rules) -> Option<SubjectParse> {
    let of = t.prev(start);
    let is_of = t.is(&of, "of");
    if !(is_of || t.is(&of, "at") || t.is(&of, "to")) {
        return None;
    }
    let mut buf = String::new();
    let mut w1 = t.prev(of.start);
    if w1.kind != Kind::Word {
        return None;
    }
    // `the death toll rose to 298`, `put the toll at 89`, `the toll stood at 89`.
    if !is_of {
        let lw = t.lower(&w1, &mut buf);
        if rules.vocab.change_words.contains(lw)
            || matches!(
                lw,
                "stood" | "stands" | "is" | "was" | "reached" | "hit" | "put"
            )
        {
            w1 = t.prev(w1.start);
            if w1.kind != Kind::Word {
                return None;
            }
        }
    }
    let w2 = t.prev(w1.start);
    let one = t.lower(&w1, &mut buf).to_string();
    let two = (w2.kind == Kind::Word).then(|| format!("{} {one}", t.lower(&w2, &mut buf)));
    let (first, head) = match two {
        Some(p) if rules.vocab.of_heads.contains(&p) => (w2, w1),
        _ if rules.vocab.of_heads.contains(&one) => (w1, w1),
        _ => return None,
    };
    // One qualifier before the head: `a Canadian contingent`, `the Dutch crew`.
    let mut words = Vec::new();
    let q = t.prev(first.start);
    if t.is_capitalized(&q) && !rules.vocab.subject_stop.contains(t.lower(&q, &mut buf)) {
        words.push((q.start, q.end));
    }
    if first.start != head.start {
        words.push((first.start, first.end));
    }
    words.push((head.start, head.end));
    Some(SubjectParse {
        words,
        end,
        ..SubjectParse::default()
    })
}

/// `bound for Toronto`, `from Syria`: a preposition from the rules, then a place.
fn qualifier(t: &Text<'_>, pos: usize, rules: &Rules) -> Option<(Qualifier, usize)> {
    let mut buf = String::new();
    let first = t.next(pos);
    if first.kind != Kind::Word {
        return None;
    }
    let one = t.lower(&first, &mut buf).to_string();
    let second = t.next(first.end);
    let two = (second.kind == Kind::Word)
        .then(|| format!("{one} {}", t.lower(&second, &mut buf)))
        .filter(|p| rules.vocab.qualifier_prepositions.contains(p));
    let (prep, after) = match two {
        Some(p) => (p, second.end),
        None if rules.vocab.qualifier_prepositions.contains(&one) => (one, first.end),
        None => return None,
    };
    let mut tok = t.next(after);
    let mut words = Vec::new();
    while t.is_capitalized(&tok) && words.len() < 3 {
        words.push((tok.start, tok.end));
        tok = t.next(tok.end);
    }
    let end = words.last()?.1;
    Some(((prep, words), end))
}

/// `in Iraq`, `in the Middle East`, `across Canada`: capitalised words after a preposition,
/// possibly after a verb of place (`are based in Iraq`).
fn location(t: &Text<'_>, pos: usize, rules: &Rules) -> Option<(Vec<(usize, usize)>, usize)> {
    let mut prep = t.next(pos);
    let mut buf = String::new();
    for _ in 0..2 {
        if prep.kind == Kind::Word
            && rules
                .vocab
                .location_verbs
                .contains(t.lower(&prep, &mut buf))
        {
            prep = t.next(prep.end);
        }
    }
    if !(t.is(&prep, "in") || t.is(&prep, "inside") || t.is(&prep, "across")) {
        return None;
    }
    let mut tok = t.next(prep.end);
    if t.is(&tok, "the") {
        tok = t.next(tok.end);
    }
    let mut words = Vec::new();
    while t.is_capitalized(&tok) && words.len() < 3 {
        words.push((tok.start, tok.end));
        tok = t.next(tok.end);
    }
    let end = words.last()?.1;
    Some((words, end))
}

/// `killed`, `were killed`, `have been deployed`, `aboard`, `on board`.
fn predicate(t: &Text<'_>, pos: usize, rules: &Rules) -> Option<(String, usize)> {
    let mut buf = String::new();
    let mut tok = t.next(pos);
    for _ in 0..2 {
        let lw = t.lower(&tok, &mut buf);
        if matches!(
            lw,
            "were"
                | "was"
                | "are"
                | "is"
                | "have"
                | "has"
                | "had"
                | "been"
                | "being"
                | "remain"
                | "remained"
                | "remains"
        ) {
            tok = t.next(tok.end);
        }
    }
    if tok.kind != Kind::Word {
        return None;
    }
    let lw = t.lower(&tok, &mut buf).to_string();
    if lw == "on" {
        let next: Tok = t.next(tok.end);
        if t.is(&next, "board") {
            return Some(("aboard".into(), next.end));
        }
        return None;
    }
    rules
        .vocab
        .predicates
        .contains(&lw)
        .then_some((lw, tok.end))
}

/// A simple English singular: `troops` -> `troop`, `casualties` -> `casualty`, `buses` ->
/// `bus`. The irregular plurals and the endings are data (`plurals`, `plural_endings` in
/// the rules' vocabulary); words that are the same in both numbers (`series`, `news`) stay.
pub fn singular(w: &str, rules: &Rules) -> String {
    if let Some(one) = rules.vocab.plurals.get(w) {
        return one.clone();
    }
    if rules.vocab.invariant_nouns.contains(w) || !plural_like(w, rules) {
        return w.to_string();
    }
    for (ending, with) in &rules.vocab.plural_endings {
        if let Some(stem) = w.strip_suffix(ending.as_str())
            && !stem.is_empty()
        {
            return format!("{stem}{with}");
        }
    }
    w[..w.len() - 1].to_string()
}

/// The key for a parsed subject, or `None` when it is too generic to compare.
pub fn key(t: &Text<'_>, s: &SubjectParse, rules: &Rules) -> Option<String> {
    if s.words.is_empty() || s.partitive || s.time_unit {
        return None;
    }
    let mut words: Vec<String> = Vec::with_capacity(s.words.len() + 1);
    let mut lw = String::new();
    for &(a, b) in &s.words {
        let raw = t.slice(a, b);
        lw.clear();
        if raw.is_ascii() {
            lw.push_str(raw);
            lw.make_ascii_lowercase();
        } else {
            lw.push_str(&raw.to_lowercase().replace('’', "'"));
        }
        let w = lw.strip_suffix("'s").unwrap_or(&lw);
        for part in w.split('-') {
            if !part.is_empty() && !rules.vocab.subject_drop.contains(part) {
                words.push(part.to_string());
            }
        }
    }
    let last_singular = singular(words.last()?, rules);
    // The longest synonym phrase that ends the words becomes its canonical form, as
    // written or with its last word singular.
    let max = rules.max_synonym_words.max(1).min(words.len());
    let mut head: Option<String> = None;
    let mut phrase = String::new();
    for n in (1..=max).rev() {
        let tail = &words[words.len() - n..];
        phrase.clear();
        for (k, w) in tail.iter().enumerate() {
            if k > 0 {
                phrase.push(' ');
            }
            phrase.push_str(w);
        }
        let mut found = rules.synonym(&phrase);
        let last = &tail[n - 1];
        if found.is_none() && last_singular != *last {
            phrase.truncate(phrase.len() - last.len());
            phrase.push_str(&last_singular);
            found = rules.synonym(&phrase);
        }
        if let Some(c) = found {
            head = Some(c.to_string());
            words.truncate(words.len() - n);
            break;
        }
    }
    let mut as_written = None;
    let head = match head {
        Some(h) => h,
        None => {
            // No synonym: the words are whole, and the last one is the head.
            as_written = Some(words.pop()?);
            last_singular
        }
    };
    // The generic words are listed as written (`times`, `things`), the head is singular.
    let generic = rules.vocab.generic_subjects.contains(&head)
        || as_written.is_some_and(|w| rules.vocab.generic_subjects.contains(&w));
    // `176 people` is too generic to compare; `176 people killed` is not.
    if generic
        && words.is_empty()
        && s.location.is_empty()
        && s.qualifier.is_none()
        && (s.predicate.is_none() || head != "people")
    {
        return None;
    }
    let mut key = String::new();
    for w in &words {
        key.push_str(w);
        key.push(' ');
    }
    key.push_str(&head);
    if let Some(p) = &s.predicate {
        key.push(' ');
        key.push_str(p);
    }
    if let Some((prep, place)) = &s.qualifier {
        key.push(' ');
        key.push_str(prep);
        for &(a, b) in place {
            key.push(' ');
            key.push_str(&t.slice(a, b).to_lowercase());
        }
    }
    if !s.location.is_empty() {
        key.push_str(" in");
        for &(a, b) in &s.location {
            key.push(' ');
            key.push_str(&t.slice(a, b).to_lowercase());
        }
    }
    Some(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rules() -> &'static Rules {
        static RULES: std::sync::LazyLock<Rules> =
            std::sync::LazyLock::new(|| Rules::builtin().expect("built-in packs load"));
        &RULES
    }

    #[test]
    fn regular_endings() {
        let r = rules();
        for (plural, one) in [
            ("troops", "troop"),
            ("casualties", "casualty"),
            ("taxes", "tax"),
            ("churches", "church"),
            ("dishes", "dish"),
            ("classes", "class"),
            ("buzzes", "buzz"),
            ("houses", "house"),
            ("nurses", "nurse"),
            ("prizes", "prize"),
            ("archives", "archive"),
            ("shoes", "shoe"),
            ("persons", "person"),
        ] {
            assert_eq!(singular(plural, r), one, "{plural}");
        }
    }

    #[test]
    fn irregular_and_invariant_nouns() {
        let r = rules();
        for (plural, one) in [
            ("buses", "bus"),
            ("viruses", "virus"),
            ("wolves", "wolf"),
            ("lives", "life"),
            ("heroes", "hero"),
            ("crises", "crisis"),
            ("mice", "mouse"),
            ("series", "series"),
            ("species", "species"),
            ("news", "news"),
            ("aircraft", "aircraft"),
            ("police", "police"),
            ("media", "media"),
            ("people", "people"),
            ("bus", "bus"),
            ("status", "status"),
        ] {
            assert_eq!(singular(plural, r), one, "{plural}");
        }
    }

    #[test]
    fn every_listed_plural_folds_to_a_singular_that_stays() {
        let r = rules();
        assert!(!r.vocab.plurals.is_empty());
        for (plural, one) in &r.vocab.plurals {
            assert_eq!(&singular(plural, r), one, "{plural}");
            assert_eq!(&singular(one, r), one, "{one} is not left as it is");
        }
    }

    #[test]
    fn invariant_nouns_head_a_subject() {
        let r = rules();
        for (text, want) in [
            ("12 species of bird", "species"),
            ("3 series", "series"),
            ("40 aircraft", "aircraft"),
            ("40 buses", "bus"),
            ("9 sheep", "sheep"),
        ] {
            let t = Text::new(text);
            let at = text.find(' ').unwrap_or(0);
            let s = parse(&t, at, r, false);
            assert_eq!(key(&t, &s, r).as_deref(), Some(want), "{text}");
        }
    }

    proptest! {
        /// A singular is never read as a plural again, and never empty.
        #[test]
        fn a_singular_is_not_plural(w in "[a-z]{1,14}") {
            let r = rules();
            let one = singular(&w, r);
            prop_assert!(!one.is_empty());
            prop_assert!(!plural_like(&one, r), "{w} -> {one}");
            // A word that is not plural (and not a listed plural) is left as it is.
            if !plural_like(&w, r) && !r.vocab.plurals.contains_key(&w) {
                prop_assert_eq!(&one, &w);
            }
        }
    }
}
