//! Names of people, organisations and places, in one pass over a source's prose.
//!
//! A name is a run of capitalised words (with particles such as `al-` or `van` and `of`
//! phrases inside it). A title is read where the text gives one: before the name
//! (`Defence Minister Jane Doe`, `NATO leader Jane Doe`), as an apposition before it
//! (`the defence minister, Jane Doe`) or after it (`Jane Doe, the defence minister`).
//! A later surname alone (`Doe said`, `Mr. Doe`) is a short reference to the full name,
//! within the same source.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;
use std::sync::Arc;

use super::index32;
use super::scan::{self, Kind, Text, Tok, is_letter};
use super::sentence::Sentences;
use super::{Claim, ClaimKind, ClaimRef, EntityKind, Name, Title, lexicon};
use crate::entities::{NameRules, class, fold};
use crate::source::{Source, SourceId};

/// The most words a title given in apposition may have.
const MAX_APPOSITION_WORDS: usize = 7;

/// The classes of a word that may stand in a title around a name: a role, a title word or
/// a qualifier.
const TITLED: u16 = class::ROLE | class::TITLE_WORD | class::TITLE_QUALIFIER;

/// A word of a run.
#[derive(Debug, Clone, Copy)]
struct W {
    start: usize,
    end: usize,
    /// The word's [`class`] bits, looked up once when it joins a run (0 until then).
    class: u16,
    /// Whether the word is known to be ASCII letters only (false when not known): such a
    /// word has no hyphen, apostrophe or full stop, and its folded form is its lowercase.
    plain: bool,
}

impl W {
    /// A word whose classes are not looked up yet.
    fn at(start: usize, end: usize) -> W {
        W {
            start,
            end,
            class: 0,
            plain: false,
        }
    }

    /// A word, told [`W::plain`] when it is.
    fn read(t: &Doc<'_>, start: usize, end: usize) -> W {
        let plain = end > start
            && t.b
                .get(start..end)
                .is_some_and(|b| b.iter().all(u8::is_ascii_alphabetic));
        W {
            plain,
            ..W::at(start, end)
        }
    }
}

/// The text with its ASCII-lowercase copy (same offsets), so that the folded form of an
/// ASCII word is a slice of the copy rather than a new string. It derefs to the text.
#[derive(Clone, Copy)]
struct Doc<'t> {
    t: Text<'t>,
    low: &'t str,
}

impl<'t> std::ops::Deref for Doc<'t> {
    type Target = Text<'t>;
    fn deref(&self) -> &Text<'t> {
        &self.t
    }
}

/// Extract the names of one source. `refers_to` indexes the returned list. `low` is
/// `scan` in ASCII lowercase.
pub fn extract(
    source: &Source,
    id: SourceId,
    scan: &str,
    low: &str,
    rules: &NameRules,
    sentences: &mut Sentences,
) -> Vec<Claim> {
    let t = Doc {
        t: Text::new(scan),
        low,
    };
    // About one name in every hundred bytes of news prose: room for them from the start
    // rather than growing the list again and again.
    let mut found: Vec<Found<'_>> = Vec::with_capacity(scan.len() / 100);
    // Surnames of people named in full so far: surname -> index in `found`.
    let mut surnames: HashMap<&str, usize> = HashMap::with_capacity(16);
    // Single words used in mid-sentence: a single word read only at the start of a
    // sentence is kept if it is one of them.
    let mut mid_singles: HashSet<&str> = HashSet::with_capacity(32);
    let mut run: Vec<W> = Vec::with_capacity(8);
    let mut i = 0;
    let len = t.len();
    while i < len {
        // Jump to the next capital that starts a word: bytes that cannot begin one are
        // skipped eight at a time, ASCII bytes are tested directly, other characters
        // decoded.
        i = next_candidate(t.b, i);
        let Some(&b) = t.b.get(i) else { break };
        if b < 0x80 {
            if !b.is_ascii_uppercase() || (i > 0 && t.b[i - 1].is_ascii_alphanumeric()) {
                i += 1;
                continue;
            }
        } else if b < 0xC0 {
            i += 1;
            continue;
        }
        // An ASCII capital after an ASCII byte (or at the start) has passed the checks
        // below already: the byte before is neither a letter nor a digit.
        let ascii_start = b < 0x80 && (i == 0 || t.b[i - 1] < 0x80);
        if !ascii_start {
            let Some(c) = t.char_at(i) else { break };
            if !c.is_uppercase()
                || t.char_before(i)
                    .is_some_and(|p| is_letter(p) || p.is_ascii_digit())
            {
                i += c.len_utf8();
                continue;
            }
        }
        let first = word_from(&t, i);
        run.clear();
        let next = read_run(&t, first, rules, &mut run);
        i = next.max(first.end).max(i + 1);
        // Split the run at words that are never names (`Monday`), and read each part.
        let mut seg_start = 0;
        for k in 0..=run.len() {
            let boundary = k == run.len() || (is_capitalised(&t, run[k]) && not_name(run[k]));
            if !boundary {
                continue;
            }
            if k > seg_start {
                let seg = &run[seg_start..k];
                let last_of_run = k == run.len();
                read_segment(
                    &t,
                    seg,
                    last_of_run,
                    rules,
                    &mut found,
                    &mut surnames,
                    &mut mid_singles,
                );
            }
            seg_start = k + 1;
        }
    }
    claims(&t, source, id, found, &mid_singles, sentences)
}

