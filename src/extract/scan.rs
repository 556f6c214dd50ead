//! Small, allocation-free helpers for walking a text by words and numbers in either
//! direction. Positions are byte offsets; every helper stays on character boundaries.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters, with internal hyphens and apostrophes (`special-forces`, `Canada's`).
    Word,
    /// Digits, with internal `,` and `.` between digits (`5,200`, `1.5`).
    Number,
    /// Any other single character.
    Punct(char),
    /// The end of the text or of the paragraph (a blank line).
    End,
}

/// A token: its kind and byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

impl Tok {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
}

/// A text to walk.
#[derive(Clone, Copy)]
pub struct Text<'a> {
    pub s: &'a str,
    pub b: &'a [u8],
}

/// A word split at its first hyphen (`al-Sadr` -> `al`, `Sadr`), found byte by byte: words
/// are short, and most have none.
pub fn split_hyphen(w: &str) -> Option<(&str, &str)> {
    let k = w.bytes().position(|b| b == b'-')?;
    Some((w.get(..k)?, w.get(k + 1..)?))
}

pub fn is_letter(c: char) -> bool {
    c.is_alphabetic()
}

/// The end of the run of ASCII letters from `i` (`i` itself when there is none or `i` is
/// past the end).
fn ascii_letters_end(b: &[u8], i: usize) -> usize {
    let rest = b.get(i..).unwrap_or_default();
    i + rest
        .iter()
        .position(|c| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len())
}

