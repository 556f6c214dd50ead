//! Names of people, organisations and places, in one pass over a source's prose.
//!
//! A name is a run of capitalised words (with particles such as `al-` or `van` and `of`
//! phrases inside it). A title is read where the text gives one: before the name
//! (`Defence Minister Jane Doe`, `NATO leader Jane Doe`), as an apposition before it
//! (`the defence minister, Jane Doe`) or after it (`Jane Doe, the defence minister`).
//! A later surname alone (`Doe said`, `Mr. Doe`) is a short reference to the full name,
//! within the same source.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::ops::Range;

use super::scan::{self, Kind, Text, is_letter};
use super::sentence::Sentences;
use super::{Claim, ClaimKind, EntityKind, Name, Title, lexicon};
use crate::entities::{NameRules, fold};
use crate::source::{Source, SourceId};

/// The most words a title given in apposition may have.
const MAX_APPOSITION_WORDS: usize = 7;

/// A word of a run.
#[derive(Debug, Clone, Copy)]
struct W {
    start: usize,
    end: usize,
}

/// Extract the names of one source. `refers_to` indexes the returned list.
pub fn extract(
    source: &Source,
    id: SourceId,
    scan: &str,
    rules: &NameRules,
    sentences: &mut Sentences,
) -> Vec<Claim> {
    let t = Text::new(scan);
    let mut out: Vec<Claim> = Vec::new();
    // Surnames of people named in full so far: surname -> claim index.
    let mut surnames: HashMap<String, usize> = HashMap::new();
    // Single words kept only if they are also used in mid-sentence: (claim index).
    let mut initial_singles: Vec<usize> = Vec::new();
    let mut mid_singles: HashSet<&str> = HashSet::new();
    let mut run: Vec<W> = Vec::with_capacity(8);
    let mut i = 0;
    let len = t.len();
    while i < len {
        let b = t.b[i];
        // Jump to the next capital that starts a word: ASCII bytes are tested directly,
        // other characters decoded.
        if b < 0x80 {
            if !b.is_ascii_uppercase() || (i > 0 && t.b[i - 1].is_ascii_alphanumeric()) {
                i += 1;
                continue;
            }
        } else if b < 0xC0 {
            i += 1;
            continue;
        }
        let Some(c) = t.char_at(i) else { break };
        if !c.is_uppercase()
            || t.char_before(i)
                .is_some_and(|p| is_letter(p) || p.is_ascii_digit())
        {
            i += c.len_utf8();
            continue;
        }
        let end = t.word_end(i);
        run.clear();
        let next = read_run(&t, i, rules, &mut run);
        i = next.max(end).max(i + 1);
        // Split the run at words that are never names (`Monday`), and read each part.
        let mut seg_start = 0;
        for k in 0..=run.len() {
            let boundary =
                k == run.len() || (is_capitalised(&t, run[k]) && not_name(&t, run[k], rules));
            if !boundary {
                continue;
            }
            if k > seg_start {
                let seg = &run[seg_start..k];
                let last_of_run = k == run.len();
                read_segment(
                    &t,
                    source,
                    id,
                    seg,
                    last_of_run,
                    rules,
                    &mut out,
                    &mut surnames,
                    &mut initial_singles,
                    &mut mid_singles,
                    sentences,
                );
            }
            seg_start = k + 1;
        }
    }
    // Drop single words read only at the start of sentences (`Asked`, `Officials`) unless
    // they are used in mid-sentence too; renumber references.
    let mut drop = vec![false; out.len()];
    for &c in &initial_singles {
        if let ClaimKind::Name(n) = &out[c].kind
            && !mid_singles.contains(n.text.as_str())
        {
            drop[c] = true;
        }
    }
    if drop.iter().any(|&d| d) {
        let mut map = vec![usize::MAX; out.len()];
        let mut kept = Vec::with_capacity(out.len());
        for (k, c) in out.into_iter().enumerate() {
            if !drop[k] {
                map[k] = kept.len();
                kept.push(c);
            }
        }
        for c in &mut kept {
            if let ClaimKind::Name(n) = &mut c.kind {
                n.refers_to = n
                    .refers_to
                    .and_then(|r| map.get(r).copied())
                    .filter(|&r| r != usize::MAX);
            }
        }
        out = kept;
    }
    out
}

/// A word folded for list lookups, without a heap allocation for short ASCII words.
enum Key {
    Inline([u8; 24], u8),
    Heap(String),
}