/// A name found, before it is known to be kept.
struct Found<'t> {
    span: Range<usize>,
    text: Cow<'t, str>,
    kind: EntityKind,
    title: Option<Title>,
    /// Index in the names found.
    refers_to: Option<usize>,
    /// A single word read only at the start of a sentence: kept only if it is also used
    /// in mid-sentence.
    initial: bool,
}

/// The claims of the names found: single words read only at the start of sentences
/// (`Asked`, `Officials`) dropped unless they are used in mid-sentence too, references
/// renumbered. Sentences and paragraphs are looked up for the names kept only.
fn claims(
    t: &Doc<'_>,
    source: &Source,
    id: SourceId,
    found: Vec<Found<'_>>,
    mid_singles: &HashSet<&str>,
    sentences: &mut Sentences,
) -> Vec<Claim> {
    // The new index of every name kept (`usize::MAX` for one dropped).
    let mut map = vec![usize::MAX; found.len()];
    let mut kept = 0;
    for (k, f) in found.iter().enumerate() {
        if !f.initial || mid_singles.contains(&*f.text) {
            map[k] = kept;
            kept += 1;
        }
    }
    let mut out = Vec::with_capacity(kept);
    // A text mostly names one person or place several times: its claims share one copy.
    let mut texts: HashSet<Arc<str>> = HashSet::new();
    let mut para = usize::MAX;
    let mut para_range = 0..0;
    for (k, f) in found.into_iter().enumerate() {
        if map[k] == usize::MAX {
            continue;
        }
        // Names come in text order: most are in the paragraph of the one before.
        if para == usize::MAX || !para_range.contains(&f.span.start) {
            para = source.paragraph_of(f.span.start);
            para_range = source.paragraph_range(para);
        }
        let sent = sentences.at(t, f.span.start, para_range.clone());
        let text = match texts.get(&*f.text) {
            Some(text) => Arc::clone(text),
            None => {
                let text: Arc<str> = Arc::from(&*f.text);
                texts.insert(Arc::clone(&text));
                text
            }
        };
        out.push(Claim {
            source: index32(id),
            span: f.span.clone().into(),
            figure: f.span.into(),
            sentence: sent.into(),
            paragraph: index32(para),
            kind: ClaimKind::Name(Name {
                text,
                kind: f.kind,
                title: f.title.map(Box::new),
                refers_to: f
                    .refers_to
                    .and_then(|r| map.get(r).copied())
                    .filter(|&r| r != usize::MAX)
                    .map(ClaimRef::new),
            }),
        });
    }
    out
}

/// The first position at or after `i` holding an ASCII capital or a byte that starts a
/// character beyond U+007F (`0xC0` and up, which may be a capital): the only places a
/// capitalised word can start. The bytes before it are neither.
fn next_candidate(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Eight bytes at a time: each byte's low seven bits plus a constant sets its high bit
    // exactly when they are at least `A` (or above `Z`); the sums stay below 0x100, so no
    // byte carries into the next.
    while let Some(chunk) = b.get(i..i + 8)
        && let Ok(bytes) = <[u8; 8]>::try_from(chunk)
    {
        let x = u64::from_le_bytes(bytes);
        let low7 = x & !HIGH;
        let at_least_a = low7 + ONES * u64::from(0x80 - b'A');
        let above_z = low7 + ONES * u64::from(0x80 - b'Z' - 1);
        let capital = at_least_a & !above_z & !x & HIGH;
        // Bits 7 and 6 both set: a byte of 0xC0 or more.
        let lead = x & (x << 1) & HIGH;
        let found = capital | lead;
        if found != 0 {
            // Little-endian: the lowest set byte is the first in the text.
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i)
        && !(c.is_ascii_uppercase() || c >= 0xC0)
    {
        i += 1;
    }
    i
}

/// The word from `start` to its [`Text::word_end`], with the common case, ASCII letters up
/// to an ASCII byte that neither is one nor joins one (`-`, `'`), found eight bytes at a
/// time and told [`W::plain`]; any other word is left to `word_end`.
fn word_from(t: &Doc<'_>, start: usize) -> W {
    let end = ascii_letters_end(t.b, start);
    let plain = W {
        plain: end > start,
        ..W::at(start, end)
    };
    match t.b.get(end) {
        None => plain,
        Some(&c) if c.is_ascii() && c != b'-' && c != b'\'' => plain,
        _ => W::at(start, t.word_end(start)),
    }
}

/// The end of the run of ASCII letters from `i`.
fn ascii_letters_end(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Eight bytes at a time, as in `next_candidate`: a byte is a letter when, with its
    // case bit set, its low seven bits are from `a` to `z` and its high bit is clear.
    while let Some(chunk) = b.get(i..i + 8)
        && let Ok(bytes) = <[u8; 8]>::try_from(chunk)
    {
        let x = u64::from_le_bytes(bytes);
        let low7 = (x | (ONES * 0x20)) & !HIGH;
        let at_least_a = low7 + ONES * u64::from(0x80 - b'a');
        let above_z = low7 + ONES * u64::from(0x80 - b'z' - 1);
        let letter = at_least_a & !above_z & !x & HIGH;
        if letter != HIGH {
            // Little-endian: the lowest byte that is no letter is the first in the text.
            return i + ((!letter & HIGH).trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while b.get(i).is_some_and(u8::is_ascii_alphabetic) {
        i += 1;
    }
    i
}

/// `fold` of the text from `start` to `end`: a slice of the lowercase copy when it is
/// ASCII (`fold` of ASCII is its lowercase), folded anew otherwise.
fn folded<'t>(t: &Doc<'t>, start: usize, end: usize) -> Cow<'t, str> {
    if let Some(bytes) = t.b.get(start..end)
        && bytes.is_ascii()
        && let Some(low) = t.low.get(start..end)
    {
        return Cow::Borrowed(low);
    }
    Cow::Owned(fold(t.slice(start, end)))
}

/// The folded word (lowercase, accents removed, a final full stop dropped).
fn key<'t>(t: &Doc<'t>, w: W) -> Cow<'t, str> {
    // A plain word is ASCII letters: its folded form is its slice of the lowercase copy.
    if w.plain
        && let Some(low) = t.low.get(w.start..w.end)
    {
        return Cow::Borrowed(low);
    }
    // A full stop is one byte: the word's last byte tells.
    let end = if w.end > w.start && t.b.get(w.end - 1) == Some(&b'.') {
        w.end - 1
    } else {
        w.end
    };
    folded(t, w.start, end)
}

