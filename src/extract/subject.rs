//! Subjects: the noun phrase a figure counts, and the key two sources can share.
//!
//! After a figure comes its noun phrase (`5,200 American soldiers`), a location
//! (`in Iraq`) and sometimes a predicate that changes what is counted (`were killed`).
//! The key is built from these, normalised through the rules: lowercase, singular, the
//! synonym groups' canonical words, drop-words removed. Generic heads (`people`) with
//! nothing to qualify them get no key, because comparing them would be noise.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use super::NonClaim;
use super::scan::{Kind, Text, Tok};
use crate::rules::Rules;

/// The most words a noun phrase may have.
const MAX_PHRASE_WORDS: usize = 5;

/// A qualifier kept in a key: its preposition (`bound for`) and its place's words.
pub type Qualifier = (String, Vec<(usize, usize)>);

/// The most words [`Spans`] hold: a noun phrase's.
const MAX_SPANS: usize = MAX_PHRASE_WORDS;

/// Words' (start, end), at most [`MAX_SPANS`], held in place: a subject's phrase and its
/// location are a few words, and reading one should not allocate. Read as a slice.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Spans {
    items: [(usize, usize); MAX_SPANS],
    len: usize,
}

impl Spans {
    /// Add a word's span. Every caller stops at [`MAX_SPANS`] words (a phrase at
    /// [`MAX_PHRASE_WORDS`], a place at three), so none is ever dropped here.
    pub fn push(&mut self, span: (usize, usize)) {
        if let Some(slot) = self.items.get_mut(self.len) {
            *slot = span;
            self.len += 1;
        }
    }

    pub fn clear(&mut self) {
        self.len = 0;
    }
}

impl std::ops::Deref for Spans {
    type Target = [(usize, usize)];

    fn deref(&self) -> &[(usize, usize)] {
        &self.items[..self.len]
    }
}

