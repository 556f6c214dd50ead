//! Sentence bounds around a position, found on demand and bounded in cost.

use std::ops::{Range, RangeInclusive};

use super::lexicon::{LONGEST_ABBREVIATION, is_abbreviation};
use super::scan::Text;

/// How far to look for a sentence's ends, in bytes, so that a text with no full stops (a
/// 100 MB single line) costs the same per claim as any other.
const MAX_REACH: usize = 1500;

/// The sentence breaks found so far in one text, by paragraph, shared by the extraction
/// passes so that a paragraph is searched once, however many claims it holds, and each
/// claim's sentence costs two binary searches (or none, when it is the last one's).
///
/// A break is a terminator that ends a sentence or the first of two line feeds: exactly the
/// places where [`sentence_at`] stops. Whether a terminator ends a sentence is read up to
/// the paragraph's end. [`sentence_at`] reads up to its search's reach instead, which can
/// only differ when a paragraph is longer than the reach: such lookups read the few
/// terminators they pass again, up to the reach, and ask [`sentence_at`] when any reads
/// differently.
#[derive(Debug, Default)]
pub struct Sentences {
    /// The paragraphs searched, by range.
    paras: Vec<Paragraph>,
    /// The one in `paras` asked about last: lookups come in runs on one paragraph.
    last: usize,
    /// How many breaks `paras` hold, to keep their memory bounded.
    held: usize,
    /// The last answer: its paragraph, the positions it holds for, and the sentence, as
    /// claims come in runs on one sentence.
    memo: Option<(Range<usize>, RangeInclusive<usize>, Range<usize>)>,
}

/// The breaks found in one paragraph.
#[derive(Debug)]
struct Paragraph {
    /// The paragraph's range as asked about.
    para: Range<usize>,
    /// The span searched so far: every break in `from..to` is in `breaks`.
    from: usize,
    to: usize,
    /// The breaks in `from..to`, in order.
    breaks: Vec<Break>,
    /// The sentence after the last break, once asked about by a lookup that reached the
    /// whole paragraph.
    tail: Option<Range<usize>>,
}

/// Where [`sentence_at`] would stop: a terminator that ends a sentence, or the first of two
/// line feeds.
#[derive(Debug)]
struct Break {
    /// The terminator's or the first line feed's position.
    at: usize,
    /// A terminator's sentence end, after any closing quotes or brackets; for a blank line,
    /// its first line feed (so a break is a blank line when `end == at`).
    end: usize,
    /// The sentence that ends here, once asked about by a lookup that reached the whole
    /// paragraph.
    sentence: Option<Range<usize>>,
}

impl Break {
    /// Where [`sentence_at`], walking back, reads this break: a blank line only once past
    /// its second line feed.
    fn seen_back(&self) -> usize {
        self.at + usize::from(self.end == self.at)
    }

    /// Where the sentence after this break starts, before trimming, for a position at
    /// or after it.
    fn next_start(&self) -> usize {
        if self.end == self.at {
            self.at + 2
        } else {
            self.end
        }
    }
}

/// How many breaks behind the current lookup's reach a paragraph keeps before dropping
/// them, so that a single paragraph of a hundred megabytes holds its memory to a window.
const KEEP_BEHIND: usize = 1024;

/// The breaks a paragraph has room for from the start.
const PARAGRAPH_BREAKS: usize = 8;

/// How many breaks, and paragraphs, are kept in all before starting afresh, so that a text
/// of many paragraphs holds its memory bounded too.
const KEEP_BREAKS: usize = 1 << 16;
const KEEP_PARAS: usize = 1 << 12;

