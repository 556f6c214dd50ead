//! `quote-drift`: one quotation reproduced with different words.

use foldhash::{HashMap, HashMapExt};
use std::collections::hash_map::Entry;

use similar::{ChangeTag, TextDiff};

use super::{Check, CheckInfo, Context, Finding, Label, Severity};

pub struct QuoteDrift;

/// How alike two quotations' words must be to be one quotation (similar's ratio).
const SAME_QUOTE: f32 = 0.6;
/// Words of unchanged text kept on each side of a change in the help's diff.
const CONTEXT_WORDS: usize = 3;
/// The most characters of a quotation shown in a label.
const LABEL_CHARS: usize = 48;

static INFO: CheckInfo = CheckInfo {
    code: "F004",
    name: "quote-drift",
    group: "quotes",
    default_severity: Severity::Warning,
    summary: "one quotation is reproduced with different words",
    doc: "\
Finds a direct quotation, attributed to the same speaker, that is reproduced with different
words: across sources (a wire story and the drafts that reuse it) or within one. A quotation
must be word for word.

Quotations are read in straight and curly quotation marks, continued across paragraphs in
the style that reopens the quotation in each paragraph. The speaker is the name (or pronoun)
beside a speech verb (`said`, `told`, `explained` ...); mentions of one person under
different spellings are one speaker. Two quotations of a speaker are compared when their
words are alike (a similar ratio of at least 0.6); the help shows a word-level diff, with
`[-removed-]` and `{+added+}` words.

Legitimate editing is not drift: an ellipsis (`...` or `…`) or a bracketed insertion
(`[the minister]`) standing for words, a quotation that is shortened (a part of the other,
its end cut), and differences only in punctuation or capitalisation. A contraction (`we
are` / `we're`) and a changed word are drift.

## Example

    a.md: “We are committed to a stable Iraq,” said Harjit Sajjan.
    b.md: “We're committed to a stable Iraq,” said Harjit Sajjan.

reports the two quotations, with `[-We are-] {+We're+} committed to ...` in the help.

## Example that stays silent

    a.md: “We are committed to a stable Iraq and to its people,” said Harjit Sajjan.
    b.md: “We are committed to a stable Iraq … ,” said Harjit Sajjan.
",
};

/// A word of a quotation, for comparison: lowercased, edge punctuation removed; or a gap
/// (an ellipsis or a bracketed insertion) that stands for any words.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Tok {
    Word(String),
    Gap,
}

fn tokens(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        // A bracketed insertion stands for the words it replaces.
        if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']').map_or(after.len(), |i| i + 1);
            out.push(Tok::Gap);
            rest = &after[end.min(after.len())..];
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        if c == '…' || rest.starts_with("...") {
            if out.last() != Some(&Tok::Gap) {
                out.push(Tok::Gap);
            }
            rest = rest.trim_start_matches(['.', '…']);
            continue;
        }
        if c.is_whitespace() {
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let end = rest
            .find(|ch: char| ch.is_whitespace() || ch == '[' || ch == '…')
            .unwrap_or(rest.len());
        let end = match rest[..end].find("...") {
            Some(i) if i > 0 => i,
            _ => end,
        };
        let word: String = rest[..end]
            .trim_matches(|ch: char| !ch.is_alphanumeric())
            .chars()
            .map(|ch| if ch == '’' || ch == '‘' { '\'' } else { ch })
            .flat_map(char::to_lowercase)
            .collect();
        if !word.is_empty() {
            out.push(Tok::Word(word));
        }
        rest = &rest[end.max(1).min(rest.len())..];
    }
    out
}