/// `w` with its class bits looked up from its folded form `k`.
fn classed(w: W, k: &str, rules: &NameRules) -> W {
    let mut c = rules.class(k);
    // Months and weekdays are never names either; asked only when the rules do not say so
    // already.
    if c & class::NOT_NAME == 0 && calendar(k) {
        c |= class::CALENDAR;
    }
    W { class: c, ..w }
}

/// Whether a folded word is a month or a weekday (`lexicon::month_lower`,
/// `lexicon::weekday_lower`). Every name and abbreviation of either has three to nine
/// letters and starts with one of the letters below: most words are told without asking.
fn calendar(k: &str) -> bool {
    let b = k.as_bytes();
    (3..=9).contains(&b.len())
        && matches!(
            b[0],
            b'a' | b'd' | b'f' | b'j' | b'm' | b'n' | b'o' | b's' | b't' | b'w'
        )
        && (lexicon::month_lower(k).is_some() || lexicon::weekday_lower(k).is_some())
}

/// Whether a word of a run (classes looked up) never makes a name: a listed word, a month
/// or a weekday.
fn not_name(w: W) -> bool {
    w.class & (class::NOT_NAME | class::CALENDAR) != 0
}

fn is_capitalised(t: &Doc<'_>, w: W) -> bool {
    // A plain word starts with an ASCII letter, a whole character.
    if w.plain {
        return t.b[w.start].is_ascii_uppercase();
    }
    t.char_at(w.start).is_some_and(char::is_uppercase)
}

/// The end of a possessive (`Trudeau’s` -> end of `Trudeau`), if the word is one.
fn possessive(t: &Doc<'_>, w: W) -> Option<usize> {
    // A plain word has no apostrophe.
    if w.plain {
        return None;
    }
    let s = t.slice(w.start, w.end);
    // Every ending below ends with `s`: most words are ruled out by their last byte.
    if !matches!(s.as_bytes().last(), Some(b's' | b'S')) {
        return None;
    }
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
fn joined_particle(t: &Doc<'_>, w: W, rules: &NameRules) -> bool {
    // Most words have no hyphen: told from the bytes, before the word is sliced; a plain
    // word has none.
    if w.plain || !has_hyphen(t, w) {
        return false;
    }
    scan::split_hyphen(t.slice(w.start, w.end)).is_some_and(|(pre, rest)| {
        rules.is_particle(&folded(t, w.start, w.start + pre.len()))
            && rest.starts_with(char::is_uppercase)
    })
}

/// Whether a capitalised word is an adjective made with a hyphen (`Iran-backed`, `US-led`).
fn hyphen_adjective(t: &Doc<'_>, w: W) -> bool {
    if w.plain || !has_hyphen(t, w) {
        return false;
    }
    let s = t.slice(w.start, w.end);
    s.split('-')
        .skip(1)
        .any(|part| part.chars().next().is_some_and(char::is_lowercase))
}

/// Whether the word has a hyphen (asked only of words not told plain, which are few).
fn has_hyphen(t: &Doc<'_>, w: W) -> bool {
    t.b.get(w.start..w.end).is_some_and(|b| b.contains(&b'-'))
}

/// Push `w` onto a run with its classes, cut before a possessive ending (`Trudeau’s`);
/// whether it had one, which ends the run.
fn push_word(t: &Doc<'_>, w: W, rules: &NameRules, run: &mut Vec<W>) -> bool {
    let (w, cut) = match possessive(t, w) {
        Some(stem_end) => (W::at(w.start, stem_end), true),
        None => (w, false),
    };
    run.push(classed(w, &key(t, w), rules));
    cut
}

/// Read a run of capitalised words starting with `first` into `run`; returns where it
/// ends.
fn read_run(t: &Doc<'_>, first: W, rules: &NameRules, run: &mut Vec<W>) -> usize {
    let mut w = first;
    loop {
        if hyphen_adjective(t, w) {
            return w.end;
        }
        if push_word(t, w, rules, run) {
            return w.end;
        }
        // The word as pushed, with its classes.
        let pushed = run.last().copied().unwrap_or(w);
        // An initial or an abbreviated honorific may take a full stop (`J.`, `Dr.`).
        let mut p = w.end;
        if t.char_at(p) == Some('.') {
            let initial = w.end - w.start == 1;
            if initial
                || pushed.class & class::HONORIFIC != 0
                || lexicon::is_abbreviation(&key(t, w))
            {
                p += 1;
            } else {
                return w.end;
            }
        }
        // Exactly some space (at most one line break) before the next word.
        let Some(q) = skip_space(t, p) else {
            return p;
        };
        if q == p || !t.char_at(q).is_some_and(is_letter) {
            return p;
        }
        let next = word_from(t, q);
        if is_capitalised(t, next) {
            w = next;
            continue;
        }
        let k = key(t, next);
        // A lowercase particle, or `of` / `of the` after an office, an organisation or a
        // place (`Secretary of State`, `Bank of Canada`, `Gulf of Mexico`), followed by a
        // capitalised word. Only a word that joins the run has all its classes looked up.
        let of_joins = k == "of"
            && pushed.class
                & (class::ROLE | class::TITLE_WORD | class::ORGANISATION | class::PLACE)
                != 0;
        let particle = rules.is_particle(&k) || of_joins;
        if particle {
            let next = classed(next, &k, rules);
            let mut after = next;
            let mut words = [next; 2];
            let mut n_words = 1;
            if k == "of" {
                let n2 = t.next(next.end);
                if n2.kind == Kind::Word && t.is(&n2, "the") {
                    let a = W::read(t, n2.start, n2.end);
                    after = classed(a, &key(t, a), rules);
                    words[1] = after;
                    n_words = 2;
                }
            }
            let n3 = t.next(after.end);
            if n3.kind == Kind::Word
                && t.char_at(n3.start).is_some_and(char::is_uppercase)
                && n3.start > after.end
            {
                run.extend_from_slice(&words[..n_words]);
                w = W::read(t, n3.start, n3.end);
                continue;
            }
            return p;
        }
        // A particle joined with a hyphen (`al-Sadr`).
        if !next.plain && joined_particle(t, next, rules) {
            push_word(t, next, rules, run);
            return next.end;
        }
        return p;
    }
}

/// Whether a word starts a sentence (nothing but an opening mark before it in its
/// sentence), from the token before it.
fn sentence_initial(p: Tok) -> bool {
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
fn span_text<'t>(t: &Doc<'t>, r: Range<usize>) -> Cow<'t, str> {
    let s = t.slice(r.start, r.end);
    // The common case, ASCII words already one space apart, is the text itself.
    let mut after_space = true;
    let plain = s.bytes().all(|b| {
        let ok = b.is_ascii() && !(b'\t'..=b'\r').contains(&b) && !(b == b' ' && after_space);
        after_space = b == b' ';
        ok
    }) && !after_space;
    if plain {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    Cow::Owned(out)
}

/// [`span_text`] of the span from the first word to the last: the text itself when the
/// words are one space apart. Exact because a word holds no white space (letters, joining
/// hyphens and apostrophes), so every space of the span is in the gaps between words.
fn words_text<'t>(t: &Doc<'t>, words: &[W]) -> Cow<'t, str> {
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return Cow::Borrowed("");
    };
    let one_space = words
        .windows(2)
        .all(|w| w[1].start == w[0].end + 1 && t.b.get(w[0].end) == Some(&b' '));
    if one_space {
        return Cow::Borrowed(t.slice(first.start, last.end));
    }
    span_text(t, first.start..last.end)
}

