//! The search for where a figure may start: one automaton over digits, number words, vague
//! words, anaphora, articles and share words (ASCII case-insensitive, leftmost-longest,
//! non-overlapping).
//!
//! A text has a trigger every fifty bytes or so, and `AhoCorasick::find_iter` starts a new
//! search after each one through the crate's general entry point (prefilter, anchoring,
//! match kinds), then steps through the bytes in a loop written for every kind of
//! automaton. [`Triggers::find`] runs the same DFA (the same patterns, built with the same
//! options) with the loop of the crate's own unanchored leftmost search, written for this
//! case: no prefilter and no empty pattern. It finds the same matches (see the tests), for
//! about three quarters of the instructions.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, MatchKind, dfa};

/// A match of a trigger pattern: its byte range and the pattern's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

/// The trigger patterns, compiled.
#[derive(Debug)]
pub(crate) struct Triggers {
    /// The patterns for the crate's own search: the rule, and the search when `dfa` is
    /// `None`.
    automaton: AhoCorasick,
    /// The same patterns with the same options, without a prefilter, with its unanchored
    /// start; `None` when a pattern is empty (the crate's search handles empty matches).
    dfa: Option<(dfa::DFA, StateID)>,
}

impl Triggers {
    /// Compile `patterns` (in order: a match reports its pattern's index).
    pub fn new(patterns: &[String]) -> Triggers {
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(patterns);
        match automaton {
            Ok(automaton) => Triggers {
                automaton,
                dfa: Self::dfa(patterns),
            },
            // The patterns are short literals; building cannot fail, but never panic.
            Err(_) => Triggers {
                automaton: AhoCorasick::new(["0"]).expect("a one-pattern automaton builds"),
                dfa: None,
            },
        }
    }

    fn dfa(patterns: &[String]) -> Option<(dfa::DFA, StateID)> {
        if patterns.iter().any(String::is_empty) {
            return None;
        }
        let d = dfa::Builder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .prefilter(false)
            .build(patterns)
            .ok()?;
        let start = d.start_state(Anchored::No).ok()?;
        Some((d, start))
    }

    /// Every match in `text`, in order, as `AhoCorasick::find_iter` reports them.
    pub fn find<'a>(&'a self, text: &'a str) -> Matches<'a> {
        match &self.dfa {
            Some((d, start)) => Matches::Dfa {
                d,
                start: *start,
                hay: text.as_bytes(),
                at: 0,
            },
            None => Matches::Plain(self.automaton.find_iter(text)),
        }
    }
}

/// The matches of [`Triggers::find`].
pub(crate) enum Matches<'a> {
    Dfa {
        d: &'a dfa::DFA,
        start: StateID,
        hay: &'a [u8],
        /// Where the next search starts: the end of the last match.
        at: usize,
    },
    Plain(aho_corasick::FindIter<'a, 'a>),
}

impl Iterator for Matches<'_> {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        match self {
            Matches::Dfa { d, start, hay, at } => {
                let found = leftmost_longest(d, *start, hay, *at)?;
                // No pattern is empty, so the search moves on.
                *at = found.end;
                Some(found)
            }
            Matches::Plain(it) => it.next().map(|m| Found {
                start: m.start(),
                end: m.end(),
                pattern: m.pattern().as_usize(),
            }),
        }
    }
}

/// The leftmost-longest match from `at` on, as the crate's unanchored search finds it
/// without a prefilter: the start state is then never special, and in leftmost mode the
/// DFA dies only once it has passed a match, which is the one to report.
fn leftmost_longest(d: &dfa::DFA, start: StateID, hay: &[u8], at: usize) -> Option<Found> {
    let mut sid = start;
    let mut found = None;
    for (k, &b) in hay.get(at..)?.iter().enumerate() {
        sid = d.next_state(Anchored::No, sid, b);
        if !d.is_special(sid) {
            continue;
        }
        if d.is_dead(sid) {
            break;
        }
        if d.is_match(sid) {
            let pattern = d.match_pattern(sid, 0);
            let end = at + k + 1;
            found = Some(Found {
                start: end - d.pattern_len(pattern),
                end,
                pattern: pattern.as_usize(),
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The rule: the crate's own search over the same patterns.
    fn plain(tr: &Triggers, s: &str) -> Vec<Found> {
        tr.automaton
            .find_iter(s)
            .map(|m| Found {
                start: m.start(),
                end: m.end(),
                pattern: m.pattern().as_usize(),
            })
            .collect()
    }

    /// The built-in patterns, as the extractor orders them, compiled once.
    static BUILTIN: std::sync::LazyLock<Triggers> = std::sync::LazyLock::new(|| {
        let rules = crate::rules::Rules::builtin().expect("built-in rules load");
        Triggers::new(&super::super::trigger_patterns(&rules).0)
    });

    /// Prose pieces: the patterns and their near misses, words that end the way a
    /// pattern starts (`kittens`, `bathe`), figures, non-ASCII letters, punctuation and
    /// space.
    fn texts() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "a",
            "an",
            "A",
            "As",
            "as",
            "the",
            "THE",
            "tens",
            "ten",
            "kittens",
            "bathe",
            "of",
            "thousands",
            "Thousand",
            "similar",
            "same",
            "equal",
            "many",
            "again",
            "number",
            "numbers",
            "one",
            "someone",
            "eight",
            "eighteen",
            "eightens",
            "seventeen",
            "dozens",
            "half",
            "quarter",
            "zero",
            "millions",
            "é",
            "Ünï",
            "’",
            "5",
            "12",
            "3,000",
            "x9",
            "-",
            ".",
            ",",
            "(",
            " ",
            " ",
            " ",
            "\n",
            "\n\n",
            "\u{a0}",
        ]);
        prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
    }

    /// Pattern sets with duplicates (in either case), prefixes and suffixes of one
    /// another, figures and punctuation inside, non-ASCII letters, and the empty pattern.
    fn pattern_sets() -> impl Strategy<Value = Vec<String>> {
        let pattern = prop::sample::select(vec![
            "0",
            "5",
            "one",
            "ONE",
            "on",
            "ne",
            "ten",
            "tens of thousands",
            "thousands",
            "a ",
            "an ",
            "a\n",
            "a similar number",
            "e",
            "é",
            "ünï",
            "top 10",
            "x9",
            "-",
            "(a",
            "of",
            " ",
            "s a",
            "",
        ]);
        prop::collection::vec(pattern.prop_map(String::from), 1..12)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// The search finds what the crate's search finds, with the built-in patterns.
        #[test]
        fn finds_what_the_crate_finds(s in texts()) {
            let tr = &*BUILTIN;
            prop_assert!(tr.dfa.is_some());
            prop_assert_eq!(tr.find(&s).collect::<Vec<_>>(), plain(tr, &s));
        }

        /// The same with other pattern sets, and on text with every kind of character.
        #[test]
        fn finds_the_same_with_any_patterns(
            patterns in pattern_sets(),
            s in prop_oneof![texts(), "[a-cA-Cé0-9 \n.(-]{0,40}", any::<String>()],
        ) {
            let tr = Triggers::new(&patterns);
            prop_assert_eq!(tr.find(&s).collect::<Vec<_>>(), plain(&tr, &s));
        }
    }
}