impl Sentences {
    /// The sentence holding `pos` within `para`: the same range as [`sentence_at`].
    pub fn at(&mut self, t: &Text<'_>, pos: usize, para: Range<usize>) -> Range<usize> {
        if let Some((p, holds, s)) = &self.memo
            && holds.contains(&pos)
            && *p == para
        {
            return s.clone();
        }
        let h = para.end.min(t.len());
        if pos < para.start || pos > h {
            return sentence_at(t, pos, para);
        }
        let lo = para.start.max(pos.saturating_sub(MAX_REACH));
        let hi = h.min(pos + MAX_REACH);
        let p = self.paragraph(&para, lo);
        let before = p.breaks.len();
        // Search on until a break at or after `pos` is known, or the reach is covered.
        while p.to < hi && p.breaks.last().is_none_or(|b| b.at < pos) {
            p.search(t, h.min(p.to.max(pos) + MAX_REACH), h);
        }
        if p.breaks.len() > KEEP_BEHIND {
            let cut = p.breaks.partition_point(|b| b.at < lo);
            if cut > KEEP_BEHIND {
                p.breaks.drain(..cut);
                p.from = lo;
            }
        }
        let after = p.breaks.len();
        let found = p.lookup(t, pos, lo, hi, h);
        self.held = self.held + after - before;
        match found {
            Some((s, Some(holds))) => {
                self.memo = Some((para, holds, s.clone()));
                s
            }
            Some((s, None)) => s,
            None => sentence_at(t, pos, para),
        }
    }

    /// The breaks found in `para`, searched from `lo` on at least (afresh when they start
    /// after it).
    fn paragraph(&mut self, para: &Range<usize>, lo: usize) -> &mut Paragraph {
        if self.paras.get(self.last).is_none_or(|p| p.para != *para) {
            let key = |p: &Paragraph| (p.para.start, p.para.end);
            match self
                .paras
                .binary_search_by_key(&(para.start, para.end), key)
            {
                Ok(k) => self.last = k,
                Err(k) => {
                    if self.paras.len() >= KEEP_PARAS || self.held > KEEP_BREAKS {
                        self.paras.clear();
                        self.held = 0;
                    }
                    let k = k.min(self.paras.len());
                    let fresh = Paragraph {
                        para: para.clone(),
                        from: lo,
                        to: lo,
                        // Room for the breaks of a paragraph of news prose, rather than
                        // growing the list sentence by sentence.
                        breaks: Vec::with_capacity(PARAGRAPH_BREAKS),
                        tail: None,
                    };
                    self.paras.insert(k, fresh);
                    self.last = k;
                }
            }
        }
        let p = &mut self.paras[self.last];
        if lo < p.from || lo > p.to {
            self.held -= p.breaks.len();
            p.breaks.clear();
            p.from = lo;
            p.to = lo;
            p.tail = None;
        }
        p
    }
}

impl Paragraph {
    /// The sentence holding `pos` from the breaks found, with the positions the same
    /// answer holds for when it reached the whole paragraph; `None` when the breaks alone
    /// cannot tell it the way [`sentence_at`] would.
    fn lookup(
        &mut self,
        t: &Text<'_>,
        pos: usize,
        lo: usize,
        hi: usize,
        h: usize,
    ) -> Option<(Range<usize>, Option<RangeInclusive<usize>>)> {
        let bs = &self.breaks;
        // Backward: the last break [`sentence_at`] meets walking back from `pos`.
        let next = bs.partition_point(|b| b.seen_back() < pos.min(hi));
        let back = next.checked_sub(1).filter(|&k| bs[k].at >= lo);
        let start = back.map_or(lo, |k| bs[k].next_start());
        if start > pos {
            // `pos` among the closing quotes after a terminator: they are cut at `pos`.
            return None;
        }
        // Forward: the first break at or after `pos` (past one blank line just before it).
        let f = next + bs[next..].partition_point(|b| b.at < pos);
        let ahead = bs.get(f).filter(|b| b.at < hi);
        if hi < h {
            // Read up to the reach, the terminators passed may read differently.
            let from = back.map_or(lo, |k| bs[k].at);
            let back_at = back.map(|k| &bs[k]).filter(|b| b.end > b.at).map(|b| b.at);
            let end = agreed_end(t, from, back_at, ahead, hi)?;
            return Some((trimmed(t, start, end), None));
        }
        let (end, last) = ahead.map_or((hi, h), |b| (b.end, b.at));
        if lo > self.para.start || f != next {
            return Some((trimmed(t, start, end), None));
        }
        // The whole paragraph was in reach: the answer holds for every position from the
        // sentence's start to its break, as long as the reach still covers the paragraph.
        let slot = match self.breaks.get_mut(f) {
            Some(b) => &mut b.sentence,
            None => &mut self.tail,
        };
        let s = slot.get_or_insert_with(|| trimmed(t, start, end)).clone();
        let first = start.max(h.saturating_sub(MAX_REACH));
        let last = last.min(self.para.start + MAX_REACH);
        Some((s, Some(first..=last)))
    }