fn read_segment<'t>(
    t: &Doc<'t>,
    seg: &[W],
    last_of_run: bool,
    rules: &NameRules,
    found: &mut Vec<Found<'t>>,
    surnames: &mut HashMap<&'t str, usize>,
    mid_singles: &mut HashSet<&'t str>,
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
        let is_role = w.class & class::ROLE != 0;
        let is_hon = w.class & class::HONORIFIC != 0;
        if (is_role || is_hon) && k + 1 < seg.len() {
            title_end = Some(k);
            if is_role {
                honorific_only = false;
            }
        } else if !(w.class & class::TITLE_WORD != 0 || is_role || is_hon)
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
    let titleish = |w: &W| w.class & (class::ROLE | class::TITLE_WORD | class::HONORIFIC) != 0;
    if name_words.is_empty() || !is_capitalised(t, name_words[0]) || name_words.iter().all(titleish)
    {
        return;
    }
    let name_span = name_words[0].start..name_words[name_words.len() - 1].end;
    let name_text = words_text(t, name_words);
    let mut title: Option<Title> = None;
    if !title_words.is_empty() && !honorific_only {
        let r = title_words[0].start..title_words[title_words.len() - 1].end;
        title = Some(Title {
            text: words_text(t, title_words).into(),
            span: r.into(),
        });
    }
    // The token before the name, read once for the several rules that look at it.
    let before = OnceCell::new();
    let before = || *before.get_or_init(|| prev(t, name_span.start));
    let multi = name_words.len() > 1;
    if title.is_none() && multi {
        title = title_before(t, before(), rules)
            .or_else(|| apposition_before(t, before(), rules))
            .or_else(|| {
                if last_of_run {
                    apposition_after(t, name_span.end, rules)
                } else {
                    None
                }
            });
    }
    let mut kind = classify(t, name_words, &name_text, rules, before);
    let mut refers_to = None;
    if title.is_some() || (!title_words.is_empty() && honorific_only) {
        kind = EntityKind::Person;
    }
    let mut initial = false;
    if !multi {
        if let Some(&full) = surnames.get(&*name_text) {
            kind = EntityKind::Person;
            refers_to = Some(full);
        } else if !title_words.is_empty() && honorific_only {
            // `Mr. Trump` with no full name before: a person, named by surname alone.
        } else if kind == EntityKind::Unknown && sentence_initial(before()) {
            initial = true;
        } else {
            mid_singles.insert(t.slice(name_span.start, name_span.end));
        }
    }
    if kind == EntityKind::Person
        && multi
        && let Some(last) = name_words.last()
    {
        surnames.insert(t.slice(last.start, last.end), found.len());
    }
    found.push(Found {
        span: name_span,
        text: name_text,
        kind,
        title,
        refers_to,
        initial,
    });
}