impl std::ops::Deref for Key {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            // Only ASCII bytes are written inline.
            Key::Inline(b, n) => std::str::from_utf8(&b[..*n as usize]).unwrap_or(""),
            Key::Heap(s) => s,
        }
    }
}

impl PartialEq<&str> for Key {
    fn eq(&self, other: &&str) -> bool {
        &**self == *other
    }
}

/// The folded word (lowercase, accents removed, a final full stop dropped).
fn key(t: &Text<'_>, w: W) -> Key {
    let s = t.slice(w.start, w.end);
    let s = s.strip_suffix('.').unwrap_or(s);
    if s.is_ascii() && s.len() <= 24 {
        let mut b = [0u8; 24];
        for (d, c) in b.iter_mut().zip(s.bytes()) {
            *d = c.to_ascii_lowercase();
        }
        return Key::Inline(b, s.len() as u8);
    }
    Key::Heap(fold(s).trim_end_matches('.').to_string())
}

fn not_name(t: &Text<'_>, w: W, rules: &NameRules) -> bool {
    let k = key(t, w);
    let k: &str = &k;
    rules.not_names.contains(k) || lexicon::month(k).is_some() || lexicon::weekday(k).is_some()
}

fn is_capitalised(t: &Text<'_>, w: W) -> bool {
    t.char_at(w.start).is_some_and(char::is_uppercase)
}

/// The end of a possessive (`Trudeau’s` -> end of `Trudeau`), if the word is one.
fn possessive(t: &Text<'_>, w: W) -> Option<usize> {
    let s = t.slice(w.start, w.end);
    for suffix in ["’s", "'s", "’S", "'S"] {
        if let Some(stem) = s.strip_suffix(suffix)
            && !stem.is_empty()
        {
            return Some(w.start + stem.len());
        }
    }
    None
}

/// Whether a word is a particle joined to a name with a hyphen (`al-Sadr`).
fn joined_particle(t: &Text<'_>, w: W, rules: &NameRules) -> bool {
    scan::split_hyphen(t.slice(w.start, w.end)).is_some_and(|(pre, rest)| {
        rules.particles.contains(&fold(pre)) && rest.starts_with(char::is_uppercase)
    })
}

/// Whether a capitalised word is an adjective made with a hyphen (`Iran-backed`, `US-led`).
fn hyphen_adjective(t: &Text<'_>, w: W) -> bool {
    let s = t.slice(w.start, w.end);
    if !s.as_bytes().contains(&b'-') {
        return false;
    }
    s.split('-')
        .skip(1)
        .any(|part| part.chars().next().is_some_and(char::is_lowercase))
}

/// Push `w` onto a run, cut before a possessive ending (`Trudeau’s`); whether it had one,
/// which ends the run.
fn push_word(t: &Text<'_>, w: W, run: &mut Vec<W>) -> bool {
    match possessive(t, w) {
        Some(stem_end) => {
            run.push(W {
                start: w.start,
                end: stem_end,
            });
            true
        }
        None => {
            run.push(w);
            false
        }
    }
}

/// Read a run of capitalised words starting at `start` into `run`; returns where it ends.
fn read_run(t: &Text<'_>, start: usize, rules: &NameRules, run: &mut Vec<W>) -> usize {
    let mut w = W {
        start,
        end: t.word_end(start),
    };
    loop {
        if hyphen_adjective(t, w) {
            return w.end;
        }
        if push_word(t, w, run) {
            return w.end;
        }
        // An initial or an abbreviated honorific may take a full stop (`J.`, `Dr.`).
        let mut p = w.end;
        if t.char_at(p) == Some('.') {
            let k = key(t, w);
            let initial = w.end - w.start == 1;
            if initial || rules.honorifics.contains(&*k) || lexicon::is_abbreviation(&k) {
                p += 1;
            } else {
                return w.end;
            }
        }
        // Exactly some space (at most one line break) before the next word.
        let Some(q) = t.skip_space(p) else {
            return p;
        };
        if q == p || !t.char_at(q).is_some_and(is_letter) {
            return p;
        }
        let next = W {
            start: q,
            end: t.word_end(q),
        };
        if is_capitalised(t, next) {
            w = next;
            continue;
        }
        let k = key(t, next);
        // A lowercase particle, or `of` / `of the` after an office, an organisation or a
        // place (`Secretary of State`, `Bank of Canada`, `Gulf of Mexico`), followed by a
        // capitalised word.
        let of_joins = k == "of" && {
            let prev = key(t, w);
            rules.roles.contains(&*prev)
                || rules.title_words.contains(&*prev)
                || rules.organisation_words.contains(&*prev)
                || rules.place_words.contains(&*prev)
        };
        let particle = rules.particles.contains(&*k) || of_joins;
        if particle {
            let mut after = next;
            let mut words = vec![next];
            if k == "of" {
                let n2 = t.next(next.end);
                if n2.kind == Kind::Word && t.is(&n2, "the") {
                    after = W {
                        start: n2.start,
                        end: n2.end,
                    };
                    words.push(after);
                }
            }
            let n3 = t.next(after.end);
            if n3.kind == Kind::Word
                && t.char_at(n3.start).is_some_and(char::is_uppercase)
                && n3.start > after.end
            {
                run.extend(words);
                w = W {
                    start: n3.start,
                    end: n3.end,
                };
                continue;
            }
            return p;
        }
        // A particle joined with a hyphen (`al-Sadr`).
        if joined_particle(t, next, rules) {
            push_word(t, next, run);
            return next.end;
        }
        return p;
    }
}

