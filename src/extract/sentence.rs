//! Sentence bounds around a position, found on demand and bounded in cost.

use std::collections::BTreeMap;
use std::ops::Range;

use super::lexicon::is_abbreviation;
use super::scan::Text;

/// How far to look for a sentence's ends, in bytes, so that a text with no full stops (a
/// 100 MB single line) costs the same per claim as any other.
const MAX_REACH: usize = 1500;

/// The sentences found so far in one text, shared by the extraction passes so that each
/// sentence is searched for once, however many claims it holds.
#[derive(Debug, Default)]
pub struct Sentences {
    /// Found sentences by start: the paragraph asked about, the sentence, and where its
    /// terminator starts (positions from there on are looked up again).
    found: BTreeMap<usize, (Range<usize>, Range<usize>, usize)>,
}

impl Sentences {
    /// The sentence holding `pos` within `para`: the same range as [`sentence_at`].
    pub fn at(&mut self, t: &Text<'_>, pos: usize, para: Range<usize>) -> Range<usize> {
        let before = self.found.range(..=pos).next_back().map(|(_, v)| v);
        if let Some((p, s, term)) = before
            && pos < *term
            && *p == para
        {
            return s.clone();
        }
        let prev_end = before.map_or(0, |(_, s, _)| s.end);
        let s = sentence_at(t, pos, para.clone());
        // Only a sentence bounded by its own ends (not by the search's reach) reads the same
        // from every position in it; keep it unless it overlaps one kept already.
        let term = terminator(t, &s);
        let next_start = self
            .found
            .range(pos + 1..)
            .next()
            .map_or(usize::MAX, |(&k, _)| k);
        // A search that starts inside a paragraph break or on a closing quote glued to the
        // previous sentence's end reads differently from other positions: not kept.
        let glued_quote = matches!(t.char_at(s.start), Some('"' | '\'' | '”' | '’' | ')'))
            && matches!(
                t.char_before(s.start),
                Some('.' | '!' | '?' | '"' | '\'' | '”' | '’' | ')')
            );
        let has_break = t.b[s.clone()].windows(2).any(|w| w == b"\n\n");
        if s.len() < MAX_REACH / 2
            && s.contains(&pos)
            && pos < term
            && prev_end <= s.start
            && s.end <= next_start
            && !glued_quote
            && !has_break
        {
            self.found.insert(s.start, (para, s.clone(), term));
        }
        s
    }
}

/// Where a sentence's closing punctuation starts (its end when it has none), before any
/// closing quote or bracket.
fn terminator(t: &Text<'_>, s: &Range<usize>) -> usize {
    let mut e = s.end;
    while e > s.start && matches!(t.char_before(e), Some('"' | '\'' | '”' | '’' | ')')) {
        e -= t.char_before(e).map_or(1, char::len_utf8);
    }
    if e > s.start && matches!(t.b[e - 1], b'.' | b'!' | b'?') {
        e -= 1;
    }
    e
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
    let s = crate::source::ceil_char_boundary(t.s, start);
    let e = crate::source::floor_char_boundary(t.s, end.max(s));
    let slice = t.slice(s, e);
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    (s + lead)..(e - trail).max(s + lead)
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
    // An abbreviation (`Lt.`, `Feb.`, `U.S.`, `a.m.`) or an initial (`J.`).
    let ws = t.word_start(i);
    let word = t.slice(ws, i);
    let dotted = dotted_abbreviation(t, i);
    if !word.is_empty() || dotted {
        let single_initial =
            word.chars().count() == 1 && word.chars().all(char::is_uppercase) && !dotted;
        if is_abbreviation(word) || single_initial || dotted {
            // `... in the U.S. The next` still ends: only when what follows is lowercase or
            // a number do we keep going, unless the abbreviation is a title.
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
            return next_starts_sentence(t, j, hi) && !is_month_abbrev_before_number(t, word, j);
        }
    }
    next_starts_sentence(t, j, hi)
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
            "It",
            "fell",
            "«",
            "é",
        ]);
        prop::collection::vec(piece, 0..120).prop_map(|v| v.concat())
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
    }
}