/// A nationality used as an adjective (`Canadian troops`, `Iraqi parliament`): a word
/// with a demonym's ending, followed by a lowercase word.
fn demonym(t: &Doc<'_>, w: W) -> bool {
    let s = t.slice(w.start, w.end);
    // Characters are counted only for a word long enough in bytes and not ASCII; what
    // follows is looked at last.
    s.len() >= 5
        && ["ian", "ean", "ican", "ese", "ish", "i"]
            .iter()
            .any(|suffix| s.ends_with(suffix))
        && (s.is_ascii() || s.chars().count() >= 5)
        && next_char(t, w.end).is_some_and(|c| is_letter(c) && c.is_lowercase())
}

/// The character the next token starts with, after space (`None` at a paragraph break or
/// the end): enough to tell a word or a number follows, without reading it.
fn next_char(t: &Doc<'_>, i: usize) -> Option<char> {
    skip_space(t, i).and_then(|j| t.char_at(j))
}

/// [`Text::prev`], with its common cases read directly: no space or one space back to an
/// ASCII punctuation mark, or to a word of ASCII letters after an ASCII byte that neither
/// is a letter nor joins one (`-`, `'`) or after the text's start. Any other token is left
/// to `prev`.
fn prev(t: &Doc<'_>, i: usize) -> Tok {
    let b = t.b;
    let j = match (
        i.checked_sub(2).and_then(|k| b.get(k)),
        i.checked_sub(1).and_then(|k| b.get(k)),
    ) {
        (_, Some(c)) if c.is_ascii_graphic() => i,
        (Some(c), Some(b' ')) if c.is_ascii_graphic() => i - 1,
        _ => return t.prev(i),
    };
    let c = b[j - 1];
    if c.is_ascii_alphabetic() {
        let mut start = j - 1;
        while start > 0 && b[start - 1].is_ascii_alphabetic() {
            start -= 1;
        }
        return match start.checked_sub(1).map(|k| b[k]) {
            Some(d) if !d.is_ascii() || d == b'-' || d == b'\'' => t.prev(i),
            _ => Tok {
                kind: Kind::Word,
                start,
                end: j,
            },
        };
    }
    if c.is_ascii_digit() {
        return t.prev(i);
    }
    Tok {
        kind: Kind::Punct(char::from(c)),
        start: j - 1,
        end: j,
    }
}

/// [`Text::skip_space`], with its common cases answered first: no space, or one space,
/// before a printable ASCII character (which is neither space nor a line break, so the
/// walk would stop there too).
fn skip_space(t: &Doc<'_>, i: usize) -> Option<usize> {
    match t.b.get(i..) {
        Some([c, ..]) if c.is_ascii_graphic() => Some(i),
        Some([b' ', c, ..]) if c.is_ascii_graphic() => Some(i + 1),
        _ => t.skip_space(i),
    }
}

/// A word that names a number or code after it (`F-35`, `MH17`, `Route 66`), or a
/// single letter.
fn identifier(t: &Doc<'_>, w: W) -> bool {
    let after = t.char_at(w.end);
    let glued = after.is_some_and(|c| c.is_ascii_digit())
        || (after == Some('-') && t.char_at(w.end + 1).is_some_and(|c| c.is_ascii_digit()));
    // The next token is a number exactly when it starts with a digit.
    w.end - w.start == 1 || glued || next_char(t, w.end).is_some_and(|c| c.is_ascii_digit())
}

/// What kind of entity a name is, from its words alone.
fn classify(
    t: &Doc<'_>,
    words: &[W],
    text: &str,
    rules: &NameRules,
    before: impl Fn() -> Tok,
) -> EntityKind {
    if rules.alias_group(text).is_some() {
        return EntityKind::Organisation;
    }
    let mut has_org = false;
    let mut has_place = false;
    for w in words {
        has_org |= w.class & class::ORGANISATION != 0;
        has_place |= words.len() > 1 && w.class & class::PLACE != 0;
    }
    if has_org {
        return EntityKind::Organisation;
    }
    if has_place {
        return EntityKind::Place;
    }
    if words.len() == 1 {
        if capitals(t, words[0]) {
            return EntityKind::Organisation;
        }
        let p = before();
        if p.kind == Kind::Word
            && rules.class(&folded(t, p.start, p.end)) & class::PLACE_PREPOSITION != 0
        {
            return EntityKind::Place;
        }
        return EntityKind::Unknown;
    }
    // Every word capitalised and none in capitals only: a person's name.
    let acronyms = words.iter().filter(|w| acronym(t, **w)).count();
    if acronyms > 0 {
        EntityKind::Unknown
    } else {
        EntityKind::Person
    }
}