/// Whether `w` starts a sentence (nothing but an opening mark before it in its sentence).
fn sentence_initial(t: &Text<'_>, w: W) -> bool {
    let p = t.prev(w.start);
    match p.kind {
        Kind::End => true,
        Kind::Punct(c) => matches!(
            c,
            '.' | '!' | '?' | '"' | '“' | '‘' | '(' | ':' | '—' | '#' | '-' | '*' | '>'
        ),
        _ => false,
    }
}

/// The text of a span with its runs of white space made single spaces.
fn span_text(t: &Text<'_>, r: Range<usize>) -> String {
    let s = t.slice(r.start, r.end);
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn read_segment<'t>(
    t: &Text<'t>,
    source: &Source,
    id: SourceId,
    seg: &[W],
    last_of_run: bool,
    rules: &NameRules,
    out: &mut Vec<Claim>,
    surnames: &mut HashMap<String, usize>,
    initial_singles: &mut Vec<usize>,
    mid_singles: &mut HashSet<&'t str>,
    sentences: &mut Sentences,
) {
    // A segment may not start or end with a particle or `of`.
    let mut seg = seg;
    while let Some(first) = seg.first()
        && !is_capitalised(t, *first)
    {
        seg = &seg[1..];
    }
    while let Some(last) = seg.last()
        && !is_capitalised(t, *last)
        && !joined_particle(t, *last, rules)
    {
        seg = &seg[..seg.len() - 1];
    }
    if seg.is_empty() {
        return;
    }
    // A lone nationality adjective or code word: the common case, rejected first.
    if let [w] = seg
        && (demonym(t, *w) || identifier(t, *w))
    {
        return;
    }
    // Title words at the front: up to the last role word or honorific that still leaves a
    // name after it.
    let mut title_end: Option<usize> = None; // index of the last title word
    let mut honorific_only = true;
    for (k, w) in seg.iter().enumerate() {
        let kk = key(t, *w);
        let kk: &str = &kk;
        let is_role = rules.roles.contains(kk);
        let is_hon = rules.honorifics.contains(kk);
        if (is_role || is_hon) && k + 1 < seg.len() {
            title_end = Some(k);
            if is_role {
                honorific_only = false;
            }
        } else if !(rules.title_words.contains(kk) || is_role || is_hon)
            && title_end.is_none()
            && k > 1
        {
            break;
        }
    }
    // `Secretary of State Mike Pompeo`: an `of` phrase of one word belongs to the title.
    if let Some(te) = title_end
        && seg.len() > te + 3
        && key(t, seg[te + 1]) == "of"
    {
        let skip = if key(t, seg[te + 2]) == "the" { 3 } else { 2 };
        if seg.len() > te + skip + 1 {
            title_end = Some(te + skip);
        }
    }
    let (title_words, name_words) = match title_end {
        Some(te) => (&seg[..=te], &seg[te + 1..]),
        None => (&seg[..0], seg),
    };
    // A title with no name after it (`The Prime Minister of Iraq`) is no name.
    let titleish = |w: &W| {
        let k = key(t, *w);
        let k: &str = &k;
        rules.roles.contains(k) || rules.title_words.contains(k) || rules.honorifics.contains(k)
    };
    if name_words.is_empty() || !is_capitalised(t, name_words[0]) || name_words.iter().all(titleish)
    {
        return;
    }
    let name_span = name_words[0].start..name_words[name_words.len() - 1].end;
    let name_text = span_text(t, name_span.clone());
    let mut title: Option<Title> = None;
    if !title_words.is_empty() && !honorific_only {
        let r = title_words[0].start..title_words[title_words.len() - 1].end;
        title = Some(Title {
            text: span_text(t, r.clone()),
            span: r,
        });
    }
    let multi = name_words.len() > 1;
    if title.is_none() && multi {
        title = title_before(t, name_span.start, rules)
            .or_else(|| apposition_before(t, name_span.start, rules))
            .or_else(|| {
                if last_of_run {
                    apposition_after(t, name_span.end, rules)
                } else {
                    None
                }
            });
    }
    let para = source.paragraph_of(name_span.start);
    let sent = sentences.at(t, name_span.start, source.paragraph_range(para));
    let mut kind = classify(t, name_words, &name_text, rules);
    let mut refers_to = None;
    if title.is_some() || (!title_words.is_empty() && honorific_only) {
        kind = EntityKind::Person;
    }
    if !multi
        && title.is_none()
        && title_words.is_empty()
        && (demonym(t, name_words[0]) || identifier(t, name_words[0]))
    {
        return;
    }
    if !multi {
        if let Some(&full) = surnames.get(name_text.as_str()) {
            kind = EntityKind::Person;
            refers_to = Some(full);
        } else if !title_words.is_empty() && honorific_only {
            // `Mr. Trump` with no full name before: a person, named by surname alone.
        } else if kind == EntityKind::Unknown && sentence_initial(t, name_words[0]) {
            initial_singles.push(out.len());
        } else {
            mid_singles.insert(t.slice(name_span.start, name_span.end));
        }
    }
    if kind == EntityKind::Person
        && multi
        && let Some(last) = name_words.last()
    {
        surnames.insert(t.slice(last.start, last.end).to_string(), out.len());
    }
    out.push(Claim {
        source: id,
        span: name_span.clone(),
        figure: name_span,
        sentence: sent,
        paragraph: para,
        kind: ClaimKind::Name(Name {
            text: name_text,
            kind,
            title: title.map(Box::new),
            refers_to,
        }),
    });
}