    /// Search `self.to..target` for breaks, reading terminators up to `h`, the paragraph's
    /// end.
    fn search(&mut self, t: &Text<'_>, target: usize, h: usize) {
        let from = self.to;
        let hay = &t.b[from..target];
        let mut stops = memchr::memchr3_iter(b'.', b'!', b'?', hay).peekable();
        let mut lines = memchr::memchr_iter(b'\n', hay).peekable();
        loop {
            let (stop, line) = (stops.peek().copied(), lines.peek().copied());
            match (stop, line) {
                (_, Some(l)) if stop.is_none_or(|s| l < s) => {
                    lines.next();
                    let at = from + l;
                    if t.b.get(at + 1) == Some(&b'\n') {
                        let (end, sentence) = (at, None);
                        self.breaks.push(Break { at, end, sentence });
                    }
                }
                (Some(s), _) => {
                    stops.next();
                    let at = from + s;
                    if ends_sentence(t, at, h) {
                        let (end, sentence) = (closing_end(t, at, h), None);
                        self.breaks.push(Break { at, end, sentence });
                    }
                }
                _ => break,
            }
        }
        self.to = target;
    }
}

/// The end of a sentence read up to `hi` rather than to the paragraph's end, where the
/// breaks were read: the terminators from `from` on are read again, and must agree with
/// the breaks (`back` the terminator before the sentence, if it is one, and `ahead` the
/// break after it, if in reach). `None` when one does not.
fn agreed_end(
    t: &Text<'_>,
    from: usize,
    back: Option<usize>,
    ahead: Option<&Break>,
    hi: usize,
) -> Option<usize> {
    let until = ahead.map_or(hi, |b| b.at + 1);
    let ahead_at = ahead.filter(|b| b.end > b.at).map(|b| b.at);
    for k in memchr::memchr3_iter(b'.', b'!', b'?', &t.b[from..until]) {
        let i = from + k;
        if ends_sentence(t, i, hi) != (Some(i) == back || Some(i) == ahead_at) {
            return None;
        }
    }
    Some(match ahead {
        Some(b) if b.end > b.at => closing_end(t, b.at, hi),
        Some(b) => b.at,
        None => hi,
    })
}

/// Whether `c` closes a quotation or a bracket.
fn is_closing(c: Option<char>) -> bool {
    matches!(c, Some('"' | '\'' | '”' | '’' | ')'))
}

/// Where the closing quotes and brackets after the terminator at `i` end, up to `hi`.
fn closing_end(t: &Text<'_>, i: usize, hi: usize) -> usize {
    let mut j = i + 1;
    while j < hi && is_closing(t.char_at(j)) {
        j += t.char_at(j).map_or(1, char::len_utf8);
    }
    j
}

/// `start..end` with its space trimmed, on character boundaries.
fn trimmed(t: &Text<'_>, start: usize, end: usize) -> Range<usize> {
    trimmed_ascii(t, start, end).unwrap_or_else(|| trimmed_plain(t, start, end))
}

/// [`trimmed`] for any span.
fn trimmed_plain(t: &Text<'_>, start: usize, end: usize) -> Range<usize> {
    let s = crate::source::ceil_char_boundary(t.s, start);
    let e = crate::source::floor_char_boundary(t.s, end.max(s));
    let slice = t.slice(s, e);
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    (s + lead)..(e - trail).max(s + lead)
}

/// [`trimmed`] in the common case, read byte by byte: the span's first and last bytes that
/// are not ASCII space are ASCII. Exact because an ASCII byte is a whole character (so the
/// ends are character boundaries) and the ASCII white space is exactly what `trim` removes
/// below U+0080. `None` otherwise.
fn trimmed_ascii(t: &Text<'_>, start: usize, end: usize) -> Option<Range<usize>> {
    let space = |c: &u8| matches!(c, b' ' | b'\t'..=b'\r');
    let b = t.b.get(start..end)?;
    let lead = b.iter().position(|c| !space(c))?;
    let last = b.iter().rposition(|c| !space(c))?;
    (b[lead].is_ascii() && b[last].is_ascii()).then_some(start + lead..start + last + 1)
}