/// Whether `pattern` (with gaps) matches a run of consecutive words of `words`: the
/// quotation is the other, shortened, with ellipses and insertions allowed.
fn fits(pattern: &[Tok], words: &[Tok]) -> bool {
    let n = words.len();
    // reach[j]: the pattern read so far can end just before word j.
    let mut reach = vec![true; n + 1];
    for p in pattern {
        let mut next = vec![false; n + 1];
        match p {
            Tok::Gap => {
                let mut any = false;
                for j in 0..=n {
                    any |= reach[j];
                    next[j] = any;
                }
            }
            Tok::Word(w) => {
                for j in 0..n {
                    if reach[j] && matches!(&words[j], Tok::Word(x) if x == w) {
                        next[j + 1] = true;
                    }
                }
            }
        }
        reach = next;
        if !reach.iter().any(|&r| r) {
            return false;
        }
    }
    true
}

fn words_only(toks: &[Tok]) -> Vec<&str> {
    toks.iter()
        .filter_map(|t| match t {
            Tok::Word(w) => Some(w.as_str()),
            Tok::Gap => None,
        })
        .collect()
}

/// The word-level diff of two quotations for the help: unchanged runs shortened.
pub fn word_diff(a: &str, b: &str) -> String {
    // Punctuation at the end is not part of the wording.
    fn edge(s: &str) -> &str {
        s.trim_end_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace())
    }
    let diff = TextDiff::from_words(edge(a), edge(b));
    let mut parts: Vec<(ChangeTag, String)> = Vec::new();
    for ch in diff.iter_all_changes() {
        let v = ch.value();
        match parts.last_mut() {
            Some((tag, s)) if *tag == ch.tag() => s.push_str(v),
            _ => parts.push((ch.tag(), v.to_string())),
        }
    }
    let mut out = String::new();
    let last = parts.len().saturating_sub(1);
    for (i, (tag, s)) in parts.iter().enumerate() {
        match tag {
            ChangeTag::Equal => {
                let words: Vec<&str> = s.split_whitespace().collect();
                let keep_head = if i == last { CONTEXT_WORDS } else { 0 };
                let keep_tail = if i == 0 { CONTEXT_WORDS } else { 0 };
                let (head, tail) = if i == 0 || i == last {
                    (keep_head, keep_tail)
                } else {
                    (CONTEXT_WORDS, CONTEXT_WORDS)
                };
                if words.len() > head + tail + 1 {
                    let mut seg = words[..head].join(" ");
                    if !seg.is_empty() {
                        seg.push(' ');
                    }
                    seg.push('…');
                    let t = words[words.len() - tail..].join(" ");
                    if !t.is_empty() {
                        seg.push(' ');
                        seg.push_str(&t);
                    }
                    push_spaced(&mut out, &seg);
                } else {
                    push_spaced(&mut out, &words.join(" "));
                }
            }
            ChangeTag::Delete => push_spaced(&mut out, &format!("[-{}-]", s.trim())),
            ChangeTag::Insert => push_spaced(&mut out, &format!("{{+{}+}}", s.trim())),
        }
    }
    out
}

fn push_spaced(out: &mut String, s: &str) {
    if s.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(s);
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= LABEL_CHARS {
        return s.to_string();
    }
    let cut: String = s.chars().take(LABEL_CHARS).collect();
    let cut = cut
        .rsplit_once(' ')
        .map_or(cut.as_str(), |(a, _)| a)
        .to_string();
    format!("{cut} …")
}

impl Check for QuoteDrift {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let entities = cx.entities();
        // Quotations by speaker.
        let mut by_speaker: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, c) in cx.claims.iter().enumerate() {
            let Some(q) = c.quote() else { continue };
            let Some(e) = q.speaker_claim.and_then(|s| entities.of_claim(s.index())) else {
                continue;
            };
            by_speaker.entry(e).or_default().push(i);
        }
        let mut speakers: Vec<usize> = by_speaker.keys().copied().collect();
        speakers.sort_unstable();
        for e in speakers {
            let quotes = &by_speaker[&e];
            let toks: Vec<Vec<Tok>> = quotes
                .iter()
                .map(|&i| tokens(cx.claims[i].quote().map_or("", |q| &*q.text)))
                .collect();
            // Distinct wordings, each with its quotations.
            let mut seen: HashMap<&[Tok], usize> = HashMap::new();
            let mut wordings: Vec<(usize, Vec<usize>)> = Vec::new(); // (index in quotes, claims)
            for (k, &i) in quotes.iter().enumerate() {
                match seen.entry(toks[k].as_slice()) {
                    Entry::Occupied(w) => wordings[*w.get()].1.push(i),
                    Entry::Vacant(v) => {
                        v.insert(wordings.len());
                        wordings.push((k, vec![i]));
                    }
                }
            }
            let forms: Vec<&[Tok]> = wordings.iter().map(|w| toks[w.0].as_slice()).collect();
            for (x, y) in drifted(&forms) {
                out.push(finding(cx, e, &wordings[x].1, &wordings[y].1));
            }
        }
    }
}