impl<'s> IntoIterator for &'s Spans {
    type Item = &'s (usize, usize);
    type IntoIter = std::slice::Iter<'s, (usize, usize)>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Space for the lowercase forms of words while a subject is read (two at once at
/// most), kept by the caller so that reading one allocates nothing once it has grown.
#[derive(Debug, Default)]
pub struct LowerBufs {
    pub one: String,
    pub two: String,
}

/// A subject as parsed.
#[derive(Debug, Clone, Default)]
pub struct SubjectParse {
    /// The noun phrase's words (start, end).
    pub words: Spans,
    /// The location's words, when the phrase is followed by `in <Place>`.
    pub location: Spans,
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

/// The token's text in lowercase, as [`Text::lower`] gives it, but without copying when
/// the word is already lowercase ASCII (most words after a figure are): then the text is
/// its own lowercase form, because [`Text::lower`] changes only ASCII capitals and
/// non-ASCII characters. Other words go through [`Text::lower`] into `buf`.
pub fn lower<'c>(t: &Text<'c>, tok: &Tok, buf: &'c mut String) -> &'c str {
    let word = t.slice(tok.start, tok.end);
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return word;
    }
    t.lower(tok, buf)
}

/// Whether the token is the word `w`, ignoring ASCII case: [`Text::is`], comparing bytes
/// after lengths (most tokens asked about differ in length from the word). That is exact:
/// a token's bounds are character bounds, and `eq_ignore_ascii_case` compares bytes.
pub fn word_is(t: &Text<'_>, tok: &Tok, w: &str) -> bool {
    tok.kind == Kind::Word
        && tok.end.checked_sub(tok.start) == Some(w.len())
        && t.b
            .get(tok.start..tok.end)
            .is_some_and(|b| b.eq_ignore_ascii_case(w.as_bytes()))
}

/// Whether a lowercase word looks like a plural noun.
fn plural_like(w: &str, rules: &Rules) -> bool {
    !rules.vocab.invariant_nouns.contains(w) && plural_ending(w)
}

/// Whether a lowercase word ends as a plural noun does.
fn plural_ending(w: &str) -> bool {
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
    // `plural_like(lw) || invariant(lw)`, with the table looked up once.
    rules.vocab.invariant_nouns.contains(lw)
        || plural_ending(lw)
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
    let mut bufs = LowerBufs::default();
    parse_from(t, pos, t.next(pos), rules, allow_of, &mut bufs)
}

/// [`parse`], given `first`, the token after `pos` (`t.next(pos)`), when the caller has it.
pub fn parse_from(
    t: &Text<'_>,
    pos: usize,
    first: Tok,
    rules: &Rules,
    allow_of: bool,
    bufs: &mut LowerBufs,
) -> SubjectParse {
    let mut out = SubjectParse {
        end: pos,
        ..SubjectParse::default()
    };
    let mut tok = first;
    // `dozens of others`, `a similar number of troops`, `5% of voters`, `12 of the 40`.
    let through_of = word_is(t, &tok, "of");
    if through_of {
        let after = t.next(tok.end);
        if !allow_of {
            out.partitive = true;
        }
        tok = after;
        if word_is(t, &tok, "the")
            || word_is(t, &tok, "those")
            || word_is(t, &tok, "these")
            || word_is(t, &tok, "them")
        {
            tok = t.next(tok.end);
        }
        if tok.kind == Kind::Number {
            // `12 of the 40 passengers`: the group has its own figure.
            out.partitive = true;
            return out;
        }
    }
    // `1,000 more troops`, `two more victims`: more of the same subject.
    if word_is(t, &tok, "more") {
        let after = t.next(tok.end);
        if after.kind == Kind::Word
            && !rules
                .vocab
                .subject_stop
                .contains(lower(t, &after, &mut bufs.one))
        {
            tok = after;
        }
    }
    // `227 were passengers`: the subject after a copula, when a noun follows it.
    let mut via_of = through_of;
    if matches!(lower(t, &tok, &mut bufs.one), "were" | "are") {
        let after = t.next(tok.end);
        let lw = lower(t, &after, &mut bufs.one);
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
        let lw = lower(t, &tok, &mut bufs.one);
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
    // The phrase ended where its last word did, so `tok` is the token after it.
    let mut after = tok;
    for _ in 0..3 {
        if out.qualifier.is_none()
            && let Some((q, end)) = qualifier(t, after, rules, bufs)
        {
            out.qualifier = Some(q);
            out.end = end;
        } else if out.location.is_empty()
            && let Some((loc, end)) = location(t, after, rules, bufs)
        {
            out.location = loc;
            out.end = end;
        } else if out.predicate.is_none()
            && let Some((pred, end)) = predicate(t, after, rules, bufs)
        {
            out.predicate = Some(pred);
            out.end = end;
        } else {
            break;
        }
        after = t.next(out.end);
    }
    out
}

/// A multiplier word as `tok`, the token right after a figure (`three times`): the figure is a factor
/// (`four times as many`) or, before `a week` or `per year`, a frequency, never a count of
/// something called `time`. Returns where the phrase ends and which it is.
pub fn multiplier_at(
    t: &Text<'_>,
    tok: Tok,
    rules: &Rules,
    bufs: &mut LowerBufs,
) -> Option<(usize, NonClaim)> {
    if tok.kind != Kind::Word
        || !rules
            .vocab
            .multiplier_words
            .contains(lower(t, &tok, &mut bufs.one))
    {
        return None;
    }
    let by = t.next(tok.end);
    if by.kind == Kind::Word
        && rules
            .vocab
            .frequency_words
            .contains(lower(t, &by, &mut bufs.one))
    {
        let unit = t.next(by.end);
        if unit.kind == Kind::Word
            && rules
                .vocab
                .time_units
                .contains(lower(t, &unit, &mut bufs.one))
        {
            return Some((unit.end, NonClaim::Frequency));
        }
    }
    Some((tok.end, NonClaim::Multiple))
}

/// The noun before `of` that names what a figure counts: `a death toll of 89`, `a crew
/// of twelve`, `a Canadian contingent of 200`. `of` is the token before the figure (with
/// its hedge); `end` is where the figure ends.
pub fn of_head(
    t: &Text<'_>,
    of: Tok,
    end: usize,
    rules: &Rules,
    bufs: &mut LowerBufs,
) -> Option<SubjectParse> {
    let is_of = word_is(t, &of, "of");
    if !(is_of || word_is(t, &of, "at") || word_is(t, &of, "to")) {
        return None;
    }
    let mut w1 = t.prev(of.start);
    if w1.kind != Kind::Word {
        return None;
    }
    // `the death toll rose to 298`, `put the toll at 89`, `the toll stood at 89`.
    if !is_of {
        let lw = lower(t, &w1, &mut bufs.one);
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
    let one = lower(t, &w1, &mut bufs.one);
    let two_words = w2.kind == Kind::Word
        && with_joined(&[lower(t, &w2, &mut bufs.two), " ", one], |p| {
            rules.vocab.of_heads.contains(p)
        });
    let (first, head) = if two_words {
        (w2, w1)
    } else if rules.vocab.of_heads.contains(one) {
        (w1, w1)
    } else {
        return None;
    };
    // One qualifier before the head: `a Canadian contingent`, `the Dutch crew`.
    let mut words = Spans::default();
    let q = t.prev(first.start);
    if t.is_capitalized(&q)
        && !rules
            .vocab
            .subject_stop
            .contains(lower(t, &q, &mut bufs.one))
    {
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

/// `bound for Toronto`, `from Syria`: a preposition from the rules, then a place; `first`
/// is the token after the phrase.
fn qualifier(
    t: &Text<'_>,
    first: Tok,
    rules: &Rules,
    bufs: &mut LowerBufs,
) -> Option<(Qualifier, usize)> {
    if first.kind != Kind::Word {
        return None;
    }
    let one = lower(t, &first, &mut bufs.one);
    let second = t.next(first.end);
    let two = if second.kind == Kind::Word {
        let w = lower(t, &second, &mut bufs.two);
        with_joined(&[one, " ", w], |p| {
            rules.vocab.qualifier_prepositions.contains(p)
        })
        .then_some(w)
    } else {
        None
    };
    let (prep, after) = match two {
        Some(w) => (format!("{one} {w}"), second.end),
        None if rules.vocab.qualifier_prepositions.contains(one) => (one.to_string(), first.end),
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
/// possibly after a verb of place (`are based in Iraq`); `first` is the token after the
/// phrase.
fn location(
    t: &Text<'_>,
    first: Tok,
    rules: &Rules,
    bufs: &mut LowerBufs,
) -> Option<(Spans, usize)> {
    let mut prep = first;
    for _ in 0..2 {
        if prep.kind == Kind::Word
            && rules
                .vocab
                .location_verbs
                .contains(lower(t, &prep, &mut bufs.one))
        {
            prep = t.next(prep.end);
        }
    }
    if !(word_is(t, &prep, "in") || word_is(t, &prep, "inside") || word_is(t, &prep, "across")) {
        return None;
    }
    let mut tok = t.next(prep.end);
    if word_is(t, &tok, "the") {
        tok = t.next(tok.end);
    }
    let mut words = Spans::default();
    while t.is_capitalized(&tok) && words.len() < 3 {
        words.push((tok.start, tok.end));
        tok = t.next(tok.end);
    }
    let end = words.last()?.1;
    Some((words, end))
}

/// `killed`, `were killed`, `have been deployed`, `aboard`, `on board`; `first` is the
/// token after the phrase.
fn predicate(
    t: &Text<'_>,
    first: Tok,
    rules: &Rules,
    bufs: &mut LowerBufs,
) -> Option<(String, usize)> {
    let mut tok = first;
    for _ in 0..2 {
        let lw = lower(t, &tok, &mut bufs.one);
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
    let lw = lower(t, &tok, &mut bufs.one);
    if lw == "on" {
        let next: Tok = t.next(tok.end);
        if word_is(t, &next, "board") {
            return Some(("aboard".into(), next.end));
        }
        return None;
    }
    rules
        .vocab
        .predicates
        .contains(lw)
        .then(|| (lw.to_string(), tok.end))
}

/// A simple English singular: `troops` -> `troop`, `casualties` -> `casualty`, `buses` ->
/// `bus`. The irregular plurals and the endings are data (`plurals`, `plural_endings` in
/// the rules' vocabulary); words that are the same in both numbers (`series`, `news`) stay.
#[cfg(test)]
pub fn singular(w: &str, rules: &Rules) -> String {
    singular_of(w, rules).into_owned()
}

/// [`singular`], borrowed when the singular is the word itself, a part of it or a listed
/// form.
fn singular_of<'w>(w: &'w str, rules: &'w Rules) -> Cow<'w, str> {
    if let Some(one) = rules.vocab.plurals.get(w) {
        return Cow::Borrowed(one);
    }
    if rules.vocab.invariant_nouns.contains(w) || !plural_like(w, rules) {
        return Cow::Borrowed(w);
    }
    for (ending, with) in &rules.vocab.plural_endings {
        if let Some(stem) = w.strip_suffix(ending.as_str())
            && !stem.is_empty()
        {
            return Cow::Owned(format!("{stem}{with}"));
        }
    }
    Cow::Borrowed(&w[..w.len() - 1])
}

/// Call `f` with `pieces` joined, built on the stack when short (a phrase to look up in a
/// table, such as `bound for`), so that looking it up allocates nothing.
fn with_joined<R>(pieces: &[&str], f: impl FnOnce(&str) -> R) -> R {
    let mut stack = [0u8; 64];
    let mut len = 0;
    for p in pieces {
        let Some(dst) = stack.get_mut(len..len + p.len()) else {
            return f(&pieces.concat());
        };
        dst.copy_from_slice(p.as_bytes());
        len += p.len();
    }
    // Whole strings joined are UTF-8; the fallback is never taken.
    match std::str::from_utf8(&stack[..len]) {
        Ok(joined) => f(joined),
        Err(_) => f(&pieces.concat()),
    }
}

/// [`key_in`] in fresh space.
#[cfg(test)]
pub fn key(t: &Text<'_>, s: &SubjectParse, rules: &Rules) -> Option<String> {
    key_in(t, s, rules, &mut KeyScratch::default()).map(|k| k.to_string())
}

/// Space for the parts of a subject's phrase and its key while the key is built, kept from
/// one key to the next so that building one allocates only the key, at its length.
#[derive(Debug, Default)]
pub struct KeyScratch {
    /// The parts written one after another, a space between.
    low: String,
    /// Each part's range in `low`.
    parts: Vec<Range<usize>>,
    /// The key as it is put together.
    key: String,
}

/// The key for a parsed subject, or `None` when it is too generic to compare.
///
/// The phrase's parts (lowercase, split at hyphens, drop-words removed) are written once
/// into one string, a space between each; the words that end the phrase are then a suffix
/// of it, looked up in the synonym table without building each candidate.
///
/// The parts are written into `scratch`, whatever it held before cleared.
pub fn key_in(
    t: &Text<'_>,
    s: &SubjectParse,
    rules: &Rules,
    scratch: &mut KeyScratch,
) -> Option<Arc<str>> {
    if s.words.is_empty() || s.partitive || s.time_unit {
        return None;
    }
    key_parts(t, s, rules, scratch);
    let (low, parts) = (&scratch.low, &scratch.parts);
    let last = parts.last()?.clone();
    let last_word = &low[last.clone()];
    let last_singular = singular_of(last_word, rules);
    // The longest synonym phrase that ends the words becomes its canonical form, as
    // written or with its last word singular.
    let max = rules.max_synonym_words.max(1).min(parts.len());
    let mut head: Option<&str> = None;
    let mut kept = parts.len();
    for n in (1..=max).rev() {
        let from = parts[parts.len() - n].start;
        let mut found = rules.synonym(&low[from..]);
        if found.is_none() && *last_singular != *last_word {
            found = with_joined(&[&low[from..last.start], last_singular.as_ref()], |p| {
                rules.synonym(p)
            });
        }
        if let Some(c) = found {
            head = Some(c);
            kept = parts.len() - n;
            break;
        }
    }
    let mut as_written = None;
    let head: &str = match head {
        Some(h) => h,
        None => {
            // No synonym: the words are whole, and the last one is the head.
            kept = parts.len() - 1;
            as_written = Some(last_word);
            &last_singular
        }
    };
    // The generic words are listed as written (`times`, `things`), the head is singular.
    let generic = rules.vocab.generic_subjects.contains(head)
        || as_written.is_some_and(|w| rules.vocab.generic_subjects.contains(w));
    // `176 people` is too generic to compare; `176 people killed` is not.
    if generic
        && kept == 0
        && s.location.is_empty()
        && s.qualifier.is_none()
        && (s.predicate.is_none() || head != "people")
    {
        return None;
    }
    // The kept words, each with the space after it.
    let prefix = parts.get(kept).map_or("", |p| &low[..p.start]);
    let key = &mut scratch.key;
    key.clear();
    key.push_str(prefix);
    key.push_str(head);
    if let Some(p) = &s.predicate {
        key.push(' ');
        key.push_str(p);
    }
    if let Some((prep, place)) = &s.qualifier {
        key.push(' ');
        key.push_str(prep);
        for &(a, b) in place {
            key.push(' ');
            push_lowercase(key, t.slice(a, b));
        }
    }
    if !s.location.is_empty() {
        key.push_str(" in");
        for &(a, b) in &s.location {
            key.push(' ');
            push_lowercase(key, t.slice(a, b));
        }
    }
    Some(key.as_str().into())
}

/// The parts of a subject's phrase for its key: each word lowercase (`’` as `'`), without
/// a final `'s`, split at hyphens, with empty parts and drop-words left out. Writes them
/// into `scratch`: one after another with a space between, and each part's range.
fn key_parts(t: &Text<'_>, s: &SubjectParse, rules: &Rules, scratch: &mut KeyScratch) {
    let KeyScratch { low, parts, .. } = scratch;
    low.clear();
    parts.clear();
    for &(a, b) in &s.words {
        let raw = t.slice(a, b);
        let w: Cow<'_, str> = if raw.is_ascii() {
            // Lowercased where it lands, below; `'s` is the same in either case.
            Cow::Borrowed(raw)
        } else {
            Cow::Owned(raw.to_lowercase().replace('’', "'"))
        };
        let w: &str = &w;
        let w = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("'S"))
            .unwrap_or(w);
        for part in w.split('-') {
            if part.is_empty() {
                continue;
            }
            let at = low.len() + usize::from(!low.is_empty());
            if !low.is_empty() {
                low.push(' ');
            }
            low.push_str(part);
            low[at..].make_ascii_lowercase();
            if rules.vocab.subject_drop.contains(&low[at..]) {
                low.truncate(at.saturating_sub(1));
            } else {
                parts.push(at..low.len());
            }
        }
    }
}

/// Push `w` in lowercase, as [`str::to_lowercase`] writes it.
fn push_lowercase(out: &mut String, w: &str) {
    if w.is_ascii() {
        let at = out.len();
        out.push_str(w);
        out[at..].make_ascii_lowercase();
    } else {
        out.push_str(&w.to_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn regular_endings() {
        let r = Rules::shipped();
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
        let r = Rules::shipped();
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
        let r = Rules::shipped();
        assert!(!r.vocab.plurals.is_empty());
        for (plural, one) in &r.vocab.plurals {
            assert_eq!(&singular(plural, r), one, "{plural}");
            assert_eq!(&singular(one, r), one, "{one} is not left as it is");
        }
    }

    #[test]
    fn invariant_nouns_head_a_subject() {
        let r = Rules::shipped();
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

    /// The key as first written: every part and candidate phrase its own string. The
    /// plain reading of the rule that [`key`] must keep.
    fn key_plain(t: &Text<'_>, s: &SubjectParse, rules: &Rules) -> Option<String> {
        if s.words.is_empty() || s.partitive || s.time_unit {
            return None;
        }
        let mut words: Vec<String> = Vec::new();
        for &(a, b) in &s.words {
            let raw = t.slice(a, b);
            let lw = if raw.is_ascii() {
                raw.to_ascii_lowercase()
            } else {
                raw.to_lowercase().replace('’', "'")
            };
            let w = lw.strip_suffix("'s").unwrap_or(&lw);
            for part in w.split('-') {
                if !part.is_empty() && !rules.vocab.subject_drop.contains(part) {
                    words.push(part.to_string());
                }
            }
        }
        let last_singular = singular(words.last()?, rules);
        let max = rules.max_synonym_words.max(1).min(words.len());
        let mut head: Option<String> = None;
        for n in (1..=max).rev() {
            let tail = &words[words.len() - n..];
            let mut found = rules.synonym(&tail.join(" ")).map(str::to_string);
            if found.is_none() && last_singular != tail[n - 1] {
                let mut alt = tail[..n - 1].to_vec();
                alt.push(last_singular.clone());
                found = rules.synonym(&alt.join(" ")).map(str::to_string);
            }
            if let Some(c) = found {
                head = Some(c);
                words.truncate(words.len() - n);
                break;
            }
        }
        let mut as_written = None;
        let head = match head {
            Some(h) => h,
            None => {
                as_written = Some(words.pop()?);
                last_singular
            }
        };
        let generic = rules.vocab.generic_subjects.contains(&head)
            || as_written.is_some_and(|w| rules.vocab.generic_subjects.contains(&w));
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

    /// Texts of the words subjects are made of: nouns in both numbers and any case, synonym
    /// phrases, drop-words, hyphens and possessives, places, predicates, other letters.
    fn subject_texts() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "5 ",
            "troops",
            "Troops",
            "soldiers",
            "special-forces",
            "Special",
            "forces",
            "military",
            "personnel",
            "staff",
            "people",
            "People's",
            "Canada’s",
            "canadian",
            "Canadian",
            "the",
            "of",
            "in",
            "Iraq",
            "Middle",
            "East",
            "bound",
            "for",
            "Toronto",
            "from",
            "killed",
            "were",
            "passengers",
            "on",
            "board",
            "aboard",
            "boots",
            "ground",
            "more",
            "buses",
            "casualties",
            "times",
            "É",
            "écoles",
            "-",
            "--",
            "'s",
            "’S",
            "ÉTATS",
            "ß",
            " ",
            " ",
            " ",
            ",",
            ".",
            "s",
            "x",
        ]);
        prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
    }

    /// Texts of words in any case, ASCII or not, with apostrophes and punctuation.
    fn word_texts() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "a", "Zo", "OF", "of", "the", "é", "É", "ß", "İ", "Σ", "中", "'", "’", "-", "1", " ",
            ".", ",", "x", "Q",
        ]);
        prop::collection::vec(piece, 0..10).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// Keys built from one string of parts are the keys built word by word.
        #[test]
        fn key_matches_the_plain_rule(s in subject_texts(), at in 0usize..80, allow_of: bool) {
            let r = Rules::shipped();
            let t = Text::new(&s);
            let pos = crate::source::floor_char_boundary(&s, at % (s.len() + 1));
            let p = parse(&t, pos, r, allow_of);
            prop_assert_eq!(key(&t, &p, r), key_plain(&t, &p, r));
        }

        /// A key built in reused space is the key built afresh.
        #[test]
        fn keys_in_reused_space_are_keys_afresh(
            s in subject_texts(),
            asks in prop::collection::vec((0usize..80, any::<bool>()), 1..6),
        ) {
            let r = Rules::shipped();
            let t = Text::new(&s);
            let mut scratch = KeyScratch::default();
            for (at, allow_of) in asks {
                let pos = crate::source::floor_char_boundary(&s, at % (s.len() + 1));
                let p = parse(&t, pos, r, allow_of);
                prop_assert_eq!(
                    key_in(&t, &p, r, &mut scratch).map(|k| k.to_string()),
                    key_plain(&t, &p, r)
                );
            }
        }

        /// Lowercasing in place gives what [`Text::lower`] gives.
        #[test]
        fn lower_matches_text_lower(s in word_texts(), at in 0usize..40) {
            let t = Text::new(&s);
            let pos = crate::source::floor_char_boundary(&s, at % (s.len() + 1));
            let tok = t.next(pos);
            let (mut a, mut b) = (String::new(), String::new());
            prop_assert_eq!(lower(&t, &tok, &mut a), t.lower(&tok, &mut b));
        }

        /// Comparing a token's bytes gives what [`Text::is`] gives.
        #[test]
        fn word_is_matches_text_is(s in word_texts(), at in 0usize..40, w in prop::sample::select(vec!["of", "the", "a", "é", "zo", "", "ofx"])) {
            let t = Text::new(&s);
            let pos = crate::source::floor_char_boundary(&s, at % (s.len() + 1));
            for tok in [t.next(pos), t.prev(pos), t.token_at(pos)] {
                prop_assert_eq!(word_is(&t, &tok, w), t.is(&tok, w));
            }
        }

        /// Spans read as the list of the spans pushed (up to their room) since cleared.
        #[test]
        fn spans_are_the_spans_pushed(
            ops in prop::collection::vec(prop::option::of((0usize..100, 0usize..100)), 0..14),
        ) {
            let (mut spans, mut plain) = (Spans::default(), Vec::new());
            for op in ops {
                match op {
                    Some(span) if plain.len() < MAX_SPANS => {
                        spans.push(span);
                        plain.push(span);
                    }
                    Some(_) => {}
                    None => {
                        spans.clear();
                        plain.clear();
                    }
                }
                prop_assert_eq!(&*spans, plain.as_slice());
            }
        }

        /// Pieces joined on the stack are the pieces concatenated.
        #[test]
        fn joined_pieces_are_concatenated(v in prop::collection::vec("[a-zé ]{0,30}", 0..5)) {
            let pieces: Vec<&str> = v.iter().map(String::as_str).collect();
            prop_assert_eq!(with_joined(&pieces, str::to_string), pieces.concat());
        }
    }

    proptest! {
        /// A singular is never read as a plural again, and never empty.
        #[test]
        fn a_singular_is_not_plural(w in "[a-z]{1,14}") {
            let r = Rules::shipped();
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