/// The sentence holding `pos`, within `para` (a paragraph's byte range).
pub fn sentence_at(t: &Text<'_>, pos: usize, para: Range<usize>) -> Range<usize> {
    let lo = para.start.max(pos.saturating_sub(MAX_REACH));
    let hi = para.end.min(pos + MAX_REACH).min(t.len());
    // Backward: the end of the previous sentence.
    let mut start = lo;
    let mut i = pos.min(hi);
    while i > lo {
        i -= 1;
        let c = t.b[i];
        if matches!(c, b'.' | b'!' | b'?') && ends_sentence(t, i, hi) {
            start = i + 1;
            // A closing quote or bracket belongs to the sentence before.
            while start < pos && matches!(t.char_at(start), Some('"' | '\'' | '”' | '’' | ')'))
            {
                start += t.char_at(start).map_or(1, char::len_utf8);
            }
            break;
        }
        if c == b'\n' && i > lo && t.b[i - 1] == b'\n' {
            start = i + 1;
            break;
        }
    }
    // Forward: this sentence's end.
    let mut end = hi;
    let mut j = pos.max(start);
    while j < hi {
        let c = t.b[j];
        if matches!(c, b'.' | b'!' | b'?') && ends_sentence(t, j, hi) {
            end = j + 1;
            // Keep a closing quote or bracket with the sentence.
            while end < hi && matches!(t.char_at(end), Some('"' | '\'' | '”' | '’' | ')')) {
                end += t.char_at(end).map_or(1, char::len_utf8);
            }
            break;
        }
        if c == b'\n' && t.b.get(j + 1) == Some(&b'\n') {
            end = j;
            break;
        }
        j += 1;
    }
    // Trim space at both ends.
    trimmed(t, start, end)
}

/// Whether the terminator at `i` ends a sentence.
fn ends_sentence(t: &Text<'_>, i: usize, hi: usize) -> bool {
    // What follows: space (or a closing quote, then space), then an uppercase letter,
    // a digit or an opening quote; or the end.
    let mut j = i + 1;
    while j < hi && matches!(t.char_at(j), Some('"' | '\'' | '”' | '’' | ')')) {
        j += t.char_at(j).map_or(1, char::len_utf8);
    }
    if j >= hi {
        return true;
    }
    if !matches!(t.b[j], b' ' | b'\n' | b'\r' | b'\t') {
        return false;
    }
    if t.b[i] != b'.' {
        return true;
    }
    // An ellipsis inside a sentence, or a decimal point, does not end it.
    if i > 0 && t.b[i - 1] == b'.' {
        return next_starts_sentence(t, j, hi);
    }
    // A word longer than any abbreviation is neither one nor an initial, nor the end of
    // `U.S.`: no need to find where it starts (most full stops end such a word).
    if i > LONGEST_ABBREVIATION
        && t.b[i - LONGEST_ABBREVIATION - 1..i]
            .iter()
            .all(u8::is_ascii_alphabetic)
    {
        return next_starts_sentence(t, j, hi);
    }
    // An abbreviation (`Lt.`, `Feb.`, `U.S.`, `a.m.`) or an initial (`J.`).
    let ws = word_start(t, i);
    let word = t.slice(ws, i);
    let dotted = dotted_abbreviation(t, i);
    if !word.is_empty() || dotted {
        let single_initial =
            word.chars().count() == 1 && word.chars().all(char::is_uppercase) && !dotted;
        if is_abbreviation(word) || single_initial || dotted {
            // `... in the U.S. The next` still ends: only when what follows is lowercase or
            // a number do we keep going, unless the abbreviation is a title.
            let title = TITLE_ABBREVIATIONS
                .iter()
                .any(|a| word.eq_ignore_ascii_case(a))
                || single_initial;
            if title {
                return false;
            }
            return next_starts_sentence(t, j, hi) && !is_month_abbrev_before_number(t, word, j);
        }
    }
    next_starts_sentence(t, j, hi)
}

/// Abbreviations that stand before a name (`Dr. Smith`): a full stop after one does not end
/// the sentence, whatever follows.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "lt", "gen", "maj", "col", "sgt", "capt", "gov", "sen", "rep", "prof",
    "hon", "st", "no",
];