/// A nationality used as an adjective (`Canadian troops`, `Iraqi parliament`): a word
/// with a demonym's ending, followed by a lowercase word.
fn demonym(t: &Text<'_>, w: W) -> bool {
    let s = t.slice(w.start, w.end);
    let n = t.next(w.end);
    s.chars().count() >= 5
        && ["ian", "ean", "ican", "ese", "ish", "i"]
            .iter()
            .any(|suffix| s.ends_with(suffix))
        && n.kind == Kind::Word
        && t.char_at(n.start).is_some_and(char::is_lowercase)
}

/// A word that names a number or code after it (`F-35`, `MH17`, `Route 66`), or a
/// single letter.
fn identifier(t: &Text<'_>, w: W) -> bool {
    let after = t.char_at(w.end);
    let glued = after.is_some_and(|c| c.is_ascii_digit())
        || (after == Some('-') && t.char_at(w.end + 1).is_some_and(|c| c.is_ascii_digit()));
    glued || t.next(w.end).kind == Kind::Number || w.end - w.start == 1
}

/// What kind of entity a name is, from its words alone.
fn classify(t: &Text<'_>, words: &[W], text: &str, rules: &NameRules) -> EntityKind {
    if rules.alias_group(text).is_some() {
        return EntityKind::Organisation;
    }
    let mut has_org = false;
    let mut has_place = false;
    for w in words {
        let k = key(t, *w);
        let k: &str = &k;
        has_org |= rules.organisation_words.contains(k);
        has_place |= words.len() > 1 && rules.place_words.contains(k);
    }
    if has_org {
        return EntityKind::Organisation;
    }
    if has_place {
        return EntityKind::Place;
    }
    if words.len() == 1 {
        let s = t.slice(words[0].start, words[0].end);
        if s.chars().filter(|c| c.is_uppercase()).count() >= 2 && !s.chars().any(char::is_lowercase)
        {
            return EntityKind::Organisation;
        }
        let p = t.prev(words[0].start);
        if p.kind == Kind::Word
            && rules
                .place_prepositions
                .contains(&fold(t.slice(p.start, p.end)))
        {
            return EntityKind::Place;
        }
        return EntityKind::Unknown;
    }
    // Every word capitalised and none in capitals only: a person's name.
    let acronyms = words
        .iter()
        .filter(|w| {
            let s = t.slice(w.start, w.end);
            s.chars().count() > 1 && !s.chars().any(char::is_lowercase)
        })
        .count();
    if acronyms > 0 {
        EntityKind::Unknown
    } else {
        EntityKind::Person
    }
}