/// The start of the run of ASCII letters ending at `i` (`i` itself when there is none or
/// `i` is past the end).
fn ascii_letters_start(b: &[u8], i: usize) -> usize {
    match b.get(..i) {
        Some(head) => head
            .iter()
            .rposition(|c| !c.is_ascii_alphabetic())
            .map_or(0, |k| k + 1),
        None => i,
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// The ASCII bytes that `skip_space` and `skip_space_back` step over or stop at: inline
/// space and line breaks.
fn is_ascii_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

fn is_inline_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{a0}' || c == '\u{202f}' || c == '\u{2009}'
}

impl<'a> Text<'a> {
    pub fn new(s: &'a str) -> Text<'a> {
        Text { s, b: s.as_bytes() }
    }

    pub fn len(&self) -> usize {
        self.b.len()
    }

    pub fn is_empty(&self) -> bool {
        self.b.is_empty()
    }

    /// The character starting at `i`.
    pub fn char_at(&self, i: usize) -> Option<char> {
        if i >= self.b.len() {
            return None;
        }
        let c = self.b[i];
        if c < 0x80 {
            return Some(c as char);
        }
        self.s.get(i..).and_then(|r| r.chars().next())
    }

    /// The character ending at `i`.
    pub fn char_before(&self, i: usize) -> Option<char> {
        if i == 0 || i > self.b.len() {
            return None;
        }
        let c = self.b[i - 1];
        if c < 0x80 {
            return Some(c as char);
        }
        self.s.get(..i).and_then(|r| r.chars().next_back())
    }

    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        self.s.get(start..end).unwrap_or("")
    }

    /// Skip inline space and at most one line break forward; `None` at a paragraph break.
    pub fn skip_space(&self, i: usize) -> Option<usize> {
        // Most tokens follow one plain space or none: an ASCII byte other than space, tab
        // or a line break (the only ASCII bytes the walk skips or stops at) ends the walk
        // there, so the answer is known without decoding.
        let stops = |k: usize| {
            self.b
                .get(k)
                .is_some_and(|&c| c < 0x80 && !is_ascii_space(c))
        };
        if stops(i) {
            return Some(i);
        }
        if self.b.get(i) == Some(&b' ') && stops(i + 1) {
            return Some(i + 1);
        }
        self.skip_space_by_chars(i)
    }

    /// [`Text::skip_space`], character by character.
    fn skip_space_by_chars(&self, mut i: usize) -> Option<usize> {
        let mut newlines = 0;
        while let Some(c) = self.char_at(i) {
            if is_inline_space(c) {
                i += c.len_utf8();
            } else if c == '\n' || c == '\r' {
                if c == '\n' || self.b.get(i + 1) != Some(&b'\n') {
                    newlines += 1;
                }
                if newlines > 1 {
                    return None;
                }
                i += 1;
            } else {
                return Some(i);
            }
        }
        Some(i)
    }

    /// Skip inline space and at most one line break backward; `None` at a paragraph break.
    pub fn skip_space_back(&self, i: usize) -> Option<usize> {
        // As in `skip_space`: one plain space or none before an ASCII byte that is not
        // space ends the walk there.
        let stops = |k: usize| {
            k > 0
                && self
                    .b
                    .get(k - 1)
                    .is_some_and(|&c| c < 0x80 && !is_ascii_space(c))
        };
        if stops(i) {
            return Some(i);
        }
        if i > 0 && self.b.get(i - 1) == Some(&b' ') && stops(i - 1) {
            return Some(i - 1);
        }
        self.skip_space_back_by_chars(i)
    }

    /// [`Text::skip_space_back`], character by character.
    fn skip_space_back_by_chars(&self, mut i: usize) -> Option<usize> {
        let mut newlines = 0;
        while let Some(c) = self.char_before(i) {
            if is_inline_space(c) {
                i -= c.len_utf8();
            } else if c == '\n' || c == '\r' {
                if c == '\n' || self.b.get(i) != Some(&b'\n') {
                    newlines += 1;
                }
                if newlines > 1 {
                    return None;
                }
                i -= 1;
            } else {
                return Some(i);
            }
        }
        Some(i)
    }

    /// End of the word starting at `i` (letters, internal hyphens and apostrophes).
    pub fn word_end(&self, mut i: usize) -> usize {
        let b = self.b;
        loop {
            // ASCII letters, the common case, byte by byte.
            i = ascii_letters_end(b, i);
            // An ASCII byte after them ends the word, unless it is a hyphen or apostrophe
            // joining another ASCII letter.
            match b.get(i) {
                None => break,
                Some(&c) if c < 0x80 => {
                    let joiner = c == b'-' || c == b'\'';
                    match b.get(i + 1) {
                        Some(n) if joiner && n.is_ascii_alphabetic() => {
                            i += 2;
                            continue;
                        }
                        Some(&n) if joiner && n >= 0x80 => {}
                        _ => break,
                    }
                }
                Some(_) => {}
            }
            // A non-ASCII letter, or a joiner before one: decoded.
            let Some(c) = self.char_at(i) else { break };
            let joins = (c == '-' || is_apostrophe(c))
                && self.char_at(i + c.len_utf8()).is_some_and(is_letter);
            if is_letter(c) || joins {
                i += c.len_utf8();
            } else {
                break;
            }
        }
        i
    }

    /// Start of the word ending at `i`.
    pub fn word_start(&self, mut i: usize) -> usize {
        let b = self.b;
        loop {
            // ASCII letters, the common case, byte by byte.
            i = ascii_letters_start(b, i);
            // An ASCII byte before them that is not a joiner ends the word; so does the start.
            match i.checked_sub(1).and_then(|k| b.get(k)) {
                None => break,
                Some(&c) if c < 0x80 && c != b'-' && c != b'\'' => break,
                _ => {}
            }
            let Some(c) = self.char_before(i) else { break };
            let joins = (c == '-' || is_apostrophe(c))
                && self.char_before(i - c.len_utf8()).is_some_and(is_letter);
            if is_letter(c) || joins {
                i -= c.len_utf8();
            } else {
                break;
            }
        }
        i
    }

    /// End of the digit run (with internal `,` and `.`) starting at `i`.
    pub fn number_end(&self, mut i: usize) -> usize {
        while i < self.b.len() {
            let c = self.b[i];
            if c.is_ascii_digit()
                || ((c == b',' || c == b'.')
                    && self.b.get(i + 1).is_some_and(u8::is_ascii_digit)
                    && i > 0
                    && self.b[i - 1].is_ascii_digit())
            {
                i += 1;
            } else {
                break;
            }
        }
        i
    }

    fn number_start(&self, mut i: usize) -> usize {
        while i > 0 {
            let c = self.b[i - 1];
            if c.is_ascii_digit()
                || ((c == b',' || c == b'.')
                    && i >= 2
                    && self.b[i - 2].is_ascii_digit()
                    && self.b.get(i).is_some_and(u8::is_ascii_digit))
            {
                i -= 1;
            } else {
                break;
            }
        }
        i
    }

    /// The token at `i` exactly (no space skipping).
    pub fn token_at(&self, i: usize) -> Tok {
        match self.char_at(i) {
            None => Tok {
                kind: Kind::End,
                start: i,
                end: i,
            },
            Some(c) if is_letter(c) => Tok {
                kind: Kind::Word,
                start: i,
                end: self.word_end(i),
            },
            Some(c) if c.is_ascii_digit() => Tok {
                kind: Kind::Number,
                start: i,
                end: self.number_end(i),
            },
            Some(c) => Tok {
                kind: Kind::Punct(c),
                start: i,
                end: i + c.len_utf8(),
            },
        }
    }

    /// The next token at or after `i`, skipping space (but not a paragraph break).
    pub fn next(&self, i: usize) -> Tok {
        match self.skip_space(i) {
            Some(j) => self.token_at(j),
            None => Tok {
                kind: Kind::End,
                start: i,
                end: i,
            },
        }
    }

    /// The token ending at or before `i`, skipping space backward.
    pub fn prev(&self, i: usize) -> Tok {
        let Some(j) = self.skip_space_back(i) else {
            return Tok {
                kind: Kind::End,
                start: i,
                end: i,
            };
        };
        match self.char_before(j) {
            None => Tok {
                kind: Kind::End,
                start: j,
                end: j,
            },
            Some(c) if is_letter(c) => Tok {
                kind: Kind::Word,
                start: self.word_start(j),
                end: j,
            },
            Some(c) if c.is_ascii_digit() => Tok {
                kind: Kind::Number,
                start: self.number_start(j),
                end: j,
            },
            Some(c) => Tok {
                kind: Kind::Punct(c),
                start: j - c.len_utf8(),
                end: j,
            },
        }
    }

    /// Whether the token's text equals `w`, ignoring ASCII case.
    pub fn is(&self, t: &Tok, w: &str) -> bool {
        t.kind == Kind::Word && self.slice(t.start, t.end).eq_ignore_ascii_case(w)
    }

    /// The token's text, lowercased, into `buf` (reused to avoid allocation).
    pub fn lower<'b>(&self, t: &Tok, buf: &'b mut String) -> &'b str {
        buf.clear();
        let word = self.slice(t.start, t.end);
        if word.is_ascii() {
            buf.push_str(word);
            buf.make_ascii_lowercase();
            return buf.as_str();
        }
        for c in word.chars() {
            if c == '’' {
                buf.push('\'');
            } else {
                buf.extend(c.to_lowercase());
            }
        }
        buf.as_str()
    }

    /// Whether the token starts with an uppercase letter.
    pub fn is_capitalized(&self, t: &Tok) -> bool {
        t.kind == Kind::Word && self.char_at(t.start).is_some_and(char::is_uppercase)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_words_and_numbers_both_ways() {
        let t = Text::new("About 5,200 special-forces soldiers, Canada’s own.");
        let a = t.next(0);
        assert_eq!((a.kind, t.slice(a.start, a.end)), (Kind::Word, "About"));
        let n = t.next(a.end);
        assert_eq!((n.kind, t.slice(n.start, n.end)), (Kind::Number, "5,200"));
        let w = t.next(n.end);
        assert_eq!(t.slice(w.start, w.end), "special-forces");
        let p = t.prev(w.start);
        assert_eq!(t.slice(p.start, p.end), "5,200");
        let c = t.next(t.next(w.end).end);
        assert!(c.is_punct(','));
        let can = t.next(c.end);
        assert_eq!(t.slice(can.start, can.end), "Canada’s");
        let mut buf = String::new();
        assert_eq!(t.lower(&can, &mut buf), "canada's");
    }

    #[test]
    fn a_blank_line_ends_the_walk() {
        let t = Text::new("one\n\ntwo");
        assert_eq!(t.next(3).kind, Kind::End);
        assert_eq!(t.prev(5).kind, Kind::End);
        let t = Text::new("one\ntwo");
        assert_eq!(t.next(3).kind, Kind::Word);
    }

    /// Word ends found character by character, the plain reading of the rule that
    /// [`Text::word_end`]'s byte fast paths must keep.
    fn word_end_by_chars(t: &Text<'_>, mut i: usize) -> usize {
        while let Some(c) = t.char_at(i) {
            let joins = (c == '-' || is_apostrophe(c))
                && t.char_at(i + c.len_utf8()).is_some_and(is_letter);
            if !(is_letter(c) || joins) {
                break;
            }
            i += c.len_utf8();
        }
        i
    }

    /// Word starts found character by character, the plain reading of the rule that
    /// [`Text::word_start`]'s byte fast paths must keep.
    fn word_start_by_chars(t: &Text<'_>, mut i: usize) -> usize {
        while let Some(c) = t.char_before(i) {
            let joins = (c == '-' || is_apostrophe(c))
                && t.char_before(i - c.len_utf8()).is_some_and(is_letter);
            if !(is_letter(c) || joins) {
                break;
            }
            i -= c.len_utf8();
        }
        i
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        /// Texts of the pieces word bounds depend on: ASCII and other letters, joiners in
        /// every position, digits, space and punctuation.
        fn texts() -> impl Strategy<Value = String> {
            let piece = prop::sample::select(vec![
                "a", "Zo", "é", "Ü", "ß", "中", "-", "'", "’", "--", "''", "1", " ", "\n", ".",
                ",", "—", "\u{a0}", "x-", "-y", "l’é", "e-é",
            ]);
            prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
        }

        /// Texts of what the space walks step over and stop at: every kind of space and
        /// line break, letters, figures and punctuation.
        fn spaced_texts() -> impl Strategy<Value = String> {
            let piece = prop::sample::select(vec![
                " ", " ", "\t", "\n", "\r", "\r\n", "\n\n", "\u{a0}", "\u{202f}", "\u{2009}",
                "\u{b}", "a", "é", "1", ".", "’",
            ]);
            prop::collection::vec(piece, 0..16).prop_map(|v| v.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4096))]

            /// The byte fast paths end every word where the character rule does.
            #[test]
            fn word_end_matches_the_character_rule(s in texts(), at in 0usize..200) {
                let t = Text::new(&s);
                let i = crate::source::floor_char_boundary(&s, at % (s.len() + 1));
                prop_assert_eq!(t.word_end(i), word_end_by_chars(&t, i));
            }

            /// The same going back, for word starts.
            #[test]
            fn word_start_matches_the_character_rule(s in texts(), at in 0usize..200) {
                let t = Text::new(&s);
                let i = crate::source::floor_char_boundary(&s, at % (s.len() + 1));
                prop_assert_eq!(t.word_start(i), word_start_by_chars(&t, i));
            }

            /// The byte fast paths of the space walks stop where the character walks do,
            /// from any position, a character boundary or not.
            #[test]
            fn space_walks_match_the_character_walks(
                s in spaced_texts(),
                at in 0usize..200,
            ) {
                let t = Text::new(&s);
                let i = at % (s.len() + 2);
                prop_assert_eq!(t.skip_space(i), t.skip_space_by_chars(i));
                prop_assert_eq!(t.skip_space_back(i), t.skip_space_back_by_chars(i));
            }
        }
    }
}