/// Whether a single word is written in capitals (`NATO`): no lowercase letter and at
/// least two capitals. A plain word is ASCII letters, each a capital or lowercase, so it is
/// exactly when all its bytes are capitals and it has two.
fn capitals(t: &Doc<'_>, w: W) -> bool {
    if w.plain {
        return w.end - w.start >= 2 && t.b[w.start..w.end].iter().all(u8::is_ascii_uppercase);
    }
    let s = t.slice(w.start, w.end);
    // No lowercase letter is asked first: most words have one.
    !s.chars().any(char::is_lowercase) && s.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// Whether a word of a name is an acronym: no lowercase letter, more than one character. A
/// plain word is ASCII letters (one byte each, a capital or lowercase): exactly when all
/// its bytes are capitals and it has two.
fn acronym(t: &Doc<'_>, w: W) -> bool {
    if w.plain {
        return w.end - w.start > 1 && t.b[w.start..w.end].iter().all(u8::is_ascii_uppercase);
    }
    let s = t.slice(w.start, w.end);
    !s.chars().any(char::is_lowercase) && s.chars().count() > 1
}

fn title_from(t: &Doc<'_>, words: &[(usize, usize)], rules: &NameRules) -> Option<Title> {
    let has_role = words.iter().any(|&(s, e)| is_role(t, s, e, rules));
    if !has_role || words.is_empty() {
        return None;
    }
    let r = words[0].0..words[words.len() - 1].1;
    Some(Title {
        text: span_text(t, r.clone()).into(),
        span: r.into(),
    })
}

/// `NATO leader Jane Doe`, `defence minister Jane Doe`: lowercase title words just before.
fn title_before(t: &Doc<'_>, before: Tok, rules: &NameRules) -> Option<Title> {
    let words = words_before(t, before, |p, s, k| {
        let lower = s.chars().next().is_some_and(char::is_lowercase);
        if lower && rules.class(k) & TITLED != 0 {
            Step::Take
        } else if !lower && possessive(t, p).is_none() {
            // One capitalised word before the lowercase title (`NATO leader`).
            Step::TakeIfAnyThenStop
        } else {
            Step::Stop
        }
    });
    title_from(t, words.as_slice(), rules)
}

/// The words of a title read around a name: at most [`MAX_APPOSITION_WORDS`], so held on
/// the stack rather than in a new list for every name.
#[derive(Clone, Copy)]
struct Spans {
    buf: [(usize, usize); MAX_APPOSITION_WORDS],
    len: usize,
}

impl Spans {
    fn new() -> Spans {
        Spans {
            buf: [(0, 0); MAX_APPOSITION_WORDS],
            len: 0,
        }
    }

    /// Add a word; the callers stop at [`MAX_APPOSITION_WORDS`], so none is lost.
    fn push(&mut self, w: (usize, usize)) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = w;
            self.len += 1;
        }
    }

    fn as_slice(&self) -> &[(usize, usize)] {
        &self.buf[..self.len]
    }
}

/// What [`words_before`] does with a word.
enum Step {
    Take,
    /// Take the word only after at least one taken word, and stop.
    TakeIfAnyThenStop,
    Stop,
}

/// The words from the token `p` back, walking over at most [`MAX_APPOSITION_WORDS`] words
/// while `step` (given the word, its text and its folded form) takes them; in text order.
fn words_before(t: &Doc<'_>, mut p: Tok, mut step: impl FnMut(W, &str, &str) -> Step) -> Spans {
    // Gathered walking back, put in text order at the end.
    let mut words = Spans::new();
    let mut first = true;
    loop {
        if !first {
            p = prev(t, p.start);
        }
        first = false;
        if p.kind != Kind::Word || words.len >= MAX_APPOSITION_WORDS {
            break;
        }
        let s = t.slice(p.start, p.end);
        let w = W::at(p.start, p.end);
        match step(w, s, &folded(t, p.start, p.end)) {
            Step::Take => words.push((p.start, p.end)),
            Step::TakeIfAnyThenStop => {
                if words.len > 0 {
                    words.push((p.start, p.end));
                }
                break;
            }
            Step::Stop => break,
        }
    }
    words.buf[..words.len].reverse();
    words
}

/// `the defence minister, Jane Doe`: a title, then a comma, right before the name.
fn apposition_before(t: &Doc<'_>, comma: Tok, rules: &NameRules) -> Option<Title> {
    if !comma.is_punct(',') {
        return None;
    }
    let spans = words_before(t, prev(t, comma.start), |p, s, k| {
        if possessive(t, p).is_some() {
            return Step::Stop;
        }
        let cap = s.chars().next().is_some_and(char::is_uppercase);
        let c = rules.class(k);
        if c & TITLED != 0 || k == "of" || (cap && c & class::NOT_NAME == 0) {
            Step::Take
        } else {
            Step::Stop
        }
    });
    let mut words = spans.as_slice();
    // The title must end with its role or an `of` phrase, not with a name in a list.
    while let Some((&(s, e), rest)) = words.split_first()
        && (folded(t, s, e) == "of")
    {
        words = rest;
    }
    let last_role = words.iter().rposition(|&(s, e)| is_role(t, s, e, rules))?;
    let tail = &words[last_role + 1..];
    if !tail.is_empty() && folded(t, tail[0].0, tail[0].1) != "of" {
        return None;
    }
    title_from(t, words, rules)
}

/// Whether the word from `s` to `e` is a role (`roles.contains`, through its classes).
fn is_role(t: &Doc<'_>, s: usize, e: usize, rules: &NameRules) -> bool {
    rules.class(&folded(t, s, e)) & class::ROLE != 0
}