fn title_from(t: &Text<'_>, words: &[(usize, usize)], rules: &NameRules) -> Option<Title> {
    let has_role = words
        .iter()
        .any(|&(s, e)| rules.roles.contains(&fold(t.slice(s, e))));
    if !has_role || words.is_empty() {
        return None;
    }
    let r = words[0].0..words[words.len() - 1].1;
    Some(Title {
        text: span_text(t, r.clone()),
        span: r,
    })
}

/// `NATO leader Jane Doe`, `defence minister Jane Doe`: lowercase title words just before.
fn title_before(t: &Text<'_>, start: usize, rules: &NameRules) -> Option<Title> {
    let words = words_before(t, start, |p, s, k| {
        let lower = s.chars().next().is_some_and(char::is_lowercase);
        if lower
            && (rules.roles.contains(k)
                || rules.title_words.contains(k)
                || rules.title_qualifiers.contains(k))
        {
            Step::Take
        } else if !lower && possessive(t, p).is_none() {
            // One capitalised word before the lowercase title (`NATO leader`).
            Step::TakeIfAnyThenStop
        } else {
            Step::Stop
        }
    });
    title_from(t, &words, rules)
}

/// What [`words_before`] does with a word.
enum Step {
    Take,
    /// Take the word only after at least one taken word, and stop.
    TakeIfAnyThenStop,
    Stop,
}

/// The words before `pos`, walking back over at most [`MAX_APPOSITION_WORDS`] words while
/// `step` (given the word, its text and its folded form) takes them; in text order.
fn words_before(
    t: &Text<'_>,
    pos: usize,
    mut step: impl FnMut(W, &str, &str) -> Step,
) -> Vec<(usize, usize)> {
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut pos = pos;
    loop {
        let p = t.prev(pos);
        if p.kind != Kind::Word || words.len() >= MAX_APPOSITION_WORDS {
            break;
        }
        let s = t.slice(p.start, p.end);
        let w = W {
            start: p.start,
            end: p.end,
        };
        match step(w, s, &fold(s)) {
            Step::Take => {
                words.insert(0, (p.start, p.end));
                pos = p.start;
            }
            Step::TakeIfAnyThenStop => {
                if !words.is_empty() {
                    words.insert(0, (p.start, p.end));
                }
                break;
            }
            Step::Stop => break,
        }
    }
    words
}

/// `the defence minister, Jane Doe`: a title, then a comma, right before the name.
fn apposition_before(t: &Text<'_>, start: usize, rules: &NameRules) -> Option<Title> {
    let comma = t.prev(start);
    if !comma.is_punct(',') {
        return None;
    }
    let mut words = words_before(t, comma.start, |p, s, k| {
        if possessive(t, p).is_some() {
            return Step::Stop;
        }
        let cap = s.chars().next().is_some_and(char::is_uppercase);
        if rules.roles.contains(k)
            || rules.title_words.contains(k)
            || rules.title_qualifiers.contains(k)
            || k == "of"
            || (cap && !rules.not_names.contains(k))
        {
            Step::Take
        } else {
            Step::Stop
        }
    });
    // The title must end with its role or an `of` phrase, not with a name in a list.
    while let Some(&(s, e)) = words.first()
        && (fold(t.slice(s, e)) == "of")
    {
        words.remove(0);
    }
    let last_role = words
        .iter()
        .rposition(|&(s, e)| rules.roles.contains(&fold(t.slice(s, e))))?;
    let tail = &words[last_role + 1..];
    if !tail.is_empty() && fold(t.slice(tail[0].0, tail[0].1)) != "of" {
        return None;
    }
    title_from(t, &words, rules)
}