/// The pairs `(x, y)`, `x < y`, in order, of distinct wordings that are one quotation
/// reworded: alike in their words, and neither a shortened form of the other.
fn drifted(forms: &[&[Tok]]) -> Vec<(usize, usize)> {
    let words: Vec<Vec<&str>> = forms.iter().map(|f| words_only(f)).collect();
    let mut pairs = candidates(&words);
    pairs.retain(|&(x, y)| reworded(forms[x], forms[y], &words[x], &words[y]));
    pairs
}

/// Whether two distinct wordings (`a`, `b`; their words `wa`, `wb`) are one quotation
/// reworded.
fn reworded(a: &[Tok], b: &[Tok], wa: &[&str], wb: &[&str]) -> bool {
    !fits(a, b) && !fits(b, a) && TextDiff::from_slices(wa, wb).ratio() >= SAME_QUOTE
}

/// The pairs `(x, y)`, `x < y`, in order, of wordings alike enough to be compared, found
/// without comparing every pair: a speaker in an archive can have thousands of quotations.
///
/// similar's ratio is `2m / (la + lb)`, `m` the words matched in order, at most the `s`
/// words two wordings share. A ratio of at least 0.6 (`SAME_QUOTE`) means
/// `s >= 0.3 (la + lb)`, and as `s <= lb`, `s >= 3 la / 7`; and `s >= 1` (a wording with
/// no words is a shortened form of any other). With each wording's words (a repeated word
/// counted as distinct occurrences) ordered the same way, rarest first, two wordings that
/// share `t` words share one among the first `len - t + 1` of each: prefix filtering, as
/// set-similarity joins do. `t` is rounded down, so the filter can only let more through.
fn candidates(words: &[Vec<&str>]) -> Vec<(usize, usize)> {
    let mut count: HashMap<&str, u32> = HashMap::new();
    for &w in words.iter().flatten() {
        *count.entry(w).or_default() += 1;
    }
    let mut postings: HashMap<(&str, u32), Vec<usize>> = HashMap::new();
    let mut pairs = Vec::new();
    let mut elements: Vec<(u32, &str, u32)> = Vec::new();
    for (y, w) in words.iter().enumerate() {
        if w.is_empty() {
            continue;
        }
        // (frequency, word, occurrence): one total order shared by every wording.
        let mut sorted = w.clone();
        sorted.sort_unstable();
        elements.clear();
        for (i, &word) in sorted.iter().enumerate() {
            let occurrence = match elements.last() {
                Some(&(_, prev, k)) if i > 0 && prev == word => k + 1,
                _ => 0,
            };
            elements.push((count[word], word, occurrence));
        }
        elements.sort_unstable();
        let shared = (3 * w.len() / 7).max(1);
        for &(_, word, k) in &elements[..w.len() - shared + 1] {
            let list = postings.entry((word, k)).or_default();
            pairs.extend(list.iter().map(|&x| (x, y)));
            list.push(y);
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

fn finding(cx: &Context<'_>, entity: usize, first: &[usize], second: &[usize]) -> Finding {
    let text = |i: usize| cx.claims[i].quote().map_or("", |q| &*q.text);
    let group = &cx.entities().groups[entity];
    let speaker = group
        .majority()
        .map(|s| s.text.as_str())
        .unwrap_or(group.spellings[0].text.as_str());
    let mut labels: Vec<Label> = Vec::new();
    for &i in first.iter().chain(second) {
        labels.push(cx.label(i, format!("quoted as “{}”", shorten(text(i)))));
    }
    let (a, b) = (first[0], second[0]);
    let (pa, pb) = (
        &cx.sources[cx.claims[a].source_id()].path,
        &cx.sources[cx.claims[b].source_id()].path,
    );
    Finding {
        check: &INFO,
        severity: Severity::Warning,
        message: format!("a quotation of `{speaker}` is reproduced with different words"),
        labels,
        help: Some(format!(
            "words differ from {pa} to {pb}: {}; a quotation must be word for word (mark cuts with … and insertions with [ ])",
            word_diff(text(a), text(b))
        )),
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        let (ta, tb) = (tokens(a), tokens(b));
        ta == tb || fits(&ta, &tb) || fits(&tb, &ta)
    }

    #[test]
    fn legitimate_editing() {
        assert!(same("We are committed to it.", "we are committed to it"));
        assert!(same(
            "We are committed … to it",
            "We are committed to Iraq and to it"
        ));
        assert!(same("[The minister] is committed", "He is committed"));
        assert!(same("We are committed", "We are committed to helping"));
        assert!(!same("We are committed", "We're committed"));
        assert!(!same("We are committed to it", "We are dedicated to it"));
    }

    /// Every pair compared: what `drifted` finds without comparing every pair.
    fn drifted_by_every_pair(forms: &[&[Tok]]) -> Vec<(usize, usize)> {
        let words: Vec<Vec<&str>> = forms.iter().map(|f| words_only(f)).collect();
        let mut pairs = Vec::new();
        for x in 0..forms.len() {
            for y in x + 1..forms.len() {
                if reworded(forms[x], forms[y], &words[x], &words[y]) {
                    pairs.push((x, y));
                }
            }
        }
        pairs
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
        #[test]
        fn candidate_pairs_miss_no_drift(
            quotes in proptest::collection::vec(
                proptest::collection::vec(0usize..9, 0..14), 0..12)
        ) {
            // Few words, so that wordings overlap often; a gap now and then.
            const WORDS: [&str; 9] = ["we", "are", "committed", "to", "iraq", "and", "its", "people", "..."];
            let texts: Vec<String> = quotes
                .iter()
                .map(|q| q.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" "))
                .collect();
            let mut toks: Vec<Vec<Tok>> = Vec::new();
            for t in texts.iter().map(|t| tokens(t)) {
                if !toks.contains(&t) {
                    toks.push(t);
                }
            }
            let forms: Vec<&[Tok]> = toks.iter().map(Vec::as_slice).collect();
            proptest::prop_assert_eq!(drifted(&forms), drifted_by_every_pair(&forms));
        }
    }

    #[test]
    fn many_quotations_of_one_speaker_are_not_compared_pairwise() {
        // 2,000 wordings that share only their last two words: no pair is alike, and
        // none is a candidate, so nothing is compared.
        let texts: Vec<String> = (0..2000)
            .map(|i| format!("a{i} b{i} c{i} d{i} e{i} f{i} we said"))
            .collect();
        let toks: Vec<Vec<Tok>> = texts.iter().map(|t| tokens(t)).collect();
        let forms: Vec<&[Tok]> = toks.iter().map(Vec::as_slice).collect();
        let words: Vec<Vec<&str>> = forms.iter().map(|f| words_only(f)).collect();
        assert!(candidates(&words).is_empty());
        assert!(drifted(&forms).is_empty());
    }

    #[test]
    fn the_diff_shows_changed_words() {
        assert_eq!(
            word_diff("We are committed to it", "We're committed to it"),
            "[-We are-] {+We're+} committed to it"
        );
    }
}