/// `Jane Doe, the defence minister,`: a comma, then a title, right after the name.
fn apposition_after(t: &Doc<'_>, end: usize, rules: &NameRules) -> Option<Title> {
    let comma = t.next(end);
    if !comma.is_punct(',') {
        return None;
    }
    let mut words = Spans::new();
    let mut pos = comma.end;
    let mut seen_role = false;
    let mut in_of = false;
    loop {
        let n = t.next(pos);
        if n.kind != Kind::Word || words.len >= MAX_APPOSITION_WORDS {
            break;
        }
        let s = t.slice(n.start, n.end);
        let k = folded(t, n.start, n.end);
        let cap = s.chars().next().is_some_and(char::is_uppercase);
        if words.len == 0 && matches!(&*k, "the" | "a" | "an") {
            pos = n.end;
            continue;
        }
        let c = rules.class(&k);
        if c & TITLED != 0 && !in_of {
            seen_role |= c & class::ROLE != 0;
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
    let mut words = words.as_slice();
    while let Some((&(s, e), rest)) = words.split_last()
        && matches!(&*folded(t, s, e), "of" | "the")
    {
        words = rest;
    }
    title_from(t, words, rules)
}

#[cfg(test)]
mod tests {
    use crate::extract::{ClaimKind, ClaimRef, EntityKind, extract_text};
    use crate::rules::Rules;
    use proptest::prelude::*;

    fn names(text: &str) -> Vec<(String, EntityKind, Option<String>, Option<usize>)> {
        let rules = Rules::builtin().unwrap();
        extract_text(text, &rules)
            .claims
            .into_iter()
            .filter_map(|c| match c.kind {
                ClaimKind::Name(n) => Some((
                    n.text.to_string(),
                    n.kind,
                    n.title.map(|t| t.text.to_string()),
                    n.refers_to.map(ClaimRef::index),
                )),
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

    /// A run's word is never a name exactly when the rules list it or it is a month or a
    /// weekday, as the lexicon's any-case helpers read it.
    #[test]
    fn not_name_matches_the_lists() {
        let rules = Rules::builtin().unwrap();
        for w in [
            "May",
            "MAY",
            "Monday",
            "Sept",
            "Thurs",
            "The",
            "Jane",
            "Décembre",
            "Sun",
            "Fri",
            "September",
            "Wednesdayyyyyyyyyyy",
            "Dr",
            "Of",
            "Jan",
            "Is",
            "Mon",
            "Tues",
        ] {
            let low = w.to_ascii_lowercase();
            let doc = super::Doc {
                t: super::Text::new(w),
                low: &low,
            };
            let word = super::W::at(0, w.len());
            let k = super::key(&doc, word);
            let expected = rules.names.not_names.contains(&*k)
                || crate::extract::lexicon::month(&k).is_some()
                || crate::extract::lexicon::weekday(&k).is_some();
            let got = super::not_name(super::classed(word, &k, &rules.names));
            assert_eq!(got, expected, "{w}");
        }
    }

    /// Texts of words in both cases, accented letters, apostrophes, full stops and white
    /// space of several kinds.
    fn texts() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "Jane", "DOE", "van", "of", "The", "José", "ÉCOLE", "Ørsted", "Straße", "’s", "'s",
            "al-", ".", " ", " ", "  ", "\t", "\n", "\u{a0}", "\u{2009}", "ı", "İ", "Σ", "35", "-",
            "x",
        ]);
        prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
    }

    /// The old way of making a span's text: its words joined by single spaces.
    fn joined_words(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// A folded range read from the lowercase copy is what folding the text gives.
        #[test]
        fn folded_matches_fold(s in texts(), a in 0usize..200, b in 0usize..200) {
            let low = s.to_ascii_lowercase();
            let doc = super::Doc { t: super::Text::new(&s), low: &low };
            let a = crate::source::floor_char_boundary(&s, a % (s.len() + 1));
            let b = crate::source::floor_char_boundary(&s, b % (s.len() + 1));
            let (a, b) = (a.min(b), a.max(b));
            prop_assert_eq!(&*super::folded(&doc, a, b), crate::entities::fold(&s[a..b]));
        }

        /// The next character tells what the next token is as reading the token does.
        #[test]
        fn next_char_matches_the_next_token(s in texts(), i in 0usize..200) {
            use super::scan::Kind;
            let low = s.to_ascii_lowercase();
            let doc = super::Doc { t: super::Text::new(&s), low: &low };
            let i = crate::source::floor_char_boundary(&s, i % (s.len() + 1));
            let n = doc.next(i);
            let c = super::next_char(&doc, i);
            prop_assert_eq!(
                c.is_some_and(|c| c.is_ascii_digit()),
                n.kind == Kind::Number
            );
            prop_assert_eq!(
                c.is_some_and(|c| super::is_letter(c) && c.is_lowercase()),
                n.kind == Kind::Word && doc.char_at(n.start).is_some_and(char::is_lowercase)
            );
        }

        /// The shortcut for a span already single-spaced gives the words joined by spaces.
        #[test]
        fn span_text_matches_joined_words(s in texts()) {
            let low = s.to_ascii_lowercase();
            let doc = super::Doc { t: super::Text::new(&s), low: &low };
            prop_assert_eq!(&*super::span_text(&doc, 0..s.len()), joined_words(&s));
        }

        /// The token before a position, read directly in the common cases, is the one the
        /// full walk back reads.
        #[test]
        fn prev_matches_the_walk(s in texts(), i in 0usize..200) {
            let low = s.to_ascii_lowercase();
            let doc = super::Doc { t: super::Text::new(&s), low: &low };
            let i = crate::source::floor_char_boundary(&s, i % (s.len() + 1));
            prop_assert_eq!(super::prev(&doc, i), doc.t.prev(i));
        }

        /// The shortcut for no space or one space skips what the full walk skips.
        #[test]
        fn skip_space_matches_the_walk(s in texts(), i in 0usize..200) {
            let low = s.to_ascii_lowercase();
            let doc = super::Doc { t: super::Text::new(&s), low: &low };
            let i = crate::source::floor_char_boundary(&s, i % (s.len() + 1));
            prop_assert_eq!(super::skip_space(&doc, i), doc.t.skip_space(i));
        }

        /// The text of words one space apart is the span's text, single-spaced.
        #[test]
        fn words_text_matches_span_text(s in texts(), from in 0usize..30, n in 0usize..8) {
            let low = s.to_ascii_lowercase();
            let doc = super::Doc { t: super::Text::new(&s), low: &low };
            // The words of the text, as the pass reads them.
            let mut words = Vec::new();
            let mut i = 0;
            while i < s.len() {
                let tok = doc.next(i);
                if tok.kind == super::Kind::End || tok.end <= i {
                    i = crate::source::ceil_char_boundary(&s, i + 1);
                    continue;
                }
                if tok.kind == super::Kind::Word {
                    words.push(super::W::at(tok.start, tok.end));
                }
                i = tok.end;
            }
            let from = from.min(words.len());
            let to = (from + n).min(words.len());
            let ws = &words[from..to];
            let plain = match (ws.first(), ws.last()) {
                (Some(a), Some(b)) => super::span_text(&doc, a.start..b.end).into_owned(),
                _ => String::new(),
            };
            prop_assert_eq!(super::words_text(&doc, ws).into_owned(), plain);
        }

        /// The word end read eight bytes at a time is the one read character by character.
        #[test]
        fn word_end_matches_the_text(s in texts(), i in 0usize..200) {
            let low = s.to_ascii_lowercase();
            let doc = super::Doc { t: super::Text::new(&s), low: &low };
            let i = crate::source::floor_char_boundary(&s, i % (s.len() + 1));
            let w = super::word_from(&doc, i);
            prop_assert_eq!(w.end, doc.t.word_end(i));
            // Told plain only when it is ASCII letters, as reading the word tells.
            prop_assert!(!w.plain || super::W::read(&doc, w.start, w.end).plain);
        }

        /// A word told plain reads as the same word not known to be plain does.
        #[test]
        fn plain_words_read_as_any_word(s in texts(), a in 0usize..200, b in 0usize..200) {
            let rules = crate::rules::Rules::shipped();
            let low = s.to_ascii_lowercase();
            let doc = super::Doc { t: super::Text::new(&s), low: &low };
            let a = crate::source::floor_char_boundary(&s, a % (s.len() + 1));
            let b = crate::source::floor_char_boundary(&s, b % (s.len() + 1));
            let w = super::W::read(&doc, a.min(b), a.max(b));
            let any = super::W { plain: false, ..w };
            prop_assert_eq!(super::key(&doc, w), super::key(&doc, any));
            prop_assert_eq!(super::is_capitalised(&doc, w), super::is_capitalised(&doc, any));
            prop_assert_eq!(super::possessive(&doc, w), super::possessive(&doc, any));
            prop_assert_eq!(super::hyphen_adjective(&doc, w), super::hyphen_adjective(&doc, any));
            prop_assert_eq!(
                super::joined_particle(&doc, w, &rules.names),
                super::joined_particle(&doc, any, &rules.names)
            );
            prop_assert_eq!(super::capitals(&doc, w), super::capitals(&doc, any));
            prop_assert_eq!(super::acronym(&doc, w), super::acronym(&doc, any));
        }

        /// The calendar test with its shortcut answers as the lexicon does.
        #[test]
        fn calendar_matches_the_lexicon(
            k in prop_oneof![
                prop::sample::select(vec![
                    "january", "jan", "february", "feb", "march", "mar", "april", "apr", "may",
                    "june", "jun", "july", "jul", "august", "aug", "september", "sep", "sept",
                    "october", "oct", "november", "nov", "december", "dec", "monday", "mon",
                    "tuesday", "tue", "tues", "wednesday", "wed", "thursday", "thu", "thur",
                    "thurs", "friday", "fri", "saturday", "sat", "sunday", "sun",
                ]).prop_map(String::from),
                "[a-zé]{0,11}",
            ]
        ) {
            let lexicon = crate::extract::lexicon::month_lower(&k).is_some()
                || crate::extract::lexicon::weekday_lower(&k).is_some();
            prop_assert_eq!(super::calendar(&k), lexicon);
        }

        /// The run of ASCII letters found eight bytes at a time is the one found byte by
        /// byte.
        #[test]
        fn ascii_letters_end_matches_a_byte_search(
            bytes in prop::collection::vec(
                prop_oneof![8 => b'A'..=b'z', 1 => any::<u8>()],
                0..40,
            ),
            from in 0usize..45,
        ) {
            let naive = (from..bytes.len())
                .find(|&k| !bytes[k].is_ascii_alphabetic())
                .unwrap_or(bytes.len().max(from));
            prop_assert_eq!(super::ascii_letters_end(&bytes, from), naive);
        }

        /// The skip eight bytes at a time stops where a byte-by-byte search would.
        #[test]
        fn next_candidate_matches_a_byte_search(
            // Mostly bytes to skip, so that whole blocks of eight are skipped too.
            bytes in prop::collection::vec(
                prop_oneof![8 => b' '..=b'z', 1 => any::<u8>()],
                0..80,
            ),
            from in 0usize..90,
        ) {
            let naive = (from..bytes.len())
                .find(|&k| bytes[k].is_ascii_uppercase() || bytes[k] >= 0xC0)
                .unwrap_or(bytes.len().max(from));
            prop_assert_eq!(super::next_candidate(&bytes, from), naive);
        }
    }
}