/// [`Text::word_start`] of the word ending at `i`, with the common case read directly:
/// ASCII letters after the text's start or an ASCII byte that is neither a letter nor a
/// hyphen or apostrophe (the only ASCII bytes that may join a word to the one before).
fn word_start(t: &Text<'_>, i: usize) -> usize {
    let mut j = i;
    while j > 0 && t.b[j - 1].is_ascii_alphabetic() {
        j -= 1;
    }
    match j.checked_sub(1).map(|k| t.b[k]) {
        None => j,
        Some(c) if c.is_ascii() && c != b'-' && c != b'\'' => j,
        _ => t.word_start(i),
    }
}

/// `U.S.`, `a.m.`: letters separated by dots.
fn dotted_abbreviation(t: &Text<'_>, i: usize) -> bool {
    i >= 3
        && t.b[i - 2] == b'.'
        && t.b[i - 1].is_ascii_alphabetic()
        && t.b[i - 3].is_ascii_alphabetic()
}

fn is_month_abbrev_before_number(t: &Text<'_>, word: &str, j: usize) -> bool {
    super::lexicon::month(word).is_some()
        && t.skip_space(j)
            .is_some_and(|k| t.b.get(k).is_some_and(u8::is_ascii_digit))
}

fn next_starts_sentence(t: &Text<'_>, j: usize, hi: usize) -> bool {
    let Some(k) = t.skip_space(j) else {
        return true;
    };
    if k >= hi {
        return true;
    }
    match t.char_at(k) {
        Some(c) => {
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(
                    c,
                    '"' | '“' | '\'' | '‘' | '(' | '[' | '*' | '_' | '-' | '—'
                )
        }
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(s: &str) -> Vec<&str> {
        let t = Text::new(s);
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < s.len() {
            let r = sentence_at(&t, pos, 0..s.len());
            if r.is_empty() {
                break;
            }
            out.push(&s[r.clone()]);
            pos = r.end;
            while pos < s.len() && s.as_bytes()[pos].is_ascii_whitespace() {
                pos += 1;
            }
        }
        out
    }

    #[test]
    fn splits_on_full_stops_but_not_abbreviations() {
        assert_eq!(
            sentences("Lt. Gen. Smith arrived on Feb. 3 in the U.K. with 40 troops. They left."),
            vec![
                "Lt. Gen. Smith arrived on Feb. 3 in the U.K. with 40 troops.",
                "They left."
            ]
        );
        assert_eq!(
            sentences("It was 7 a.m. when 12 people left. Then 3.5 million more came!"),
            vec![
                "It was 7 a.m. when 12 people left.",
                "Then 3.5 million more came!"
            ]
        );
    }

    #[test]
    fn keeps_quotes_and_ellipses() {
        assert_eq!(
            sentences("\"We will stay.\" He said so... and left. Done"),
            vec!["\"We will stay.\"", "He said so... and left.", "Done"]
        );
    }

    #[test]
    fn a_blank_line_ends_a_sentence() {
        assert_eq!(
            sentences("A heading\n\nBody text."),
            vec!["A heading", "Body text."]
        );
    }

    /// Breaks kept within bounds on a text of thousands of sentences, in one paragraph and
    /// in many, and the answers still those of a fresh search, in order and out of it.
    #[test]
    fn memory_stays_bounded() {
        let one = "It fell 1. ".repeat(4000);
        let many = "It fell 1. 2. 3.\n\n".repeat(5000);
        let most = "1. ".repeat(70_000);
        for (s, para_len) in [(&one, one.len()), (&one, 3000), (&many, 18), (&most, 3000)] {
            let t = Text::new(s);
            let para = |pos: usize| {
                let start = pos / para_len * para_len;
                start..(start + para_len).min(s.len())
            };
            let mut cache = Sentences::default();
            let forward = (0..s.len()).step_by(7);
            let back = (0..s.len()).rev().step_by(61);
            for pos in forward.chain(back) {
                assert_eq!(
                    cache.at(&t, pos, para(pos)),
                    sentence_at(&t, pos, para(pos))
                );
                assert!(cache.paras.len() <= KEEP_PARAS);
                assert!(cache.held <= KEEP_BREAKS + 4 * MAX_REACH);
                let held: usize = cache.paras.iter().map(|p| p.breaks.len()).sum();
                assert_eq!(held, cache.held);
                assert!(cache.paras[cache.last].breaks.len() <= KEEP_BEHIND + 4 * MAX_REACH);
            }
        }
    }

    /// [`ends_sentence`] as it was before it skipped long words, to check that it reads
    /// every terminator the same.
    mod reference {
        use super::super::*;

        pub fn ends_sentence(t: &Text<'_>, i: usize, hi: usize) -> bool {
            let mut j = i + 1;
            while j < hi && matches!(t.char_at(j), Some('"' | '\'' | '”' | '’' | ')')) {
                j += t.char_at(j).map_or(1, char::len_utf8);
            }
            if j >= hi {
                return true;
            }
            if !matches!(t.b[j], b' ' | b'\n' | b'\r' | b'\t') {
                return false;
            }
            if t.b[i] != b'.' {
                return true;
            }
            if i > 0 && t.b[i - 1] == b'.' {
                return next_starts_sentence(t, j, hi);
            }
            let ws = t.word_start(i);
            let word = t.slice(ws, i);
            let dotted = dotted_abbreviation(t, i);
            if !word.is_empty() || dotted {
                let single_initial =
                    word.chars().count() == 1 && word.chars().all(char::is_uppercase) && !dotted;
                if is_abbreviation(word) || single_initial || dotted {
                    let title = matches!(
                        word.to_ascii_lowercase().as_str(),
                        "mr" | "mrs"
                            | "ms"
                            | "dr"
                            | "lt"
                            | "gen"
                            | "maj"
                            | "col"
                            | "sgt"
                            | "capt"
                            | "gov"
                            | "sen"
                            | "rep"
                            | "prof"
                            | "hon"
                            | "st"
                            | "no"
                    ) || single_initial;
                    if title {
                        return false;
                    }
                    return next_starts_sentence(t, j, hi)
                        && !is_month_abbrev_before_number(t, word, j);
                }
            }
            next_starts_sentence(t, j, hi)
        }
    }

    use proptest::prelude::*;

    /// Texts made of the pieces sentence bounds depend on: words, abbreviations, initials,
    /// figures, terminators, quotes, brackets and line breaks.
    fn texts() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "The",
            "army",
            "said",
            "Lt.",
            "Gen.",
            "J.",
            "U.S.",
            "a.m.",
            "3.5",
            "Feb. 4",
            ".",
            ". ",
            "! ",
            "? ",
            "...",
            "\"",
            "”",
            "’",
            ")",
            "(",
            " ",
            " ",
            " ",
            "\n",
            "\n\n",
            "Mr. Smith",
            "approx.",
            "troops.",
            "Approx",
            "al-Sadr.",
            "O'Neil.",
            "d’Arc.",
            "MRS.",
            "Dr.",
            "no.",
            "It",
            "fell",
            "«",
            "é",
        ]);
        prop::collection::vec(piece, 0..120).prop_map(|v| v.concat())
    }

    /// Longer texts, some past the search's reach: the same pieces with runs of words,
    /// spaces, quotes and line breaks long enough for a sentence or a terminator's
    /// look-ahead to run into the reach, carriage returns, and figures with full stops.
    fn long_texts() -> impl Strategy<Value = String> {
        let run = |s: &str, n: usize| s.repeat(n);
        let piece = prop::sample::select(vec![
            "The army said".to_string(),
            "Lt.".to_string(),
            "U.S.".to_string(),
            "Feb. 4".to_string(),
            ". ".to_string(),
            ".".to_string(),
            "! ".to_string(),
            "? ".to_string(),
            "...".to_string(),
            "\"".to_string(),
            "”".to_string(),
            ")".to_string(),
            " ".to_string(),
            "\r\n".to_string(),
            "\r\n\r\n".to_string(),
            "\n".to_string(),
            "\n\n".to_string(),
            "1. ".to_string(),
            "é".to_string(),
            "troops. They".to_string(),
            "Okafor’s.".to_string(),
            run("word ", 60),
            run("word ", 290),
            run(" ", 700),
            run("\"", 400),
            run("’", 300),
            run("\n", 3),
        ]);
        prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
    }

    /// Paragraph starts for `s`: the text cut at a few random places, as a source's
    /// paragraphs tile its text.
    fn tiles(s: &str, cuts: &[usize]) -> Vec<Range<usize>> {
        let mut starts: Vec<usize> = cuts
            .iter()
            .map(|&c| crate::source::floor_char_boundary(s, c % (s.len() + 1)))
            .collect();
        starts.push(0);
        starts.sort_unstable();
        starts.dedup();
        let mut ends: Vec<usize> = starts[1..].to_vec();
        ends.push(s.len());
        starts.into_iter().zip(ends).map(|(a, b)| a..b).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// The shared cache answers exactly as a fresh search would, whatever order the
        /// positions come in.
        #[test]
        fn cached_sentences_match_a_fresh_search(
            s in texts(),
            picks in prop::collection::vec(0usize..10_000, 1..40),
        ) {
            let t = Text::new(&s);
            let mut cache = Sentences::default();
            for p in picks {
                let pos = crate::source::floor_char_boundary(&s, p % (s.len() + 1));
                // One paragraph: the whole text, as extraction passes a paragraph's range.
                let para = 0..s.len();
                prop_assert_eq!(cache.at(&t, pos, para.clone()), sentence_at(&t, pos, para));
            }
        }

        /// The same over paragraphs, as extraction asks: passes that each walk the text in
        /// order, then positions in any order, on texts long enough to reach past
        /// [`MAX_REACH`].
        #[test]
        fn cached_sentences_match_over_paragraphs(
            s in prop_oneof![texts(), long_texts()],
            cuts in prop::collection::vec(0usize..100_000, 0..6),
            picks in prop::collection::vec(0usize..100_000, 1..60),
            passes in 1usize..4,
        ) {
            let t = Text::new(&s);
            let paras = tiles(&s, &cuts);
            let positions: Vec<usize> = picks
                .iter()
                .map(|&p| crate::source::floor_char_boundary(&s, p % (s.len() + 1)))
                .collect();
            let mut walk = positions.clone();
            walk.sort_unstable();
            let mut cache = Sentences::default();
            let order = (0..passes).flat_map(|_| walk.iter()).chain(positions.iter());
            for &pos in order {
                let para = paras
                    .iter()
                    .rev()
                    .find(|p| p.start <= pos)
                    .cloned()
                    .unwrap_or(0..s.len());
                prop_assert_eq!(
                    cache.at(&t, pos, para.clone()),
                    sentence_at(&t, pos, para.clone()),
                    "pos {} in {:?}",
                    pos,
                    para
                );
            }
        }

        /// Whether a terminator ends a sentence reads as it did before long words were
        /// skipped, at any reach.
        #[test]
        fn terminators_read_as_before(
            s in prop_oneof![texts(), long_texts()],
            picks in prop::collection::vec((0usize..100_000, 0usize..100_000), 1..40),
        ) {
            let t = Text::new(&s);
            let stops: Vec<usize> = s
                .bytes()
                .enumerate()
                .filter(|&(_, c)| matches!(c, b'.' | b'!' | b'?'))
                .map(|(i, _)| i)
                .collect();
            for (k, h) in picks {
                let Some(&i) = stops.get(k % (stops.len() + 1)) else { continue };
                let hi = i + 1 + h % (s.len() - i);
                prop_assert_eq!(ends_sentence(&t, i, hi), reference::ends_sentence(&t, i, hi));
            }
        }

        /// The trim of a span whose ends are ASCII is the trim of any span.
        #[test]
        fn trimmed_ascii_matches_the_plain_trim(
            pieces in prop::collection::vec(prop::sample::select(vec![
                "a", "Z", ".", " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{1c}", "\u{85}",
                "\u{a0}", "\u{2009}", "é", "”",
            ]), 0..20),
            a in 0usize..100,
            b in 0usize..100,
        ) {
            let s = pieces.concat();
            let t = Text::new(&s);
            let n = s.len() + 2;
            let (start, end) = (a % n, b % n);
            prop_assert_eq!(trimmed(&t, start, end), trimmed_plain(&t, start, end));
        }

        /// Any range for a paragraph, even one not holding the position or past the text.
        #[test]
        fn cached_sentences_match_for_any_range(
            s in prop_oneof![texts(), long_texts()],
            asks in prop::collection::vec((0usize..100_000, 0usize..100_000, 0usize..100_000), 1..40),
        ) {
            let t = Text::new(&s);
            let mut cache = Sentences::default();
            let n = s.len() + 2;
            for (p, a, b) in asks {
                let pos = crate::source::floor_char_boundary(&s, p % n);
                let para = (a % n)..(b % n);
                prop_assert_eq!(cache.at(&t, pos, para.clone()), sentence_at(&t, pos, para));
            }
        }
    }
}