/// `Jane Doe, the defence minister,`: a comma, then a title, right after the name.
fn apposition_after(t: &Text<'_>, end: usize, rules: &NameRules) -> Option<Title> {
    let comma = t.next(end);
    if !comma.is_punct(',') {
        return None;
    }
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut pos = comma.end;
    let mut seen_role = false;
    let mut in_of = false;
    loop {
        let n = t.next(pos);
        if n.kind != Kind::Word || words.len() >= MAX_APPOSITION_WORDS {
            break;
        }
        let s = t.slice(n.start, n.end);
        let k = fold(s);
        let cap = s.chars().next().is_some_and(char::is_uppercase);
        if words.is_empty() && matches!(k.as_str(), "the" | "a" | "an") {
            pos = n.end;
            continue;
        }
        let titled = rules.roles.contains(&*k)
            || rules.title_words.contains(&*k)
            || rules.title_qualifiers.contains(&*k);
        if titled && !in_of {
            seen_role |= rules.roles.contains(&*k);
            words.push((n.start, n.end));
        } else if seen_role && k == "of" {
            in_of = true;
            words.push((n.start, n.end));
        } else if in_of && (cap || k == "the") {
            words.push((n.start, n.end));
        } else {
            break;
        }
        pos = n.end;
    }
    while let Some(&(s, e)) = words.last()
        && matches!(fold(t.slice(s, e)).as_str(), "of" | "the")
    {
        words.pop();
    }
    title_from(t, &words, rules)
}

#[cfg(test)]
mod tests {
    use crate::extract::{ClaimKind, EntityKind, extract_text};
    use crate::rules::Rules;

    fn names(text: &str) -> Vec<(String, EntityKind, Option<String>, Option<usize>)> {
        let rules = Rules::builtin().unwrap();
        extract_text(text, &rules)
            .claims
            .into_iter()
            .filter_map(|c| match c.kind {
                ClaimKind::Name(n) => Some((n.text, n.kind, n.title.map(|t| t.text), n.refers_to)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn titles_in_three_places() {
        let n = names("Defence Minister Jane Doe spoke first.");
        assert_eq!(n[0].0, "Jane Doe");
        assert_eq!(n[0].2.as_deref(), Some("Defence Minister"));
        let n = names("It was Jane Doe, the defence minister, who spoke.");
        assert_eq!(n[0].0, "Jane Doe");
        assert_eq!(n[0].2.as_deref(), Some("defence minister"));
        let n = names("It was the minister, Jane Doe, who spoke.");
        assert_eq!(n[0].0, "Jane Doe");
        assert_eq!(n[0].2.as_deref(), Some("minister"));
        let n = names("He met NATO leader Jens Stoltenberg.");
        let j = n.iter().find(|x| x.0 == "Jens Stoltenberg").unwrap();
        assert_eq!(j.2.as_deref(), Some("NATO leader"));
        let n = names("Then US Secretary of State Mike Pompeo said no.");
        let j = n.iter().find(|x| x.0 == "Mike Pompeo").unwrap();
        assert_eq!(j.2.as_deref(), Some("US Secretary of State"));
    }

    #[test]
    fn short_references_link_to_the_full_name() {
        let n =
            names("Jane Doe arrived on Monday.\n\nLater, Doe said she would stay. Mr. Doe left.");
        assert_eq!(n[0].0, "Jane Doe");
        assert_eq!(n[0].1, EntityKind::Person);
        assert_eq!(n[1].0, "Doe");
        assert!(n[1].3.is_some());
        assert_eq!(n[2].0, "Doe");
        assert!(n[2].3.is_some());
    }

    #[test]
    fn sentence_starts_and_calendar_words_are_not_names() {
        let n =
            names("Asked about it on Monday, officials said nothing. The Iraqi parliament voted.");
        let texts: Vec<&str> = n.iter().map(|x| x.0.as_str()).collect();
        assert!(!texts.contains(&"Asked"), "{texts:?}");
        assert!(!texts.contains(&"Monday"), "{texts:?}");
        assert!(!texts.contains(&"The"), "{texts:?}");
    }

    #[test]
    fn possessives_and_particles() {
        let n = names(
            "Prime Minister Justin Trudeau’s office replied. Ludwig van Beethoven wrote it. Moqtada al-Sadr spoke.",
        );
        let texts: Vec<&str> = n.iter().map(|x| x.0.as_str()).collect();
        assert!(texts.contains(&"Justin Trudeau"), "{texts:?}");
        assert!(texts.contains(&"Ludwig van Beethoven"), "{texts:?}");
        assert!(texts.contains(&"Moqtada al-Sadr"), "{texts:?}");
    }
}
